package org.jstap.sim.net.ipv4;

import org.jstap.sim.kernel.LinuxFile;

/**
 * net/ipv4/tcp_cong.c: Reno, the congestion control every kernel has built in: slow start
 * (cwnd grows by the segments acked up to ssthresh), congestion avoidance (one segment per
 * window's worth of ACKs), and halving on loss ({@link #tcp_reno_ssthresh}).
 *
 * <pre>{@code
 * tcp_reno_cong_avoid(tp, acked);           // from tcp_ack
 * tp.snd_ssthresh = tcp_reno_ssthresh(tp);   // entering recovery or loss
 * }</pre>
 */
@LinuxFile("net/ipv4/tcp_cong.c")
public final class TcpCong {
    /** snd_cwnd_clamp's default. */
    static final int SND_CWND_CLAMP = 0xffff;

    /** tcp_slow_start: cwnd grows by {@code acked} up to ssthresh; what was left over is returned. */
    public int tcp_slow_start(TcpSock tp, int acked) {
        int cwnd = Math.min(tp.snd_cwnd + acked, tp.snd_ssthresh);
        acked -= cwnd - tp.snd_cwnd;
        tp.snd_cwnd = Math.min(cwnd, SND_CWND_CLAMP);
        return acked;
    }

    /** tcp_cong_avoid_ai: additive increase, one segment per {@code w} segments acked. */
    public void tcp_cong_avoid_ai(TcpSock tp, int w, int acked) {
        if (tp.snd_cwnd_cnt >= w) {
            tp.snd_cwnd_cnt = 0;
            tp.snd_cwnd++;
        }
        tp.snd_cwnd_cnt += acked;
        if (tp.snd_cwnd_cnt >= w) {
            int delta = tp.snd_cwnd_cnt / w;
            tp.snd_cwnd_cnt -= delta * w;
            tp.snd_cwnd += delta;
        }
        tp.snd_cwnd = Math.min(tp.snd_cwnd, SND_CWND_CLAMP);
    }

    /** tcp_reno_cong_avoid: slow start below ssthresh, then additive increase. */
    public void tcp_reno_cong_avoid(TcpSock tp, int acked) {
        if (tp.snd_cwnd < tp.snd_ssthresh) {
            acked = tcp_slow_start(tp, acked);
            if (acked == 0) {
                return;
            }
        }
        tcp_cong_avoid_ai(tp, tp.snd_cwnd, acked);
    }

    /** tcp_reno_ssthresh: half the window, at least 2. */
    public int tcp_reno_ssthresh(TcpSock tp) {
        return Math.max(tp.snd_cwnd >> 1, 2);
    }
}
