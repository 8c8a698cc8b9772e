package org.jstap.sim.net.ipv4;

import org.jstap.sim.net.core.SkBuff;

/**
 * struct iphdr (include/uapi/linux/ip.h) as a view over the bytes of an skb: each accessor reads
 * or writes the field at {@link #p} in network order and returns or takes host order, so code
 * reads as Linux's {@code iph->ttl}, {@code iph->daddr} do. {@code ip_hdr(skb)} views the skb's
 * network header. TCP uses the same view.
 *
 * <pre>{@code
 * IpHdr iph = IpHdr.ip_hdr(skb);
 * if (iph.ihl() < 5 || iph.version() != 4) goto inhdr_error;
 * int daddr = iph.daddr();
 * }</pre>
 */
public final class IpHdr {
    /** sizeof(struct iphdr) without options. */
    public static final int SIZEOF = 20;
    /** frag_off bits. */
    public static final int IP_CE = 0x8000;
    public static final int IP_DF = 0x4000;
    public static final int IP_MF = 0x2000;
    public static final int IP_OFFSET = 0x1fff;
    public static final int IPVERSION = 4;
    /** IPDEFTTL: net.ipv4.ip_default_ttl's default. */
    public static final int IPDEFTTL = 64;
    public static final int MAXTTL = 255;

    public final SkBuff skb;
    /** Kernel address of the header in the skb's buffer. */
    public final long p;

    public IpHdr(SkBuff skb, long p) {
        this.skb = skb;
        this.p = p;
    }

    /** ip_hdr: the skb's network header. */
    public static IpHdr ip_hdr(SkBuff skb) {
        return new IpHdr(skb, SkBuff.skb_network_header(skb));
    }

    public int version() {
        return skb.u8(p) >>> 4;
    }

    /** ihl: header length in 32-bit words. */
    public int ihl() {
        return skb.u8(p) & 0xf;
    }

    public void set_version_ihl(int version, int ihl) {
        skb.set_u8(p, version << 4 | ihl);
    }

    public int tos() {
        return skb.u8(p + 1);
    }

    public void set_tos(int v) {
        skb.set_u8(p + 1, v);
    }

    public int tot_len() {
        return skb.be16(p + 2);
    }

    public void set_tot_len(int v) {
        skb.set_be16(p + 2, v);
    }

    public int id() {
        return skb.be16(p + 4);
    }

    public void set_id(int v) {
        skb.set_be16(p + 4, v);
    }

    public int frag_off() {
        return skb.be16(p + 6);
    }

    public void set_frag_off(int v) {
        skb.set_be16(p + 6, v);
    }

    public int ttl() {
        return skb.u8(p + 8);
    }

    public void set_ttl(int v) {
        skb.set_u8(p + 8, v);
    }

    public int protocol() {
        return skb.u8(p + 9);
    }

    public void set_protocol(int v) {
        skb.set_u8(p + 9, v);
    }

    public int check() {
        return skb.be16(p + 10);
    }

    public void set_check(int v) {
        skb.set_be16(p + 10, v);
    }

    public int saddr() {
        return skb.be32(p + 12);
    }

    public void set_saddr(int v) {
        skb.set_be32(p + 12, v);
    }

    public int daddr() {
        return skb.be32(p + 16);
    }

    public void set_daddr(int v) {
        skb.set_be32(p + 16, v);
    }

    /** ip_is_fragment: more fragments follow, or this is not the first. */
    public boolean ip_is_fragment() {
        return (frag_off() & (IP_MF | IP_OFFSET)) != 0;
    }

    /** ip_send_check: the header checksum over ihl words, with the field zero while summing. */
    public void ip_send_check() {
        set_check(0);
        set_check(org.jstap.sim.lib.Checksum.ip_fast_csum(skb, p, ihl()));
    }
}
