package org.jstap.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.hw.E1000;
import org.jstap.sim.hw.Mmio;
import org.jstap.sim.hw.NicHarness;
import org.jstap.sim.hw.Wire;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.PageAlloc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several machines on one wire: names and addresses by index, a frame from host0 reaching host1
 * at the virtual time the wire promises, and a lossy two-way exchange that repeats exactly.
 */
class ClusterTest {
    private static final long US = 1_000;
    private static final long MS = 1_000_000;
    /** Machines that only sleep after boot, so nothing but the frames and the ticks happens. */
    private static final KernelConfig QUIET = new KernelConfig(1, 64, 0, "init=/bin/sleep 100000");

    private Cluster cluster;

    @AfterEach
    void powerOff() {
        if (cluster != null) {
            cluster.kernel_power_off();
        }
    }

    /**
     * A test-only driver in one machine: its rings in pages from the kernel's allocator, its
     * interrupt handler (taken with request_irq) reading ICR and handing each received frame's
     * descriptor straight back.
     */
    private static final class TestDriver {
        final Kernel kernel;
        final NicHarness nic;
        final List<String> log = new ArrayList<>();
        final List<Long> rxTimes = new ArrayList<>();
        final List<byte[]> rxFrames = new ArrayList<>();
        private int nextRx;

        TestDriver(Kernel kernel) {
            this.kernel = kernel;
            long pfn = kernel.page_alloc().alloc_pages(Gfp.GFP_KERNEL, 4);
            assertTrue(NicHarness.region_size(8) <= 16L * 4096);
            nic = new NicHarness(kernel.hardware(), PageAlloc.page_to_phys(pfn), 8);
            assertEquals(0, kernel.irq().request_irq(Mmio.E1000_IRQ, "eth0", (irq, cpu) -> e1000_intr()));
            nic.readl(E1000.ICR);
            nic.configure_tx();
            nic.configure_rx(E1000.RCTL_EN | E1000.RCTL_BAM | E1000.RCTL_SZ_2048 | E1000.RCTL_SECRC, 7);
            nic.writel(E1000.IMS, E1000.ICR_TXDW | E1000.ICR_RXT0 | E1000.ICR_RXO | E1000.ICR_LSC);
        }

        private void e1000_intr() {
            long now = kernel.hardware().now();
            int icr = nic.readl(E1000.ICR);
            log.add(now + " icr=" + Integer.toHexString(icr));
            while ((nic.rxStatus(nextRx) & E1000.RXD_STAT_DD) != 0) {
                rxTimes.add(now);
                rxFrames.add(nic.rxData(nextRx));
                log.add(now + " rx " + nic.rxLength(nextRx) + " bytes, tag " + (nic.rxData(nextRx)[14] & 0xff));
                nic.ram.write8(nic.rxDesc(nextRx) + 12, 0);
                nic.writel(E1000.RDT, nextRx);
                nextRx = (nextRx + 1) % nic.descs;
            }
        }

        /** At virtual time {@code at}, as an event of this machine, queues a frame tagged {@code tag} to {@code dst}. */
        void send_at(long at, long dst, int tag) {
            kernel.hardware().events().schedule(at, () -> {
                byte[] payload = NicHarness.payload(86, tag);
                payload[0] = (byte) tag;
                nic.xmit(NicHarness.frame(dst, kernel.hardware().nic().mac(), payload));
            });
        }
    }

    @Test
    void hosts_areNamedByIndex_withTheirOwnAddressAndSeed() {
        cluster = Cluster.boot(3, QUIET, Wire.Config.defaults());
        for (int i = 0; i < 3; i++) {
            Kernel k = cluster.host(i);
            assertTrue(k.init().booted());
            assertEquals("host" + i, k.utsname().nodename());
            assertEquals(0x5254_0012_3456L + i, k.hardware().nic().mac());
            assertEquals(i, k.config().seed());
            assertEquals("host" + i + "\n", new String(k.initramfs().lookup("/etc/hostname")));
            assertTrue((k.hardware().mmio().read(Mmio.E1000_BASE + E1000.STATUS, 4) & E1000.STATUS_LU) != 0);
        }
        assertEquals(3, cluster.wire().ports().size());
    }

    @Test
    void frameFromHost0_arrivesAtHost1_atSendTimePlusFrameTimePlusDelay() {
        long delay = 50 * US;
        cluster = Cluster.boot(2, QUIET, Wire.Config.defaults().withDelay(delay));
        TestDriver d0 = new TestDriver(cluster.host(0));
        TestDriver d1 = new TestDriver(cluster.host(1));
        long t = cluster.now() + MS;
        d0.send_at(t, cluster.host(1).hardware().nic().mac(), 1);
        assertTrue(cluster.run_until(() -> !d1.rxTimes.isEmpty(), t + 10 * MS));
        long ft = Wire.frame_time_ns(100, 1_000_000_000L);
        assertEquals(List.of(t + ft + delay), d1.rxTimes);
        assertEquals(100, d1.rxFrames.get(0).length, "RCTL.SECRC: no FCS");
        assertEquals(0x5254_0012_3456L, macAt(d1.rxFrames.get(0), 6), "from host0");
        assertEquals(List.of((t + ft) + " icr=3"), d0.log, "host0: TXDW|TXQE when its last bit left");
        assertTrue(cluster.host(1).irq().proc_interrupts().lines()
                .anyMatch(l -> l.matches(" 33:\\s+1\\s+RISC-V INTC\\s+eth0")), cluster.host(1).irq().proc_interrupts());
        assertEquals(1, cluster.wire().ports().get(1).rx_frames());
    }

    private static long macAt(byte[] f, int off) {
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = mac << 8 | (f[off + i] & 0xff);
        }
        return mac;
    }

    /** Two machines trade 40 frames each over a lossy wire; everything either saw, as text. */
    private static String exchange() {
        Cluster c = Cluster.boot(2, QUIET, Wire.Config.defaults().withDelay(20 * US).withLoss(0.2).withSeed(7));
        try {
            TestDriver d0 = new TestDriver(c.host(0));
            TestDriver d1 = new TestDriver(c.host(1));
            long start = c.now() + MS;
            for (int i = 0; i < 40; i++) {
                d0.send_at(start + i * 37 * US, c.host(1).hardware().nic().mac(), i);
                d1.send_at(start + i * 53 * US, 0xffff_ffff_ffffL, 100 + i);
            }
            c.run_until(() -> false, start + 100 * MS);
            long lost = c.wire().ports().get(0).lost() + c.wire().ports().get(1).lost();
            assertTrue(lost > 0, "some frames lost");
            assertEquals(80 - lost, d0.rxTimes.size() + d1.rxTimes.size());
            StringBuilder out = new StringBuilder();
            for (TestDriver d : List.of(d0, d1)) {
                out.append("== ").append(d.kernel.utsname().nodename()).append('\n');
                d.log.forEach(l -> out.append(l).append('\n'));
                out.append(d.kernel.irq().proc_interrupts());
                d.kernel.printk().dmesg().forEach(l -> out.append(l).append('\n'));
                out.append("clock ").append(d.kernel.hardware().now()).append('\n');
            }
            return out.toString();
        } finally {
            c.kernel_power_off();
        }
    }

    @Test
    void lossyExchange_twoRunsAreIdentical() {
        String first = exchange();
        assertTrue(first.contains("== host0\n") && first.contains(" rx 100 bytes, tag 139"), first);
        assertEquals(first, exchange());
    }
}
