package org.jstap.sim.lib;

import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.core.SkBuff;

/**
 * lib/checksum.c and include/net/checksum.h: the Internet checksum (RFC 1071) that IP, ICMP, UDP
 * and TCP carry. A partial sum ({@code __wsum}) is the 32-bit one's-complement accumulation of
 * 16-bit words read in network order; {@link #csum_fold} turns it into the 16-bit field value
 * (host order: store it with {@code set_be16}). A packet whose stored checksum is right sums,
 * checksum included, to a fold of 0.
 *
 * <pre>{@code
 * int sum = Checksum.csum_partial(skb, uh.p, ulen, 0);
 * uh.set_check(Checksum.csum_tcpudp_magic(saddr, daddr, ulen, IPPROTO_UDP, sum));
 * }</pre>
 */
@LinuxFile("lib/checksum.c")
public final class Checksum {
    private Checksum() {}

    /** CSUM_MANGLED_0: a UDP checksum that computes to 0 is sent as all ones (0 means "none"). */
    public static final int CSUM_MANGLED_0 = 0xffff;

    /** csum_partial: {@code sum} plus the {@code len} bytes at kernel address {@code p} of {@code skb}. */
    public static int csum_partial(SkBuff skb, long p, int len, int sum) {
        long s = sum & 0xffffffffL;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            s += skb.be16(p + i);
        }
        if (i < len) {
            s += skb.u8(p + i) << 8;
        }
        return fold32(s);
    }

    /** csum_partial over a byte array. */
    public static int csum_partial(byte[] b, int off, int len, int sum) {
        long s = sum & 0xffffffffL;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            s += (b[off + i] & 0xff) << 8 | (b[off + i + 1] & 0xff);
        }
        if (i < len) {
            s += (b[off + i] & 0xff) << 8;
        }
        return fold32(s);
    }

    private static int fold32(long s) {
        while ((s >>> 32) != 0) {
            s = (s & 0xffffffffL) + (s >>> 32);
        }
        return (int) s;
    }

    /** csum_add: one's-complement addition of two partial sums. */
    public static int csum_add(int a, int b) {
        return fold32((a & 0xffffffffL) + (b & 0xffffffffL));
    }

    /** csum_fold: the 16-bit complement of a partial sum, the value a header stores. */
    public static int csum_fold(int sum) {
        long s = sum & 0xffffffffL;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }

    /** ip_fast_csum: the folded checksum of an IP header of {@code ihl} words (0 if it verifies). */
    public static int ip_fast_csum(SkBuff skb, long iph, int ihl) {
        return csum_fold(csum_partial(skb, iph, ihl * 4, 0));
    }

    /** csum_tcpudp_nofold: the pseudo-header (addresses, protocol, length) added to {@code sum}. */
    public static int csum_tcpudp_nofold(int saddr, int daddr, int len, int proto, int sum) {
        long s = sum & 0xffffffffL;
        s += (saddr >>> 16) + (saddr & 0xffff) + (daddr >>> 16) + (daddr & 0xffff) + proto + len;
        return fold32(s);
    }

    /** csum_tcpudp_magic: the folded pseudo-header checksum. */
    public static int csum_tcpudp_magic(int saddr, int daddr, int len, int proto, int sum) {
        return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
    }
}
