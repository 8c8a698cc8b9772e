package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.SocketDefs.*;
import static org.jstap.sim.net.ipv4.UdpSock.udp_sk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.fs.PollTable;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.printk.Printk;
import org.jstap.sim.lib.Checksum;
import org.jstap.sim.net.Msghdr;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.Socket;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.core.SkBuffHead;
import org.jstap.sim.net.core.SockCore;

/**
 * net/ipv4/udp.c: UDP. Socks live in udp_table by local port ({@link #udp_lib_get_port}:
 * EADDRINUSE unless both set SO_REUSEADDR (or SO_REUSEPORT) or their addresses differ; port 0
 * picks a free one from net.ipv4.ip_local_port_range, starting at a random point).
 * {@link #udp_sendmsg}: the destination from the message or the connection (EDESTADDRREQ), the
 * route (cached on a connected sock), {@code ip_make_skb}, then {@link #udp_send_skb} writes the
 * header and its checksum and calls {@code ip_send_skb}; with MSG_MORE or UDP_CORK the datagram
 * is built across calls with ip_append_data. Receiving: {@code udp_rcv -> __udp4_lib_rcv}
 * (length and checksum checked, the best-matching sock looked up, ICMP port unreachable if
 * none) {@code -> udp_unicast_rcv_skb -> udp_queue_rcv_skb -> __udp_enqueue_schedule_skb}
 * (dropped and counted in sk_drops past SO_RCVBUF). {@link #udp_recvmsg} honours MSG_PEEK,
 * MSG_DONTWAIT and MSG_TRUNC and gives the sender's address. ICMP errors reach a connected sock
 * through {@link #udp_err} (port unreachable: ECONNREFUSED on its next call). /proc/net/udp
 * lists the socks.
 *
 * <pre>{@code
 * sendto(fd, "hi", 2, 0, {AF_INET, 9, 10.0.0.2}) -> inet_sendmsg -> udp_sendmsg -> ip_make_skb
 *     -> udp_send_skb -> ip_send_skb -> ip_local_out -> ... -> dev_queue_xmit
 * }</pre>
 */
@LinuxFile("net/ipv4/udp.c")
public final class Udp {
    /** UDP_HTABLE_SIZE_MIN: the table's slots (bucket = port & mask in /proc/net/udp). */
    static final int UDP_HTABLE_SIZE = 256;
    /** SOL_UDP options. */
    public static final int UDP_CORK = 1;
    /** Virtual cost of UDP's part of a send or receive. */
    static final long UDP_NS = 100;

    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;
    /** udp_table: the socks by local port, each slot newest first (sk_add_node_rcu). */
    private final List<List<UdpSock>> udp_table = new ArrayList<>();

    /** udp_prot. */
    public final InetProto udp_prot = new InetProto("UDP", 1152) {
        @Override
        public InetSock sk_alloc(long kaddr) {
            return new UdpSock(this, kaddr);
        }

        @Override
        public int init(Sock sk) {
            return udp_init_sock(sk);
        }

        @Override
        public void close(Sock sk, long timeout) {
            udp_lib_close(sk, timeout);
        }

        @Override
        public void destroy(Sock sk) {
            udp_destroy_sock(sk);
        }

        @Override
        public int connect(Sock sk, byte[] uaddr, int addrLen) {
            return ipv4.datagram().ip4_datagram_connect(sk, uaddr, addrLen);
        }

        @Override
        public int disconnect(Sock sk, int flags) {
            return udp_disconnect(sk, flags);
        }

        @Override
        public int get_port(Sock sk, int snum) {
            return udp_v4_get_port(sk, snum);
        }

        @Override
        public void unhash(Sock sk) {
            udp_lib_unhash(sk);
        }

        @Override
        public int ioctl(Sock sk, int cmd, long arg) {
            return udp_ioctl(sk, cmd, arg);
        }

        @Override
        public int setsockopt(Sock sk, int level, int optname, long optval, int optlen) {
            return udp_setsockopt(sk, level, optname, optval, optlen);
        }

        @Override
        public int getsockopt(Sock sk, int level, int optname, long optval, long optlen) {
            return udp_getsockopt(sk, level, optname, optval, optlen);
        }

        @Override
        public long sendmsg(Sock sk, Msghdr msg, long len) {
            return udp_sendmsg(sk, msg, len);
        }

        @Override
        public long recvmsg(Sock sk, Msghdr msg, long len, int flags, int[] addrLen) {
            return udp_recvmsg(sk, msg, len, flags, addrLen);
        }
    };

