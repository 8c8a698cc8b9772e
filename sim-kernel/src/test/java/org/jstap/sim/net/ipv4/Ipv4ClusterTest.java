package org.jstap.sim.net.ipv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Cluster;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.hw.Wire;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.lib.IovIter;
import org.jstap.sim.net.Msghdr;
import org.jstap.sim.net.Socket;
import org.jstap.sim.net.SocketDefs;
import org.jstap.sim.net.core.DevIoctl;
import org.jstap.sim.net.core.Ifreq;
import org.jstap.sim.net.core.NetDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * IPv4 between two hosts on one wire: eth0 configured through devinet_ioctl as ifconfig does,
 * the connected routes in /proc/net/route, ARP resolving the peer on the first datagram (queued
 * while INCOMPLETE, sent on the reply) and /proc/net/arp on both sides afterwards, a UDP exchange
 * over the e1000s, ICMP port unreachable across the wire, and a large datagram fragmented and
 * reassembled.
 */
class Ipv4ClusterTest {
    private static final long US = 1_000;
    private static final long SECOND = 1_000_000_000;
    private static final KernelConfig QUIET = new KernelConfig(1, 64, 0, "init=/bin/sleep 100000");
    private Cluster cluster;

    @AfterEach
    void powerOff() {
        if (cluster != null) {
            cluster.kernel_power_off();
        }
    }

    private void inTask(Kernel k, Runnable body) {
        TaskStruct t = k.kthread().kthread_run(body, 0, "ipv4test");
        assertTrue(cluster.run_until(() -> t.state() == TaskStruct.State.DEAD, cluster.now() + 20 * SECOND));
    }

    private static void ioctl(Kernel k, int cmd, String dev, int addr) {
        Ifreq ifr = Ifreq.named(dev);
        ifr.set_sockaddr_in(addr);
        assertEquals(0, k.net().ipv4().devinet().devinet_ioctl(cmd, ifr), "ioctl " + Integer.toHexString(cmd));
    }

    /** ifconfig eth0 10.0.0.(i+1) netmask 255.255.255.0 up, on every host. */
    private void twoHosts() {
        cluster = Cluster.boot(2, QUIET, Wire.Config.defaults().withDelay(20 * US));
        for (int i = 0; i < 2; i++) {
            Kernel k = cluster.host(i);
            int host = i + 1;
            inTask(k, () -> {
                ioctl(k, AfInet.SIOCSIFADDR, "eth0", In.in_aton("10.0.0." + host));
                ioctl(k, AfInet.SIOCSIFNETMASK, "eth0", In.in_aton("255.255.255.0"));
                Ifreq ifr = Ifreq.named("eth0");
                ifr.set_flags(NetDevice.IFF_UP | NetDevice.IFF_BROADCAST | NetDevice.IFF_MULTICAST);
                assertEquals(0, k.net().ipv4().devinet().devinet_ioctl(DevIoctl.SIOCSIFFLAGS, ifr));
            });
        }
        assertTrue(cluster.run_until(() -> cluster.hosts().stream()
                .allMatch(k -> NetDevice.netif_carrier_ok(k.net().dev().__dev_get_by_name("eth0"))),
                cluster.now() + SECOND));
    }

    private static Socket udp(Kernel k, int port) {
        Socket[] s = new Socket[1];
        assertEquals(0, k.net().sockets().sock_create_kern(SocketDefs.AF_INET, SocketDefs.SOCK_DGRAM, 0, s));
        byte[] a = new byte[SocketDefs.SOCKADDR_STORAGE_SIZE];
        In.put_sockaddr_in(a, port, 0);
        assertEquals(0, s[0].ops.bind(s[0], a, 16));
        return s[0];
    }

    private static long sendto(Kernel k, Socket s, byte[] data, String addr, int port) {
        Msghdr m = new Msghdr();
        m.msg_iter = IovIter.kvec(data, 0, data.length);
        m.msg_name = new byte[SocketDefs.SOCKADDR_STORAGE_SIZE];
        In.put_sockaddr_in(m.msg_name, port, In.in_aton(addr));
        m.msg_namelen = 16;
        return k.net().sockets().sock_sendmsg(s, m);
    }

    /** A blocking recvfrom: "SENDER:PORT DATA", or the errno. */
    private static String recvfrom(Kernel k, Socket s, int len) {
        byte[] buf = new byte[len];
        Msghdr m = new Msghdr();
        m.msg_iter = IovIter.kvec(buf, 0, len);
        m.msg_name = new byte[SocketDefs.SOCKADDR_STORAGE_SIZE];
        long r = k.net().sockets().sock_recvmsg(s, m, 0);
        if (r < 0) {
            return "errno " + -r;
        }
        return In.pI4(In.sin_addr(m.msg_name)) + ":" + In.sin_port(m.msg_name) + " "
                + new String(buf, 0, (int) r, StandardCharsets.ISO_8859_1);
    }

