package org.jstap.sim.net.ipv4;

import org.jstap.sim.net.core.SkBuff;

/**
 * struct icmphdr (include/uapi/linux/icmp.h) as a view over skb bytes: type, code, checksum and
 * the echo id and sequence (or, for errors, the unused word / next-hop MTU), host order.
 *
 * <pre>{@code
 * IcmpHdr icmph = IcmpHdr.icmp_hdr(skb);
 * if (icmph.type() == ICMP_ECHO) icmp_echo(skb);
 * }</pre>
 */
public final class IcmpHdr {
    public static final int SIZEOF = 8;

    /** Types. */
    public static final int ICMP_ECHOREPLY = 0;
    public static final int ICMP_DEST_UNREACH = 3;
    public static final int ICMP_SOURCE_QUENCH = 4;
    public static final int ICMP_REDIRECT = 5;
    public static final int ICMP_ECHO = 8;
    public static final int ICMP_TIME_EXCEEDED = 11;
    public static final int ICMP_PARAMETERPROB = 12;
    public static final int ICMP_TIMESTAMP = 13;
    public static final int ICMP_TIMESTAMPREPLY = 14;
    public static final int ICMP_INFO_REQUEST = 15;
    public static final int ICMP_INFO_REPLY = 16;
    public static final int ICMP_ADDRESS = 17;
    public static final int ICMP_ADDRESSREPLY = 18;
    public static final int NR_ICMP_TYPES = 18;
    /** Codes of ICMP_DEST_UNREACH. */
    public static final int ICMP_NET_UNREACH = 0;
    public static final int ICMP_HOST_UNREACH = 1;
    public static final int ICMP_PROT_UNREACH = 2;
    public static final int ICMP_PORT_UNREACH = 3;
    public static final int ICMP_FRAG_NEEDED = 4;
    public static final int NR_ICMP_UNREACH = 15;
    /** Codes of ICMP_TIME_EXCEEDED. */
    public static final int ICMP_EXC_TTL = 0;
    public static final int ICMP_EXC_FRAGTIME = 1;

    public final SkBuff skb;
    public final long p;

    public IcmpHdr(SkBuff skb, long p) {
        this.skb = skb;
        this.p = p;
    }

    /** icmp_hdr: the skb's transport header. */
    public static IcmpHdr icmp_hdr(SkBuff skb) {
        return new IcmpHdr(skb, SkBuff.skb_transport_header(skb));
    }

    public int type() {
        return skb.u8(p);
    }

    public void set_type(int v) {
        skb.set_u8(p, v);
    }

    public int code() {
        return skb.u8(p + 1);
    }

    public void set_code(int v) {
        skb.set_u8(p + 1, v);
    }

    public int checksum() {
        return skb.be16(p + 2);
    }

    public void set_checksum(int v) {
        skb.set_be16(p + 2, v);
    }

    /** un.echo.id. */
    public int echo_id() {
        return skb.be16(p + 4);
    }

    public void set_echo_id(int v) {
        skb.set_be16(p + 4, v);
    }

    /** un.echo.sequence. */
    public int echo_sequence() {
        return skb.be16(p + 6);
    }

    /** un.gateway / the second word as a whole (un.frag.mtu in its low half). */
    public int un() {
        return skb.be32(p + 4);
    }

    public void set_un(int v) {
        skb.set_be32(p + 4, v);
    }
}
