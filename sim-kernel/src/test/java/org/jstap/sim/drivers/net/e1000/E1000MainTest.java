package org.jstap.sim.drivers.net.e1000;

import static org.jstap.sim.lib.Byteorder.htons;
import static org.jstap.sim.net.core.NetDevice.LL_RESERVED_SPACE;
import static org.jstap.sim.net.core.NetDevice.dev_get_flags;
import static org.jstap.sim.net.core.NetDevice.netif_carrier_ok;
import static org.jstap.sim.net.core.NetDevice.netif_queue_stopped;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Cluster;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.hw.E1000;
import org.jstap.sim.hw.Mmio;
import org.jstap.sim.hw.Wire;
import org.jstap.sim.kernel.Kallsyms;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.trace.Tracepoints;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.Slub;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.PacketType;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.ethernet.IfEther;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The e1000 driver on the emulated 82540EM: probed at boot into eth0, brought up and down, and
 * carrying frames between two hosts of a cluster through the rings, the interrupt and NAPI.
 */
class E1000MainTest {
    /** IEEE 802 local experimental EtherType 1: nothing in the kernel handles it but the tests. */
    private static final int ETH_P_TEST = 0x88B5;
    private static final long US = 1_000;
    private static final long MS = 1_000_000;
    private static final long SECOND = 1_000_000_000;
    /** Machines that only sleep after boot. */
    private static final KernelConfig QUIET = new KernelConfig(1, 64, 0, "init=/bin/sleep 100000");
    private static final Wire.Config LAN = Wire.Config.defaults().withDelay(20 * US);

    private Cluster cluster;
    private Kernel single;
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void powerOff() {
        if (cluster != null) {
            cluster.kernel_power_off();
        }
        if (single != null) {
            single.kernel_power_off();
        }
    }

    private static NetDevice eth0(Kernel k) {
        return k.net().dev().__dev_get_by_name("eth0");
    }

    private static byte[] mac(Kernel k) {
        return eth0(k).address();
    }

    private static int reg(Kernel k, int reg) {
        return k.io().readl(Mmio.E1000_BASE + reg);
    }

    private static long activeSkbs(Kernel k) {
        return k.slab().caches().stream().filter(c -> c.name().equals("skbuff_head_cache"))
                .mapToLong(Slub.KmemCache::active_objs).sum();
    }

    private boolean runFor(long ns) {
        long until = cluster.now() + ns;
        return cluster.run_until(() -> false, until);
    }

    /** Runs {@code body} in a kernel thread on host {@code k} until it is done. */
    private void inTask(Kernel k, Runnable body) {
        TaskStruct t = k.kthread().kthread_run(body, 0, "sender");
        assertTrue(cluster.run_until(() -> t.state() == TaskStruct.State.DEAD, cluster.now() + 10 * SECOND));
    }

    /** Two hosts with eth0 up and the carrier on (the watchdog has run). */
    private void twoHostsUp() {
        cluster = Cluster.boot(2, QUIET, LAN);
        for (Kernel k : cluster.hosts()) {
            assertEquals(0, k.net().dev().dev_open(eth0(k)));
        }
        assertTrue(cluster.run_until(() -> cluster.hosts().stream().allMatch(k -> netif_carrier_ok(eth0(k))
                && eth0(k)._tx.qdisc != k.net().sched().noop_qdisc), cluster.now() + SECOND));
        // past the interrupt the watchdog's RXDMT0 raised
        runFor(10 * MS);
    }

    /** An Ethernet frame of ETH_P_TEST from {@code dev} to {@code dst}, built as a protocol would. */
    private static SkBuff frame(Kernel k, NetDevice dev, byte[] dst, byte[] payload) {
        int hh = LL_RESERVED_SPACE(dev);
        SkBuff skb = k.net().skb().alloc_skb(hh + payload.length, Gfp.GFP_KERNEL);
        SkBuff.skb_reserve(skb, hh);
        k.net().skb().skb_put_data(skb, payload, 0, payload.length);
        SkBuff.skb_reset_network_header(skb);
        skb.dev = dev;
        skb.protocol = htons(ETH_P_TEST);
        assertEquals(IfEther.ETH_HLEN, NetDevice.dev_hard_header(skb, dev, ETH_P_TEST, dst, null, skb.len));
        return skb;
    }

