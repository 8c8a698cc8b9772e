package org.jstap.sim.net.ipv4;

import java.util.ArrayDeque;
import org.jstap.sim.kernel.time.TimerList;
import org.jstap.sim.net.Proto;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.core.SkBuffHead;

/**
 * struct tcp_sock with the struct inet_connection_sock it embeds (include/linux/tcp.h,
 * include/net/inet_connection_sock.h): the send sequence space (snd_una, snd_nxt, write_seq,
 * snd_wnd), the receive space (rcv_nxt, copied_seq, rcv_wup, rcv_wnd), congestion control
 * (snd_cwnd, snd_ssthresh, the Reno dup-ACK count), the RTT estimator (srtt_us and mdev_us in
 * Linux's scaled units, icsk_rto in jiffies), the MSS, the queues (unsent data on
 * sk_write_queue, sent-unacked on tcp_rtx_queue, out of order data), the retransmit, delayed
 * ACK and keepalive timers, and a listener's SYN and accept queues. Guarded by the socket lock
 * ({@code lock_sock}; segments for an owned sock wait on sk_backlog).
 *
 * <pre>{@code
 * TcpSock tp = TcpSock.tcp_sk(sk);
 * int inFlight = tp.tcp_packets_in_flight();
 * }</pre>
 */
public final class TcpSock extends InetSock {
    /** icsk_pending: which event the retransmit timer is for. */
    public static final int ICSK_TIME_RETRANS = 1;
    public static final int ICSK_TIME_DACK = 2;
    public static final int ICSK_TIME_PROBE0 = 3;
    /** icsk_ack.pending bits. */
    public static final int ICSK_ACK_SCHED = 1;
    public static final int ICSK_ACK_TIMER = 2;
    public static final int ICSK_ACK_PUSHED = 4;
    /** icsk_ca_state: enum tcp_ca_state. */
    public static final int TCP_CA_Open = 0;
    public static final int TCP_CA_Disorder = 1;
    public static final int TCP_CA_Recovery = 3;
    public static final int TCP_CA_Loss = 4;
    /** nonagle bits: TCP_NODELAY, MSG_MORE's cork, and a push of this write. */
    public static final int TCP_NAGLE_OFF = 1;
    public static final int TCP_NAGLE_CORK = 2;
    public static final int TCP_NAGLE_PUSH = 4;
    /** tsq_flags: timers that fired while the user owned the sock (run in release_cb). */
    public static final int TCP_WRITE_TIMER_DEFERRED = 1;
    public static final int TCP_DELACK_TIMER_DEFERRED = 2;

    // ---- inet_connection_sock
    /** icsk_rto: the retransmission timeout in jiffies. */
    public long icsk_rto;
    public int icsk_backoff;
    /** icsk_retransmits: retransmissions of the head since it was last acked. */
    public int icsk_retransmits;
    public int icsk_probes_out;
    public int icsk_pending;
    /** icsk_timeout: when the retransmit timer is due (jiffies). */
    public long icsk_timeout;
    public int icsk_ca_state;
    public int icsk_syn_retries;
    public final TimerList icsk_retransmit_timer;
    public final TimerList icsk_delack_timer;
    /** sk_timer: keepalive, SYN-ACK of a listener, FIN_WAIT2 of an orphan. */
    public final TimerList sk_timer;
    public int icsk_ack_pending;
    public int icsk_ack_quick;
    public boolean icsk_ack_pingpong;
    public long icsk_ack_ato;
    public long icsk_ack_timeout;
    public int icsk_ack_rcv_mss;
    public long icsk_ack_lrcvtime;
    /** The port's bind bucket (icsk_bind_hash), or null when unbound. */
    public InetBindBucket icsk_bind_hash;
    /** icsk_accept_queue: established children waiting for accept, oldest first. */
    public final ArrayDeque<RequestSock> rskq_accept = new ArrayDeque<>();
    /** The request socks of a listener still in SYN_RECV (the SYN queue's qlen). */
    public int qlen;
    public int tsq_flags;

    // ---- tcp_sock
    public int snd_una;
    public int snd_nxt;
    /** write_seq: the end of the data written by the user (one past the last byte queued). */
    public int write_seq;
    public int pushed_seq;
    /** snd_sml: the end of the last small segment sent (Minshall's Nagle). */
    public int snd_sml;
    public int snd_wnd;
    public int max_window;
    public int snd_wl1;
    public int rcv_nxt;
    public int copied_seq;
    public int rcv_wup;
    public int rcv_wnd;
    public int window_clamp;
    public int snd_cwnd;
    public int snd_cwnd_cnt;
    public int snd_ssthresh;
    public int prior_ssthresh;
    public int high_seq;
    /** srtt_us: smoothed RTT << 3; mdev_us: mean deviation << 2 (as Linux keeps them). */
    public long srtt_us;
    public long mdev_us;
    public long mdev_max_us;
    public long rttvar_us;
    public int rtt_seq;
    public int mss_cache;
    public int advmss;
    /** rx_opt.mss_clamp: the MSS the peer offered (or TCP_MAXSEG). */
    public int mss_clamp;
    public int user_mss;
    public int nonagle;
    public int packets_out;
    public int retrans_out;
    public int lost_out;
    /** sacked_out: without SACK, the duplicate ACKs seen (tcp_add_reno_sack). */
    public int sacked_out;
    public int total_retrans;
    public long bytes_acked;
    public long bytes_received;
    public int segs_in;
    public int segs_out;
    public int data_segs_out;
    /** retrans_stamp: when the first unacked (re)transmission went (jiffies), 0 for none. */
    public long retrans_stamp;
    public long rcv_tstamp;
    public long lsndtime;
    public int keepalive_time;
    public int keepalive_intvl;
    public int keepalive_probes;
    public int linger2;
    /** sk_wmem_queued: truesize of the write and retransmit queues. */
    public long sk_wmem_queued;
    /** tcp_rtx_queue: sent, not yet acknowledged, in sequence order. */
    public final SkBuffHead tcp_rtx_queue = new SkBuffHead();
    /** out_of_order_queue: segments past rcv_nxt, in sequence order. */
    public final SkBuffHead out_of_order_queue = new SkBuffHead();
    /** inet_csk_destroy_sock ran (a sock is destroyed once). */
    public boolean destroyed;
    /** The listener this child was made for, until accepted. */
    public TcpSock parent;

    public TcpSock(Proto prot, long kaddr, Runnable retransmit, Runnable delack, Runnable keepalive) {
        super(prot, kaddr);
        icsk_retransmit_timer = new TimerList(retransmit);
        icsk_delack_timer = new TimerList(delack);
        sk_timer = new TimerList(keepalive);
    }

    /** tcp_sk / inet_csk. */
    public static TcpSock tcp_sk(Sock sk) {
        return (TcpSock) sk;
    }

    /** tcp_packets_in_flight: packets_out - left_out + retrans_out. */
    public int tcp_packets_in_flight() {
        return packets_out - (sacked_out + lost_out) + retrans_out;
    }

    /** tcp_receive_window: what is left of the window we advertised. */
    public int tcp_receive_window() {
        int win = rcv_wup + rcv_wnd - rcv_nxt;
        return Math.max(win, 0);
    }

    /** tcp_in_initial_slowstart: ssthresh still at infinity. */
    public boolean tcp_in_initial_slowstart() {
        return snd_ssthresh >= Tcp.TCP_INFINITE_SSTHRESH;
    }

    /** tcp_write_queue_empty: nothing written that is not acked. */
    public boolean tcp_write_queue_empty() {
        return write_seq == snd_nxt && SkBuffHead.skb_queue_empty(sk_write_queue);
    }
}
