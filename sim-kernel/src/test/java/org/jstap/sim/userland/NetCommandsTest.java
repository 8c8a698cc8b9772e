package org.jstap.sim.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * ip, ping, nc -u and nc (TCP) on one machine (lo): iproute2's and iputils' layouts, errors and statuses.
 * The test machines' init is not /sbin/init, so lo starts down, as on a Linux box before its
 * init ran.
 */
class NetCommandsTest {
    @Test
    void ip_linkAddrRoute_overLoAndEth0Less() {
        Machine.Result r = Machine.sh("ip link; ip link set lo up; ip addr; ip route; ip neigh; echo [$?]");
        assertEquals("1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n"
                + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                + "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n"
                + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                + "    inet 127.0.0.1/8 scope host lo\n"
                + "       valid_lft forever preferred_lft forever\n"
                + "[0]\n", r.output());
    }

    @Test
    void ping_lo_iputilsOutput() {
        Machine.Result r = Machine.sh("ip link set lo up; ping -c 3 127.0.0.1");
        String[] l = r.output().split("\n");
        assertEquals("PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.", l[0]);
        for (int i = 1; i <= 3; i++) {
            assertTrue(l[i].matches("64 bytes from 127\\.0\\.0\\.1: icmp_seq=" + i + " ttl=64 time=0\\.\\d\\d\\d ms"), l[i]);
        }
        assertEquals("", l[4]);
        assertEquals("--- 127.0.0.1 ping statistics ---", l[5]);
        assertTrue(l[6].matches("3 packets transmitted, 3 received, 0% packet loss, time 20\\d\\dms"), l[6]);
        assertTrue(l[7].matches("rtt min/avg/max/mdev = 0\\.\\d{3}/0\\.\\d{3}/0\\.\\d{3}/0\\.\\d{3} ms"), l[7]);
        assertEquals(0, r.status());
    }

    @Test
    void ping_errors() {
        Machine.Result r = Machine.sh("ping -c 1 127.0.0.1; echo [$?]; ping -c 1 nohost; echo [$?]");
        assertEquals("ping: connect: Network is unreachable\n[2]\nping: nohost: Name or service not known\n[2]\n",
                r.output());
        r = Machine.sh("ip link set lo up; ping -q -c 2 -i 0.2 127.0.0.1");
        assertTrue(r.output().startsWith("PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.\n\n"
                + "--- 127.0.0.1 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time 2"),
                r.output());
    }

    @Test
    void ncUdp_overLo() {
        Machine.Result r = Machine.sh("ip link set lo up; nc -lu -w 2 9000 > /tmp/got & sleep 1; "
                + "grep -c ': 00000000:2328 ' /proc/net/udp; echo hello | nc -u -w 1 127.0.0.1 9000; wait; cat /tmp/got; "
                + "cat /proc/net/udp | wc -l");
        assertEquals("1\nhello\n1\n", r.output(), "the listener in /proc/net/udp, the datagram, then only the header");
    }

    @Test
    void ncTcp_overLo_listenerInProcNetTcp_refusedConnect() {
        Machine.Result r = Machine.sh("ip link set lo up; nc -l 8080 > /tmp/got & sleep 1; "
                + "grep -c ': 0100007F:1F90 00000000:0000 0A ' /proc/net/tcp; grep -c ': 00000000:1F90 00000000:0000 0A ' /proc/net/tcp;"
                + " echo hello tcp | nc -N 127.0.0.1 8080; wait; cat /tmp/got; nc 127.0.0.1 8081; echo [$?]");
        assertEquals("0\n1\nhello tcp\nnc: connect to 127.0.0.1 port 8081 (tcp) failed: Connection refused\n[1]\n",
                r.output());
    }

    @Test
    void ipRoute_addDefault_andErrors() {
        Machine.Result r = Machine.sh("ip link set lo up; ip addr add 127.0.0.2/8 dev lo; echo [$?]; "
                + "ip route add default via 10.0.0.1; echo [$?]; ip link set eth9 up; echo [$?]");
        assertEquals("[0]\nRTNETLINK answers: Network is unreachable\n[2]\nCannot find device \"eth9\"\n[1]\n",
                r.output());
    }
}
