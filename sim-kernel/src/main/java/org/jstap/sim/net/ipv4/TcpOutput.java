package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.ipv4.TcpSkbCb.TCP_SKB_CB;
import static org.jstap.sim.net.ipv4.TcpSkbCb.after;
import static org.jstap.sim.net.ipv4.TcpSkbCb.before;
import static org.jstap.sim.net.ipv4.TcpSock.tcp_sk;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.core.SkBuffHead;

/**
 * net/ipv4/tcp_output.c: segments out. {@link #tcp_write_xmit} sends from the head of the write
 * queue while the congestion window ({@link #tcp_cwnd_test}), the peer's window
 * ({@link #tcp_snd_wnd_test}) and Nagle ({@link #tcp_nagle_test}) allow; each goes through
 * {@link #tcp_transmit_skb} (a clone gets the TCP header, checksum and ACK of rcv_nxt with our
 * window, then {@code ip_queue_xmit}) and moves to the retransmit queue
 * ({@link #tcp_event_new_data_sent}, arming the RTO). Also the SYN ({@link #tcp_connect} with the
 * MSS option), the SYN-ACK ({@link #tcp_make_synack}), ACKs now or delayed
 * ({@link #tcp_send_ack}, {@link #tcp_send_delayed_ack}), FIN ({@link #tcp_send_fin}), RST
 * ({@link #tcp_send_active_reset}), retransmissions ({@link #tcp_retransmit_skb}, with the
 * tcp_retransmit_skb tracepoint) and the zero-window probe.
 *
 * <pre>{@code
 * tcp_push -> __tcp_push_pending_frames -> tcp_write_xmit -> tcp_transmit_skb -> ip_queue_xmit
 * }</pre>
 */
@LinuxFile("net/ipv4/tcp_output.c")
public final class TcpOutput {
    /** TCP_DELACK_MIN (HZ/25) and TCP_DELACK_MAX (HZ/5), in jiffies at this HZ. */
    private final long delackMin;
    final long delackMax;
    /** TCP_RTO_MAX (120 s), TCP_RTO_MIN (200 ms), TCP_TIMEOUT_INIT (1 s), in jiffies. */
    final long rtoMax;
    final long rtoMin;
    final long timeoutInit;

    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;

    TcpOutput(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
        int hz = kernel.params().hz();
        delackMin = hz / 25;
        delackMax = hz / 5;
        rtoMax = 120L * hz;
        rtoMin = hz / 5;
        timeoutInit = hz;
    }

    private long jiffies() {
        return kernel.timekeeping().jiffies();
    }

    // ---------------------------------------------------------------- MSS and windows

    /** tcp_mtu_to_mss: the MTU (at most IP_MAX_MTU) less the IP and TCP headers, clamped by what the peer offered and TCP_MAXSEG. */
    int tcp_mtu_to_mss(TcpSock tp, int pmtu) {
        // ipv4_mtu: a route's MTU is at most IP_MAX_MTU (lo's 65536 gives 65535, and an MSS of 65495)
        int mss = Math.min(pmtu, IpOutput.IP_MAX_MTU) - IpHdr.SIZEOF - TcpHdr.SIZEOF;
        if (tp.mss_clamp != 0 && mss > tp.mss_clamp) {
            mss = tp.mss_clamp;
        }
        if (tp.user_mss != 0 && mss > tp.user_mss) {
            mss = tp.user_mss;
        }
        return Math.max(mss, Tcp.TCP_MIN_MSS - 40);
    }

    /** tcp_sync_mss: mss_cache from the path MTU. */
    int tcp_sync_mss(TcpSock tp, int pmtu) {
        tp.mss_cache = tcp_mtu_to_mss(tp, pmtu);
        return tp.mss_cache;
    }

    /** tcp_current_mss: the MSS for the route now. */
    int tcp_current_mss(TcpSock tp) {
        Rtable rt = ipv4.route().sk_dst_check(tp);
        if (rt != null && tcp_mtu_to_mss(tp, rt.dst_mtu()) != tp.mss_cache) {
            tcp_sync_mss(tp, rt.dst_mtu());
        }
        return tp.mss_cache;
    }

