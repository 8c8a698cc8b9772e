package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.ipv4.TcpSkbCb.TCP_SKB_CB;
import static org.jstap.sim.net.ipv4.TcpSkbCb.after;
import static org.jstap.sim.net.ipv4.TcpSkbCb.before;
import static org.jstap.sim.net.ipv4.TcpSock.tcp_sk;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.Socket;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.core.SkBuffHead;
import org.jstap.sim.net.core.SockCore;

/**
 * net/ipv4/tcp_input.c: segments in. {@link #tcp_rcv_state_process} is the state machine (LISTEN
 * takes SYNs through {@link #tcp_conn_request}; SYN_SENT completes the handshake in
 * {@link #tcp_rcv_synsent_state_process}; SYN_RECV, FIN_WAIT1, CLOSING and LAST_ACK move on the
 * ACK of what we sent); {@link #tcp_rcv_established} is the path of established connections.
 * Both check the segment ({@link #tcp_validate_incoming}: in the window, RST, stray SYN), process
 * its ACK ({@link #tcp_ack}: the peer's window, the retransmit queue cleaned, RTT sampled with
 * {@link #tcp_rtt_estimator} as RFC 6298 and Linux do, Reno's congestion window, fast
 * retransmit after three duplicate ACKs in {@link #tcp_fastretrans_alert}) and queue its data
 * ({@link #tcp_data_queue}: in order to the receive queue, ahead of rcv_nxt to the out-of-order
 * queue), then send what the ACK allows and the ACK itself, now or delayed.
 *
 * <pre>{@code
 * tcp_v4_rcv -> tcp_v4_do_rcv -> tcp_rcv_established -> tcp_ack, tcp_data_queue -> sk_data_ready
 * }</pre>
 */
@LinuxFile("net/ipv4/tcp_input.c")
public final class TcpInput {
    /** flag bits of tcp_ack. */
    static final int FLAG_DATA = 0x01;
    static final int FLAG_WIN_UPDATE = 0x02;
    static final int FLAG_DATA_ACKED = 0x04;
    static final int FLAG_SND_UNA_ADVANCED = 0x400;
    /** The duplicate-ACK threshold (net.ipv4.tcp_reordering). */
    static final int TCP_REORDERING = 3;

    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;

