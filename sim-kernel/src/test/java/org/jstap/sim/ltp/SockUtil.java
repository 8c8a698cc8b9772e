package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;

import java.nio.charset.StandardCharsets;

/** Socket helpers for the LTP-style tests: sockaddr_un and buffers on the program's stack. */
final class SockUtil {
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_SEQPACKET = 5;
    static final int SOCK_NONBLOCK = 04000;
    static final int SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1;
    static final int MSG_PEEK = 2;
    static final int MSG_CTRUNC = 8;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_WAITALL = 0x100;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int SIGPIPE = 13;

    private SockUtil() {}

    /** A struct sockaddr_un on the stack; its length is SUN_LEN (no NUL) unless {@code withNul}. */
    static long sun(Ltp t, String path) {
        byte[] p = path.getBytes(StandardCharsets.ISO_8859_1);
        long a = t.buf(112);
        t.cpu.write(a, new byte[] {AF_UNIX, 0}, 0, 2);
        t.cpu.write(a + 2, p, 0, p.length);
        return a;
    }

    static int sunlen(String path) {
        return 2 + path.getBytes(StandardCharsets.ISO_8859_1).length;
    }

    static int socket(Ltp t, int domain, int type, int protocol) {
        return (int) t.sys(__NR_socket, domain, type, protocol);
    }

    static int[] socketpair(Ltp t, int type) {
        long sv = t.buf(8);
        long r = t.sys(__NR_socketpair, AF_UNIX, type, 0, sv);
        if (r < 0) {
            t.tst_res_fail("socketpair(" + type + ") failed: " + Ltp.describe(r));
        }
        return new int[] {t.u32(sv), t.u32(sv + 4)};
    }

    static long bind(Ltp t, int fd, String path) {
        return t.sys(__NR_bind, fd, sun(t, path), sunlen(path));
    }

    static long connect(Ltp t, int fd, String path) {
        return t.sys(__NR_connect, fd, sun(t, path), sunlen(path));
    }

    /** A bound listening stream socket at {@code path}. */
    static int listener(Ltp t, String path, int backlog) {
        int fd = socket(t, AF_UNIX, SOCK_STREAM, 0);
        t.TST_EXP_PASS(bind(t, fd, path), "bind " + path);
        t.TST_EXP_PASS(t.sys(__NR_listen, fd, backlog), "listen " + path);
        return fd;
    }

    /** getsockname/getpeername ({@code nr}) with a 128-byte buffer: "LEN:PATH" ('@' for NUL), or the errno name. */
    static String name(Ltp t, int nr, int fd) {
        long a = t.buf(128);
        long len = t.buf(4);
        t.sw(len, 128);
        long r = t.sys(nr, fd, a, len);
        if (r < 0) {
            return Errnos.name((int) -r);
        }
        int n = t.u32(len);
        return n + ":" + t.string(a + 2, Math.max(0, n - 2)).replace('\0', '@');
    }

    static long send(Ltp t, int fd, String s, int flags) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        long a = t.buf(Math.max(1, b.length));
        t.cpu.write(a, b, 0, b.length);
        return t.sys(__NR_sendto, fd, a, b.length, flags, 0, 0);
    }

    /** recvfrom(fd, buf, n, flags, NULL, NULL): the bytes, or the errno name. */
    static String recv(Ltp t, int fd, int n, int flags) {
        long a = t.buf(Math.max(1, n));
        long r = t.sys(__NR_recvfrom, fd, a, n, flags, 0, 0);
        t.TST_RET = r;
        return r < 0 ? Errnos.name((int) -r) : t.string(a, (int) Math.min(r, n));
    }

    /** signal(sig, SIG_IGN). */
    static long ignore(Ltp t, int sig) {
        long act = t.buf(24);
        t.cpu.sd(act, 1);
        return t.sys(__NR_rt_sigaction, sig, act, 0, 8);
    }

    /** A struct pollfd for {@code fd} and {@code events}, polled with a zero timeout: revents. */
    static int poll(Ltp t, int fd, int events) {
        long a = t.buf(8);
        t.sw(a, fd);
        t.sw(a + 4, events);
        long ts = t.buf(16);
        long r = t.sys(__NR_ppoll, a, 1, ts, 0, 8);
        return r < 0 ? (int) r : (t.u32(a + 4) >>> 16) & 0xffff;
    }

    static int getsockopt_int(Ltp t, int fd, int level, int opt) {
        long v = t.buf(4);
        long len = t.buf(4);
        t.sw(len, 4);
        long r = t.sys(__NR_getsockopt, fd, level, opt, v, len);
        return r < 0 ? (int) r : t.u32(v);
    }

    static long setsockopt_int(Ltp t, int fd, int level, int opt, int val) {
        long v = t.buf(4);
        t.sw(v, val);
        return t.sys(__NR_setsockopt, fd, level, opt, v, 4);
    }
}