    /** udp_protocol: UDP's entry in inet_protos[]. */
    public final NetProtocol udp_protocol = new NetProtocol() {
        @Override
        public int handler(SkBuff skb) {
            return udp_rcv(skb);
        }

        @Override
        public int err_handler(SkBuff skb, int info) {
            return udp_err(skb, info);
        }
    };

    Udp(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
        for (int i = 0; i < UDP_HTABLE_SIZE; i++) {
            udp_table.add(new ArrayList<>());
        }
    }

    /** udp_init: the table (its size as alloc_large_system_hash prints it) and /proc/net/udp. */
    void udp_init() {
        kernel.printk().printk(Printk.KERN_INFO, "UDP hash table entries: " + UDP_HTABLE_SIZE + " (order: 1, "
                + UDP_HTABLE_SIZE * 32 + " bytes, linear)");
        kernel.proc().proc_net().proc_create_net_single("udp", 0444, i -> udp4_seq_show());
    }

    private List<UdpSock> udp_hashslot(int port) {
        return udp_table.get(port & (UDP_HTABLE_SIZE - 1));
    }

    // ---------------------------------------------------------------- ports

    /** inet_rcv_saddr_equal with wildcards: the same address, or either is any. */
    static boolean inet_rcv_saddr_equal(InetSock sk1, InetSock sk2) {
        return sk1.inet_rcv_saddr == sk2.inet_rcv_saddr || sk1.inet_rcv_saddr == 0 || sk2.inet_rcv_saddr == 0;
    }

    /** udp_lib_lport_inuse: another sock on {@code num} whose address overlaps and that does not share by reuse. */
    boolean udp_lib_lport_inuse(int num, UdpSock sk) {
        for (UdpSock sk2 : udp_hashslot(num)) {
            if (sk2 != sk && sk2.udp_port_hash == num && (sk2.sk_reuse == 0 || sk.sk_reuse == 0)
                    && (sk2.sk_bound_dev_if == 0 || sk.sk_bound_dev_if == 0 || sk2.sk_bound_dev_if == sk.sk_bound_dev_if)
                    && inet_rcv_saddr_equal(sk, sk2)) {
                if (sk2.sk_reuseport != 0 && sk.sk_reuseport != 0) {
                    continue;
                }
                return true;
            }
        }
        return false;
    }

    /**
     * udp_lib_get_port: binds {@code sk} to {@code snum}, or with 0 to a free port of the local
     * range, searched from a random start; -EADDRINUSE if it (or every one) is taken.
     */
    public int udp_lib_get_port(Sock s, int snum) {
        UdpSock sk = udp_sk(s);
        if (snum == 0) {
            int low = ipv4.ip_local_port_range_low;
            int high = ipv4.ip_local_port_range_high;
            int remaining = high - low + 1;
            byte[] r = new byte[4];
            kernel.random().get_random_bytes(r);
            long rand = ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            int first = (int) ((rand * remaining) >>> 32);
            boolean found = false;
            for (int i = 0; i < remaining; i++) {
                int p = low + (first + i) % remaining;
                if (!udp_lib_lport_inuse(p, sk)) {
                    snum = p;
                    found = true;
                    break;
                }
            }
            if (!found) {
                return -Errno.EADDRINUSE;
            }
        } else if (udp_lib_lport_inuse(snum, sk)) {
            return -Errno.EADDRINUSE;
        }
        sk.inet_num = snum;
        sk.udp_port_hash = snum;
        if (!sk.hashed) {
            udp_hashslot(snum).addFirst(sk);
            sk.hashed = true;
        }
        return 0;
    }

    /** udp_v4_get_port. */
    public int udp_v4_get_port(Sock sk, int snum) {
        return udp_lib_get_port(sk, snum);
    }

    /** udp_lib_unhash: out of the table; the port is free (inet_num 0). */
    public void udp_lib_unhash(Sock s) {
        UdpSock sk = udp_sk(s);
        if (sk.hashed) {
            udp_hashslot(sk.udp_port_hash).remove(sk);
            sk.hashed = false;
            sk.inet_num = 0;
        }
    }

