package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.SocketDefs.*;
import static org.jstap.sim.net.ipv4.TcpSkbCb.TCP_SKB_CB;
import static org.jstap.sim.net.ipv4.TcpSock.tcp_sk;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.time.Time;
import org.jstap.sim.lib.Checksum;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.Slub;
import org.jstap.sim.net.Msghdr;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.core.SockCore;

/**
 * net/ipv4/tcp_ipv4.c: TCP over IPv4. {@link #tcp_prot} (struct proto "TCP") and
 * {@link #tcp_protocol} (inet_protos[IPPROTO_TCP]). {@link #tcp_v4_connect}: the route and source
 * address, SYN_SENT, an ephemeral port ({@code inet_hash_connect}), the ISN, {@code tcp_connect}.
 * {@link #tcp_v4_rcv}: header and checksum checks, TCP_SKB_CB, the lookup
 * ({@code __inet_lookup_established}, then {@code __inet_lookup_listener}); no sock means
 * {@link #tcp_v4_send_reset}; a TIME_WAIT sock goes to tcp_timewait_state_process, a request sock
 * to tcp_check_req, an owned sock's segment to its backlog, else {@link #tcp_v4_do_rcv}
 * (ESTABLISHED: tcp_rcv_established, else tcp_rcv_state_process). ICSK's SYN-ACK
 * ({@link #tcp_v4_send_synack}) and child ({@link #tcp_v4_syn_recv_sock}); ICMP errors
 * ({@link #tcp_v4_err}); /proc/net/tcp ({@link #tcp4_seq_show}). The ISN is secure_tcp_seq's
 * shape: a keyed hash of the 4-tuple (key from the machine's seeded random pool) plus the
 * virtual clock in 64 ns units, so runs repeat.
 *
 * <pre>{@code
 * connect(fd, &sin, 16) -> __sys_connect -> inet_stream_connect -> tcp_v4_connect -> tcp_connect
 * NET_RX -> ip_local_deliver_finish -> tcp_v4_rcv -> tcp_v4_do_rcv -> tcp_rcv_established
 * }</pre>
 */
@LinuxFile("net/ipv4/tcp_ipv4.c")
public final class TcpIpv4 {
    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;
    private Slub.KmemCache request_sock_TCP;
    private Slub.KmemCache tw_sock_TCP;
    /** ipv4.tcp_sk: the control sock resets and TIME_WAIT ACKs go out on. */
    private TcpSock ctl_sk;
    private long secret;

