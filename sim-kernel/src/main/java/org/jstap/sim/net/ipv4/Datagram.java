package org.jstap.sim.net.ipv4;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.SocketDefs;
import org.jstap.sim.net.core.Net;

/**
 * net/ipv4/datagram.c: connect(2) for datagram socks (UDP, ping): the route to the peer picks
 * the source address if the sock has none, and the sock is ESTABLISHED with that peer (sends
 * without an address go there, and only its datagrams are received).
 *
 * <pre>{@code
 * connect(fd, {AF_INET, htons(53), 10.0.0.2}) -> inet_dgram_connect -> ip4_datagram_connect
 * }</pre>
 */
@LinuxFile("net/ipv4/datagram.c")
public final class Datagram {
    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;

    Datagram(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    /** ip4_datagram_connect. */
    public int ip4_datagram_connect(Sock sk, byte[] uaddr, int addrLen) {
        return __ip4_datagram_connect(sk, uaddr, addrLen);
    }

    /**
     * __ip4_datagram_connect: EINVAL for a short address, EAFNOSUPPORT for another family, the
     * route's error (ENETUNREACH), EACCES for a broadcast without SO_BROADCAST.
     */
    int __ip4_datagram_connect(Sock sk, byte[] uaddr, int addrLen) {
        InetSock inet = InetSock.inet_sk(sk);
        if (addrLen < In.SOCKADDR_IN_SIZE) {
            return -Errno.EINVAL;
        }
        if (In.sin_family(uaddr) != SocketDefs.AF_INET) {
            return -Errno.EAFNOSUPPORT;
        }
        inet.sk_dst_cache = null;
        int[] err = new int[1];
        Flowi4 fl4 = new Flowi4();
        Rtable rt = ipv4.route().ip_route_connect(fl4, In.sin_addr(uaddr), inet.inet_saddr, inet.sk_bound_dev_if,
                sk.sk_protocol, inet.inet_sport, In.sin_port(uaddr), sk, err);
        if (rt == null) {
            if (err[0] == -Errno.ENETUNREACH) {
                ipv4.mib().ip[Snmp.IPSTATS_MIB_OUTNOROUTES]++;
            }
            return err[0];
        }
        if ((rt.rt_flags & Rtable.RTCF_BROADCAST) != 0 && !sk.sock_flag(Sock.SOCK_BROADCAST)) {
            return -Errno.EACCES;
        }
        if (inet.inet_saddr == 0) {
            inet.inet_saddr = fl4.saddr;
        }
        if (inet.inet_rcv_saddr == 0) {
            inet.inet_rcv_saddr = fl4.saddr;
        }
        inet.inet_daddr = fl4.daddr;
        inet.inet_dport = In.sin_port(uaddr);
        sk.sk_state = Sock.TCP_ESTABLISHED;
        byte[] r = new byte[2];
        kernel.random().get_random_bytes(r);
        inet.inet_id = (r[0] & 0xff) << 8 | (r[1] & 0xff);
        inet.sk_dst_cache = rt;
        return 0;
    }
}
