package org.jstap.sim.net.ipv4;

/**
 * include/uapi/linux/in.h and include/linux/in.h: the numbers of IPv4 (protocols, well-known
 * addresses, SOL_IP options) and struct sockaddr_in. In this kernel an IPv4 address is an
 * {@code int} holding the value in host order ({@code ntohl} of Linux's __be32: 127.0.0.1 is
 * 0x7f000001) and a port is an {@code int} 0..65535, also in host order; the bytes on the wire
 * and in user memory are in network order, written only by the header views and the
 * sockaddr helpers here.
 *
 * <pre>{@code
 * byte[] sin = new byte[SOCKADDR_IN_SIZE];
 * In.put_sockaddr_in(sin, 53, In.in_aton("10.0.0.2"));
 * int port = In.sin_port(sin);                 // 53
 * String s = In.pI4(In.sin_addr(sin));         // "10.0.0.2"
 * }</pre>
 */
public final class In {
    private In() {}

    /** IPPROTO_*: the protocol field of the IP header, and socket(2)'s third argument. */
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_UDPLITE = 136;
    public static final int IPPROTO_RAW = 255;
    /** MAX_INET_PROTOS: the size of inet_protos[]. */
    public static final int MAX_INET_PROTOS = 256;

    /** Addresses (host order). */
    public static final int INADDR_ANY = 0;
    public static final int INADDR_BROADCAST = 0xffffffff;
    public static final int INADDR_LOOPBACK = 0x7f000001;

    /** sizeof(struct sockaddr_in). */
    public static final int SOCKADDR_IN_SIZE = 16;

    /** SOL_IP options. */
    public static final int IP_TOS = 1;
    public static final int IP_TTL = 2;
    public static final int IP_HDRINCL = 3;
    public static final int IP_OPTIONS = 4;
    public static final int IP_RECVERR = 11;
    public static final int IP_MTU_DISCOVER = 10;
    /** IP_MTU_DISCOVER values. */
    public static final int IP_PMTUDISC_DONT = 0;
    public static final int IP_PMTUDISC_WANT = 1;
    public static final int IP_PMTUDISC_DO = 2;
    public static final int IP_PMTUDISC_PROBE = 3;

    /** sin_family of a struct sockaddr_in (or any sockaddr) in {@code a}. */
    public static int sin_family(byte[] a) {
        return (a[0] & 0xff) | (a[1] & 0xff) << 8;
    }

    /** sin_port: ntohs of the port at offset 2. */
    public static int sin_port(byte[] a) {
        return (a[2] & 0xff) << 8 | (a[3] & 0xff);
    }

    /** sin_addr.s_addr: ntohl of the address at offset 4. */
    public static int sin_addr(byte[] a) {
        return (a[4] & 0xff) << 24 | (a[5] & 0xff) << 16 | (a[6] & 0xff) << 8 | (a[7] & 0xff);
    }

    /** Writes {AF_INET, htons(port), htonl(addr), zero} into the first 16 bytes of {@code a}. */
    public static void put_sockaddr_in(byte[] a, int port, int addr) {
        java.util.Arrays.fill(a, 0, SOCKADDR_IN_SIZE, (byte) 0);
        a[0] = (byte) org.jstap.sim.net.SocketDefs.AF_INET;
        a[2] = (byte) (port >>> 8);
        a[3] = (byte) port;
        a[4] = (byte) (addr >>> 24);
        a[5] = (byte) (addr >>> 16);
        a[6] = (byte) (addr >>> 8);
        a[7] = (byte) addr;
    }

    /** ipv4_is_loopback: 127.0.0.0/8. */
    public static boolean ipv4_is_loopback(int a) {
        return (a >>> 24) == 127;
    }

    /** ipv4_is_multicast: 224.0.0.0/4. */
    public static boolean ipv4_is_multicast(int a) {
        return (a & 0xf0000000) == 0xe0000000;
    }

    /** ipv4_is_lbcast: 255.255.255.255. */
    public static boolean ipv4_is_lbcast(int a) {
        return a == INADDR_BROADCAST;
    }

    /** ipv4_is_zeronet: 0.0.0.0/8. */
    public static boolean ipv4_is_zeronet(int a) {
        return (a >>> 24) == 0;
    }

    /** inet_make_mask: the netmask of a prefix length. */
    public static int inet_make_mask(int logmask) {
        return logmask == 0 ? 0 : -1 << (32 - logmask);
    }

    /** inet_mask_len: the prefix length of a netmask. */
    public static int inet_mask_len(int mask) {
        return Integer.bitCount(mask);
    }

    /** bad_mask: a mask that is not a prefix, or an address with host bits inside it. */
    public static boolean bad_mask(int mask, int addr) {
        return (addr & ~mask) != 0 || inet_make_mask(inet_mask_len(mask)) != mask;
    }

    /** %pI4: dotted quad. */
    public static String pI4(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
    }

    /** in_aton: a dotted quad (each part 0..255) to an address; -1 (255.255.255.255) for a malformed one, as in_aton gives. */
    public static int in_aton(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return INADDR_BROADCAST;
        }
        int a = 0;
        for (String p : parts) {
            int v;
            try {
                v = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                return INADDR_BROADCAST;
            }
            if (v < 0 || v > 255) {
                return INADDR_BROADCAST;
            }
            a = a << 8 | v;
        }
        return a;
    }
}