    // ---------------------------------------------------------------- life

    /** udp_init_sock. */
    int udp_init_sock(Sock sk) {
        return 0;
    }

    /** udp_lib_close: sk_common_release. */
    void udp_lib_close(Sock sk, long timeout) {
        net.sock().sk_common_release(sk);
    }

    /** udp_destroy_sock: a corked datagram is dropped. */
    void udp_destroy_sock(Sock sk) {
        udp_flush_pending_frames(sk);
    }

    /**
     * udp_disconnect (__udp_disconnect): forgets the peer; the local address and port too unless
     * they were bound explicitly.
     */
    public int udp_disconnect(Sock sk, int flags) {
        InetSock inet = InetSock.inet_sk(sk);
        sk.sk_state = Sock.TCP_CLOSE;
        inet.inet_daddr = 0;
        inet.inet_dport = 0;
        inet.sk_bound_dev_if = 0;
        if ((sk.sk_userlocks & AfInet.SOCK_BINDADDR_LOCK) == 0) {
            inet.inet_rcv_saddr = inet.inet_saddr = 0;
        }
        if ((sk.sk_userlocks & AfInet.SOCK_BINDPORT_LOCK) == 0) {
            sk.sk_prot.unhash(sk);
            inet.inet_sport = 0;
        }
        inet.sk_dst_cache = null;
        return 0;
    }

    // ---------------------------------------------------------------- sending

    /** udp_flush_pending_frames: the corked datagram is dropped. */
    void udp_flush_pending_frames(Sock sk) {
        UdpSock up = udp_sk(sk);
        if (up.pending != 0) {
            up.len = 0;
            up.pending = 0;
            ipv4.output().ip_flush_pending_frames(up);
        }
    }

    /**
     * udp_sendmsg: EMSGSIZE past 65535, EOPNOTSUPP for MSG_OOB, EINVAL for a short address or
     * port 0, EAFNOSUPPORT for a family other than AF_INET (AF_UNSPEC is taken), EDESTADDRREQ
     * unconnected without an address, the route's errors, EACCES for a broadcast without
     * SO_BROADCAST. The whole length is returned on success.
     */
    public long udp_sendmsg(Sock sk, Msghdr msg, long len) {
        InetSock inet = InetSock.inet_sk(sk);
        UdpSock up = udp_sk(sk);
        kernel.sched().charge(UDP_NS);
        if (len > 0xFFFF) {
            return -Errno.EMSGSIZE;
        }
        if ((msg.msg_flags & MSG_OOB) != 0) {
            return -Errno.EOPNOTSUPP;
        }
        boolean corkreq = up.corkflag || (msg.msg_flags & MSG_MORE) != 0;
        IpOutput.Getfrag getfrag = IpOutput.ip_generic_getfrag(msg);
        if (up.pending != 0) {
            int err = do_append_data(up, inet.cork.fl, getfrag, (int) len, null, corkreq, msg.msg_flags);
            return err != 0 ? udp_send_error(sk, err) : len;
        }
        int ulen = (int) len + UdpHdr.SIZEOF;
        int daddr;
        int dport;
        boolean connected = false;
        if (msg.msg_name != null) {
            if (msg.msg_namelen < In.SOCKADDR_IN_SIZE) {
                return -Errno.EINVAL;
            }
            int family = In.sin_family(msg.msg_name);
            if (family != AF_INET && family != AF_UNSPEC) {
                return -Errno.EAFNOSUPPORT;
            }
            daddr = In.sin_addr(msg.msg_name);
            dport = In.sin_port(msg.msg_name);
            if (dport == 0) {
                return -Errno.EINVAL;
            }
        } else {
            if (sk.sk_state != Sock.TCP_ESTABLISHED) {
                return -Errno.EDESTADDRREQ;
            }
            daddr = inet.inet_daddr;
            dport = inet.inet_dport;
            connected = true;
        }
        int tos = inet.tos;
        if (sk.sock_flag(Sock.SOCK_LOCALROUTE) || (msg.msg_flags & MSG_DONTROUTE) != 0) {
            connected = false;
        }
        Rtable rt = connected ? ipv4.route().sk_dst_check(inet) : null;
        Flowi4 fl4;
        if (rt == null) {
            fl4 = Flowi4.flowi4_init_output(inet.sk_bound_dev_if, 0, tos, Fib.RT_SCOPE_UNIVERSE, sk.sk_protocol,
                    inet.freebind ? Flowi4.FLOWI_FLAG_ANYSRC : 0, daddr, inet.inet_saddr, dport, inet.inet_sport);
            int[] err = new int[1];
            rt = ipv4.route().ip_route_output_flow(fl4, sk, err);
            if (rt == null) {
                if (err[0] == -Errno.ENETUNREACH) {
                    ipv4.mib().ip[Snmp.IPSTATS_MIB_OUTNOROUTES]++;
                }
                return err[0];
            }
            if ((rt.rt_flags & Rtable.RTCF_BROADCAST) != 0 && !sk.sock_flag(Sock.SOCK_BROADCAST)) {
                return -Errno.EACCES;
            }
            if (connected) {
                inet.sk_dst_cache = rt;
            }
        } else {
            fl4 = Flowi4.flowi4_init_output(inet.sk_bound_dev_if, 0, tos, Fib.RT_SCOPE_UNIVERSE, sk.sk_protocol, 0,
                    daddr, inet.inet_saddr != 0 ? inet.inet_saddr : inet.inet_rcv_saddr, dport, inet.inet_sport);
        }
        if (!corkreq) {
            InetSock.InetCork cork = new InetSock.InetCork();
            int[] err = new int[1];
            SkBuff skb = ipv4.output().ip_make_skb(inet, fl4, getfrag, ulen, UdpHdr.SIZEOF, rt, cork, msg.msg_flags,
                    err);
            if (skb == null) {
                return udp_send_error(sk, err[0]);
            }
            int e = udp_send_skb(skb, fl4, cork);
            return e != 0 ? udp_send_error(sk, e) : len;
        }
        // cork the socket: the datagram is built across calls
        inet.cork.fl = fl4;
        up.pending = AF_INET;
        int err = do_append_data(up, fl4, getfrag, ulen, rt, corkreq, msg.msg_flags);
        return err != 0 ? udp_send_error(sk, err) : len;
    }

