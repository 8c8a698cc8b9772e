package org.jstap.sim.net.ipv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.jstap.sim.Cluster;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.arch.riscv.UserCode;
import org.jstap.sim.fs.BinfmtJava;
import org.jstap.sim.hw.Wire;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.net.core.DevIoctl;
import org.jstap.sim.net.core.Ifreq;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TCP between two hosts over the e1000s on a lossy wire: a user program on host1 connects to
 * one on host0 and writes 1 MiB with write(2); host0 reads it with read(2) and prints its CRC-32.
 * With 1% of the frames lost and 10 us - 100 us of wire delay, the bytes arrive intact, in order,
 * and the sender had to retransmit (fast retransmit and RTO).
 */
class TcpClusterTest {
    private static final long SECOND = 1_000_000_000;
    private static final int N = 1 << 20;
    private Cluster cluster;

    @AfterEach
    void powerOff() {
        if (cluster != null) {
            cluster.kernel_power_off();
        }
    }

    static byte pattern(int i) {
        return (byte) (i * 131 + (i >>> 11));
    }

    private static long expectedCrc() {
        CRC32 crc = new CRC32();
        for (int i = 0; i < N; i++) {
            crc.update(pattern(i));
        }
        return crc.getValue();
    }

    /** host0: accept one connection on :5001, read to EOF, print "got BYTES crc CRC". */
    static final UserCode SERVER = cpu -> {
        Libc c = new Libc(cpu);
        c.nanosleep(SECOND);
        int l = (int) c.socket(Libc.AF_INET, Libc.SOCK_STREAM, 0);
        c.bind_inet(l, 0, 5001);
        c.listen(l, 5);
        int a = (int) c.accept(l, 0, 0);
        long buf = c.mmap(0, 65536, 3, 0x22);
        byte[] b = new byte[65536];
        CRC32 crc = new CRC32();
        long total = 0;
        long r;
        while ((r = c.read(a, buf, 65536)) > 0) {
            cpu.read(buf, b, 0, (int) r);
            crc.update(b, 0, (int) r);
            total += r;
        }
        c.write(1, "got " + total + " crc " + Long.toHexString(crc.getValue()) + " last " + r + "\n");
        return 0;
    };

    /** host1: connect to 10.0.0.1:5001, one write(2) of 1 MiB, close. */
    static final UserCode CLIENT = cpu -> {
        Libc c = new Libc(cpu);
        c.nanosleep(2 * SECOND);
        int s = (int) c.socket(Libc.AF_INET, Libc.SOCK_STREAM, 0);
        long r = c.connect_inet(s, In.in_aton("10.0.0.1"), 5001);
        long buf = c.mmap(0, N, 3, 0x22);
        byte[] data = new byte[N];
        for (int i = 0; i < N; i++) {
            data[i] = pattern(i);
        }
        cpu.write(buf, data, 0, N);
        long w = c.write(s, buf, N);
        c.close(s);
        c.write(1, "connect " + r + " wrote " + w + "\n");
        return 0;
    };

    private void inTask(Kernel k, Runnable body) {
        TaskStruct t = k.kthread().kthread_run(body, 0, "tcptest");
        assertTrue(cluster.run_until(() -> t.state() == TaskStruct.State.DEAD, cluster.now() + 20 * SECOND));
    }

    private static String console(Kernel k) {
        return new String(k.console().output(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void oneMiB_overALossyWire_arrivesIntact() {
        KernelConfig base = new KernelConfig(1, 64, 0, "init=/bin/t");
        cluster = Cluster.create(2, base, Wire.Config.defaults().withDelay(10_000).withLoss(0.01).withSeed(42));
        for (int i = 0; i < 2; i++) {
            Kernel k = cluster.host(i);
            k.binfmt_java().register_program("t", i == 0 ? SERVER : CLIENT);
            k.initramfs().add("/bin/t", BinfmtJava.executable("t"));
        }
        cluster.start_kernels();
        for (int i = 0; i < 2; i++) {
            Kernel k = cluster.host(i);
            int host = i + 1;
            inTask(k, () -> {
                Ifreq ifr = Ifreq.named("eth0");
                ifr.set_sockaddr_in(In.in_aton("10.0.0." + host));
                assertEquals(0, k.net().ipv4().devinet().devinet_ioctl(AfInet.SIOCSIFADDR, ifr));
                ifr = Ifreq.named("eth0");
                ifr.set_sockaddr_in(In.in_aton("255.255.255.0"));
                assertEquals(0, k.net().ipv4().devinet().devinet_ioctl(AfInet.SIOCSIFNETMASK, ifr));
                ifr = Ifreq.named("eth0");
                ifr.set_flags(NetDevice.IFF_UP | NetDevice.IFF_BROADCAST | NetDevice.IFF_MULTICAST);
                assertEquals(0, k.net().ipv4().devinet().devinet_ioctl(DevIoctl.SIOCSIFFLAGS, ifr));
            });
        }
        Kernel server = cluster.host(0);
        Kernel client = cluster.host(1);
        boolean done = cluster.run_until(() -> console(server).contains("got ") && console(client).contains("wrote"),
                cluster.now() + 120 * SECOND);
        assertTrue(done, "server: " + console(server) + "\nclient: " + console(client) + "\n"
                + client.net().ipv4().tcp_ipv4().tcp4_seq_show());
        assertTrue(console(client).contains("connect 0 wrote " + N), console(client));
        assertTrue(console(server).contains("got " + N + " crc " + Long.toHexString(expectedCrc()) + " last 0"),
                console(server));
        Snmp mib = client.net().ipv4().mib();
        assertTrue(mib.tcp_retranssegs > 0, "1% loss made the sender retransmit: " + mib.tcp_retranssegs);
        assertTrue(cluster.wire().ports().get(0).lost() + cluster.wire().ports().get(1).lost() > 0, "frames were lost");
    }
}
