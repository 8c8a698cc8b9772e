package org.jstap.sim.net.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * struct ifreq (include/uapi/linux/if.h): a device name and one value of the request (flags,
 * index, MTU, an address as struct sockaddr...), 40 bytes on a 64-bit machine. The socket layer
 * copies it in from user space ({@code get_user_ifreq}) with {@link #from}, {@code dev_ioctl}
 * fills it, and {@link #bytes} is what is copied back out.
 *
 * <pre>{@code
 * Ifreq ifr = Ifreq.from(buf);   // 40 bytes copied from user space
 * int err = kernel.net().dev_ioctl().dev_ioctl(SIOCGIFFLAGS, ifr, needCopyout);
 * }</pre>
 */
public final class Ifreq {
    /** sizeof(struct ifreq). */
    public static final int SIZEOF = 40;
    /** Where the union starts (after ifr_name[IFNAMSIZ]). */
    static final int UNION = NetDevice.IFNAMSIZ;

    private final ByteBuffer b;

    private Ifreq(byte[] raw) {
        this.b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A request from its bytes (at least SIZEOF; more are ignored). */
    public static Ifreq from(byte[] raw) {
        byte[] copy = new byte[SIZEOF];
        System.arraycopy(raw, 0, copy, 0, Math.min(raw.length, SIZEOF));
        return new Ifreq(copy);
    }

    /** A request for device {@code name}, the union zeroed. */
    public static Ifreq named(String name) {
        Ifreq r = new Ifreq(new byte[SIZEOF]);
        r.set_name(name);
        return r;
    }

    /** The 40 bytes, to copy back to user space. */
    public byte[] bytes() {
        return b.array().clone();
    }

    /** ifr_name up to its NUL (the last byte is forced to NUL, as dev_ioctl does). */
    public String ifr_name() {
        byte[] a = b.array();
        a[NetDevice.IFNAMSIZ - 1] = 0;
        int n = 0;
        while (n < NetDevice.IFNAMSIZ && a[n] != 0) {
            n++;
        }
        return new String(a, 0, n, StandardCharsets.ISO_8859_1);
    }

    public void set_name(String name) {
        byte[] a = b.array();
        java.util.Arrays.fill(a, 0, NetDevice.IFNAMSIZ, (byte) 0);
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(n, 0, a, 0, Math.min(n.length, NetDevice.IFNAMSIZ - 1));
    }

    /** ifr_flags: a short. */
    public int ifr_flags() {
        return b.getShort(UNION);
    }

    public void set_flags(int flags) {
        b.putShort(UNION, (short) flags);
    }

    /** ifr_ifindex, ifr_mtu, ifr_metric, ifr_qlen: an int at the union's start. */
    public int ifr_int() {
        return b.getInt(UNION);
    }

    public void set_int(int v) {
        b.putInt(UNION, v);
    }

    /** ifr_hwaddr.sa_family. */
    public int sa_family() {
        return b.getShort(UNION) & 0xffff;
    }

    /** ifr_hwaddr.sa_data: the 14 bytes after the family. */
    public byte[] sa_data() {
        byte[] out = new byte[14];
        System.arraycopy(b.array(), UNION + 2, out, 0, 14);
        return out;
    }

    /** ifr_hwaddr: family and the first {@code len} bytes of data (the rest zero). */
    public void set_hwaddr(int family, byte[] data, int len) {
        byte[] a = b.array();
        java.util.Arrays.fill(a, UNION, UNION + 16, (byte) 0);
        b.putShort(UNION, (short) family);
        System.arraycopy(data, 0, a, UNION + 2, Math.min(len, 14));
    }

    /** ifr_newname (SIOCSIFNAME). */
    public String ifr_newname() {
        byte[] a = b.array();
        int n = 0;
        while (n < NetDevice.IFNAMSIZ - 1 && a[UNION + n] != 0) {
            n++;
        }
        return new String(a, UNION, n, StandardCharsets.ISO_8859_1);
    }

    /** ifr_addr as a struct sockaddr_in: sin_addr, host order. */
    public int sin_addr() {
        byte[] a = b.array();
        return (a[UNION + 4] & 0xff) << 24 | (a[UNION + 5] & 0xff) << 16 | (a[UNION + 6] & 0xff) << 8 | (a[UNION + 7] & 0xff);
    }

    /** ifr_addr = {AF_INET, 0, addr}, the rest of the sockaddr zeroed. */
    public void set_sockaddr_in(int addr) {
        byte[] a = b.array();
        java.util.Arrays.fill(a, UNION, UNION + 16, (byte) 0);
        b.putShort(UNION, (short) org.jstap.sim.net.SocketDefs.AF_INET);
        a[UNION + 4] = (byte) (addr >>> 24);
        a[UNION + 5] = (byte) (addr >>> 16);
        a[UNION + 6] = (byte) (addr >>> 8);
        a[UNION + 7] = (byte) addr;
    }
}