    /** tcp_send_mss: the size each write's skbs are filled to (no GSO: one MSS). */
    int tcp_send_mss(TcpSock tp) {
        return tcp_current_mss(tp);
    }

    /** tcp_space: what SO_RCVBUF has left, less the overhead tcp_adv_win_scale (1) reserves. */
    int tcp_space(TcpSock tp) {
        long space = tp.sk_rcvbuf - tp.sk_rmem_alloc;
        return (int) Math.max(space - (space >> 1), 0);
    }

    /** tcp_full_space. */
    int tcp_full_space(TcpSock tp) {
        return tp.sk_rcvbuf - (tp.sk_rcvbuf >> 1);
    }

    /**
     * __tcp_select_window: the window to offer: 0 below one MSS of room, else the free space
     * rounded down to the MSS, keeping the current window while it is within an MSS of that.
     */
    int __tcp_select_window(TcpSock tp) {
        int mss = tp.icsk_ack_rcv_mss != 0 ? tp.icsk_ack_rcv_mss : tp.advmss;
        int freeSpace = tcp_space(tp);
        int fullSpace = Math.min(tp.window_clamp, tcp_full_space(tp));
        if (mss > fullSpace) {
            mss = Math.max(fullSpace, 1);
        }
        if (freeSpace < fullSpace >> 1) {
            tp.icsk_ack_quick = 0;
            if (freeSpace < mss) {
                return 0;
            }
        }
        freeSpace = Math.min(freeSpace, tp.window_clamp);
        int window = tp.rcv_wnd;
        if (window <= freeSpace - mss || window > freeSpace) {
            window = freeSpace / mss * mss;
        } else if (mss == fullSpace && freeSpace > window + (fullSpace >> 1)) {
            window = freeSpace;
        }
        return window;
    }

    /** tcp_select_window: never shrink what was offered; 16 bits without window scaling. */
    int tcp_select_window(TcpSock tp) {
        int curWin = tp.tcp_receive_window();
        int newWin = __tcp_select_window(tp);
        if (newWin < curWin) {
            newWin = curWin;
        }
        newWin = Math.min(newWin, Tcp.MAX_TCP_WINDOW);
        tp.rcv_wnd = newWin;
        tp.rcv_wup = tp.rcv_nxt;
        return newWin;
    }

    // ---------------------------------------------------------------- transmit

    /** A bare segment (ACK, RST, FIN, SYN) with room for the headers. */
    SkBuff tcp_alloc_ctl_skb(int seq, int flags) {
        SkBuff skb = net.skb().alloc_skb(Tcp.MAX_TCP_HEADER, Gfp.GFP_ATOMIC);
        if (skb == null) {
            return null;
        }
        SkBuff.skb_reserve(skb, Tcp.MAX_TCP_HEADER);
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        tcb.seq = seq;
        tcb.end_seq = seq + ((flags & (TcpHdr.TCPHDR_SYN | TcpHdr.TCPHDR_FIN)) != 0 ? 1 : 0);
        tcb.tcp_flags = flags;
        return skb;
    }

    /** tcp_transmit_skb: __tcp_transmit_skb acking rcv_nxt. */
    public int tcp_transmit_skb(Sock sk, SkBuff skb, boolean cloneIt) {
        return __tcp_transmit_skb(sk, skb, cloneIt, tcp_sk(sk).rcv_nxt);
    }