    TcpIpv4(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    /** tcp_prot. */
    public final InetProto tcp_prot = new InetProto("TCP", 2368) {
        @Override
        public InetSock sk_alloc(long kaddr) {
            TcpSock[] self = new TcpSock[1];
            self[0] = new TcpSock(this, kaddr, () -> ipv4.tcp_timer().tcp_write_timer(self[0]),
                    () -> ipv4.tcp_timer().tcp_delack_timer(self[0]), () -> ipv4.tcp_timer().tcp_keepalive_timer(self[0]));
            return self[0];
        }

        @Override
        public boolean no_autobind() {
            return true;
        }

        @Override
        public int init(Sock sk) {
            return ipv4.tcp().tcp_init_sock(sk);
        }

        @Override
        public void close(Sock sk, long timeout) {
            ipv4.tcp().tcp_close(sk, timeout);
        }

        @Override
        public void destroy(Sock sk) {
            tcp_v4_destroy_sock(sk);
        }

        @Override
        public int connect(Sock sk, byte[] uaddr, int addrLen) {
            return tcp_v4_connect(sk, uaddr, addrLen);
        }

        @Override
        public int disconnect(Sock sk, int flags) {
            return ipv4.tcp().tcp_disconnect(sk, flags);
        }

        @Override
        public int get_port(Sock sk, int snum) {
            return ipv4.inet_csk().inet_csk_get_port(sk, snum);
        }

        @Override
        public int hash(Sock sk) {
            return ipv4.inet_hashinfo().inet_hash(sk);
        }

        @Override
        public void unhash(Sock sk) {
            ipv4.inet_hashinfo().inet_unhash(sk);
        }

        @Override
        public void keepalive(Sock sk, boolean on) {
            ipv4.tcp_timer().tcp_set_keepalive(sk, on);
        }

        @Override
        public int ioctl(Sock sk, int cmd, long arg) {
            return ipv4.tcp().tcp_ioctl(sk, cmd, arg);
        }

        @Override
        public int setsockopt(Sock sk, int level, int optname, long optval, int optlen) {
            return ipv4.tcp().tcp_setsockopt(sk, level, optname, optval, optlen);
        }

        @Override
        public int getsockopt(Sock sk, int level, int optname, long optval, long optlen) {
            return ipv4.tcp().tcp_getsockopt(sk, level, optname, optval, optlen);
        }

        @Override
        public long sendmsg(Sock sk, Msghdr msg, long len) {
            return ipv4.tcp().tcp_sendmsg(sk, msg, len);
        }

        @Override
        public long recvmsg(Sock sk, Msghdr msg, long len, int flags, int[] addrLen) {
            return ipv4.tcp().tcp_recvmsg(sk, msg, len, flags, addrLen);
        }

        @Override
        public void shutdown(Sock sk, int how) {
            ipv4.tcp().tcp_shutdown(sk, how);
        }

        @Override
        public int backlog_rcv(Sock sk, SkBuff skb) {
            return tcp_v4_do_rcv(sk, skb);
        }

        @Override
        public void release_cb(Sock sk) {
            ipv4.tcp_timer().tcp_release_cb(sk);
        }
    };

    /** tcp_protocol: TCP's entry in inet_protos[]. */
    public final NetProtocol tcp_protocol = new NetProtocol() {
        @Override
        public int handler(SkBuff skb) {
            return tcp_v4_rcv(skb);
        }

        @Override
        public int err_handler(SkBuff skb, int info) {
            return tcp_v4_err(skb, info);
        }
    };

    // ---------------------------------------------------------------- boot

    /** The request and TIME_WAIT sock caches (proto_register's rsk_prot and twsk_prot). */
    void tcp_init_caches() {
        request_sock_TCP = kernel.slab().kmem_cache_create("request_sock_TCP", 304);
        tw_sock_TCP = kernel.slab().kmem_cache_create("tw_sock_TCP", 248);
    }

    /** tcp_v4_init (tcp_sk_init): the control sock and the ISN key. */
    void tcp_v4_init() {
        long kaddr = net.sock().sk_prot_alloc(tcp_prot);
        ctl_sk = (TcpSock) tcp_prot.sk_alloc(kaddr);
        net.sock().sock_init_data(null, ctl_sk);
        ctl_sk.sk_type = SOCK_RAW;
        ctl_sk.sk_protocol = In.IPPROTO_TCP;
        ctl_sk.pmtudisc = In.IP_PMTUDISC_DO;
        byte[] r = new byte[8];
        kernel.random().get_random_bytes(r);
        secret = java.nio.ByteBuffer.wrap(r).getLong();
    }

    RequestSock reqsk_alloc(TcpSock listener) {
        long kaddr = kernel.slab().kmem_cache_alloc(request_sock_TCP, Gfp.GFP_ATOMIC);
        if (kaddr == 0) {
            return null;
        }
        RequestSock[] self = new RequestSock[1];
        self[0] = new RequestSock(tcp_prot, kaddr, listener, () -> ipv4.inet_csk().reqsk_timer_handler(self[0]));
        return self[0];
    }

    void reqsk_free(RequestSock req) {
        kernel.slab().kmem_cache_free(request_sock_TCP, req.kaddr());
    }

    TcpTimewaitSock twsk_alloc() {
        long kaddr = kernel.slab().kmem_cache_alloc(tw_sock_TCP, Gfp.GFP_ATOMIC);
        if (kaddr == 0) {
            return null;
        }
        TcpTimewaitSock[] self = new TcpTimewaitSock[1];
        self[0] = new TcpTimewaitSock(tcp_prot, kaddr, () -> ipv4.inet_twsk().tw_timer_handler(self[0]));
        return self[0];
    }

    void twsk_free(TcpTimewaitSock tw) {
        kernel.slab().kmem_cache_free(tw_sock_TCP, tw.kaddr());
    }

    /** tcp_v4_destroy_sock: timers stopped, every queue purged. */
    void tcp_v4_destroy_sock(Sock sk) {
        TcpSock tp = tcp_sk(sk);
        ipv4.tcp_timer().tcp_clear_xmit_timers(tp);
        ipv4.tcp().tcp_write_queue_purge(tp);
        net.skb().skb_queue_purge(tp.out_of_order_queue);
        net.skb().skb_queue_purge(tp.sk_receive_queue);
    }

    // ---------------------------------------------------------------- connect

    /** secure_tcp_seq: a keyed hash of the 4-tuple plus the clock in 64 ns steps. */
    int tcp_v4_init_seq(int saddr, int daddr, int sport, int dport) {
        long h = secret;
        for (long v : new long[] {saddr & 0xffffffffL, daddr & 0xffffffffL, (long) sport << 16 | dport}) {
            h ^= v;
            h *= 0x9E3779B97F4A7C15L;
            h ^= h >>> 31;
        }
        return (int) h + (int) (kernel.timekeeping().ktime_get_ns() >> 6);
    }

    /**
     * tcp_v4_connect: EINVAL for a short address, EAFNOSUPPORT for another family, ENETUNREACH
     * without a route (or to a broadcast or multicast address); then the source address the
     * route picks, SYN_SENT, a local port (EADDRNOTAVAIL when none is free), the ISN and the SYN.
     */
    public int tcp_v4_connect(Sock sk, byte[] uaddr, int addrLen) {
        TcpSock tp = tcp_sk(sk);
        if (addrLen < In.SOCKADDR_IN_SIZE) {
            return -Errno.EINVAL;
        }
        if (In.sin_family(uaddr) != AF_INET) {
            return -Errno.EAFNOSUPPORT;
        }
        int daddr = In.sin_addr(uaddr);
        int dport = In.sin_port(uaddr);
        Flowi4 fl4 = new Flowi4();
        int[] err = new int[1];
        Rtable rt = ipv4.route().ip_route_connect(fl4, daddr, tp.inet_saddr, tp.sk_bound_dev_if, In.IPPROTO_TCP,
                tp.inet_sport, dport, sk, err);
        if (rt == null) {
            if (err[0] == -Errno.ENETUNREACH) {
                ipv4.mib().ip[Snmp.IPSTATS_MIB_OUTNOROUTES]++;
            }
            return err[0];
        }
        if ((rt.rt_flags & (Rtable.RTCF_MULTICAST | Rtable.RTCF_BROADCAST)) != 0) {
            return -Errno.ENETUNREACH;
        }
        if (tp.inet_saddr == 0) {
            tp.inet_saddr = fl4.saddr;
        }
        if (tp.inet_rcv_saddr == 0) {
            tp.inet_rcv_saddr = tp.inet_saddr;
        }
        tp.inet_dport = dport;
        tp.inet_daddr = daddr;
        ipv4.tcp().tcp_set_state(sk, Sock.TCP_SYN_SENT);
        int e = ipv4.inet_hashinfo().inet_hash_connect(tp);
        if (e != 0) {
            ipv4.tcp().tcp_set_state(sk, Sock.TCP_CLOSE);
            tp.inet_dport = 0;
            return e;
        }
        tp.sk_dst_cache = rt;
        tp.write_seq = tcp_v4_init_seq(tp.inet_saddr, tp.inet_daddr, tp.inet_sport, tp.inet_dport);
        tp.inet_id = (int) (tp.write_seq ^ kernel.timekeeping().jiffies()) & 0xffff;
        e = ipv4.tcp_output().tcp_connect(tp);
        if (e != 0) {
            ipv4.tcp().tcp_set_state(sk, Sock.TCP_CLOSE);
            tp.inet_dport = 0;
        }
        return e;
    }

    /** tcp_v4_send_check: the checksum over the pseudo-header, the TCP header and the data. */
    void tcp_v4_send_check(InetSock inet, SkBuff skb) {
        TcpHdr th = TcpHdr.tcp_hdr(skb);
        int len = skb.len;
        int saddr = inet.inet_saddr != 0 ? inet.inet_saddr : inet.inet_rcv_saddr;
        th.set_check(0);
        int csum = Checksum.csum_partial(skb, th.p, len, 0);
        th.set_check(Checksum.csum_tcpudp_magic(saddr, inet.inet_daddr, len, In.IPPROTO_TCP, csum));
        skb.ip_summed = SkBuff.CHECKSUM_NONE;
    }

    // ---------------------------------------------------------------- receive

    /**
     * tcp_v4_rcv: a short header, a bad data offset or checksum is an error (InErrs,
     * InCsumErrors); otherwise the sock the segment is for handles it. Runs in softirq context.
     */
    public int tcp_v4_rcv(SkBuff skb) {
        Snmp mib = ipv4.mib();
        kernel.sched().charge(Tcp.TCP_NS);
        if (skb.pkt_type != SkBuff.PACKET_HOST || !SkBuff.pskb_may_pull(skb, TcpHdr.SIZEOF)) {
            net.skb().kfree_skb(skb);
            return 0;
        }
        mib.tcp_insegs++;
        SkBuff.skb_reset_transport_header(skb);
        TcpHdr th = TcpHdr.tcp_hdr(skb);
        int doff = th.doff() * 4;
        if (doff < TcpHdr.SIZEOF || doff > skb.len) {
            mib.tcp_inerrs++;
            net.skb().kfree_skb(skb);
            return 0;
        }
        IpHdr iph = IpHdr.ip_hdr(skb);
        int saddr = iph.saddr();
        int daddr = iph.daddr();
        int sum = Checksum.csum_partial(skb, th.p, skb.len, 0);
        if (Checksum.csum_fold(Checksum.csum_tcpudp_nofold(saddr, daddr, skb.len, In.IPPROTO_TCP, sum)) != 0) {
            mib.tcp_incsumerrors++;
            mib.tcp_inerrs++;
            net.skb().kfree_skb(skb);
            return 0;
        }
        int flags = th.flags();
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        tcb.seq = th.seq();
        tcb.end_seq = tcb.seq + ((flags & TcpHdr.TCPHDR_SYN) != 0 ? 1 : 0) + ((flags & TcpHdr.TCPHDR_FIN) != 0 ? 1 : 0)
                + skb.len - doff;
        tcb.ack_seq = th.ack_seq();
        tcb.tcp_flags = flags;
        tcb.window = th.window();
        tcb.sacked = 0;
        InetSock sk = ipv4.inet_hashinfo().__inet_lookup(saddr, th.source(), daddr, th.dest(), skb.skb_iif);
        while (true) {
            if (sk == null) {
                tcp_v4_send_reset(null, skb);
                net.skb().kfree_skb(skb);
                return 0;
            }
            if (sk instanceof TcpTimewaitSock tw) {
                int r = ipv4.tcp_minisocks().tcp_timewait_state_process(tw, skb, th);
                if (r == TcpMinisocks.TCP_TW_SYN) {
                    TcpSock sk2 = ipv4.inet_hashinfo().__inet_lookup_listener(saddr, th.source(), daddr, th.dest(),
                            skb.skb_iif);
                    if (sk2 != null) {
                        ipv4.inet_twsk().inet_twsk_deschedule_put(tw);
                        sk = sk2;
                        continue;
                    }
                } else if (r == TcpMinisocks.TCP_TW_ACK) {
                    tcp_v4_send_ack(tw.inet_rcv_saddr, tw.inet_daddr, tw.inet_sport, tw.inet_dport, tw.tw_snd_nxt,
                            tw.tw_rcv_nxt, tw.tw_rcv_wnd);
                }
                net.skb().kfree_skb(skb);
                return 0;
            }
            if (sk instanceof RequestSock req) {
                TcpSock listener = req.rsk_listener;
                boolean[] reset = {false};
                TcpSock child = ipv4.tcp_minisocks().tcp_check_req(listener, skb, req, reset);
                if (child == null) {
                    if (reset[0]) {
                        tcp_v4_send_reset(listener, skb);
                    }
                    net.skb().kfree_skb(skb);
                    return 0;
                }
                if (ipv4.tcp_minisocks().tcp_child_process(listener, child, skb) != 0) {
                    tcp_v4_send_reset(child, skb);
                    net.skb().kfree_skb(skb);
                }
                return 0;
            }
            break;
        }
        TcpSock tp = tcp_sk(sk);
        tp.segs_in++;
        if (!SockCore.sock_owned_by_user(tp)) {
            return tcp_v4_do_rcv(tp, skb);
        }
        SockCore.sk_add_backlog(tp, skb);
        return 0;
    }

    /** tcp_v4_do_rcv: ESTABLISHED takes the established path; every other state the state machine (1: reset the sender). */
    public int tcp_v4_do_rcv(Sock sk, SkBuff skb) {
        if (sk.sk_state == Sock.TCP_ESTABLISHED) {
            ipv4.tcp_input().tcp_rcv_established(sk, skb);
            return 0;
        }
        if (ipv4.tcp_input().tcp_rcv_state_process(sk, skb) != 0) {
            tcp_v4_send_reset(sk, skb);
            net.skb().kfree_skb(skb);
        }
        return 0;
    }

    /** A reply segment from the control sock: {@code saddr:sport -> daddr:dport} with seq, ack and flags. */
    private void tcp_v4_send_ctl(int saddr, int daddr, int sport, int dport, int seq, int ack, int flags, int window) {
        Flowi4 fl4 = Flowi4.flowi4_init_output(0, 0, 0, Fib.RT_SCOPE_UNIVERSE, In.IPPROTO_TCP, 0, daddr, saddr, dport,
                sport);
        int[] err = new int[1];
        Rtable rt = ipv4.route().ip_route_output_key(fl4, err);
        if (rt == null) {
            return;
        }
        SkBuff skb = net.skb().alloc_skb(Tcp.MAX_TCP_HEADER, Gfp.GFP_ATOMIC);
        if (skb == null) {
            return;
        }
        SkBuff.skb_reserve(skb, Tcp.MAX_TCP_HEADER);
        net.skb().skb_push(skb, TcpHdr.SIZEOF);
        SkBuff.skb_reset_transport_header(skb);
        TcpHdr th = TcpHdr.tcp_hdr(skb);
        th.set_source(sport);
        th.set_dest(dport);
        th.set_seq(seq);
        th.set_ack_seq(ack);
        th.set_doff(TcpHdr.SIZEOF / 4);
        th.set_flags(flags);
        th.set_window(window);
        th.set_check(0);
        th.set_urg_ptr(0);
        int csum = Checksum.csum_partial(skb, th.p, TcpHdr.SIZEOF, 0);
        th.set_check(Checksum.csum_tcpudp_magic(saddr, daddr, TcpHdr.SIZEOF, In.IPPROTO_TCP, csum));
        SkBuff.skb_dst_set(skb, rt);
        ipv4.mib().tcp_outsegs++;
        ipv4.output().ip_build_and_send_pkt(skb, ctl_sk, saddr, daddr);
    }

    /**
     * tcp_v4_send_reset: the answer to a segment nobody takes (RFC 793): never to an RST; to an
     * ACK, an RST at its ack number; else RST|ACK acking what it occupied.
     */
    public void tcp_v4_send_reset(Sock sk, SkBuff skb) {
        TcpHdr th = TcpHdr.tcp_hdr(skb);
        int flags = th.flags();
        if ((flags & TcpHdr.TCPHDR_RST) != 0) {
            return;
        }
        Rtable rt = Rtable.skb_rtable(skb);
        if (rt != null && (rt.rt_flags & (Rtable.RTCF_BROADCAST | Rtable.RTCF_MULTICAST)) != 0) {
            return;
        }
        IpHdr iph = IpHdr.ip_hdr(skb);
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        ipv4.mib().tcp_outrsts++;
        if ((flags & TcpHdr.TCPHDR_ACK) != 0) {
            tcp_v4_send_ctl(iph.daddr(), iph.saddr(), th.dest(), th.source(), tcb.ack_seq, 0, TcpHdr.TCPHDR_RST, 0);
        } else {
            tcp_v4_send_ctl(iph.daddr(), iph.saddr(), th.dest(), th.source(), 0, tcb.end_seq,
                    TcpHdr.TCPHDR_RST | TcpHdr.TCPHDR_ACK, 0);
        }
    }

    /** tcp_v4_send_ack: a TIME_WAIT sock's ACK (from the control sock). */
    void tcp_v4_send_ack(int saddr, int daddr, int sport, int dport, int seq, int ack, int window) {
        tcp_v4_send_ctl(saddr, daddr, sport, dport, seq, ack, TcpHdr.TCPHDR_ACK, Math.min(window, Tcp.MAX_TCP_WINDOW));
    }

    /** tcp_v4_conn_request: a SYN for a listener (not to a broadcast or multicast address). */
    int tcp_v4_conn_request(TcpSock listener, SkBuff skb) {
        Rtable rt = Rtable.skb_rtable(skb);
        if (rt != null && (rt.rt_flags & (Rtable.RTCF_BROADCAST | Rtable.RTCF_MULTICAST)) != 0) {
            return 0;
        }
        IpHdr iph = IpHdr.ip_hdr(skb);
        return ipv4.tcp_input().tcp_conn_request(listener, skb, iph.saddr(), iph.daddr());
    }

    /** tcp_v4_send_synack: the SYN-ACK of {@code req}, checksummed, through ip_build_and_send_pkt. */
    int tcp_v4_send_synack(TcpSock listener, RequestSock req, Rtable rt) {
        SkBuff skb = ipv4.tcp_output().tcp_make_synack(listener, req, rt);
        if (skb == null) {
            return -Errno.ENOMEM;
        }
        TcpHdr th = TcpHdr.tcp_hdr(skb);
        int csum = Checksum.csum_partial(skb, th.p, skb.len, 0);
        th.set_check(Checksum.csum_tcpudp_magic(req.inet_rcv_saddr, req.inet_daddr, skb.len, In.IPPROTO_TCP, csum));
        req.tx_ns = kernel.timekeeping().ktime_get_ns();
        ipv4.mib().tcp_outsegs++;
        if (req.num_timeout > 0) {
            ipv4.mib().tcp_retranssegs++;
        }
        return ipv4.output().ip_build_and_send_pkt(skb, listener, req.inet_rcv_saddr, req.inet_daddr);
    }

    /**
     * tcp_v4_syn_recv_sock: the child of a completed handshake (null when the accept queue is
     * full): its route, MSS and window, its place in the established hash (replacing the
     * request) and a share of the listener's port.
     */
    TcpSock tcp_v4_syn_recv_sock(TcpSock listener, SkBuff skb, RequestSock req) {
        if (ipv4.inet_csk().sk_acceptq_is_full(listener)) {
            return null;
        }
        TcpSock newsk = ipv4.tcp_minisocks().tcp_create_openreq_child(listener, req, skb);
        if (newsk == null) {
            return null;
        }
        Rtable rt = ipv4.inet_csk().inet_csk_route_req(listener, req);
        if (rt == null) {
            net.sock().sk_free(newsk);
            return null;
        }
        newsk.sk_dst_cache = rt;
        newsk.advmss = ipv4.tcp_output().tcp_mtu_to_mss(newsk, rt.dst_mtu());
        ipv4.tcp_output().tcp_sync_mss(newsk, rt.dst_mtu());
        newsk.icsk_ack_rcv_mss = Math.min(newsk.advmss, Tcp.TCP_MSS_DEFAULT);
        ipv4.inet_hashinfo().inet_ehash_nolisten(newsk, req);
        ipv4.inet_hashinfo().__inet_inherit_port(listener, newsk);
        return newsk;
    }

    /**
     * tcp_v4_err: an ICMP error about one of our segments: while connecting, a hard error
     * (port or protocol unreachable...) ends the attempt with its errno; later it is only a soft
     * error (sk_err_soft, reported if the connection times out).
     */
    int tcp_v4_err(SkBuff skb, int info) {
        IpHdr iph = new IpHdr(skb, skb.data);
        long thp = skb.data + iph.ihl() * 4L;
        int sport = skb.be16(thp);
        int dport = skb.be16(thp + 2);
        InetSock sk = ipv4.inet_hashinfo().__inet_lookup_established(iph.daddr(), dport, iph.saddr(), sport);
        if (!(sk instanceof TcpSock tp)) {
            return -Errno.ENOENT;
        }
        IcmpHdr icmph = IcmpHdr.icmp_hdr(skb);
        int type = icmph.type();
        int code = icmph.code();
        int err;
        if (type == IcmpHdr.ICMP_DEST_UNREACH) {
            if (code == IcmpHdr.ICMP_FRAG_NEEDED || code > IcmpHdr.NR_ICMP_UNREACH) {
                return 0;
            }
            err = Icmp.ICMP_ERR_CONVERT[code][0];
        } else if (type == IcmpHdr.ICMP_PARAMETERPROB) {
            err = Errno.EPROTO;
        } else {
            return 0;
        }
        if (tp.sk_state == Sock.TCP_SYN_SENT || tp.sk_state == Sock.TCP_SYN_RECV) {
            if (!SockCore.sock_owned_by_user(tp)) {
                tp.sk_err = err;
                tp.sk_error_report.call(tp);
                ipv4.tcp().tcp_done(tp);
            } else {
                tp.sk_err_soft = err;
            }
        } else {
            tp.sk_err_soft = err;
        }
        return 0;
    }

    // ---------------------------------------------------------------- /proc/net/tcp

    /**
     * tcp4_seq_show: /proc/net/tcp, each line padded to 149 columns: listeners, then the
     * established hash (full socks, SYN_RECV requests, TIME_WAIT socks), as get_tcp4_sock,
     * get_openreq4 and get_timewait4_sock print them.
     */
    public String tcp4_seq_show() {
        StringBuilder out = new StringBuilder(String.format("%-149s\n",
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"));
        int i = 0;
        long now = kernel.timekeeping().jiffies();
        int hz = kernel.params().hz();
        for (InetSock s : ipv4.inet_hashinfo().socks()) {
            String line;
            if (s instanceof TcpSock sk) {
                line = get_tcp4_sock(sk, i, now, hz);
            } else if (s instanceof RequestSock req) {
                line = String.format("%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d %d %016x", i,
                        Integer.reverseBytes(req.inet_rcv_saddr), req.inet_num, Integer.reverseBytes(req.inet_daddr),
                        req.inet_dport, Sock.TCP_SYN_RECV, 0, 0, 1,
                        Time.jiffies_64_to_clock_t(Math.max(req.rsk_timer.expires() - now, 0), hz), req.num_timeout,
                        uid(req.rsk_listener), 0, 0, 0, req.kaddr());
            } else {
                TcpTimewaitSock tw = (TcpTimewaitSock) s;
                line = String.format(" %4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d %d %016x", i,
                        Integer.reverseBytes(tw.inet_rcv_saddr), tw.inet_num, Integer.reverseBytes(tw.inet_daddr),
                        tw.inet_dport, tw.tw_substate, 0, 0, 3,
                        Time.jiffies_64_to_clock_t(Math.max(tw.tw_timer.expires() - now, 0), hz), 0, 0, 0, 0, 3,
                        tw.kaddr());
            }
            out.append(String.format("%-149s\n", line));
            i++;
        }
        return out.toString();
    }

    private static int uid(Sock sk) {
        return sk.sk_socket != null ? sk.sk_socket.inode.i_uid : 0;
    }

    private String get_tcp4_sock(TcpSock sk, int i, long now, int hz) {
        int timerActive;
        long timerExpires;
        if (sk.icsk_pending == TcpSock.ICSK_TIME_RETRANS) {
            timerActive = 1;
            timerExpires = sk.icsk_timeout;
        } else if (sk.icsk_pending == TcpSock.ICSK_TIME_PROBE0) {
            timerActive = 4;
            timerExpires = sk.icsk_timeout;
        } else if (sk.sk_timer.pending()) {
            timerActive = 2;
            timerExpires = sk.sk_timer.expires();
        } else {
            timerActive = 0;
            timerExpires = now;
        }
        int rxQueue = sk.sk_state == Sock.TCP_LISTEN ? sk.sk_ack_backlog : Math.max(sk.rcv_nxt - sk.copied_seq, 0);
        long ino = sk.sk_socket != null ? sk.sk_socket.i_ino() : 0;
        long delta = timerExpires - now;
        return String.format("%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d %d %016x %d %d %d %d %d",
                i, Integer.reverseBytes(sk.inet_rcv_saddr), sk.inet_num, Integer.reverseBytes(sk.inet_daddr),
                sk.inet_dport, sk.sk_state, sk.sk_state == Sock.TCP_LISTEN ? 0 : sk.write_seq - sk.snd_una, rxQueue,
                timerActive, delta < 0 ? -Time.jiffies_64_to_clock_t(-delta, hz) : Time.jiffies_64_to_clock_t(delta, hz),
                sk.icsk_retransmits, uid(sk), sk.icsk_probes_out, ino, sk.sk_refcnt, sk.kaddr(),
                Time.jiffies_64_to_clock_t(sk.icsk_rto, hz), Time.jiffies_64_to_clock_t(sk.icsk_ack_ato, hz),
                sk.icsk_ack_quick << 1 | (sk.icsk_ack_pingpong ? 1 : 0), sk.snd_cwnd,
                sk.sk_state == Sock.TCP_LISTEN ? 0 : sk.tcp_in_initial_slowstart() ? -1 : sk.snd_ssthresh);
    }
}
