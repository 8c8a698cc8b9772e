package org.jstap.sim.net.ipv4;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;

/**
 * struct rtentry (include/uapi/linux/route.h), the argument of SIOCADDRT/SIOCDELRT as route(8)
 * and our {@code ip route} pass it: destination, gateway and genmask as struct sockaddr, flags,
 * metric and a user pointer to the device name. 120 bytes on a 64-bit machine.
 *
 * <pre>{@code
 * Rtentry rt = new Rtentry(kernel, bytesCopiedFromUser);
 * int gw = rt.sin_addr(Rtentry.RT_GATEWAY);
 * }</pre>
 */
public final class Rtentry {
    public static final int SIZEOF = 120;
    /** Offsets of the three struct sockaddr. */
    public static final int RT_DST = 8;
    public static final int RT_GATEWAY = 24;
    public static final int RT_GENMASK = 40;
    static final int RT_FLAGS = 56;
    static final int RT_METRIC = 80;
    static final int RT_DEV = 88;

    private final Kernel kernel;
    private final ByteBuffer b;

    public Rtentry(Kernel kernel, byte[] raw) {
        this.kernel = kernel;
        this.b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** sa_family of the sockaddr at {@code off}. */
    public int sa_family(int off) {
        return b.getShort(off) & 0xffff;
    }

    /** sk_extract_addr: the IPv4 address of the sockaddr at {@code off}, host order. */
    public int sin_addr(int off) {
        return Integer.reverseBytes(b.getInt(off + 4));
    }

    public int rt_flags() {
        return b.getShort(RT_FLAGS) & 0xffff;
    }

    public int rt_metric() {
        return b.getShort(RT_METRIC);
    }

    /** rt_dev: the device name the user pointer leads to (at most IFNAMSIZ - 1 bytes), or null for none. */
    public String rt_dev() {
        long p = b.getLong(RT_DEV);
        if (p == 0) {
            return null;
        }
        byte[] name = new byte[org.jstap.sim.net.core.NetDevice.IFNAMSIZ];
        int n = 0;
        while (n < name.length - 1) {
            byte[] one = new byte[1];
            if (kernel.uaccess().copy_from_user(one, 0, p + n, 1) != 0) {
                return "";
            }
            if (one[0] == 0) {
                break;
            }
            name[n++] = one[0];
        }
        return new String(name, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