    /**
     * __tcp_transmit_skb: the segment goes out as a clone (a copy while an earlier clone of it is
     * still in flight) so the original stays queued for retransmission: the header with our
     * ports, seq, ack, window (the SYN's unscaled, with the MSS option), checksum; an ACK cancels
     * a pending delayed ACK; then ip_queue_xmit. Returns its result (0 or -errno).
     */
    int __tcp_transmit_skb(Sock sk, SkBuff skb0, boolean cloneIt, int rcvNxt) {
        TcpSock tp = tcp_sk(sk);
        kernel.sched().charge(Tcp.TCP_NS);
        TcpSkbCb tcb0 = TCP_SKB_CB(skb0);
        tcb0.tx_ns = kernel.timekeeping().ktime_get_ns();
        SkBuff skb = skb0;
        if (cloneIt) {
            skb = SkBuff.skb_cloned(skb0) ? net.skb().skb_copy(skb0, Gfp.GFP_ATOMIC)
                    : net.skb().skb_clone(skb0, Gfp.GFP_ATOMIC);
            if (skb == null) {
                return -org.jstap.sim.kernel.Errno.ENOBUFS;
            }
        }
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        boolean syn = (tcb.tcp_flags & TcpHdr.TCPHDR_SYN) != 0;
        int optLen = syn ? TcpHdr.TCPOLEN_MSS : 0;
        int thLen = TcpHdr.SIZEOF + optLen;
        net.skb().skb_push(skb, thLen);
        SkBuff.skb_reset_transport_header(skb);
        net.sock().skb_set_owner_w(skb, sk);
        TcpHdr th = TcpHdr.tcp_hdr(skb);
        th.set_source(tp.inet_sport);
        th.set_dest(tp.inet_dport);
        th.set_seq(tcb.seq);
        th.set_ack_seq(rcvNxt);
        th.set_doff(thLen / 4);
        th.set_flags(tcb.tcp_flags);
        th.set_window(syn ? Math.min(tp.rcv_wnd, Tcp.MAX_TCP_WINDOW) : tcp_select_window(tp));
        th.set_check(0);
        th.set_urg_ptr(0);
        if (syn) {
            tcp_options_write(skb, th, tp.advmss);
        }
        ipv4.tcp_ipv4().tcp_v4_send_check(tp, skb);
        if ((tcb.tcp_flags & TcpHdr.TCPHDR_ACK) != 0) {
            tcp_event_ack_sent(tp);
        }
        if (skb.len != thLen) {
            tp.data_segs_out++;
            tp.lsndtime = jiffies();
        }
        tp.segs_out++;
        ipv4.mib().tcp_outsegs++;
        return ipv4.output().ip_queue_xmit(sk, skb, new Flowi4());
    }

    /** tcp_options_write: the MSS option of a SYN or SYN-ACK. */
    static void tcp_options_write(SkBuff skb, TcpHdr th, int mss) {
        long p = th.p + TcpHdr.SIZEOF;
        skb.set_u8(p, TcpHdr.TCPOPT_MSS);
        skb.set_u8(p + 1, TcpHdr.TCPOLEN_MSS);
        skb.set_be16(p + 2, mss);
    }

    /** tcp_event_ack_sent: the ACK went, so no delayed one is due. */
    void tcp_event_ack_sent(TcpSock tp) {
        tp.icsk_ack_pending = 0;
        if (tp.icsk_ack_quick > 0) {
            tp.icsk_ack_quick--;
        }
        ipv4.tcp_timer().inet_csk_clear_xmit_timer(tp, TcpSock.ICSK_TIME_DACK);
    }

    /** tcp_event_new_data_sent: the head of the write queue went out: onto the retransmit queue, snd_nxt on, the RTO armed if nothing was in flight. */
    void tcp_event_new_data_sent(TcpSock tp, SkBuff skb) {
        int priorPackets = tp.packets_out;
        SkBuffHead.__skb_unlink(skb, tp.sk_write_queue);
        SkBuffHead.__skb_queue_tail(tp.tcp_rtx_queue, skb);
        tp.snd_nxt = TCP_SKB_CB(skb).end_seq;
        tp.packets_out++;
        if (priorPackets == 0 || tp.icsk_pending == TcpSock.ICSK_TIME_PROBE0) {
            tcp_rearm_rto(tp);
        }
    }

    /** tcp_rearm_rto: the retransmit timer at one RTO from now, or off when nothing is in flight. */
    void tcp_rearm_rto(TcpSock tp) {
        if (tp.packets_out == 0) {
            ipv4.tcp_timer().inet_csk_clear_xmit_timer(tp, TcpSock.ICSK_TIME_RETRANS);
        } else {
            ipv4.tcp_timer().inet_csk_reset_xmit_timer(tp, TcpSock.ICSK_TIME_RETRANS, tp.icsk_rto);
        }
    }