    /** do_append_data: the corked part of udp_sendmsg (0 or -errno); pushes once no longer corked. */
    private int do_append_data(UdpSock up, Flowi4 fl4, IpOutput.Getfrag getfrag, int ulen, Rtable rt, boolean corkreq,
            int flags) {
        up.len += ulen;
        int err = ipv4.output().ip_append_data(up, fl4, getfrag, ulen, UdpHdr.SIZEOF, rt,
                corkreq ? flags | MSG_MORE : flags);
        if (err != 0) {
            udp_flush_pending_frames(up);
            return err;
        }
        if (!corkreq) {
            return udp_push_pending_frames(up);
        }
        return 0;
    }

    /** The errno of a failed send; ENOBUFS (and no room in the send buffer) count as SndbufErrors. */
    private long udp_send_error(Sock sk, int err) {
        if (err == -Errno.ENOBUFS || (sk.sk_socket != null && sk.sk_socket.test_bit(Socket.SOCK_NOSPACE))) {
            ipv4.mib().udp[Snmp.UDP_MIB_SNDBUFERRORS]++;
        }
        return err;
    }

    /** udp_push_pending_frames: the corked datagram is finished and sent. */
    int udp_push_pending_frames(UdpSock up) {
        Flowi4 fl4 = up.cork.fl;
        InetSock.InetCork cork = up.cork;
        SkBuff skb = ipv4.output().ip_finish_skb(up, fl4);
        int err = 0;
        if (skb != null) {
            err = udp_send_skb(skb, fl4, cork);
        }
        up.len = 0;
        up.pending = 0;
        return err;
    }

