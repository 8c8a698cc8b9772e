package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.ipv4.TcpSkbCb.TCP_SKB_CB;
import static org.jstap.sim.net.ipv4.TcpSkbCb.after;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.core.SockCore;

/**
 * net/ipv4/tcp_minisocks.c: the small socks. {@link #tcp_time_wait} turns a closed connection
 * into a TIME_WAIT sock for 60 s; {@link #tcp_timewait_state_process} answers what still arrives
 * for it (a retransmitted FIN is acked again, an RST kills it, a newer SYN may open a new
 * connection). {@link #tcp_check_req} completes a handshake at a request sock and
 * {@link #tcp_create_openreq_child} makes the connection's sock from the listener.
 *
 * <pre>{@code
 * tcp_fin (FIN_WAIT2) -> tcp_time_wait(sk, TCP_TIME_WAIT) -> inet_twsk_hashdance, tcp_done
 * }</pre>
 */
@LinuxFile("net/ipv4/tcp_minisocks.c")
public final class TcpMinisocks {
    /** enum tcp_tw_status. */
    static final int TCP_TW_SUCCESS = 0;
    static final int TCP_TW_RST = 1;
    static final int TCP_TW_ACK = 2;
    static final int TCP_TW_SYN = 3;

    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;

    TcpMinisocks(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    /** tcp_time_wait: a TIME_WAIT sock takes the connection's place in the hashes for TCP_TIMEWAIT_LEN; the full sock is done. */
    void tcp_time_wait(TcpSock tp, int state) {
        TcpTimewaitSock tw = ipv4.inet_twsk().inet_twsk_alloc(tp, state);
        if (tw != null) {
            tw.tw_rcv_nxt = tp.rcv_nxt;
            tw.tw_snd_nxt = tp.snd_nxt;
            tw.tw_rcv_wnd = tp.tcp_receive_window();
            ipv4.inet_twsk().inet_twsk_hashdance(tw, tp);
            ipv4.inet_twsk().inet_twsk_schedule(tw, Tcp.TCP_TIMEWAIT_LEN_SEC * kernel.params().hz());
        }
        ipv4.tcp().tcp_done(tp);
    }

    /**
     * tcp_timewait_state_process: an RST ends TIME_WAIT; a SYN with a newer sequence number may
     * start a new connection (TCP_TW_SYN); a retransmitted FIN is acked again and the 60 s start
     * over; anything else is acked if it carries data or was out of window.
     */
    int tcp_timewait_state_process(TcpTimewaitSock tw, SkBuff skb, TcpHdr th) {
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        int flags = th.flags();
        if ((flags & TcpHdr.TCPHDR_RST) != 0) {
            ipv4.inet_twsk().inet_twsk_deschedule_put(tw);
            return TCP_TW_SUCCESS;
        }
        if ((flags & TcpHdr.TCPHDR_SYN) != 0 && (flags & TcpHdr.TCPHDR_ACK) == 0 && after(tcb.seq, tw.tw_rcv_nxt)) {
            return TCP_TW_SYN;
        }
        if ((flags & TcpHdr.TCPHDR_FIN) != 0 && tcb.end_seq == tw.tw_rcv_nxt) {
            ipv4.inet_twsk().inet_twsk_schedule(tw, Tcp.TCP_TIMEWAIT_LEN_SEC * kernel.params().hz());
            return TCP_TW_ACK;
        }
        if (tcb.end_seq != tcb.seq || after(tcb.seq, tw.tw_rcv_nxt)) {
            return TCP_TW_ACK;
        }
        return TCP_TW_SUCCESS;
    }

    /**
     * tcp_create_openreq_child (inet_csk_clone_lock): the connection's sock, a copy of the
     * listener's options with the request's addresses and sequence numbers, in SYN_RECV.
     */
    TcpSock tcp_create_openreq_child(TcpSock listener, RequestSock req, SkBuff skb) {
        TcpSock newsk = ipv4.inet_csk().inet_csk_clone_lock(listener, req);
        if (newsk == null) {
            return null;
        }
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        newsk.rcv_nxt = req.rcv_isn + 1;
        newsk.rcv_wup = newsk.rcv_nxt;
        newsk.copied_seq = newsk.rcv_nxt;
        newsk.snd_una = newsk.snd_nxt = newsk.snd_sml = newsk.pushed_seq = req.snt_isn + 1;
        newsk.write_seq = req.snt_isn + 1;
        newsk.snd_wnd = TcpHdr.tcp_hdr(skb).window();
        newsk.max_window = newsk.snd_wnd;
        newsk.snd_wl1 = req.rcv_isn;
        newsk.rcv_wnd = req.rsk_rcv_wnd;
        newsk.mss_clamp = req.mss;
        newsk.icsk_rto = ipv4.tcp_output().timeoutInit;
        newsk.snd_cwnd = Tcp.TCP_INIT_CWND;
        newsk.snd_ssthresh = Tcp.TCP_INFINITE_SSTHRESH;
        newsk.mdev_us = 1_000_000L;
        newsk.total_retrans = req.num_timeout;
        newsk.icsk_ack_lrcvtime = kernel.timekeeping().jiffies();
        if (req.num_timeout == 0 && tcb.ack_seq != 0) {
            // the handshake's RTT: from the SYN-ACK to this ACK
            long us = Math.max((kernel.timekeeping().ktime_get_ns() - req.tx_ns) / 1000, 1);
            ipv4.tcp_input().tcp_rtt_estimator(newsk, us);
            ipv4.tcp_input().tcp_set_rto(newsk);
        }
        ipv4.mib().tcp_passiveopens++;
        return newsk;
    }

    /**
     * tcp_check_req: a segment for a request sock: a retransmitted SYN gets the SYN-ACK again; an
     * RST drops the request; the ACK of our SYN-ACK makes the child (null while the accept queue
     * is full: the ACK is dropped and the SYN-ACK will be sent again) and moves it to the accept
     * queue. An ACK of anything else is answered with a reset ({@code reset[0]}).
     */
    TcpSock tcp_check_req(TcpSock listener, SkBuff skb, RequestSock req, boolean[] reset) {
        TcpSkbCb tcb = TCP_SKB_CB(skb);
        int flags = TcpHdr.tcp_hdr(skb).flags();
        if ((flags & TcpHdr.TCPHDR_SYN) != 0 && (flags & TcpHdr.TCPHDR_RST) == 0 && tcb.seq == req.rcv_isn) {
            Rtable rt = ipv4.inet_csk().inet_csk_route_req(listener, req);
            if (rt != null) {
                ipv4.tcp_ipv4().tcp_v4_send_synack(listener, req, rt);
            }
            return null;
        }
        if ((flags & TcpHdr.TCPHDR_RST) != 0) {
            ipv4.inet_csk().inet_csk_reqsk_queue_drop(listener, req);
            return null;
        }
        if ((flags & TcpHdr.TCPHDR_ACK) == 0) {
            return null;
        }
        if (tcb.ack_seq != req.snt_isn + 1) {
            reset[0] = true;
            return null;
        }
        TcpSock child = ipv4.tcp_ipv4().tcp_v4_syn_recv_sock(listener, skb, req);
        if (child == null) {
            ipv4.mib().tcp_ext_listendrops++;
            return null;
        }
        ipv4.inet_csk().inet_csk_complete_hashdance(listener, child, req);
        return child;
    }

    /**
     * tcp_child_process: the handshake's last segment runs through the child's state machine
     * (SYN_RECV -> ESTABLISHED), and the listener's accept waiter is woken. 1 if a reset is due.
     */
    int tcp_child_process(TcpSock parent, TcpSock child, SkBuff skb) {
        int state = child.sk_state;
        int ret = 0;
        if (!SockCore.sock_owned_by_user(child)) {
            ret = ipv4.tcp_input().tcp_rcv_state_process(child, skb);
            if (state == Sock.TCP_SYN_RECV && child.sk_state != state) {
                parent.sk_data_ready.call(parent);
            }
        } else {
            SockCore.sk_add_backlog(child, skb);
        }
        return ret;
    }
}