    private static byte[] payload(int len, int seq) {
        byte[] p = new byte[len];
        for (int i = 0; i < len; i++) {
            p[i] = (byte) (seq * 31 + i * 7);
        }
        p[0] = (byte) (seq >> 8);
        p[1] = (byte) seq;
        return p;
    }

    private static String where(Kernel k) {
        TaskStruct t = k.sched().current();
        return (t == null ? "irq" : t.comm()) + "@cpu" + k.smp_processor_id()
                + (k.softirq().in_softirq(k.smp_processor_id()) ? " softirq" : "");
    }

    /** A handler of ETH_P_TEST on {@code k} that keeps each packet's bytes. */
    private List<byte[]> receiver(Kernel k) {
        List<byte[]> got = new ArrayList<>();
        k.net().rx().dev_add_pack(new PacketType(htons(ETH_P_TEST), null, "test_rcv", (skb, dev, pt, orig) -> {
            byte[] b = new byte[skb.len];
            skb.load(skb.data, b, 0, b.length);
            if (got.isEmpty()) {
                log.add("rcv " + b.length + " bytes on " + dev.name + " in " + where(k) + " pkt_type " + skb.pkt_type
                        + " mac_len " + skb.mac_len);
            }
            got.add(b);
            k.net().skb().consume_skb(skb);
            return NetDevice.NET_RX_SUCCESS;
        }));
        return got;
    }

    private static String procNetDevLine(Kernel k, String dev) {
        return k.net().procfs().dev_seq_show().lines().filter(l -> l.trim().startsWith(dev + ":")).findFirst()
                .orElseThrow();
    }

    // ---------------------------------------------------------------- probe

    @Test
    void probe_registersEth0_withTheEepromsMac_downAndWithoutCarrier() {
        single = Kernel.boot(QUIET.withNic(3));
        NetDevice dev = eth0(single);
        assertNotNull(dev);
        assertEquals(List.of("lo", "eth0"), single.net().dev().devices().stream().map(d -> d.name).toList());
        assertEquals(2, dev.ifindex);
        assertArrayEquals(new byte[] {0x52, 0x54, 0, 0x12, 0x34, 0x59}, dev.address(), "EEPROM words 0-2");
        assertArrayEquals(dev.address(), java.util.Arrays.copyOf(dev.perm_addr, 6));
        assertEquals(NetDevice.ARPHRD_ETHER, dev.type);
        assertEquals(1500, dev.mtu);
        assertEquals(NetDevice.IFF_BROADCAST | NetDevice.IFF_MULTICAST, dev_get_flags(dev));
        assertFalse(netif_carrier_ok(dev), "carrier off until the watchdog sees the link");
        single.run_until(() -> false, single.hardware().now() + 10 * MS);
        assertEquals(NetDevice.IF_OPER_DOWN, dev.operstate, "the link watch saw the carrier go off");
        List<String> dmesg = single.printk().dmesg().stream().filter(l -> l.contains("e1000")).toList();
        assertEquals(4, dmesg.size(), dmesg.toString());
        assertTrue(dmesg.get(0).endsWith("] e1000: Intel(R) PRO/1000 Network Driver"), dmesg.get(0));
        assertTrue(dmesg.get(1).endsWith("] e1000: Copyright (c) 1999-2006 Intel Corporation."), dmesg.get(1));
        assertTrue(dmesg.get(2).endsWith("] e1000 0000:00:01.0 eth0: (PCI:33MHz:32-bit) 52:54:00:12:34:59"),
                dmesg.get(2));
        assertTrue(dmesg.get(3).endsWith("] e1000 0000:00:01.0 eth0: Intel(R) PRO/1000 Network Connection"),
                dmesg.get(3));
        // e1000_init_hw: the station address in RAR[0], valid; link up and flow control as the EEPROM asks
        assertEquals(0x1200_5452, reg(single, E1000.RA));
        assertEquals(0x8000_5934, reg(single, E1000.RA + 4));
        assertEquals(E1000.CTRL_SLU | E1000Hw.E1000_CTRL_RFCE | E1000Hw.E1000_CTRL_TFCE,
                reg(single, E1000.CTRL) & (E1000.CTRL_SLU | E1000Hw.E1000_CTRL_RFCE | E1000Hw.E1000_CTRL_TFCE));
        assertEquals(0, reg(single, E1000.IMS), "no interrupts until open");
        assertFalse(single.irq().proc_interrupts().contains(" 33:"), "the line is taken at open");
    }