    /** tcp_cwnd_test: room in the congestion window. */
    static boolean tcp_cwnd_test(TcpSock tp) {
        return tp.tcp_packets_in_flight() < tp.snd_cwnd;
    }

    /** tcp_snd_wnd_test: the segment ends within the peer's window. */
    static boolean tcp_snd_wnd_test(TcpSock tp, SkBuff skb) {
        int end = TCP_SKB_CB(skb).end_seq;
        if (skb.len > 0 && (TCP_SKB_CB(skb).tcp_flags & TcpHdr.TCPHDR_FIN) != 0) {
            end--;
        }
        return !after(end, tp.snd_una + tp.snd_wnd);
    }

    /** tcp_minshall_check: a small segment is still unacked. */
    static boolean tcp_minshall_check(TcpSock tp) {
        return after(tp.snd_sml, tp.snd_una) && !after(tp.snd_sml, tp.snd_nxt);
    }

    /**
     * tcp_nagle_test: the last segment of a push, a FIN, or anything with TCP_NODELAY goes now; a
     * small segment waits while MSG_MORE corks the sock or, under Nagle, while an earlier small
     * segment is unacked (Minshall's refinement, as Linux has it).
     */
    static boolean tcp_nagle_test(TcpSock tp, SkBuff skb, int mss, int nonagle) {
        if ((nonagle & TcpSock.TCP_NAGLE_PUSH) != 0) {
            return true;
        }
        if ((TCP_SKB_CB(skb).tcp_flags & TcpHdr.TCPHDR_FIN) != 0) {
            return true;
        }
        boolean partial = skb.len < mss;
        return !(partial && ((nonagle & TcpSock.TCP_NAGLE_CORK) != 0 || nonagle == 0 && tcp_minshall_check(tp)));
    }

    /**
     * tcp_write_xmit: sends from the head of the write queue while the windows and Nagle allow;
     * true if something that should go could not (a window was closed and nothing is in flight:
     * the caller arms the zero-window probe).
     */
    boolean tcp_write_xmit(TcpSock tp, int mss, int nonagle, boolean pushOne) {
        int sent = 0;
        SkBuff skb;
        while ((skb = SkBuffHead.skb_peek(tp.sk_write_queue)) != null) {
            if (!tcp_cwnd_test(tp)) {
                break;
            }
            if (!tcp_snd_wnd_test(tp, skb)) {
                break;
            }
            boolean last = SkBuffHead.skb_peek_next(skb, tp.sk_write_queue) == null;
            if (!tcp_nagle_test(tp, skb, mss, last ? nonagle : TcpSock.TCP_NAGLE_PUSH)) {
                break;
            }
            if (tcp_transmit_skb(tp, skb, true) != 0) {
                break;
            }
            if (skb.len < mss) {
                tp.snd_sml = TCP_SKB_CB(skb).end_seq;
            }
            tcp_event_new_data_sent(tp, skb);
            sent++;
            if (pushOne) {
                break;
            }
        }
        if (sent > 0) {
            return false;
        }
        return tp.packets_out == 0 && !SkBuffHead.skb_queue_empty(tp.sk_write_queue);
    }

    /** __tcp_push_pending_frames: tcp_write_xmit, with the probe timer when the window is shut. */
    public void __tcp_push_pending_frames(TcpSock tp, int mss, int nonagle) {
        if (tp.sk_state == Sock.TCP_CLOSE) {
            return;
        }
        if (tcp_write_xmit(tp, mss, nonagle, false)) {
            tcp_check_probe_timer(tp);
        }
    }

    /** tcp_push_pending_frames. */
    void tcp_push_pending_frames(TcpSock tp) {
        if (!SkBuffHead.skb_queue_empty(tp.sk_write_queue)) {
            __tcp_push_pending_frames(tp, tcp_current_mss(tp), tp.nonagle);
        }
    }