    /**
     * udp_send_skb: the header (ports, length) and its checksum over the pseudo-header, header
     * and data (0 is sent as 0xffff), then ip_send_skb; ENOBUFS is not reported without
     * IP_RECVERR, as Linux does.
     */
    int udp_send_skb(SkBuff skb, Flowi4 fl4, InetSock.InetCork cork) {
        InetSock inet = InetSock.inet_sk(skb.sk);
        int offset = SkBuff.skb_transport_offset(skb);
        int len = skb.len - offset;
        UdpHdr uh = UdpHdr.udp_hdr(skb);
        uh.set_source(inet.inet_sport);
        uh.set_dest(fl4.fl4_dport);
        uh.set_len(len);
        uh.set_check(0);
        int csum = Checksum.csum_partial(skb, uh.p, len, 0);
        int check = Checksum.csum_tcpudp_magic(fl4.saddr, fl4.daddr, len, inet.sk_protocol, csum);
        uh.set_check(check == 0 ? Checksum.CSUM_MANGLED_0 : check);
        skb.ip_summed = SkBuff.CHECKSUM_NONE;
        int err = ipv4.output().ip_send_skb(net, skb);
        if (err != 0) {
            if (err == -Errno.ENOBUFS && !inet.recverr) {
                ipv4.mib().udp[Snmp.UDP_MIB_SNDBUFERRORS]++;
                err = 0;
            }
        } else {
            ipv4.mib().udp[Snmp.UDP_MIB_OUTDATAGRAMS]++;
        }
        return err;
    }

    // ---------------------------------------------------------------- receiving

    /** udp_rcv. */
    public int udp_rcv(SkBuff skb) {
        return __udp4_lib_rcv(skb, In.IPPROTO_UDP);
    }

    /**
     * __udp4_lib_rcv: a short or lying length, or a bad checksum, is an error (InErrors,
     * InCsumErrors); a broadcast goes to every sock that wants it; else the best sock, or ICMP
     * port unreachable (NoPorts) if there is none.
     */
    int __udp4_lib_rcv(SkBuff skb, int proto) {
        Snmp mib = ipv4.mib();
        kernel.sched().charge(UDP_NS);
        if (!SkBuff.pskb_may_pull(skb, UdpHdr.SIZEOF)) {
            return drop(skb);
        }
        UdpHdr uh = UdpHdr.udp_hdr(skb);
        int ulen = uh.len();
        IpHdr iph = IpHdr.ip_hdr(skb);
        int saddr = iph.saddr();
        int daddr = iph.daddr();
        if (ulen > skb.len || ulen < UdpHdr.SIZEOF) {
            return drop(skb);
        }
        if (ulen < skb.len) {
            net.skb().skb_trim(skb, ulen);
        }
        if (uh.check() != 0) {
            int sum = Checksum.csum_partial(skb, uh.p, ulen, 0);
            if (Checksum.csum_fold(Checksum.csum_tcpudp_nofold(saddr, daddr, ulen, proto, sum)) != 0) {
                mib.udp[Snmp.UDP_MIB_CSUMERRORS]++;
                return drop(skb);
            }
        }
        Rtable rt = Rtable.skb_rtable(skb);
        if ((rt.rt_flags & (Rtable.RTCF_BROADCAST | Rtable.RTCF_MULTICAST)) != 0) {
            return __udp4_lib_mcast_deliver(skb, uh, saddr, daddr);
        }
        UdpSock sk = __udp4_lib_lookup(saddr, uh.source(), daddr, uh.dest(), skb.skb_iif);
        if (sk != null) {
            return udp_unicast_rcv_skb(sk, skb, uh);
        }
        mib.udp[Snmp.UDP_MIB_NOPORTS]++;
        ipv4.icmp().icmp_send(skb, IcmpHdr.ICMP_DEST_UNREACH, IcmpHdr.ICMP_PORT_UNREACH, 0);
        net.skb().kfree_skb(skb);
        return 0;
    }

    private int drop(SkBuff skb) {
        ipv4.mib().udp[Snmp.UDP_MIB_INERRORS]++;
        net.skb().kfree_skb(skb);
        return 0;
    }

    /** compute_score: -1 if the sock does not take this datagram, higher for more exact matches. */
    static int compute_score(UdpSock sk, int saddr, int sport, int daddr, int hnum, int dif) {
        if (sk.udp_port_hash != hnum || sk.inet_rcv_saddr != daddr) {
            return -1;
        }
        int score = 2;
        if (sk.inet_daddr != 0) {
            if (sk.inet_daddr != saddr) {
                return -1;
            }
            score += 4;
        }
        if (sk.inet_dport != 0) {
            if (sk.inet_dport != sport) {
                return -1;
            }
            score += 4;
        }
        if (sk.sk_bound_dev_if != 0) {
            if (sk.sk_bound_dev_if != dif) {
                return -1;
            }
            score += 4;
        }
        return score;
    }