    @Test
    void machineWithoutNic_hasNoEth0_andNoDriverLines() {
        single = Kernel.boot(QUIET);
        assertNull(eth0(single));
        assertNull(single.e1000().adapter());
        assertTrue(single.printk().dmesg().stream().noneMatch(l -> l.contains("e1000")));
    }

    // ---------------------------------------------------------------- up and down

    @Test
    void open_setsUpTheRingsAndInterrupt_andTheWatchdogBringsTheLinkUp() {
        cluster = Cluster.boot(1, QUIET, LAN);
        Kernel k = cluster.host(0);
        NetDevice dev = eth0(k);
        E1000Adapter a = k.e1000().adapter();
        assertEquals(0, k.net().dev().dev_open(dev));
        assertEquals(256, a.tx_ring.count);
        assertEquals(256 * 16, reg(k, E1000.TDLEN));
        assertEquals(256 * 16, reg(k, E1000.RDLEN));
        assertEquals((int) a.tx_ring.dma, reg(k, E1000.TDBAL));
        assertEquals((int) a.rx_ring.dma, reg(k, E1000.RDBAL));
        assertEquals(0, reg(k, E1000.TDH));
        assertEquals(0, reg(k, E1000.TDT));
        assertEquals(255, a.rx_ring.next_to_use, "E1000_DESC_UNUSED: all but one get a buffer");
        assertEquals(254, reg(k, E1000.RDT), "RDT at the last one filled");
        assertEquals(E1000.RCTL_EN | E1000.RCTL_BAM, reg(k, E1000.RCTL));
        assertEquals(E1000.ICR_RXT0 | E1000.ICR_TXDW | E1000.ICR_RXDMT0 | 0x08 | E1000.ICR_LSC, reg(k, E1000.IMS));
        assertEquals(0, reg(k, E1000.TCTL) & E1000.TCTL_EN, "the transmitter waits for the link");
        assertTrue((reg(k, E1000.TCTL) & E1000.TCTL_PSP) != 0);
        assertTrue(k.irq().proc_interrupts().lines().anyMatch(l -> l.matches(" 33:\\s+\\d+\\s+RISC-V INTC\\s+eth0")),
                k.irq().proc_interrupts());
        assertFalse(netif_queue_stopped(dev));
        assertFalse(netif_carrier_ok(dev));

        // open's LSC: the interrupt schedules the watchdog a jiffy later
        assertTrue(cluster.run_until(() -> netif_carrier_ok(dev), cluster.now() + 100 * MS));
        assertTrue(k.printk().dmesg().stream()
                .anyMatch(l -> l.endsWith("] e1000: eth0 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: RX/TX")),
                k.printk().dmesg().toString());
        assertEquals(1000, a.link_speed);
        assertEquals(E1000Hw.FULL_DUPLEX, a.link_duplex);
        assertTrue((reg(k, E1000.TCTL) & E1000.TCTL_EN) != 0, "the watchdog turned the transmitter on");
        runFor(10 * MS);
        assertEquals(NetDevice.IF_OPER_UP, dev.operstate);
        assertEquals("pfifo_fast", dev._tx.qdisc.ops.id(), "the link watch activated the qdisc");
        assertEquals(NetDevice.IFF_UP | NetDevice.IFF_BROADCAST | NetDevice.IFF_MULTICAST | NetDevice.IFF_RUNNING
                | NetDevice.IFF_LOWER_UP, dev_get_flags(dev));
        assertTrue(k.irq().kstat_irqs(Mmio.E1000_IRQ) >= 1);
    }