    /** tcp_push: the end of a write: MSG_MORE holds back a small segment (corking), else Nagle decides. */
    void tcp_push(TcpSock tp, int flags, int mss, int nonagle) {
        if (SkBuffHead.skb_queue_empty(tp.sk_write_queue)) {
            return;
        }
        if ((flags & org.jstap.sim.net.SocketDefs.MSG_MORE) != 0) {
            nonagle = TcpSock.TCP_NAGLE_CORK;
        } else {
            tp.pushed_seq = tp.write_seq;
        }
        __tcp_push_pending_frames(tp, mss, nonagle);
    }

    /** tcp_push_one: the first segment of a long write goes at once. */
    void tcp_push_one(TcpSock tp, int mss) {
        tcp_write_xmit(tp, mss, TcpSock.TCP_NAGLE_PUSH, true);
    }

    /** tcp_check_probe_timer: nothing in flight and the window shut: probe it after an RTO. */
    void tcp_check_probe_timer(TcpSock tp) {
        if (tp.packets_out == 0 && tp.icsk_pending == 0) {
            ipv4.tcp_timer().inet_csk_reset_xmit_timer(tp, TcpSock.ICSK_TIME_PROBE0,
                    Math.max(tp.icsk_rto, rtoMin));
        }
    }

    // ---------------------------------------------------------------- control segments

    /**
     * tcp_send_fin: FIN rides on the last unsent segment if there is one, else on a new empty
     * segment; either way it is pushed.
     */
    void tcp_send_fin(Sock sk) {
        TcpSock tp = tcp_sk(sk);
        SkBuff tail = SkBuffHead.skb_peek_tail(tp.sk_write_queue);
        if (tail != null) {
            TCP_SKB_CB(tail).tcp_flags |= TcpHdr.TCPHDR_FIN;
            TCP_SKB_CB(tail).end_seq++;
            tp.write_seq++;
        } else {
            SkBuff skb = tcp_alloc_ctl_skb(tp.write_seq, TcpHdr.TCPHDR_ACK | TcpHdr.TCPHDR_FIN);
            if (skb == null) {
                return;
            }
            tp.sk_wmem_queued += skb.truesize;
            SkBuffHead.__skb_queue_tail(tp.sk_write_queue, skb);
            tp.write_seq++;
        }
        __tcp_push_pending_frames(tp, tcp_current_mss(tp), TcpSock.TCP_NAGLE_OFF);
    }

    /** tcp_send_active_reset: an abort: RST|ACK at snd_nxt (not queued, never retransmitted). */
    public void tcp_send_active_reset(Sock sk) {
        TcpSock tp = tcp_sk(sk);
        SkBuff skb = tcp_alloc_ctl_skb(tp.snd_nxt, TcpHdr.TCPHDR_ACK | TcpHdr.TCPHDR_RST);
        if (skb == null) {
            return;
        }
        ipv4.mib().tcp_outrsts++;
        tcp_transmit_skb(sk, skb, false);
    }

    /**
     * tcp_connect_init: the MSS from the route (advertised as advmss), the initial receive
     * window (free space rounded to the MSS, at most 64 KiB without window scaling), the
     * sequence space from write_seq (the ISN) and the first RTO.
     */
    void tcp_connect_init(TcpSock tp) {
        Rtable rt = ipv4.route().sk_dst_check(tp);
        int mtu = rt != null ? rt.dst_mtu() : 576;
        tp.advmss = tcp_mtu_to_mss(tp, mtu);
        tcp_sync_mss(tp, mtu);
        tp.icsk_ack_rcv_mss = Math.min(tp.advmss, Tcp.TCP_MSS_DEFAULT);
        tp.rcv_wnd = Math.min(tcp_full_space(tp), tp.window_clamp) / tp.advmss * tp.advmss;
        tp.max_window = 0;
        tp.snd_wnd = 0;
        tp.snd_una = tp.write_seq;
        tp.snd_sml = tp.write_seq;
        tp.snd_nxt = tp.write_seq;
        tp.pushed_seq = tp.write_seq;
        tp.rcv_nxt = 0;
        tp.rcv_wup = 0;
        tp.copied_seq = 0;
        tp.icsk_rto = timeoutInit;
        tp.icsk_retransmits = 0;
        tp.icsk_backoff = 0;
        tp.sk_shutdown = 0;
        tp.sock_reset_flag(Sock.SOCK_DONE);
    }

