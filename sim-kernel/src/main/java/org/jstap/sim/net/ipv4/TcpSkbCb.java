package org.jstap.sim.net.ipv4;

import org.jstap.sim.net.core.SkBuff;

/**
 * struct tcp_skb_cb (include/net/tcp.h), TCP_SKB_CB(skb): the sequence space a segment covers
 * ({@code seq} to {@code end_seq}, SYN and FIN counting one each), its flags, the ACK it carried,
 * when it was last sent (for RTT samples) and the retransmission marks.
 *
 * <pre>{@code
 * TcpSkbCb tcb = TcpSkbCb.TCP_SKB_CB(skb);
 * int len = tcb.end_seq - tcb.seq;
 * }</pre>
 */
public final class TcpSkbCb implements SkBuff.Cb {
    /** sacked bits: this segment was retransmitted / is considered lost. */
    public static final int TCPCB_RETRANS = 0x10;
    public static final int TCPCB_LOST = 0x04;

    public int seq;
    public int end_seq;
    public int ack_seq;
    public int tcp_flags;
    public int sacked;
    /** The receive window the segment advertised (host order, unscaled). */
    public int window;
    /** skb_mstamp_ns: virtual time of the last transmission, 0 if never sent. */
    public long tx_ns;

    @Override
    public TcpSkbCb copy() {
        TcpSkbCb c = new TcpSkbCb();
        c.seq = seq;
        c.end_seq = end_seq;
        c.ack_seq = ack_seq;
        c.tcp_flags = tcp_flags;
        c.sacked = sacked;
        c.window = window;
        c.tx_ns = tx_ns;
        return c;
    }

    /** TCP_SKB_CB: the skb's control block, made on first use. */
    public static TcpSkbCb TCP_SKB_CB(SkBuff skb) {
        if (!(skb.cb instanceof TcpSkbCb)) {
            skb.cb = new TcpSkbCb();
        }
        return (TcpSkbCb) skb.cb;
    }

    /** before / after: sequence-number comparisons modulo 2^32. */
    public static boolean before(int seq1, int seq2) {
        return seq1 - seq2 < 0;
    }

    public static boolean after(int seq2, int seq1) {
        return before(seq1, seq2);
    }
}
