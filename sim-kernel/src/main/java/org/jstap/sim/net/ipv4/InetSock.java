package org.jstap.sim.net.ipv4;

import org.jstap.sim.net.Proto;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.SocketDefs;
import org.jstap.sim.net.core.DstEntry;
import org.jstap.sim.net.core.SkBuffHead;

/**
 * struct inet_sock (include/net/inet_sock.h): what every AF_INET sock has, UDP's, ping's and
 * TCP's: the local and remote addresses and ports, TTL and TOS, path-MTU discovery and the cork
 * of a datagram being built with ip_append_data. Addresses and ports are in host order (see
 * {@link In}). A few fields of struct sock that only the IPv4 protocols use here live on this
 * class too: the receive and write queues of sk_buffs, the cached route and the bound device.
 * TCP's tcp_sock extends it. Guarded by the machine's single running thread (the socket lock).
 *
 * <pre>{@code
 * InetSock inet = inet_sk(sk);
 * fl4.daddr = inet.inet_daddr;  fl4.fl4_dport = inet.inet_dport;
 * }</pre>
 */
public class InetSock extends Sock {
    /** inet_saddr: the source address packets carry (0 until bound or connected). */
    public int inet_saddr;
    /** inet_rcv_saddr: the local address bound to (0: any), which lookups match. */
    public int inet_rcv_saddr;
    /** inet_daddr / inet_dport: the peer of a connected sock, else 0. */
    public int inet_daddr;
    public int inet_dport;
    /** inet_num: the local port (host order; for raw sockets the protocol); inet_sport the same, as the header carries it. */
    public int inet_num;
    public int inet_sport;
    /** uc_ttl: IP_TTL, -1 for the route's default (net.ipv4.ip_default_ttl). */
    public int uc_ttl = -1;
    public int tos;
    public int mc_ttl = 1;
    /** pmtudisc: IP_MTU_DISCOVER (IP_PMTUDISC_WANT by default: DF set, fragment locally if the route's MTU is smaller). */
    public int pmtudisc = In.IP_PMTUDISC_WANT;
    /** recverr: IP_RECVERR (errors also queued for MSG_ERRQUEUE: not modelled beyond the flag). */
    public boolean recverr;
    public boolean hdrincl;
    /** cmsg_flags: the control messages recvmsg adds (IP_RECVTTL, IP_RECVTOS). */
    public int cmsg_flags;
    public boolean is_icsk;
    public boolean freebind;
    /** inet_id: the IP id of the next packet of a connected sock (TCP). */
    public int inet_id;
    /** sk_bound_dev_if: SO_BINDTODEVICE's ifindex, 0 for none. */
    public int sk_bound_dev_if;
    /** sk_receive_queue: received datagrams (UDP, ping) or segments (TCP). */
    public final SkBuffHead sk_receive_queue = new SkBuffHead();
    /** sk_write_queue: the cork's fragments while a datagram is built, TCP's unsent and unacked data. */
    public final SkBuffHead sk_write_queue = new SkBuffHead();
    /** sk_dst_cache: the route of a connected sock. */
    public DstEntry sk_dst_cache;
    /** sk_drops: datagrams dropped on arrival (receive buffer full), /proc/net/udp's drops. */
    public int sk_drops;
    /** The cork of ip_append_data: the flow and route of the datagram being built. */
    public final InetCork cork = new InetCork();

    public InetSock(Proto prot, long kaddr) {
        super(SocketDefs.AF_INET, prot, kaddr);
    }

    /** inet_sk. */
    public static InetSock inet_sk(Sock sk) {
        return (InetSock) sk;
    }

    /** struct inet_cork_full: what ip_append_data keeps between calls of one datagram. */
    public static final class InetCork {
        public Flowi4 fl;
        public Rtable rt;
        /** fragsize: the MTU the datagram is cut for. */
        public int fragsize;
        public int length;
        public int ttl;
        public int tos;
        public boolean corked;
    }
}