    /** tcp_connect: the SYN (with our MSS) is queued for retransmission, sent, and the RTO armed at TCP_TIMEOUT_INIT. */
    int tcp_connect(TcpSock tp) {
        tcp_connect_init(tp);
        SkBuff buff = tcp_alloc_ctl_skb(tp.write_seq, TcpHdr.TCPHDR_SYN);
        if (buff == null) {
            return -org.jstap.sim.kernel.Errno.ENOBUFS;
        }
        tp.write_seq++;
        tp.sk_wmem_queued += buff.truesize;
        SkBuffHead.__skb_queue_tail(tp.sk_write_queue, buff);
        tp.retrans_stamp = jiffies();
        tcp_transmit_skb(tp, buff, true);
        tcp_event_new_data_sent(tp, buff);
        tp.pushed_seq = tp.write_seq;
        ipv4.mib().tcp_activeopens++;
        ipv4.tcp_timer().inet_csk_reset_xmit_timer(tp, TcpSock.ICSK_TIME_RETRANS, tp.icsk_rto);
        return 0;
    }

    /** tcp_send_ack: __tcp_send_ack of rcv_nxt. */
    public void tcp_send_ack(Sock sk) {
        __tcp_send_ack(sk, tcp_sk(sk).rcv_nxt);
    }

    /** __tcp_send_ack: a bare ACK at snd_nxt; nothing once the sock is closed. */
    void __tcp_send_ack(Sock sk, int rcvNxt) {
        if (sk.sk_state == Sock.TCP_CLOSE) {
            return;
        }
        SkBuff buff = tcp_alloc_ctl_skb(tcp_sk(sk).snd_nxt, TcpHdr.TCPHDR_ACK);
        if (buff == null) {
            ipv4.tcp_timer().inet_csk_reset_xmit_timer(tcp_sk(sk), TcpSock.ICSK_TIME_DACK, delackMax);
            return;
        }
        __tcp_transmit_skb(sk, buff, false, rcvNxt);
    }

    /**
     * tcp_send_delayed_ack: the ACK waits up to the ACK timeout (ato: at least TCP_DELACK_MIN, 40
     * ms, at most 200 ms) for data to ride on; a timer already due sooner stays.
     */
    public void tcp_send_delayed_ack(TcpSock tp) {
        long ato = Math.max(tp.icsk_ack_ato, delackMin);
        ato = Math.min(ato, delackMax);
        long timeout = jiffies() + ato;
        if ((tp.icsk_ack_pending & TcpSock.ICSK_ACK_TIMER) != 0) {
            if (tp.icsk_ack_timeout <= jiffies() + (ato >> 2)) {
                tcp_send_ack(tp);
                return;
            }
            timeout = Math.min(timeout, tp.icsk_ack_timeout);
        }
        tp.icsk_ack_pending |= TcpSock.ICSK_ACK_SCHED | TcpSock.ICSK_ACK_TIMER;
        tp.icsk_ack_timeout = timeout;
        ipv4.tcp_timer().inet_csk_reset_xmit_timer(tp, TcpSock.ICSK_TIME_DACK, timeout - jiffies());
    }

    // ---------------------------------------------------------------- retransmission

    /**
     * tcp_retransmit_skb (__tcp_retransmit_skb): the segment goes again (its RTT sample is void,
     * Karn) and the tcp_retransmit_skb tracepoint fires; the first retransmission stamps
     * retrans_stamp for the timeout arithmetic.
     */
    public int tcp_retransmit_skb(Sock sk, SkBuff skb) {
        TcpSock tp = tcp_sk(sk);
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        if (before(tcb.end_seq, tp.snd_una + 1) && (tcb.tcp_flags & (TcpHdr.TCPHDR_SYN | TcpHdr.TCPHDR_FIN)) == 0
                && skb.len == 0) {
            return 0;
        }
        kernel.trace().tcp_retransmit_skb(sk, skb, tp.sk_state, tp.inet_sport, tp.inet_dport, tp.sk_family,
                tp.inet_saddr, tp.inet_daddr);
        int err = tcp_transmit_skb(sk, skb, true);
        if (err == 0) {
            if ((tcb.sacked & TcpSkbCb.TCPCB_RETRANS) == 0) {
                tp.retrans_out++;
            }
            tcb.sacked |= TcpSkbCb.TCPCB_RETRANS;
            tp.total_retrans++;
            ipv4.mib().tcp_retranssegs++;
            if (tp.retrans_stamp == 0) {
                tp.retrans_stamp = jiffies();
            }
        }
        return err;
    }

