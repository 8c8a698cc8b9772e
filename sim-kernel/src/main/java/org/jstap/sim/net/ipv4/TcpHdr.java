package org.jstap.sim.net.ipv4;

import org.jstap.sim.net.core.SkBuff;

/**
 * struct tcphdr (include/uapi/linux/tcp.h) as a view over skb bytes, host order in and out; the
 * flags are the byte at offset 13 (FIN, SYN, RST, PSH, ACK, URG as TCPHDR_*), the data offset the
 * high nibble of byte 12, in 32-bit words.
 *
 * <pre>{@code
 * TcpHdr th = TcpHdr.tcp_hdr(skb);
 * if ((th.flags() & TcpHdr.TCPHDR_SYN) != 0) ...
 * }</pre>
 */
public final class TcpHdr {
    public static final int SIZEOF = 20;
    public static final int TCPHDR_FIN = 0x01;
    public static final int TCPHDR_SYN = 0x02;
    public static final int TCPHDR_RST = 0x04;
    public static final int TCPHDR_PSH = 0x08;
    public static final int TCPHDR_ACK = 0x10;
    public static final int TCPHDR_URG = 0x20;
    /** TCP options: end of list, no-op, maximum segment size (kind 2, length 4). */
    public static final int TCPOPT_EOL = 0;
    public static final int TCPOPT_NOP = 1;
    public static final int TCPOPT_MSS = 2;
    public static final int TCPOLEN_MSS = 4;

    public final SkBuff skb;
    public final long p;

    public TcpHdr(SkBuff skb, long p) {
        this.skb = skb;
        this.p = p;
    }

    /** tcp_hdr: the skb's transport header. */
    public static TcpHdr tcp_hdr(SkBuff skb) {
        return new TcpHdr(skb, SkBuff.skb_transport_header(skb));
    }

    public int source() {
        return skb.be16(p);
    }

    public void set_source(int v) {
        skb.set_be16(p, v);
    }

    public int dest() {
        return skb.be16(p + 2);
    }

    public void set_dest(int v) {
        skb.set_be16(p + 2, v);
    }

    public int seq() {
        return skb.be32(p + 4);
    }

    public void set_seq(int v) {
        skb.set_be32(p + 4, v);
    }

    public int ack_seq() {
        return skb.be32(p + 8);
    }

    public void set_ack_seq(int v) {
        skb.set_be32(p + 8, v);
    }

    /** doff: the header length in 32-bit words. */
    public int doff() {
        return skb.u8(p + 12) >>> 4;
    }

    public void set_doff(int words) {
        skb.set_u8(p + 12, words << 4);
    }

    public int flags() {
        return skb.u8(p + 13);
    }

    public void set_flags(int v) {
        skb.set_u8(p + 13, v);
    }

    public int window() {
        return skb.be16(p + 14);
    }

    public void set_window(int v) {
        skb.set_be16(p + 14, v);
    }

    public int check() {
        return skb.be16(p + 16);
    }

    public void set_check(int v) {
        skb.set_be16(p + 16, v);
    }

    public void set_urg_ptr(int v) {
        skb.set_be16(p + 18, v);
    }

    /** tcp_parse_options (the part kept): the MSS a SYN offers, or 0 if it offers none. */
    public int parse_mss() {
        int len = doff() * 4 - SIZEOF;
        long q = p + SIZEOF;
        while (len > 0) {
            int opcode = skb.u8(q);
            if (opcode == TCPOPT_EOL) {
                break;
            }
            if (opcode == TCPOPT_NOP) {
                q++;
                len--;
                continue;
            }
            if (len < 2) {
                break;
            }
            int opsize = skb.u8(q + 1);
            if (opsize < 2 || opsize > len) {
                break;
            }
            if (opcode == TCPOPT_MSS && opsize == TCPOLEN_MSS) {
                return skb.be16(q + 2);
            }
            q += opsize;
            len -= opsize;
        }
        return 0;
    }
}