    @Test
    void routes_areTheConnectedSubnet() {
        twoHosts();
        Kernel k = cluster.host(0);
        List<String> route = k.net().ipv4().fib().fib_get_table(Fib.RT_TABLE_MAIN).fib_route_seq_show().lines()
                .map(String::strip).toList();
        assertEquals(List.of("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "eth0\t0000000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0"), route);
    }

    @Test
    void udp_betweenHosts_resolvesArpFirst() {
        twoHosts();
        Kernel a = cluster.host(0);
        Kernel b = cluster.host(1);
        List<String> got = new ArrayList<>();
        Socket[] srv = new Socket[1];
        inTask(b, () -> srv[0] = udp(b, 9000));
        TaskStruct rx = b.kthread().kthread_run(() -> {
            got.add(recvfrom(b, srv[0], 100));
            got.add(recvfrom(b, srv[0], 100));
        }, 0, "rx");
        inTask(a, () -> {
            Socket c = udp(a, 5000);
            assertEquals(5, sendto(a, c, "first".getBytes(), "10.0.0.2", 9000));
            String arp = a.net().ipv4().arp().arp_seq_show();
            assertTrue(arp.contains("10.0.0.2         0x1         0x0         00:00:00:00:00:00     *        eth0"), arp);
            assertEquals(6, sendto(a, c, "second".getBytes(), "10.0.0.2", 9000));
        });
        assertTrue(cluster.run_until(() -> rx.state() == TaskStruct.State.DEAD, cluster.now() + 5 * SECOND));
        assertEquals(List.of("10.0.0.1:5000 first", "10.0.0.1:5000 second"), got, "both waited for ARP, in order");
        assertEquals("IP address       HW type     Flags       HW address            Mask     Device\n"
                + "10.0.0.2         0x1         0x2         52:54:00:12:34:57     *        eth0\n",
                a.net().ipv4().arp().arp_seq_show());
        assertEquals("IP address       HW type     Flags       HW address            Mask     Device\n"
                + "10.0.0.1         0x1         0x2         52:54:00:12:34:56     *        eth0\n",
                b.net().ipv4().arp().arp_seq_show(), "the asker was learnt from its request");
    }

    @Test
    void portUnreachable_acrossTheWire_andFragmentation() {
        twoHosts();
        Kernel a = cluster.host(0);
        Kernel b = cluster.host(1);
        Socket[] srv = new Socket[1];
        inTask(b, () -> srv[0] = udp(b, 9001));
        byte[] big = new byte[4000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        String[] res = new String[2];
        inTask(a, () -> {
            Socket c = udp(a, 5001);
            byte[] peer = new byte[SocketDefs.SOCKADDR_STORAGE_SIZE];
            In.put_sockaddr_in(peer, 9999, In.in_aton("10.0.0.2"));
            assertEquals(0, c.ops.connect(c, peer, 16, 0));
            Msghdr m = new Msghdr();
            m.msg_iter = IovIter.kvec("x".getBytes(), 0, 1);
            assertEquals(1, a.net().sockets().sock_sendmsg(c, m));
            res[0] = recvfrom(a, c, 10);
            assertEquals(4000, sendto(a, c, big, "10.0.0.2", 9001));
        });
        assertEquals("errno " + org.jstap.sim.kernel.Errno.ECONNREFUSED, res[0], "port unreachable from host1");
        inTask(b, () -> {
            byte[] buf = new byte[5000];
            Msghdr m = new Msghdr();
            m.msg_iter = IovIter.kvec(buf, 0, buf.length);
            res[1] = String.valueOf(b.net().sockets().sock_recvmsg(srv[0], m, 0));
            assertTrue(java.util.Arrays.equals(big, java.util.Arrays.copyOf(buf, 4000)), "reassembled intact");
        });
        assertEquals("4000", res[1]);
        assertTrue(b.net().ipv4().mib().snmp_seq_show(b.net().ipv4()).contains("Ip: 2 64 "));
        assertEquals(1, b.net().ipv4().mib().ip[Snmp.IPSTATS_MIB_REASMOKS]);
        assertEquals(3, a.net().ipv4().mib().ip[Snmp.IPSTATS_MIB_FRAGCREATES], "4008 bytes in 1480-byte fragments");
    }
}