    /** tcp_xmit_retransmit_queue: the segments marked lost go again while the congestion window allows. */
    void tcp_xmit_retransmit_queue(TcpSock tp) {
        for (SkBuff skb : tp.tcp_rtx_queue.skbs()) {
            if (!tcp_cwnd_test(tp)) {
                break;
            }
            TcpSkbCb tcb = TCP_SKB_CB(skb);
            if ((tcb.sacked & TcpSkbCb.TCPCB_LOST) == 0 || (tcb.sacked & TcpSkbCb.TCPCB_RETRANS) != 0) {
                continue;
            }
            if (tcp_retransmit_skb(tp, skb) != 0) {
                break;
            }
        }
    }

    /**
     * tcp_write_wakeup (tcp_xmit_probe_skb): a zero-window or keepalive probe: a bare ACK with an
     * old sequence number (snd_una - 1), which the peer answers with its window.
     */
    int tcp_write_wakeup(TcpSock tp) {
        if (tp.sk_state == Sock.TCP_CLOSE) {
            return -1;
        }
        SkBuff skb = tcp_alloc_ctl_skb(tp.snd_una - 1, TcpHdr.TCPHDR_ACK);
        if (skb == null) {
            return -1;
        }
        return tcp_transmit_skb(tp, skb, false);
    }

    /** tcp_send_probe0: probe the shut window, backing off while it stays shut. */
    void tcp_send_probe0(TcpSock tp) {
        if (tp.packets_out != 0 || SkBuffHead.skb_queue_empty(tp.sk_write_queue)) {
            tp.icsk_probes_out = 0;
            tp.icsk_backoff = 0;
            return;
        }
        tcp_write_wakeup(tp);
        if (tp.icsk_backoff < Tcp.TCP_RETR2) {
            tp.icsk_backoff++;
        }
        tp.icsk_probes_out++;
        long when = Math.min(Math.max(tp.icsk_rto, rtoMin) << tp.icsk_backoff, rtoMax);
        ipv4.tcp_timer().inet_csk_reset_xmit_timer(tp, TcpSock.ICSK_TIME_PROBE0, when);
    }

    /**
     * tcp_make_synack: the SYN-ACK of a request sock: our ISN, the client's ISN + 1 acked, our
     * MSS and receive window, from the listener's port.
     */
    SkBuff tcp_make_synack(TcpSock listener, RequestSock req, Rtable rt) {
        SkBuff skb = tcp_alloc_ctl_skb(req.snt_isn, TcpHdr.TCPHDR_SYN | TcpHdr.TCPHDR_ACK);
        if (skb == null) {
            return null;
        }
        int thLen = TcpHdr.SIZEOF + TcpHdr.TCPOLEN_MSS;
        net.skb().skb_push(skb, thLen);
        SkBuff.skb_reset_transport_header(skb);
        SkBuff.skb_dst_set(skb, rt);
        TcpHdr th = TcpHdr.tcp_hdr(skb);
        th.set_source(req.inet_num);
        th.set_dest(req.inet_dport);
        th.set_seq(req.snt_isn);
        th.set_ack_seq(req.rcv_isn + 1);
        th.set_doff(thLen / 4);
        th.set_flags(TcpHdr.TCPHDR_SYN | TcpHdr.TCPHDR_ACK);
        th.set_window(Math.min(req.rsk_rcv_wnd, Tcp.MAX_TCP_WINDOW));
        th.set_check(0);
        th.set_urg_ptr(0);
        tcp_options_write(skb, th, tcp_mtu_to_mss(listener, rt.dst_mtu()));
        return skb;
    }
}