    TcpInput(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    private long jiffies() {
        return kernel.timekeeping().jiffies();
    }

    /** TCP_ATO_MIN: HZ/25. */
    long ato_min() {
        return kernel.params().hz() / 25;
    }

    private void discard(SkBuff skb) {
        net.skb().kfree_skb(skb);
    }

    // ---------------------------------------------------------------- state machine

    /**
     * tcp_rcv_state_process: every state but ESTABLISHED. Returns 0 when the segment was taken
     * (queued or freed), 1 when the caller must answer with a reset (and free it).
     */
    public int tcp_rcv_state_process(Sock sk, SkBuff skb) {
        TcpSock tp = tcp_sk(sk);
        TcpHdr th = TcpHdr.tcp_hdr(skb);
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        int flags = th.flags();
        switch (sk.sk_state) {
            case Sock.TCP_CLOSE -> {
                discard(skb);
                return 0;
            }
            case Sock.TCP_LISTEN -> {
                if ((flags & TcpHdr.TCPHDR_ACK) != 0) {
                    return 1;
                }
                if ((flags & TcpHdr.TCPHDR_SYN) != 0 && (flags & TcpHdr.TCPHDR_RST) == 0) {
                    ipv4.tcp_ipv4().tcp_v4_conn_request(tp, skb);
                    net.skb().consume_skb(skb);
                    return 0;
                }
                discard(skb);
                return 0;
            }
            case Sock.TCP_SYN_SENT -> {
                return tcp_rcv_synsent_state_process(tp, skb, th);
            }
            default -> { }
        }
        if ((flags & (TcpHdr.TCPHDR_ACK | TcpHdr.TCPHDR_RST | TcpHdr.TCPHDR_SYN)) == 0) {
            discard(skb);
            return 0;
        }
        if (!tcp_validate_incoming(tp, skb, th)) {
            return 0;
        }
        boolean acceptable = tcp_ack(tp, skb, th) > 0;
        if (!acceptable) {
            if (sk.sk_state == Sock.TCP_SYN_RECV) {
                return 1;
            }
            ipv4.tcp_output().tcp_send_ack(tp);
            discard(skb);
            return 0;
        }
        switch (sk.sk_state) {
            case Sock.TCP_SYN_RECV -> {
                tp.copied_seq = tp.rcv_nxt;
                ipv4.tcp().tcp_set_state(sk, Sock.TCP_ESTABLISHED);
                sk.sk_state_change.call(sk);
                tp.snd_una = tcb.ack_seq;
                tp.snd_wnd = th.window();
                tp.snd_wl1 = tcb.seq;
                tcp_init_transfer(tp);
            }
            case Sock.TCP_FIN_WAIT1 -> {
                if (tp.snd_una == tp.write_seq) {
                    ipv4.tcp().tcp_set_state(sk, Sock.TCP_FIN_WAIT2);
                    sk.sk_shutdown |= Sock.SEND_SHUTDOWN;
                    if (!sk.sock_flag(Sock.SOCK_DEAD)) {
                        sk.sk_state_change.call(sk);
                    } else {
                        if (tcb.end_seq != tcb.seq && after(tcb.end_seq - ((flags & TcpHdr.TCPHDR_FIN) != 0 ? 1 : 0),
                                tp.rcv_nxt)) {
                            ipv4.tcp().tcp_done(sk);
                            return 1;
                        }
                        ipv4.tcp_timer().inet_csk_reset_keepalive_timer(tp, tp.linger2 * kernel.params().hz());
                    }
                }
            }
            case Sock.TCP_CLOSING -> {
                if (tp.snd_una == tp.write_seq) {
                    ipv4.tcp_minisocks().tcp_time_wait(tp, Sock.TCP_TIME_WAIT);
                    discard(skb);
                    return 0;
                }
            }
            case Sock.TCP_LAST_ACK -> {
                if (tp.snd_una == tp.write_seq) {
                    ipv4.tcp().tcp_done(sk);
                    discard(skb);
                    return 0;
                }
            }
            default -> { }
        }
        boolean queued = false;
        switch (sk.sk_state) {
            case Sock.TCP_CLOSE_WAIT, Sock.TCP_CLOSING, Sock.TCP_LAST_ACK -> {
                if (before(tcb.seq, tp.rcv_nxt)) {
                    tcp_data_queue(tp, skb);
                    queued = true;
                }
            }
            case Sock.TCP_FIN_WAIT1, Sock.TCP_FIN_WAIT2, Sock.TCP_ESTABLISHED -> {
                if (sk.sk_state != Sock.TCP_ESTABLISHED && (sk.sk_shutdown & Sock.RCV_SHUTDOWN) != 0
                        && tcb.end_seq != tcb.seq && after(tcb.end_seq - ((flags & TcpHdr.TCPHDR_FIN) != 0 ? 1 : 0),
                                tp.rcv_nxt)) {
                    tcp_reset(tp);
                    return 1;
                }
                tcp_data_queue(tp, skb);
                queued = true;
            }
            default -> { }
        }
        if (tp.sk_state != Sock.TCP_CLOSE) {
            tcp_data_snd_check(tp);
            tcp_ack_snd_check(tp);
        }
        if (!queued) {
            discard(skb);
        }
        return 0;
    }

    /**
     * tcp_rcv_synsent_state_process: our SYN is out. A SYN-ACK acking it completes the handshake
     * (the peer's ISN, window and MSS; ESTABLISHED; our ACK). An RST acking it is ECONNREFUSED; an
     * ACK of something else is answered with a reset (1).
     */
    int tcp_rcv_synsent_state_process(TcpSock tp, SkBuff skb, TcpHdr th) {
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        int flags = th.flags();
        if ((flags & TcpHdr.TCPHDR_ACK) != 0) {
            if (!after(tcb.ack_seq, tp.snd_una) || after(tcb.ack_seq, tp.snd_nxt)) {
                if ((flags & TcpHdr.TCPHDR_RST) != 0) {
                    discard(skb);
                    return 0;
                }
                return 1;
            }
            if ((flags & TcpHdr.TCPHDR_RST) != 0) {
                tcp_reset(tp);
                discard(skb);
                return 0;
            }
            if ((flags & TcpHdr.TCPHDR_SYN) == 0) {
                discard(skb);
                return 0;
            }
            tp.rcv_nxt = tcb.seq + 1;
            tp.rcv_wup = tp.rcv_nxt;
            tp.copied_seq = tp.rcv_nxt;
            tcp_ack(tp, skb, th);
            tp.snd_wnd = th.window();
            tp.snd_wl1 = tcb.seq;
            tp.max_window = tp.snd_wnd;
            int mss = th.parse_mss();
            tp.mss_clamp = mss != 0 ? mss : Tcp.TCP_MSS_DEFAULT;
            ipv4.tcp_output().tcp_current_mss(tp);
            Rtable rt = ipv4.route().sk_dst_check(tp);
            ipv4.tcp_output().tcp_sync_mss(tp, rt != null ? rt.dst_mtu() : 576);
            tcp_finish_connect(tp);
            tcp_incr_quickack(tp);
            ipv4.tcp_output().tcp_send_ack(tp);
            discard(skb);
            return 0;
        }
        // an RST without ACK, or a simultaneous open (not modelled): dropped
        discard(skb);
        return 0;
    }

    /** tcp_finish_connect: ESTABLISHED, buffers sized for the path, keepalive armed, the connecting task woken. */
    void tcp_finish_connect(TcpSock tp) {
        ipv4.tcp().tcp_set_state(tp, Sock.TCP_ESTABLISHED);
        tp.icsk_ack_lrcvtime = jiffies();
        tcp_init_transfer(tp);
        if (tp.sock_flag(Sock.SOCK_KEEPOPEN)) {
            ipv4.tcp_timer().inet_csk_reset_keepalive_timer(tp, tp.keepalive_time * kernel.params().hz());
        }
        if (!tp.sock_flag(Sock.SOCK_DEAD)) {
            tp.sk_state_change.call(tp);
        }
    }

    /**
     * tcp_init_transfer (tcp_init_buffer_space, tcp_sndbuf_expand): the initial window, and a
     * send buffer of twice the initial window's skbs unless SO_SNDBUF fixed it.
     */
    void tcp_init_transfer(TcpSock tp) {
        tp.snd_cwnd = Tcp.TCP_INIT_CWND;
        tp.lsndtime = jiffies();
        if ((tp.sk_userlocks & Sock.SOCK_SNDBUF_LOCK) == 0) {
            long perMss = SockCore.alloc_skb_truesize(Tcp.MAX_TCP_HEADER + tp.mss_cache, 0, 0);
            long sndmem = 2L * Math.max(Tcp.TCP_INIT_CWND, tp.snd_cwnd) * perMss;
            if (tp.sk_sndbuf < sndmem) {
                tp.sk_sndbuf = (int) Math.min(sndmem, Tcp.TCP_WMEM_MAX);
            }
        }
        tp.window_clamp = Math.min(tp.window_clamp, Tcp.MAX_TCP_WINDOW);
    }

    /** tcp_rcv_established: the established path (Linux's header prediction is not modelled: every segment takes the slow path). */
    public void tcp_rcv_established(Sock sk, SkBuff skb) {
        TcpSock tp = tcp_sk(sk);
        TcpHdr th = TcpHdr.tcp_hdr(skb);
        int flags = th.flags();
        if ((flags & (TcpHdr.TCPHDR_ACK | TcpHdr.TCPHDR_RST | TcpHdr.TCPHDR_SYN)) == 0) {
            discard(skb);
            return;
        }
        if (!tcp_validate_incoming(tp, skb, th)) {
            return;
        }
        if (tcp_ack(tp, skb, th) < 0) {
            ipv4.tcp_output().tcp_send_ack(tp);
            discard(skb);
            return;
        }
        tcp_data_queue(tp, skb);
        tcp_data_snd_check(tp);
        tcp_ack_snd_check(tp);
    }

    /** tcp_sequence: the segment overlaps the window we offered. */
    static boolean tcp_sequence(TcpSock tp, int seq, int endSeq) {
        return !before(endSeq, tp.rcv_wup) && !after(seq, tp.rcv_nxt + tp.tcp_receive_window());
    }

    /**
     * tcp_validate_incoming: out of the window: a duplicate ACK and drop; an RST exactly at
     * rcv_nxt resets the connection (elsewhere in the window: a challenge ACK, RFC 5961); a SYN
     * on a synchronized connection: a challenge ACK. False if the segment was dropped.
     */
    boolean tcp_validate_incoming(TcpSock tp, SkBuff skb, TcpHdr th) {
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        int flags = th.flags();
        if (!tcp_sequence(tp, tcb.seq, tcb.end_seq)) {
            if ((flags & TcpHdr.TCPHDR_RST) == 0) {
                tcp_send_dupack(tp, skb);
            }
            discard(skb);
            return false;
        }
        if ((flags & TcpHdr.TCPHDR_RST) != 0) {
            if (tcb.seq == tp.rcv_nxt) {
                tcp_reset(tp);
            } else {
                ipv4.tcp_output().tcp_send_ack(tp);
            }
            discard(skb);
            return false;
        }
        if ((flags & TcpHdr.TCPHDR_SYN) != 0 && tp.sk_state != Sock.TCP_SYN_RECV) {
            ipv4.tcp_output().tcp_send_ack(tp);
            discard(skb);
            return false;
        }
        return true;
    }

    /** tcp_send_dupack: an old or unacceptable segment is answered with our ACK (quickly, for a retransmission). */
    void tcp_send_dupack(TcpSock tp, SkBuff skb) {
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        if (tcb.end_seq != tcb.seq && before(tcb.seq, tp.rcv_nxt)) {
            tcp_enter_quickack_mode(tp);
        }
        ipv4.tcp_output().tcp_send_ack(tp);
    }

    /**
     * tcp_reset: the peer reset us: ECONNREFUSED while connecting, EPIPE in CLOSE_WAIT,
     * ECONNRESET otherwise; the queues go and the connection is done.
     */
    void tcp_reset(TcpSock tp) {
        switch (tp.sk_state) {
            case Sock.TCP_SYN_SENT -> tp.sk_err = Errno.ECONNREFUSED;
            case Sock.TCP_CLOSE_WAIT -> tp.sk_err = Errno.EPIPE;
            case Sock.TCP_CLOSE -> {
                return;
            }
            default -> tp.sk_err = Errno.ECONNRESET;
        }
        ipv4.tcp().tcp_write_queue_purge(tp);
        boolean dead = tp.sock_flag(Sock.SOCK_DEAD);
        ipv4.tcp().tcp_done(tp);
        if (!dead) {
            tp.sk_error_report.call(tp);
        }
    }

    // ---------------------------------------------------------------- ACK processing

    /** tcp_may_update_window: a newer ACK, a newer segment, or the same with a larger window. */
    static boolean tcp_may_update_window(TcpSock tp, int ack, int ackSeq, int nwin) {
        return after(ack, tp.snd_una) || after(ackSeq, tp.snd_wl1) || ackSeq == tp.snd_wl1 && nwin > tp.snd_wnd;
    }

    /**
     * tcp_ack: the ACK field of a segment: ignored if old, refused (-1) if it acks what was never
     * sent; else the window is updated, acked segments leave the retransmit queue, the RTT is
     * sampled, the congestion window grows, loss recovery advances. Returns 1, or 0 for an old ACK.
     */
    int tcp_ack(TcpSock tp, SkBuff skb, TcpHdr th) {
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        if ((th.flags() & TcpHdr.TCPHDR_ACK) == 0) {
            return 0;
        }
        int ack = tcb.ack_seq;
        int priorSndUna = tp.snd_una;
        if (before(ack, priorSndUna)) {
            return 0;
        }
        if (after(ack, tp.snd_nxt)) {
            return -1;
        }
        int flag = 0;
        if (after(ack, priorSndUna)) {
            flag |= FLAG_SND_UNA_ADVANCED;
        }
        if (tcb.end_seq != tcb.seq) {
            flag |= FLAG_DATA;
        }
        int nwin = th.window();
        if (tcp_may_update_window(tp, ack, tcb.seq, nwin)) {
            if (tp.snd_wnd != nwin) {
                flag |= FLAG_WIN_UPDATE;
                tp.snd_wnd = nwin;
                tp.max_window = Math.max(tp.max_window, nwin);
            }
            tp.snd_wl1 = tcb.seq;
        }
        tp.snd_una = ack;
        tp.rcv_tstamp = jiffies();
        if (after(ack, priorSndUna)) {
            tp.bytes_acked += ack - priorSndUna;
        }
        int acked = tcp_clean_rtx_queue(tp, priorSndUna);
        if (acked > 0) {
            flag |= FLAG_DATA_ACKED;
            tp.icsk_probes_out = 0;
        }
        boolean isDupack = (flag & (FLAG_SND_UNA_ADVANCED | FLAG_DATA | FLAG_WIN_UPDATE)) == 0 && tp.packets_out > 0;
        if (tp.icsk_ca_state != TcpSock.TCP_CA_Recovery && acked > 0) {
            ipv4.tcp_cong().tcp_reno_cong_avoid(tp, acked);
        }
        tcp_fastretrans_alert(tp, acked, isDupack);
        if (tp.packets_out == 0 && tp.icsk_pending == TcpSock.ICSK_TIME_PROBE0 && (flag & FLAG_WIN_UPDATE) != 0) {
            ipv4.tcp_timer().inet_csk_clear_xmit_timer(tp, TcpSock.ICSK_TIME_PROBE0);
            tp.icsk_backoff = 0;
        }
        return 1;
    }

    /**
     * tcp_clean_rtx_queue: segments wholly below snd_una are freed; the newest one never
     * retransmitted gives the RTT sample (Karn's rule); the backoff ends and the RTO is rearmed.
     * Returns the segments acked.
     */
    int tcp_clean_rtx_queue(TcpSock tp, int priorSndUna) {
        int acked = 0;
        long firstAcktNs = 0;
        boolean retransAcked = false;
        SkBuff skb;
        while ((skb = SkBuffHead.skb_peek(tp.tcp_rtx_queue)) != null) {
            TcpSkbCb tcb = TCP_SKB_CB(skb);
            if (after(tcb.end_seq, tp.snd_una)) {
                break;
            }
            if ((tcb.sacked & TcpSkbCb.TCPCB_RETRANS) != 0) {
                tp.retrans_out--;
                retransAcked = true;
            } else if (firstAcktNs == 0) {
                firstAcktNs = tcb.tx_ns;
            }
            if ((tcb.sacked & TcpSkbCb.TCPCB_LOST) != 0) {
                tp.lost_out--;
            }
            tp.packets_out--;
            acked++;
            SkBuffHead.__skb_unlink(skb, tp.tcp_rtx_queue);
            ipv4.tcp().tcp_wmem_free_skb(tp, skb);
        }
        if (acked > 0) {
            if (firstAcktNs != 0 && !retransAcked) {
                long rttUs = Math.max((kernel.timekeeping().ktime_get_ns() - firstAcktNs) / 1000, 1);
                tcp_rtt_estimator(tp, rttUs);
                tcp_set_rto(tp);
            }
            tp.icsk_backoff = 0;
            tp.icsk_retransmits = 0;
            if (tp.retrans_out == 0) {
                tp.retrans_stamp = 0;
            }
            if (tp.icsk_ca_state == TcpSock.TCP_CA_Recovery || tp.icsk_ca_state == TcpSock.TCP_CA_Disorder) {
                // tcp_remove_reno_sacks: an ACK of new data also covers all but one dup ACK
                tp.sacked_out = acked - 1 >= tp.sacked_out ? 0 : tp.sacked_out - (acked - 1);
            } else {
                tp.sacked_out = 0;
            }
            ipv4.tcp_output().tcp_rearm_rto(tp);
            tp.sk_write_space.call(tp);
        }
        return acked;
    }

    /** tcp_rto_min_us. */
    long tcp_rto_min_us() {
        return ipv4.tcp_output().rtoMin * 1_000_000L / kernel.params().hz();
    }

    /**
     * tcp_rtt_estimator: Jacobson/Karels as Linux does it (srtt_us is 8 x SRTT, mdev_us 4 x the
     * mean deviation; rttvar_us follows the largest mdev of each window, at least tcp_rto_min).
     */
    public void tcp_rtt_estimator(TcpSock tp, long mrttUs) {
        long m = mrttUs;
        long srtt = tp.srtt_us;
        if (srtt != 0) {
            m -= srtt >> 3;
            srtt += m;
            if (m < 0) {
                m = -m;
                m -= tp.mdev_us >> 2;
                if (m > 0) {
                    m >>= 3;
                }
            } else {
                m -= tp.mdev_us >> 2;
            }
            tp.mdev_us += m;
            if (tp.mdev_us > tp.mdev_max_us) {
                tp.mdev_max_us = tp.mdev_us;
                if (tp.mdev_max_us > tp.rttvar_us) {
                    tp.rttvar_us = tp.mdev_max_us;
                }
            }
            if (after(tp.snd_una, tp.rtt_seq)) {
                if (tp.mdev_max_us < tp.rttvar_us) {
                    tp.rttvar_us -= (tp.rttvar_us - tp.mdev_max_us) >> 2;
                }
                tp.rtt_seq = tp.snd_nxt;
                tp.mdev_max_us = tcp_rto_min_us();
            }
        } else {
            srtt = m << 3;
            tp.mdev_us = m << 1;
            tp.rttvar_us = Math.max(tp.mdev_us, tcp_rto_min_us());
            tp.mdev_max_us = tp.rttvar_us;
            tp.rtt_seq = tp.snd_nxt;
        }
        tp.srtt_us = Math.max(1, srtt);
    }

    /** tcp_set_rto: RTO = SRTT + rttvar (which is at least 200 ms), in jiffies rounded up, at most TCP_RTO_MAX. */
    void tcp_set_rto(TcpSock tp) {
        long us = (tp.srtt_us >> 3) + tp.rttvar_us;
        long hz = kernel.params().hz();
        long j = (us * hz + 999_999) / 1_000_000;
        tp.icsk_rto = Math.min(j, ipv4.tcp_output().rtoMax);
    }

    /**
     * tcp_fastretrans_alert (Reno with NewReno's partial ACKs): duplicate ACKs count as
     * sacked_out; the third enters recovery (ssthresh halved, cwnd to it, the head marked lost
     * and sent again); a partial ACK sends the next hole; an ACK past high_seq ends recovery or
     * loss with cwnd at ssthresh.
     */
    void tcp_fastretrans_alert(TcpSock tp, int acked, boolean isDupack) {
        if (isDupack) {
            tp.sacked_out = Math.min(tp.sacked_out + 1, Math.max(tp.packets_out - 1, 0));
        }
        switch (tp.icsk_ca_state) {
            case TcpSock.TCP_CA_Recovery -> {
                if (!before(tp.snd_una, tp.high_seq)) {
                    tp.snd_cwnd = Math.max(tp.snd_ssthresh, 2);
                    tp.snd_cwnd_cnt = 0;
                    tp.sacked_out = 0;
                    tp.icsk_ca_state = TcpSock.TCP_CA_Open;
                } else if (acked > 0) {
                    tcp_retransmit_head(tp);
                }
            }
            case TcpSock.TCP_CA_Loss -> {
                if (!before(tp.snd_una, tp.high_seq)) {
                    tp.icsk_ca_state = TcpSock.TCP_CA_Open;
                    tp.sacked_out = 0;
                } else if (acked > 0) {
                    ipv4.tcp_output().tcp_xmit_retransmit_queue(tp);
                }
            }
            default -> {
                if (tp.sacked_out >= TCP_REORDERING) {
                    tcp_enter_recovery(tp);
                } else {
                    tp.icsk_ca_state = tp.sacked_out > 0 ? TcpSock.TCP_CA_Disorder : TcpSock.TCP_CA_Open;
                }
            }
        }
    }

    /** tcp_enter_recovery: fast retransmit: ssthresh and cwnd halved, the head of the retransmit queue sent again. */
    void tcp_enter_recovery(TcpSock tp) {
        tp.prior_ssthresh = tp.snd_ssthresh;
        tp.snd_ssthresh = ipv4.tcp_cong().tcp_reno_ssthresh(tp);
        tp.snd_cwnd = tp.snd_ssthresh;
        tp.snd_cwnd_cnt = 0;
        tp.high_seq = tp.snd_nxt;
        tp.icsk_ca_state = TcpSock.TCP_CA_Recovery;
        tcp_retransmit_head(tp);
    }

    /** The head of the retransmit queue is marked lost and sent again (if not already). */
    private void tcp_retransmit_head(TcpSock tp) {
        SkBuff head = SkBuffHead.skb_peek(tp.tcp_rtx_queue);
        if (head == null) {
            return;
        }
        TcpSkbCb tcb = TCP_SKB_CB(head);
        if ((tcb.sacked & TcpSkbCb.TCPCB_LOST) == 0) {
            tcb.sacked |= TcpSkbCb.TCPCB_LOST;
            tp.lost_out++;
        }
        if ((tcb.sacked & TcpSkbCb.TCPCB_RETRANS) == 0) {
            ipv4.tcp_output().tcp_retransmit_skb(tp, head);
        }
    }

    /**
     * tcp_enter_loss: the RTO fired: ssthresh halved, cwnd 1, every segment in flight considered
     * lost (to be sent again as ACKs open the window), the retransmission marks cleared.
     */
    void tcp_enter_loss(TcpSock tp) {
        if (tp.icsk_ca_state <= TcpSock.TCP_CA_Disorder || tp.icsk_ca_state == TcpSock.TCP_CA_Recovery) {
            tp.prior_ssthresh = tp.snd_ssthresh;
            tp.snd_ssthresh = ipv4.tcp_cong().tcp_reno_ssthresh(tp);
        }
        tp.snd_cwnd = 1;
        tp.snd_cwnd_cnt = 0;
        tp.retrans_out = 0;
        tp.lost_out = 0;
        tp.sacked_out = 0;
        for (SkBuff skb : tp.tcp_rtx_queue.skbs()) {
            TcpSkbCb tcb = TCP_SKB_CB(skb);
            tcb.sacked = TcpSkbCb.TCPCB_LOST;
            tp.lost_out++;
        }
        tp.high_seq = tp.snd_nxt;
        tp.icsk_ca_state = TcpSock.TCP_CA_Loss;
    }

    // ---------------------------------------------------------------- data

    /** tcp_incr_quickack: the next ACKs go at once (up to half the window's segments, at most 16). */
    void tcp_incr_quickack(TcpSock tp) {
        int mss = Math.max(tp.icsk_ack_rcv_mss, 1);
        int quickacks = tp.rcv_wnd / (2 * mss);
        if (quickacks == 0) {
            quickacks = 2;
        }
        quickacks = Math.min(quickacks, Tcp.TCP_MAX_QUICKACKS);
        if (quickacks > tp.icsk_ack_quick) {
            tp.icsk_ack_quick = quickacks;
        }
    }

    /** tcp_enter_quickack_mode. */
    void tcp_enter_quickack_mode(TcpSock tp) {
        tcp_incr_quickack(tp);
        tp.icsk_ack_pingpong = false;
        tp.icsk_ack_ato = ato_min();
    }

    /** tcp_in_quickack_mode. */
    static boolean tcp_in_quickack_mode(TcpSock tp) {
        return tp.icsk_ack_quick > 0 && !tp.icsk_ack_pingpong;
    }

    /**
     * tcp_event_data_recv: data arrived: an ACK is scheduled, the receive MSS measured and the ACK
     * timeout (ato) adapted to the gaps between arrivals.
     */
    void tcp_event_data_recv(TcpSock tp, SkBuff skb) {
        tp.icsk_ack_pending |= TcpSock.ICSK_ACK_SCHED;
        if (skb.len > tp.icsk_ack_rcv_mss) {
            tp.icsk_ack_rcv_mss = Math.min(skb.len, tp.advmss != 0 ? tp.advmss : skb.len);
        }
        long now = jiffies();
        if (tp.icsk_ack_ato == 0) {
            tcp_incr_quickack(tp);
            tp.icsk_ack_ato = ato_min();
        } else {
            long m = now - tp.icsk_ack_lrcvtime;
            if (m <= ato_min() / 2) {
                tp.icsk_ack_ato = (tp.icsk_ack_ato >> 1) + ato_min() / 2;
            } else if (m < tp.icsk_ack_ato) {
                tp.icsk_ack_ato = (tp.icsk_ack_ato >> 1) + m;
                if (tp.icsk_ack_ato > tp.icsk_rto) {
                    tp.icsk_ack_ato = tp.icsk_rto;
                }
            } else if (m > tp.icsk_rto) {
                tcp_incr_quickack(tp);
            }
        }
        tp.icsk_ack_lrcvtime = now;
    }

    /** tcp_queue_rcv: onto the receive queue, charged to the receive buffer; rcv_nxt moves to its end. */
    void tcp_queue_rcv(TcpSock tp, SkBuff skb) {
        SockCore.skb_set_owner_r(skb, tp);
        SkBuffHead.__skb_queue_tail(tp.sk_receive_queue, skb);
        tp.rcv_nxt = TCP_SKB_CB(skb).end_seq;
        tp.bytes_received += skb.len;
    }

    /**
     * tcp_data_queue: in-order data (or data overlapping rcv_nxt) is queued for the reader and
     * pulls in what the out-of-order queue now continues; a FIN is processed in order; a
     * duplicate is acked at once; data past the window is dropped with an ACK; data ahead of
     * rcv_nxt goes to the out-of-order queue.
     */
    void tcp_data_queue(TcpSock tp, SkBuff skb) {
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        if (tcb.seq == tcb.end_seq) {
            discard(skb);
            return;
        }
        TcpHdr th = TcpHdr.tcp_hdr(skb);
        SkBuff.__skb_pull(skb, th.doff() * 4);
        if (!after(tcb.end_seq, tp.rcv_nxt)) {
            tcp_enter_quickack_mode(tp);
            tp.icsk_ack_pending |= TcpSock.ICSK_ACK_SCHED;
            discard(skb);
            return;
        }
        if (!before(tcb.seq, tp.rcv_nxt + tp.tcp_receive_window())) {
            tcp_enter_quickack_mode(tp);
            tp.icsk_ack_pending |= TcpSock.ICSK_ACK_SCHED;
            discard(skb);
            return;
        }
        if (!after(tcb.seq, tp.rcv_nxt)) {
            if (tp.tcp_receive_window() == 0 && skb.len > 0) {
                tcp_enter_quickack_mode(tp);
                tp.icsk_ack_pending |= TcpSock.ICSK_ACK_SCHED;
                discard(skb);
                return;
            }
            tcp_queue_rcv(tp, skb);
            if (skb.len > 0) {
                tcp_event_data_recv(tp, skb);
            }
            if ((tcb.tcp_flags & TcpHdr.TCPHDR_FIN) != 0) {
                tcp_fin(tp);
            }
            if (!SkBuffHead.skb_queue_empty(tp.out_of_order_queue)) {
                tcp_ofo_queue(tp);
                if (SkBuffHead.skb_queue_empty(tp.out_of_order_queue)) {
                    tp.icsk_ack_pending |= TcpSock.ICSK_ACK_PUSHED;
                }
            }
            if (!tp.sock_flag(Sock.SOCK_DEAD)) {
                tp.sk_data_ready.call(tp);
            }
            return;
        }
        tcp_data_queue_ofo(tp, skb);
    }

    /** tcp_data_queue_ofo: into the out-of-order queue in sequence order (a segment already there is dropped); an ACK goes at once. */
    void tcp_data_queue_ofo(TcpSock tp, SkBuff skb) {
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        tp.icsk_ack_pending |= TcpSock.ICSK_ACK_SCHED;
        SkBuff prev = null;
        for (SkBuff q : tp.out_of_order_queue.skbs()) {
            TcpSkbCb qcb = TCP_SKB_CB(q);
            if (!before(tcb.seq, qcb.seq) && !after(tcb.end_seq, qcb.end_seq)) {
                discard(skb);
                return;
            }
            if (before(tcb.seq, qcb.seq)) {
                break;
            }
            prev = q;
        }
        SockCore.skb_set_owner_r(skb, tp);
        if (prev == null) {
            SkBuffHead.__skb_queue_head(tp.out_of_order_queue, skb);
        } else {
            SkBuffHead.__skb_queue_after(tp.out_of_order_queue, prev, skb);
        }
    }

    /** tcp_ofo_queue: out-of-order segments that rcv_nxt has reached move to the receive queue. */
    void tcp_ofo_queue(TcpSock tp) {
        SkBuff skb;
        while ((skb = SkBuffHead.skb_peek(tp.out_of_order_queue)) != null) {
            TcpSkbCb tcb = TCP_SKB_CB(skb);
            if (after(tcb.seq, tp.rcv_nxt)) {
                break;
            }
            SkBuffHead.__skb_unlink(skb, tp.out_of_order_queue);
            if (!after(tcb.end_seq, tp.rcv_nxt)) {
                discard(skb);
                continue;
            }
            SkBuffHead.__skb_queue_tail(tp.sk_receive_queue, skb);
            tp.rcv_nxt = tcb.end_seq;
            tp.bytes_received += skb.len;
            if ((tcb.tcp_flags & TcpHdr.TCPHDR_FIN) != 0) {
                tcp_fin(tp);
                break;
            }
        }
    }

    /**
     * tcp_fin: the peer is done sending: RCV_SHUTDOWN and SOCK_DONE (readers see EOF);
     * ESTABLISHED goes to CLOSE_WAIT, FIN_WAIT1 to CLOSING, FIN_WAIT2 to TIME_WAIT; sleepers wake.
     */
    void tcp_fin(TcpSock tp) {
        tp.icsk_ack_pending |= TcpSock.ICSK_ACK_SCHED;
        tp.sk_shutdown |= Sock.RCV_SHUTDOWN;
        tp.sock_set_flag(Sock.SOCK_DONE);
        switch (tp.sk_state) {
            case Sock.TCP_SYN_RECV, Sock.TCP_ESTABLISHED -> {
                ipv4.tcp().tcp_set_state(tp, Sock.TCP_CLOSE_WAIT);
                tp.icsk_ack_pingpong = true;
            }
            case Sock.TCP_FIN_WAIT1 -> {
                ipv4.tcp_output().tcp_send_ack(tp);
                ipv4.tcp().tcp_set_state(tp, Sock.TCP_CLOSING);
            }
            case Sock.TCP_FIN_WAIT2 -> {
                ipv4.tcp_output().tcp_send_ack(tp);
                ipv4.tcp_minisocks().tcp_time_wait(tp, Sock.TCP_TIME_WAIT);
            }
            default -> { }
        }
        net.skb().skb_queue_purge(tp.out_of_order_queue);
        if (!tp.sock_flag(Sock.SOCK_DEAD)) {
            tp.sk_state_change.call(tp);
        }
    }

    /** tcp_data_snd_check: the ACK may have opened the windows: push, and wake writers if there is room. */
    void tcp_data_snd_check(TcpSock tp) {
        ipv4.tcp_output().tcp_push_pending_frames(tp);
        tcp_check_space(tp);
    }

    /** tcp_check_space (tcp_new_space): a writer waiting for room wakes once the queues are below SO_SNDBUF's threshold. */
    void tcp_check_space(TcpSock tp) {
        if (tp.sk_socket != null && tp.sk_socket.test_bit(Socket.SOCK_NOSPACE)) {
            sk_stream_write_space(tp);
        }
    }

    /** sk_stream_write_space: sk_write_space of TCP: writers and pollers wake when the stream is writeable. */
    void sk_stream_write_space(Sock sk) {
        TcpSock tp = tcp_sk(sk);
        if (tp.sk_socket != null && Tcp.sk_stream_is_writeable(tp)) {
            tp.sk_socket.set_bit(Socket.SOCK_NOSPACE, false);
            if (tp.sk_sleep() != null) {
                kernel.waitq().wake_up(tp.sk_sleep());
            }
        }
    }

    /**
     * __tcp_ack_snd_check: ACK now when more than one full segment is unacked and the window
     * did not shrink, in quickack mode, or with out-of-order data (the duplicate ACKs fast
     * retransmit needs); otherwise delay it.
     */
    void __tcp_ack_snd_check(TcpSock tp, boolean ofoPossible) {
        if ((tp.rcv_nxt - tp.rcv_wup > tp.icsk_ack_rcv_mss
                && ipv4.tcp_output().__tcp_select_window(tp) >= tp.rcv_wnd)
                || tcp_in_quickack_mode(tp) || (tp.icsk_ack_pending & TcpSock.ICSK_ACK_PUSHED) != 0
                || ofoPossible && !SkBuffHead.skb_queue_empty(tp.out_of_order_queue)) {
            ipv4.tcp_output().tcp_send_ack(tp);
            return;
        }
        ipv4.tcp_output().tcp_send_delayed_ack(tp);
    }

    /** tcp_ack_snd_check: only if an ACK is scheduled. */
    void tcp_ack_snd_check(TcpSock tp) {
        if ((tp.icsk_ack_pending & TcpSock.ICSK_ACK_SCHED) == 0) {
            return;
        }
        __tcp_ack_snd_check(tp, true);
    }

    /**
     * tcp_conn_request: a SYN for a listener: dropped when the SYN queue or the accept queue is
     * full (SYN cookies are not modelled), else a request sock with our ISN answers it with a
     * SYN-ACK and waits in the SYN queue.
     */
    int tcp_conn_request(TcpSock listener, SkBuff skb, int saddr, int daddr) {
        InetConnectionSock csk = ipv4.inet_csk();
        if (csk.inet_csk_reqsk_queue_is_full(listener) || csk.sk_acceptq_is_full(listener)) {
            ipv4.mib().tcp_ext_listendrops++;
            return 0;
        }
        TcpHdr th = TcpHdr.tcp_hdr(skb);
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        RequestSock req = csk.inet_reqsk_alloc(listener);
        if (req == null) {
            return 0;
        }
        req.inet_rcv_saddr = req.inet_saddr = daddr;
        req.inet_num = req.inet_sport = th.dest();
        req.inet_daddr = saddr;
        req.inet_dport = th.source();
        req.rcv_isn = tcb.seq;
        int mss = th.parse_mss();
        req.mss = mss != 0 ? mss : Tcp.TCP_MSS_DEFAULT;
        req.snt_isn = ipv4.tcp_ipv4().tcp_v4_init_seq(daddr, saddr, th.dest(), th.source());
        Rtable rt = csk.inet_csk_route_req(listener, req);
        if (rt == null) {
            csk.reqsk_free(req);
            return 0;
        }
        int advmss = ipv4.tcp_output().tcp_mtu_to_mss(listener, rt.dst_mtu());
        int full = Math.min(ipv4.tcp_output().tcp_full_space(listener), listener.window_clamp);
        req.rsk_rcv_wnd = full / advmss * advmss;
        csk.inet_csk_reqsk_queue_hash_add(listener, req);
        ipv4.tcp_ipv4().tcp_v4_send_synack(listener, req, rt);
        return 0;
    }
}
