package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.ipv4.TcpSock.tcp_sk;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.core.SkBuffHead;
import org.jstap.sim.net.core.SockCore;

/**
 * net/ipv4/tcp_timer.c: TCP's timers on the jiffies wheel (inet_csk_reset_xmit_timer and friends
 * from include/net/inet_connection_sock.h live here too). The write timer is the retransmit
 * timer ({@link #tcp_retransmit_timer}: loss recovery, the head again, the RTO doubled up to 120
 * s, ETIMEDOUT after tcp_syn_retries SYNs — 127 s — or tcp_retries2's 924.6 s of backoff) or the
 * zero-window probe ({@link #tcp_probe_timer}); the delayed-ACK timer ({@link #tcp_delack_timer});
 * the keepalive timer ({@link #tcp_keepalive_timer}), which also ends an orphan's FIN_WAIT2. A
 * timer that fires while the user owns the sock is deferred to release_sock (tcp_release_cb).
 *
 * <pre>{@code
 * ipv4.tcp_timer().inet_csk_reset_xmit_timer(tp, TcpSock.ICSK_TIME_RETRANS, tp.icsk_rto);
 * }</pre>
 */
@LinuxFile("net/ipv4/tcp_timer.c")
public final class TcpTimer {
    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;

    TcpTimer(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    private long jiffies() {
        return kernel.timekeeping().jiffies();
    }

    private long hz() {
        return kernel.params().hz();
    }

    // ---------------------------------------------------------------- inet_connection_sock.h

    /** inet_csk_reset_xmit_timer: the retransmit/probe timer or the delayed-ACK timer, {@code when} jiffies from now. */
    public void inet_csk_reset_xmit_timer(TcpSock tp, int what, long when) {
        when = Math.min(when, ipv4.tcp_output().rtoMax);
        if (what == TcpSock.ICSK_TIME_DACK) {
            tp.icsk_ack_pending |= TcpSock.ICSK_ACK_TIMER;
            tp.icsk_ack_timeout = jiffies() + when;
            kernel.timers().mod_timer(tp.icsk_delack_timer, tp.icsk_ack_timeout);
        } else {
            tp.icsk_pending = what;
            tp.icsk_timeout = jiffies() + when;
            kernel.timers().mod_timer(tp.icsk_retransmit_timer, tp.icsk_timeout);
        }
    }

    /** inet_csk_clear_xmit_timer. */
    public void inet_csk_clear_xmit_timer(TcpSock tp, int what) {
        if (what == TcpSock.ICSK_TIME_DACK) {
            tp.icsk_ack_pending &= ~TcpSock.ICSK_ACK_TIMER;
            kernel.timers().del_timer(tp.icsk_delack_timer);
        } else {
            tp.icsk_pending = 0;
            kernel.timers().del_timer(tp.icsk_retransmit_timer);
        }
    }

    /** tcp_clear_xmit_timers (inet_csk_clear_xmit_timers): every timer of the sock stops. */
    public void tcp_clear_xmit_timers(TcpSock tp) {
        tp.icsk_pending = 0;
        tp.icsk_ack_pending = 0;
        kernel.timers().del_timer(tp.icsk_retransmit_timer);
        kernel.timers().del_timer(tp.icsk_delack_timer);
        kernel.timers().del_timer(tp.sk_timer);
    }

    /** inet_csk_reset_keepalive_timer. */
    public void inet_csk_reset_keepalive_timer(TcpSock tp, long len) {
        kernel.timers().mod_timer(tp.sk_timer, jiffies() + len);
    }

    /** inet_csk_delete_keepalive_timer. */
    public void inet_csk_delete_keepalive_timer(TcpSock tp) {
        kernel.timers().del_timer(tp.sk_timer);
    }

    // ---------------------------------------------------------------- errors

    /** tcp_write_err: the connection timed out (or the soft error seen): report it, drop the data, done. */
    void tcp_write_err(TcpSock tp) {
        tp.sk_err = tp.sk_err_soft != 0 ? tp.sk_err_soft : Errno.ETIMEDOUT;
        tp.sk_error_report.call(tp);
        ipv4.tcp().tcp_write_queue_purge(tp);
        ipv4.tcp().tcp_done(tp);
    }

    /**
     * tcp_model_timeout: how long {@code boundary} retransmissions take from the first with
     * exponential backoff from {@code rtoBase}, capped at TCP_RTO_MAX per step.
     */
    long tcp_model_timeout(int boundary, long rtoBase) {
        long rtoMax = ipv4.tcp_output().rtoMax;
        int linearBackoffThresh = 63 - Long.numberOfLeadingZeros(rtoMax / rtoBase);
        if (boundary <= linearBackoffThresh) {
            return ((2L << boundary) - 1) * rtoBase;
        }
        return ((2L << linearBackoffThresh) - 1) * rtoBase + (boundary - linearBackoffThresh) * rtoMax;
    }

    /** retransmits_timed_out: the first retransmission was longer ago than {@code boundary} of them take. */
    boolean retransmits_timed_out(TcpSock tp, int boundary) {
        if (tp.icsk_retransmits == 0) {
            return false;
        }
        return jiffies() - tp.retrans_stamp >= tcp_model_timeout(boundary, ipv4.tcp_output().rtoMin);
    }

    /** tcp_write_timeout: a handshake gives up after tcp_syn_retries, a connection after tcp_retries2's time; true if it did. */
    boolean tcp_write_timeout(TcpSock tp) {
        boolean expired;
        if ((1 << tp.sk_state & (1 << Sock.TCP_SYN_SENT | 1 << Sock.TCP_SYN_RECV)) != 0) {
            expired = tp.icsk_retransmits >= tp.icsk_syn_retries;
        } else {
            expired = retransmits_timed_out(tp, Tcp.TCP_RETR2);
        }
        if (expired) {
            tcp_write_err(tp);
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- the write timer

    /** tcp_write_timer: the retransmit/probe timer fired; deferred if the user owns the sock. */
    void tcp_write_timer(TcpSock tp) {
        if (SockCore.sock_owned_by_user(tp)) {
            tp.tsq_flags |= TcpSock.TCP_WRITE_TIMER_DEFERRED;
            return;
        }
        tcp_write_timer_handler(tp);
    }

    /** tcp_write_timer_handler. */
    void tcp_write_timer_handler(TcpSock tp) {
        if ((1 << tp.sk_state & (1 << Sock.TCP_CLOSE | 1 << Sock.TCP_LISTEN)) != 0 || tp.icsk_pending == 0) {
            return;
        }
        if (tp.icsk_timeout > jiffies()) {
            kernel.timers().mod_timer(tp.icsk_retransmit_timer, tp.icsk_timeout);
            return;
        }
        int event = tp.icsk_pending;
        tp.icsk_pending = 0;
        if (event == TcpSock.ICSK_TIME_RETRANS) {
            tcp_retransmit_timer(tp);
        } else if (event == TcpSock.ICSK_TIME_PROBE0) {
            tcp_probe_timer(tp);
        }
    }

    /**
     * tcp_retransmit_timer: an RTO passed without an ACK: unless the connection timed out, enter
     * loss (cwnd 1, ssthresh halved), send the head of the retransmit queue again and back off
     * (RTO doubled, at most TCP_RTO_MAX).
     */
    public void tcp_retransmit_timer(TcpSock tp) {
        if (tp.packets_out == 0) {
            return;
        }
        if (tcp_write_timeout(tp)) {
            return;
        }
        if (tp.sk_state != Sock.TCP_SYN_SENT && tp.sk_state != Sock.TCP_SYN_RECV) {
            ipv4.tcp_input().tcp_enter_loss(tp);
        }
        SkBuff head = SkBuffHead.skb_peek(tp.tcp_rtx_queue);
        if (head != null) {
            ipv4.tcp_output().tcp_retransmit_skb(tp, head);
        }
        tp.icsk_backoff++;
        tp.icsk_retransmits++;
        tp.icsk_rto = Math.min(tp.icsk_rto << 1, ipv4.tcp_output().rtoMax);
        inet_csk_reset_xmit_timer(tp, TcpSock.ICSK_TIME_RETRANS, tp.icsk_rto);
    }

    /** tcp_probe_timer: the window is still shut: probe again, or give up after tcp_retries2 probes. */
    void tcp_probe_timer(TcpSock tp) {
        if (tp.packets_out != 0 || SkBuffHead.skb_queue_empty(tp.sk_write_queue)) {
            tp.icsk_probes_out = 0;
            return;
        }
        if (tp.icsk_probes_out >= Tcp.TCP_RETR2) {
            tcp_write_err(tp);
            return;
        }
        ipv4.tcp_output().tcp_send_probe0(tp);
    }

    // ---------------------------------------------------------------- delayed ACK

    /** tcp_delack_timer: the delayed ACK is due; deferred if the user owns the sock. */
    void tcp_delack_timer(TcpSock tp) {
        if (SockCore.sock_owned_by_user(tp)) {
            tp.tsq_flags |= TcpSock.TCP_DELACK_TIMER_DEFERRED;
            return;
        }
        tcp_delack_timer_handler(tp);
    }

    /** tcp_delack_timer_handler: send the ACK; an interactive sock's ACK timeout grows (ato doubled up to the RTO). */
    void tcp_delack_timer_handler(TcpSock tp) {
        if ((1 << tp.sk_state & (1 << Sock.TCP_CLOSE | 1 << Sock.TCP_LISTEN)) != 0
                || (tp.icsk_ack_pending & TcpSock.ICSK_ACK_TIMER) == 0) {
            return;
        }
        if (tp.icsk_ack_timeout > jiffies()) {
            kernel.timers().mod_timer(tp.icsk_delack_timer, tp.icsk_ack_timeout);
            return;
        }
        tp.icsk_ack_pending &= ~TcpSock.ICSK_ACK_TIMER;
        if ((tp.icsk_ack_pending & TcpSock.ICSK_ACK_SCHED) != 0) {
            if (tp.icsk_ack_pingpong) {
                tp.icsk_ack_ato = Math.min(tp.icsk_ack_ato << 1, tp.icsk_rto);
            } else {
                tp.icsk_ack_pingpong = false;
                tp.icsk_ack_ato = ipv4.tcp_input().ato_min();
            }
            ipv4.tcp_output().tcp_send_ack(tp);
        }
    }

    /** tcp_release_cb: timers deferred while the user owned the sock run now. */
    void tcp_release_cb(Sock sk) {
        TcpSock tp = tcp_sk(sk);
        int flags = tp.tsq_flags;
        tp.tsq_flags = 0;
        if ((flags & TcpSock.TCP_WRITE_TIMER_DEFERRED) != 0) {
            tcp_write_timer_handler(tp);
        }
        if ((flags & TcpSock.TCP_DELACK_TIMER_DEFERRED) != 0) {
            tcp_delack_timer_handler(tp);
        }
    }

    // ---------------------------------------------------------------- keepalive

    /** tcp_set_keepalive: SO_KEEPALIVE arms the timer at the idle time, or stops it. */
    void tcp_set_keepalive(Sock sk, boolean val) {
        TcpSock tp = tcp_sk(sk);
        if ((1 << sk.sk_state & (1 << Sock.TCP_CLOSE | 1 << Sock.TCP_LISTEN)) != 0) {
            return;
        }
        if (val && !sk.sock_flag(Sock.SOCK_KEEPOPEN)) {
            inet_csk_reset_keepalive_timer(tp, tp.keepalive_time * hz());
        } else if (!val) {
            inet_csk_delete_keepalive_timer(tp);
        }
    }

    /**
     * tcp_keepalive_timer: an orphan in FIN_WAIT2 past tcp_fin_timeout is reset and done; an idle
     * connection with SO_KEEPALIVE gets a probe every keepalive_intvl once keepalive_time passed,
     * and ETIMEDOUT after keepalive_probes unanswered ones.
     */
    void tcp_keepalive_timer(TcpSock tp) {
        if (SockCore.sock_owned_by_user(tp)) {
            inet_csk_reset_keepalive_timer(tp, hz() / 20);
            return;
        }
        if (tp.sk_state == Sock.TCP_LISTEN) {
            return;
        }
        if (tp.sk_state == Sock.TCP_FIN_WAIT2 && tp.sock_flag(Sock.SOCK_DEAD)) {
            ipv4.tcp_output().tcp_send_active_reset(tp);
            ipv4.tcp().tcp_done(tp);
            return;
        }
        if (!tp.sock_flag(Sock.SOCK_KEEPOPEN) || (1 << tp.sk_state & (1 << Sock.TCP_CLOSE
                | 1 << Sock.TCP_SYN_SENT)) != 0) {
            return;
        }
        long keepalive = tp.keepalive_time * hz();
        long elapsed;
        if (tp.packets_out != 0 || !SkBuffHead.skb_queue_empty(tp.sk_write_queue)) {
            elapsed = keepalive;
        } else {
            elapsed = jiffies() - Math.max(tp.icsk_ack_lrcvtime, tp.rcv_tstamp);
            if (elapsed >= keepalive) {
                if (tp.icsk_probes_out >= tp.keepalive_probes) {
                    tcp_write_err(tp);
                    return;
                }
                if (ipv4.tcp_output().tcp_write_wakeup(tp) <= 0) {
                    tp.icsk_probes_out++;
                }
                elapsed = tp.keepalive_intvl * hz();
            } else {
                elapsed = keepalive - elapsed;
            }
        }
        inet_csk_reset_keepalive_timer(tp, elapsed);
    }
}
