package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;

/** AF_INET helpers for the LTP-style tests: sockaddr_in on the stack, interfaces up, addresses. */
final class InetUtil {
    static final int IPPROTO_ICMP = 1;
    static final int IPPROTO_UDP = 17;
    static final int SIOCGIFFLAGS = 0x8913;
    static final int SIOCSIFFLAGS = 0x8914;
    static final int SIOCSIFADDR = 0x8916;
    static final int SIOCSIFNETMASK = 0x891c;
    static final int IFF_UP = 1;
    static final int SO_BROADCAST = 6;
    static final int SOL_IP = 0;
    static final int IP_TTL = 2;
    static final int IP_RECVERR = 11;

    private InetUtil() {}

    /** a.b.c.d as a host-order int. */
    static int ip(String dotted) {
        String[] p = dotted.split("\\.");
        return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16 | Integer.parseInt(p[2]) << 8
                | Integer.parseInt(p[3]);
    }

    /** A struct sockaddr_in {family, htons(port), addr} on the stack. */
    static long sin(Ltp t, int family, String addr, int port) {
        long a = t.buf(16);
        int ip = ip(addr);
        t.cpu.write(a, new byte[] {(byte) family, 0, (byte) (port >>> 8), (byte) port, (byte) (ip >>> 24),
            (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip}, 0, 8);
        return a;
    }

    static long sin(Ltp t, String addr, int port) {
        return sin(t, SockUtil.AF_INET, addr, port);
    }

    /** "a.b.c.d:port" of the sockaddr_in at {@code a}. */
    static String sinString(Ltp t, long a) {
        byte[] b = new byte[8];
        t.cpu.read(a, b, 0, 8);
        int port = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        return (b[4] & 0xff) + "." + (b[5] & 0xff) + "." + (b[6] & 0xff) + "." + (b[7] & 0xff) + ":" + port;
    }

    /** getsockname/getpeername ({@code nr}): "a.b.c.d:port", or the errno name. */
    static String inetName(Ltp t, int nr, int fd) {
        long a = t.buf(16);
        long len = t.buf(4);
        t.sw(len, 16);
        long r = t.sys(nr, fd, a, len);
        return r < 0 ? Errnos.name((int) -r) : sinString(t, a);
    }

    /** ioctl(SIOCSIFFLAGS, IFF_UP) on {@code dev}, through a datagram socket, as ifconfig does. */
    static long ifup(Ltp t, String dev) {
        int fd = SockUtil.socket(t, SockUtil.AF_INET, SockUtil.SOCK_DGRAM, 0);
        long ifr = ifreq(t, dev);
        long r = t.sys(__NR_ioctl, fd, SIOCGIFFLAGS, ifr);
        if (r == 0) {
            t.sw(ifr + 16, t.u32(ifr + 16) | IFF_UP);
            r = t.sys(__NR_ioctl, fd, SIOCSIFFLAGS, ifr);
        }
        t.close(fd);
        return r;
    }

    /** A 40-byte struct ifreq naming {@code dev}. */
    static long ifreq(Ltp t, String dev) {
        long ifr = t.buf(40);
        t.cpu.write(ifr, new byte[40], 0, 40);
        t.cpu.write(ifr, dev.getBytes(), 0, dev.length());
        return ifr;
    }

    static long sendto(Ltp t, int fd, String s, int flags, long addr) {
        byte[] b = s.getBytes();
        long a = t.buf(Math.max(1, b.length));
        t.cpu.write(a, b, 0, b.length);
        return t.sys(__NR_sendto, fd, a, b.length, flags, addr, addr == 0 ? 0 : 16);
    }

    /** A bound UDP socket on 127.0.0.1:{@code port}. */
    static int udpBound(Ltp t, String addr, int port) {
        int fd = SockUtil.socket(t, SockUtil.AF_INET, SockUtil.SOCK_DGRAM, 0);
        t.TST_EXP_PASS(t.sys(__NR_bind, fd, sin(t, addr, port), 16), "bind " + addr + ":" + port);
        return fd;
    }
}