    /** __udp4_lib_lookup: the best sock bound to the destination address, else to any address. */
    public UdpSock __udp4_lib_lookup(int saddr, int sport, int daddr, int dport, int dif) {
        UdpSock best = udp4_lib_lookup2(saddr, sport, daddr, dport, dif);
        return best != null ? best : udp4_lib_lookup2(saddr, sport, In.INADDR_ANY, dport, dif);
    }

    private UdpSock udp4_lib_lookup2(int saddr, int sport, int daddr, int hnum, int dif) {
        UdpSock result = null;
        int badness = 0;
        for (UdpSock sk : udp_hashslot(hnum)) {
            int score = compute_score(sk, saddr, sport, daddr, hnum, dif);
            if (score > badness) {
                result = sk;
                badness = score;
            }
        }
        return result;
    }

    /** __udp4_lib_mcast_deliver: a copy for each sock the broadcast is for; nobody is no error. */
    int __udp4_lib_mcast_deliver(SkBuff skb, UdpHdr uh, int saddr, int daddr) {
        List<UdpSock> to = new ArrayList<>();
        for (UdpSock sk : udp_hashslot(uh.dest())) {
            if (sk.udp_port_hash == uh.dest() && (sk.inet_daddr == 0 || sk.inet_daddr == saddr)
                    && (sk.inet_dport == 0 || sk.inet_dport == uh.source())
                    && (sk.inet_rcv_saddr == 0 || sk.inet_rcv_saddr == daddr)
                    && (sk.sk_bound_dev_if == 0 || sk.sk_bound_dev_if == skb.skb_iif)) {
                to.add(sk);
            }
        }
        if (to.isEmpty()) {
            ipv4.mib().udp[Snmp.UDP_MIB_IGNOREDMULTI]++;
            net.skb().consume_skb(skb);
            return 0;
        }
        for (int i = 0; i < to.size() - 1; i++) {
            SkBuff nskb = net.skb().skb_clone(skb, org.jstap.sim.mm.Gfp.GFP_ATOMIC);
            if (nskb != null) {
                udp_queue_rcv_skb(to.get(i), nskb);
            }
        }
        udp_queue_rcv_skb(to.get(to.size() - 1), skb);
        return 0;
    }

    /** udp_unicast_rcv_skb. */
    int udp_unicast_rcv_skb(UdpSock sk, SkBuff skb, UdpHdr uh) {
        int ret = udp_queue_rcv_skb(sk, skb);
        return ret > 0 ? -ret : 0;
    }

    /** udp_queue_rcv_skb (udp_queue_rcv_one_skb): the UDP header is pulled and the datagram queued. */
    public int udp_queue_rcv_skb(Sock sk, SkBuff skb) {
        net.skb().skb_pull(skb, UdpHdr.SIZEOF);
        return __udp_queue_rcv_skb(sk, skb);
    }

    int __udp_queue_rcv_skb(Sock sk, SkBuff skb) {
        int rc = __udp_enqueue_schedule_skb(sk, skb);
        if (rc < 0) {
            ipv4.mib().udp[rc == -Errno.ENOMEM ? Snmp.UDP_MIB_RCVBUFERRORS : Snmp.UDP_MIB_MEMERRORS]++;
            ipv4.mib().udp[Snmp.UDP_MIB_INERRORS]++;
            net.skb().kfree_skb(skb);
            return -1;
        }
        return 0;
    }

    /**
     * __udp_enqueue_schedule_skb: onto the receive queue, charged to sk_rmem_alloc; -ENOMEM (and
     * sk_drops) once more than SO_RCVBUF is queued, though one datagram always fits an empty
     * queue. Readers wake (sk_data_ready).
     */
    public int __udp_enqueue_schedule_skb(Sock sk, SkBuff skb) {
        InetSock inet = InetSock.inet_sk(sk);
        long rmem = sk.sk_rmem_alloc;
        if (rmem > sk.sk_rcvbuf) {
            inet.sk_drops++;
            return -Errno.ENOMEM;
        }
        int size = skb.truesize;
        if (rmem + size > size + (long) sk.sk_rcvbuf) {
            inet.sk_drops++;
            return -Errno.ENOMEM;
        }
        SockCore.skb_set_owner_r(skb, sk);
        SkBuffHead.__skb_queue_tail(inet.sk_receive_queue, skb);
        if (!sk.sock_flag(Sock.SOCK_DEAD)) {
            sk.sk_data_ready.call(sk);
        }
        return 0;
    }