    @Test
    void close_givesTheRingsSkbsAndLineBack_andTheDeviceComesUpAgain() {
        cluster = Cluster.boot(1, QUIET, LAN);
        Kernel k = cluster.host(0);
        NetDevice dev = eth0(k);
        E1000Adapter a = k.e1000().adapter();
        long skbsBefore = activeSkbs(k);
        long freeBefore = k.page_alloc().nr_free_pages();
        assertEquals(0, k.net().dev().dev_open(dev));
        assertEquals(skbsBefore + 255, activeSkbs(k), "a receive skb per descriptor handed out");
        assertTrue(cluster.run_until(() -> netif_carrier_ok(dev), cluster.now() + 100 * MS));
        inTask(k, () -> k.net().dev().dev_close(dev));
        assertEquals(0, dev.flags & NetDevice.IFF_UP);
        assertFalse(netif_carrier_ok(dev));
        assertEquals(skbsBefore, activeSkbs(k), "every receive skb freed");
        assertEquals(0, reg(k, E1000.IMS));
        assertEquals(0, reg(k, E1000.RCTL) & E1000.RCTL_EN);
        assertEquals(0, reg(k, E1000.TCTL) & E1000.TCTL_EN);
        assertFalse(k.irq().proc_interrupts().contains(" 33:"), k.irq().proc_interrupts());
        assertNull(a.tx_ring.buffer_info);
        assertTrue(k.page_alloc().nr_free_pages() >= freeBefore - 64, "ring pages back (slab keeps its own)");
        assertTrue(a.test_bit(E1000Adapter.__E1000_DOWN));
        long watchdogRuns = a.watchdog_task.runs();
        runFor(5 * SECOND);
        assertEquals(watchdogRuns, a.watchdog_task.runs(), "the watchdog was cancelled");

        assertEquals(0, k.net().dev().dev_open(dev));
        assertTrue(cluster.run_until(() -> netif_carrier_ok(dev), cluster.now() + 100 * MS));
        assertEquals(2, k.printk().dmesg().stream().filter(l -> l.contains("eth0 NIC Link is Up")).count());
    }

    @Test
    void cablePulled_carrierGoesOffAtTheNextWatchdog_andComesBackWithTheCable() {
        cluster = Cluster.boot(1, QUIET, LAN);
        Kernel k = cluster.host(0);
        NetDevice dev = eth0(k);
        k.net().dev().dev_open(dev);
        assertTrue(cluster.run_until(() -> netif_carrier_ok(dev), cluster.now() + 100 * MS));
        cluster.wire().ports().get(0).set_plugged(false);
        // the LSC finds the watchdog pending: it looks within its 2 s period
        assertTrue(cluster.run_until(() -> !netif_carrier_ok(dev), cluster.now() + 3 * SECOND));
        assertTrue(k.printk().dmesg().stream().anyMatch(l -> l.endsWith("] e1000: eth0 NIC Link is Down")));
        runFor(10 * MS);
        assertEquals(NetDevice.IF_OPER_DOWN, dev.operstate);
        assertEquals(0, k.e1000().adapter().link_speed);
        cluster.wire().ports().get(0).set_plugged(true);
        assertTrue(cluster.run_until(() -> netif_carrier_ok(dev), cluster.now() + 3 * SECOND));
        runFor(10 * MS);
        assertEquals(NetDevice.IF_OPER_UP, dev.operstate);
    }

