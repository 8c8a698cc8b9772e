package org.jstap.sim.lib;

/**
 * include/linux/byteorder/generic.h on a little-endian CPU (RISC-V): network byte order is big
 * endian, so {@code htons(ETH_P_IP)} is 0x0008. Fields that Linux types {@code __be16} or
 * {@code __be32} ({@code skb->protocol}, {@code packet_type.type}, an IP header's addresses) hold
 * the raw value a load of those bytes gives, exactly as in Linux; these convert to and from the
 * host's numbers.
 */
public final class Byteorder {
    private Byteorder() {}

    /** htons: a host 16-bit value as its network-order (__be16) bit pattern. */
    public static int htons(int x) {
        return Integer.reverseBytes(x & 0xffff) >>> 16;
    }

    /** ntohs: the host value of a __be16. */
    public static int ntohs(int x) {
        return htons(x);
    }

    /** htonl: a host 32-bit value as its network-order (__be32) bit pattern. */
    public static int htonl(int x) {
        return Integer.reverseBytes(x);
    }

    /** ntohl: the host value of a __be32. */
    public static int ntohl(int x) {
        return Integer.reverseBytes(x);
    }
}