    /**
     * udp_recvmsg: the next datagram (or the pending error, EAGAIN, a signal); what does not fit
     * is cut (MSG_TRUNC in msg_flags, and the whole length returned under MSG_TRUNC); a peek
     * leaves it queued. The sender's sockaddr_in goes to msg_name.
     */
    public long udp_recvmsg(Sock sk, Msghdr msg, long len, int flags, int[] addrLen) {
        InetSock inet = InetSock.inet_sk(sk);
        int[] err = new int[1];
        SkBuff skb = net.datagram().__skb_recv_datagram(sk, inet.sk_receive_queue, flags, err);
        if (skb == null) {
            return err[0];
        }
        kernel.sched().charge(UDP_NS);
        boolean peeking = (flags & MSG_PEEK) != 0;
        int ulen = skb.len;
        int copied = (int) Math.min(len, ulen);
        if (copied < ulen) {
            msg.msg_flags |= MSG_TRUNC;
        }
        int e = net.datagram().skb_copy_datagram_msg(skb, 0, msg, copied);
        if (e != 0) {
            if (!peeking) {
                inet.sk_drops++;
                ipv4.mib().udp[Snmp.UDP_MIB_INERRORS]++;
                net.skb().kfree_skb(skb);
            }
            return e;
        }
        if (!peeking) {
            ipv4.mib().udp[Snmp.UDP_MIB_INDATAGRAMS]++;
        }
        if (msg.msg_name != null) {
            UdpHdr uh = UdpHdr.udp_hdr(skb);
            In.put_sockaddr_in(msg.msg_name, uh.source(), IpHdr.ip_hdr(skb).saddr());
            addrLen[0] = In.SOCKADDR_IN_SIZE;
        }
        ipv4.sockglue().ip_cmsg_recv(msg, inet, skb);
        long r = (flags & MSG_TRUNC) != 0 ? ulen : copied;
        if (!peeking) {
            net.datagram().skb_free_datagram(sk, skb);
        }
        return r;
    }

    /**
     * udp_err (__udp4_lib_err): an ICMP error about a datagram we sent finds its sock; a hard
     * error (port unreachable: ECONNREFUSED, protocol unreachable, parameter problem) is reported
     * to a connected sock (any sock with IP_RECVERR); soft ones (host unreachable) are not.
     */
    public int udp_err(SkBuff skb, int info) {
        IpHdr iph = new IpHdr(skb, skb.data);
        UdpHdr uh = new UdpHdr(skb, skb.data + iph.ihl() * 4L);
        IcmpHdr icmph = IcmpHdr.icmp_hdr(skb);
        int type = icmph.type();
        int code = icmph.code();
        UdpSock sk = __udp4_lib_lookup(iph.daddr(), uh.dest(), iph.saddr(), uh.source(), skb.skb_iif);
        if (sk == null) {
            return -Errno.ENOENT;
        }
        int err;
        boolean harderr = false;
        switch (type) {
            case IcmpHdr.ICMP_SOURCE_QUENCH -> {
                return 0;
            }
            case IcmpHdr.ICMP_PARAMETERPROB -> {
                err = Errno.EPROTO;
                harderr = true;
            }
            case IcmpHdr.ICMP_DEST_UNREACH -> {
                if (code == IcmpHdr.ICMP_FRAG_NEEDED) {
                    if (sk.pmtudisc != In.IP_PMTUDISC_DONT) {
                        err = Errno.EMSGSIZE;
                        harderr = true;
                    } else {
                        return 0;
                    }
                } else {
                    err = Errno.EHOSTUNREACH;
                    if (code <= IcmpHdr.NR_ICMP_UNREACH) {
                        harderr = Icmp.ICMP_ERR_CONVERT[code][1] != 0;
                        err = Icmp.ICMP_ERR_CONVERT[code][0];
                    }
                }
            }
            default -> err = Errno.EHOSTUNREACH;
        }
        if (!sk.recverr) {
            if (!harderr || sk.sk_state != Sock.TCP_ESTABLISHED) {
                return 0;
            }
        }
        sk.sk_err = err;
        sk.sk_error_report.call(sk);
        return 0;
    }