    @Test
    void interruptWithNoCause_isNotOurs() {
        cluster = Cluster.boot(1, QUIET, LAN);
        Kernel k = cluster.host(0);
        k.net().dev().dev_open(eth0(k));
        assertTrue(cluster.run_until(() -> netif_carrier_ok(eth0(k)), cluster.now() + 100 * MS));
        runFor(10 * MS);
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("irq_handler_exit"), args -> {
            if ((int) args[0] == Mmio.E1000_IRQ) {
                log.add("ret " + args[1]);
            }
        });
        // a line raised with ICR empty (as a shared line's other device would)
        k.hardware().events().schedule(k.hardware().now() + US,
                () -> k.hardware().interruptController().raise(Mmio.E1000_IRQ, 0));
        runFor(MS);
        assertEquals(List.of("ret 0"), log, "IRQ_NONE");
    }

    @Test
    void setMac_programsRar0_andRefusesAMulticastAddress() {
        single = Kernel.boot(QUIET.withNic(0));
        NetDevice dev = eth0(single);
        byte[] mac = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
        assertEquals(0, single.net().dev().dev_set_mac_address(dev, NetDevice.ARPHRD_ETHER, mac));
        assertArrayEquals(mac, dev.address());
        assertEquals(0x3322_1102, reg(single, E1000.RA));
        assertEquals(0x8000_5544, reg(single, E1000.RA + 4));
        assertEquals(-org.jstap.sim.kernel.Errno.EADDRNOTAVAIL, single.net().dev().dev_set_mac_address(dev,
                NetDevice.ARPHRD_ETHER, new byte[] {0x01, 0, 0x5e, 0, 0, 1}));
        assertArrayEquals(mac, dev.address());
        assertArrayEquals(new byte[] {0x52, 0x54, 0, 0x12, 0x34, 0x56}, java.util.Arrays.copyOf(dev.perm_addr, 6));
    }

    // ---------------------------------------------------------------- two hosts

    @Test
    void frameSentOnHost0_arrivesAtHost1sHandler_throughTheInterruptAndNapi_countedOnBothSides() {
        twoHostsUp();
        Kernel h0 = cluster.host(0);
        Kernel h1 = cluster.host(1);
        List<byte[]> got = receiver(h1);
        byte[] p = payload(100, 1);
        int[] rc = {-1};
        inTask(h0, () -> rc[0] = h0.net().xmit().dev_queue_xmit(frame(h0, eth0(h0), mac(h1), p)));
        assertEquals(NetDevice.NET_XMIT_SUCCESS, rc[0]);
        assertTrue(cluster.run_until(() -> !got.isEmpty(), cluster.now() + 10 * MS));
        assertEquals(List.of("rcv 100 bytes on eth0 in irq@cpu0 softirq pkt_type 0 mac_len 14"), log,
                "delivered by the NAPI poll in the NET_RX softirq after host1's interrupt");
        assertArrayEquals(p, got.get(0));
        runFor(10 * MS);
        assertEquals(1, got.size());
        // 114 bytes: Ethernet header and payload, FCS not counted
        assertEquals("  eth0:       0       0    0    0    0     0          0         0      114       1    0    0    0"
                + "     0       0          0", procNetDevLine(h0, "eth0"));
        assertEquals("  eth0:     114       1    0    0    0     0          0         0        0       0    0    0    0"
                + "     0       0          0", procNetDevLine(h1, "eth0"));
        assertEquals(1, cluster.wire().ports().get(1).rx_frames());
        E1000Adapter a0 = h0.e1000().adapter();
        assertEquals(a0.tx_ring.next_to_use, a0.tx_ring.next_to_clean, "the transmit completion was cleaned");
        assertEquals(1, a0.tx_ring.next_to_use);
    }

    @Test
    void shortFrame_isPaddedToEthZlen_andCopiedOutOfTheReceiveBuffer() {
        twoHostsUp();
        Kernel h0 = cluster.host(0);
        Kernel h1 = cluster.host(1);
        List<byte[]> got = receiver(h1);
        E1000RxRing ring = h1.e1000().adapter().rx_ring;
        SkBuff first = ring.buffer_info[0].skb;
        SkBuff second = ring.buffer_info[1].skb;
        inTask(h0, () -> {
            h0.net().xmit().dev_queue_xmit(frame(h0, eth0(h0), mac(h1), new byte[] {1, 2, 3}));
            h0.net().xmit().dev_queue_xmit(frame(h0, eth0(h0), mac(h1), payload(1000, 2)));
        });
        assertTrue(cluster.run_until(() -> got.size() == 2, cluster.now() + 10 * MS));
        byte[] padded = new byte[46];
        padded[0] = 1;
        padded[1] = 2;
        padded[2] = 3;
        assertArrayEquals(padded, got.get(0), "eth_skb_pad: 60 bytes on the wire, zeros after the data");
        assertSame(first, ring.buffer_info[0].skb, "copybreak: the buffer's skb stays for the next frame");
        assertNotSame(second, ring.buffer_info[1].skb, "a long frame goes up in its buffer, which gets a new one");
        assertTrue(procNetDevLine(h0, "eth0").contains("     1074       2 "), procNetDevLine(h0, "eth0"));
    }

    @Test
    void allmulti_letsMulticastThroughTheFilter_andTheWatchdogCountsItFromMprc() {
        twoHostsUp();
        Kernel h0 = cluster.host(0);
        Kernel h1 = cluster.host(1);
        NetDevice dev1 = eth0(h1);
        List<byte[]> got = receiver(h1);
        byte[] group = {0x01, 0, 0x5e, 0, 0, 1};
        inTask(h0, () -> h0.net().xmit().dev_queue_xmit(frame(h0, eth0(h0), group, payload(50, 5))));
        runFor(10 * MS);
        assertEquals(0, got.size(), "MPE off and an empty hash table: the NIC drops it");
        assertEquals(0, h1.net().dev().dev_change_flags(dev1, dev1.flags | NetDevice.IFF_ALLMULTI));
        assertTrue((reg(h1, E1000.RCTL) & E1000.RCTL_MPE) != 0, "e1000_set_rx_mode");
        inTask(h0, () -> h0.net().xmit().dev_queue_xmit(frame(h0, eth0(h0), group, payload(50, 6))));
        assertTrue(cluster.run_until(() -> got.size() == 1, cluster.now() + 10 * MS));
        assertEquals("rcv 50 bytes on eth0 in irq@cpu0 softirq pkt_type 2 mac_len 14", log.get(0), "PACKET_MULTICAST");
        // the watchdog reads the statistics registers every 2 s
        assertTrue(cluster.run_until(() -> dev1.stats.multicast == 1, cluster.now() + 3 * SECOND));
        assertEquals(1, h1.e1000().adapter().stats.mprc);
        assertEquals(1, h1.e1000().adapter().stats.gprc);
        assertEquals(64 + 4, h1.e1000().adapter().stats.gorcl, "good octets with the FCS");
        assertTrue(procNetDevLine(h1, "eth0").startsWith("  eth0:      64       1    0    0    0     0          0         1 "),
                procNetDevLine(h1, "eth0"));
    }

    @Test
    void tracepoints_netDevXmitOnTheSender_netifReceiveSkbAndNapiPollOnTheReceiver() {
        twoHostsUp();
        Kernel h0 = cluster.host(0);
        Kernel h1 = cluster.host(1);
        List<byte[]> got = receiver(h1);
        h0.tracepoints().tracepoint_probe_register(Tracepoints.id("net_dev_xmit"),
                args -> log.add("host0 net_dev_xmit rc " + args[1] + " len " + args[3] + " dev "
                        + ((NetDevice) args[2]).name));
        h1.tracepoints().tracepoint_probe_register(Tracepoints.id("irq_handler_entry"), args -> {
            if ((int) args[0] == Mmio.E1000_IRQ) {
                log.add("host1 irq " + args[0] + " " + args[1]);
            }
        });
        h1.tracepoints().tracepoint_probe_register(Tracepoints.id("napi_poll"),
                args -> log.add("host1 napi_poll " + ((org.jstap.sim.net.core.NapiStruct) args[0]).poll_name + " work "
                        + args[1] + " budget " + args[2]));
        h1.tracepoints().tracepoint_probe_register(Tracepoints.id("netif_receive_skb"),
                args -> log.add("host1 netif_receive_skb len " + ((SkBuff) args[0]).len));
        inTask(h0, () -> h0.net().xmit().dev_queue_xmit(frame(h0, eth0(h0), mac(h1), payload(200, 3))));
        assertTrue(cluster.run_until(() -> !got.isEmpty(), cluster.now() + 10 * MS));
        runFor(MS);
        assertEquals(List.of("host0 net_dev_xmit rc 0 len 214 dev eth0", "host1 irq 33 eth0",
                "host1 netif_receive_skb len 200", "rcv 200 bytes on eth0 in irq@cpu0 softirq pkt_type 0 mac_len 14",
                "host1 napi_poll e1000_clean work 1 budget 64"), log);
    }

    @Test
    void xmitFrame_isReachedThroughDevHardStartXmit() {
        twoHostsUp();
        Kernel h0 = cluster.host(0);
        List<List<String>> stacks = new ArrayList<>();
        // the kernel functions on the stack where xmit_one hands the skb to the driver
        h0.tracepoints().tracepoint_probe_register(Tracepoints.id("net_dev_start_xmit"),
                args -> stacks.add(StackWalker.getInstance().walk(s -> s
                        .map(f -> Kallsyms.lookup_frame(f.getClassName(), f.getMethodName()))
                        .filter(java.util.Objects::nonNull).map(Kallsyms.Symbol::name).toList())));
        int[] ntu = new int[2];
        inTask(h0, () -> {
            ntu[0] = h0.e1000().adapter().tx_ring.next_to_use;
            h0.net().xmit().dev_queue_xmit(frame(h0, eth0(h0), mac(cluster.host(1)), payload(64, 4)));
            ntu[1] = h0.e1000().adapter().tx_ring.next_to_use;
        });
        assertEquals(1, stacks.size());
        assertEquals(List.of("xmit_one", "dev_hard_start_xmit", "sch_direct_xmit", "__dev_xmit_skb",
                "__dev_queue_xmit", "dev_queue_xmit"), stacks.get(0).subList(0, 6));
        assertEquals(ntu[0] + 1, ntu[1], "e1000_xmit_frame filled the descriptor at next_to_use");
        assertTrue(Kallsyms.symbols().stream().anyMatch(s -> s.name().equals("e1000_xmit_frame")
                && s.file().equals("drivers/net/ethernet/intel/e1000/e1000_main.c")));
    }

    @Test
    void ringFillingUp_stopsTheQueue_andCleaningWakesIt_everyFrameArrivesInOrder() {
        twoHostsUp();
        Kernel h0 = cluster.host(0);
        Kernel h1 = cluster.host(1);
        List<byte[]> got = receiver(h1);
        NetDevice dev = eth0(h0);
        E1000Adapter a = h0.e1000().adapter();
        List<Integer> busy = new ArrayList<>();
        h0.tracepoints().tracepoint_probe_register(Tracepoints.id("net_dev_xmit"), args -> {
            if ((int) args[1] != NetDevice.NETDEV_TX_OK) {
                busy.add((int) args[1]);
            }
        });
        int n = 600;
        boolean[] stopped = {false};
        int[] queued = {0};
        inTask(h0, () -> {
            for (int i = 0; i < n; i++) {
                h0.net().xmit().dev_queue_xmit(frame(h0, dev, mac(h1), payload(1500, i)));
            }
            stopped[0] = netif_queue_stopped(dev);
            queued[0] = dev._tx.qdisc.qlen;
        });
        assertTrue(stopped[0], "1514-byte frames at 1 Gb/s: the CPU outruns the wire and the ring fills");
        assertTrue(queued[0] > 0, "the rest wait in pfifo_fast");
        assertTrue(cluster.run_until(() -> got.size() == n, cluster.now() + SECOND), "got " + got.size());
        runFor(MS);
        assertFalse(netif_queue_stopped(dev), "woken by e1000_clean_tx_irq");
        assertTrue(a.restart_queue >= 1);
        assertEquals(List.of(), busy, "the driver stopped the queue before it had to refuse a packet");
        for (int i = 0; i < n; i++) {
            assertArrayEquals(payload(1500, i), got.get(i), "frame " + i);
        }
        assertEquals(n, h0.net().dev().dev_get_stats(dev).tx_packets);
        assertEquals(n * 1514L, h0.net().dev().dev_get_stats(dev).tx_bytes);
        assertEquals(n, h1.net().dev().dev_get_stats(eth0(h1)).rx_packets);
        assertEquals(0, h1.net().dev().dev_get_stats(eth0(h1)).rx_missed_errors);
    }
}
