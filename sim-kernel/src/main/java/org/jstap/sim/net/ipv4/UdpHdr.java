package org.jstap.sim.net.ipv4;

import org.jstap.sim.net.core.SkBuff;

/**
 * struct udphdr (include/uapi/linux/udp.h) as a view over skb bytes, host order in and out.
 *
 * <pre>{@code
 * UdpHdr uh = UdpHdr.udp_hdr(skb);
 * int dport = uh.dest();
 * }</pre>
 */
public final class UdpHdr {
    public static final int SIZEOF = 8;

    public final SkBuff skb;
    public final long p;

    public UdpHdr(SkBuff skb, long p) {
        this.skb = skb;
        this.p = p;
    }

    /** udp_hdr: the skb's transport header. */
    public static UdpHdr udp_hdr(SkBuff skb) {
        return new UdpHdr(skb, SkBuff.skb_transport_header(skb));
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

    public int len() {
        return skb.be16(p + 4);
    }

    public void set_len(int v) {
        skb.set_be16(p + 4, v);
    }

    public int check() {
        return skb.be16(p + 6);
    }

    public void set_check(int v) {
        skb.set_be16(p + 6, v);
    }
}