    // ---------------------------------------------------------------- poll, ioctl, options

    /** first_packet_length: the next datagram's payload length, or 0 if none. */
    int first_packet_length(InetSock inet) {
        SkBuff skb = SkBuffHead.skb_peek(inet.sk_receive_queue);
        return skb == null ? 0 : skb.len;
    }

    /** udp_poll: datagram_poll. */
    public int udp_poll(File file, Socket sock, PollTable wait) {
        return net.datagram().datagram_poll(file, sock, wait, InetSock.inet_sk(sock.sk).sk_receive_queue);
    }

    /** udp_ioctl: SIOCOUTQ (bytes in flight), SIOCINQ (the next datagram's length). */
    int udp_ioctl(Sock sk, int cmd, long arg) {
        long amount;
        switch (cmd) {
            case SIOCOUTQ -> amount = sk.sk_wmem_alloc_get();
            case SIOCINQ -> amount = first_packet_length(InetSock.inet_sk(sk));
            default -> {
                return -Errno.ENOIOCTLCMD;
            }
        }
        byte[] v = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) amount).array();
        return kernel.uaccess().copy_to_user(arg, v, 0, 4) != 0 ? -Errno.EFAULT : 0;
    }

    /** udp_setsockopt: SOL_UDP's UDP_CORK (clearing it sends the corked datagram). */
    int udp_setsockopt(Sock sk, int level, int optname, long optval, int optlen) {
        if (level != SOL_UDP) {
            return -Errno.ENOPROTOOPT;
        }
        if (optlen < 4) {
            return -Errno.EINVAL;
        }
        byte[] b = new byte[4];
        if (kernel.uaccess().copy_from_user(b, 0, optval, 4) != 0) {
            return -Errno.EFAULT;
        }
        int val = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (optname != UDP_CORK) {
            return -Errno.ENOPROTOOPT;
        }
        UdpSock up = udp_sk(sk);
        if (val != 0) {
            up.corkflag = true;
        } else {
            up.corkflag = false;
            if (up.pending != 0) {
                udp_push_pending_frames(up);
            }
        }
        return 0;
    }

    int udp_getsockopt(Sock sk, int level, int optname, long optval, long optlen) {
        if (level != SOL_UDP || optname != UDP_CORK) {
            return -Errno.ENOPROTOOPT;
        }
        return ipv4.sockglue().put_int_opt(udp_sk(sk).corkflag ? 1 : 0, optval, optlen);
    }

    // ---------------------------------------------------------------- /proc/net/udp

    /**
     * udp4_seq_show: /proc/net/udp, each line padded to 127 columns: the slot, local and remote
     * address:port (the address as the raw __be32 in hex), state (07 TCP_CLOSE, 01 connected),
     * tx/rx queue bytes, owner uid, inode, refcount, the sock's address and drops.
     */
    public String udp4_seq_show() {
        StringBuilder out = new StringBuilder(String.format("%-127s\n",
                "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops"));
        for (int bucket = 0; bucket < UDP_HTABLE_SIZE; bucket++) {
            for (UdpSock sp : udp_table.get(bucket)) {
                int uid = sp.sk_socket != null ? sp.sk_socket.inode.i_uid : 0;
                long ino = sp.sk_socket != null ? sp.sk_socket.i_ino() : 0;
                String line = String.format("%5d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d %d %016x %d",
                        bucket, Integer.reverseBytes(sp.inet_rcv_saddr), sp.inet_sport, Integer.reverseBytes(sp.inet_daddr),
                        sp.inet_dport, sp.sk_state, sp.sk_wmem_alloc_get(), sp.sk_rmem_alloc, 0, 0, 0, uid, 0, ino,
                        sp.sk_refcnt, sp.kaddr(), sp.sk_drops);
                out.append(String.format("%-127s\n", line));
            }
        }
        return out.toString();
    }

    /** The socks in the table now (for tests and tools), in /proc/net/udp's order. */
    public List<UdpSock> socks() {
        List<UdpSock> all = new ArrayList<>();
        udp_table.forEach(all::addAll);
        return all;
    }
}
