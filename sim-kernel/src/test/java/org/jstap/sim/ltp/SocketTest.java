package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.kernel.Errno.*;
import static org.jstap.sim.ltp.SockUtil.*;

import org.jstap.sim.fs.Ioctl;
import org.junit.jupiter.api.Test;

/**
 * The socket layer (net/socket.c) with AF_UNIX underneath: socket(2)'s checks, descriptors that
 * are not sockets, bind's names, options, sockets as files (LTP socket01-02, socketpair01-02,
 * bind01-03, setsockopt01, getsockopt01-02, getsockname01, getpeername01). Expected values are
 * what Linux 6.x gives (checked on a host kernel with Python's socket module).
 */
class SocketTest {
    static final int SO_TYPE = 3;
    static final int SO_ERROR = 4;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_KEEPALIVE = 9;
    static final int SO_REUSEADDR = 2;
    static final int SO_PEERCRED = 17;
    static final int SO_RCVTIMEO = 20;
    static final int SO_ACCEPTCONN = 30;
    static final int SO_PROTOCOL = 38;
    static final int SO_DOMAIN = 39;

    @Test
    void socket_errors() {
        Ltp.run(t -> {
            t.TST_EXP_FAIL(t.sys(__NR_socket, 99, SOCK_STREAM, 0), EAFNOSUPPORT, "an unregistered family");
            t.TST_EXP_FAIL(t.sys(__NR_socket, -1, SOCK_STREAM, 0), EAFNOSUPPORT, "family -1");
            t.TST_EXP_FAIL(t.sys(__NR_socket, 10, SOCK_STREAM, 0), EAFNOSUPPORT, "AF_INET6 is not there");
            t.TST_EXP_FAIL(t.sys(__NR_socket, AF_UNIX, 9, 0), ESOCKTNOSUPPORT, "type 9 under AF_UNIX");
            t.TST_EXP_FAIL(t.sys(__NR_socket, AF_UNIX, 11, 0), EINVAL, "a type past SOCK_MAX");
            t.TST_EXP_FAIL(t.sys(__NR_socket, AF_UNIX, SOCK_STREAM, 5), EPROTONOSUPPORT, "protocol 5");
            t.TST_EXP_FAIL(t.sys(__NR_socket, AF_UNIX, SOCK_STREAM | 0x100, 0), EINVAL, "an unknown type flag");
            t.TST_EXP_VAL(t.sys(__NR_dup, 0), 3, "no descriptor leaked");
            t.close(3);
            int fd = t.TST_EXP_FD(t.sys(__NR_socket, AF_UNIX, SOCK_STREAM, 1), "protocol PF_UNIX is accepted");
            t.close(fd);
            int raw = socket(t, AF_UNIX, SOCK_RAW, 0);
            t.TST_EXP_VAL(getsockopt_int(t, raw, SOL_SOCKET, SO_TYPE), SOCK_DGRAM, "SOCK_RAW is made SOCK_DGRAM");
            int s = socket(t, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
            t.TST_EXP_VAL(t.sys(__NR_fcntl, s, F_GETFD), FD_CLOEXEC, "SOCK_CLOEXEC");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, s, F_GETFL) & (O_ACCMODE | O_NONBLOCK), O_RDWR | O_NONBLOCK,
                    "read-write, SOCK_NONBLOCK");
            long sv = t.buf(8);
            t.TST_EXP_FAIL(t.sys(__NR_socketpair, AF_INET, SOCK_DGRAM, 0, sv), EOPNOTSUPP, "socketpair AF_INET");
            t.TST_EXP_FAIL(t.sys(__NR_socketpair, AF_UNIX, SOCK_STREAM, 0, Ltp.UNMAPPED), EFAULT, "socketpair sv unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_socketpair, AF_UNIX, SOCK_STREAM | 0x100, 0, sv), EINVAL, "socketpair bad flags");
            t.TST_EXP_VAL(t.sys(__NR_dup, 0), 5, "the failed socketpairs leaked no descriptor (3 and 4 are sockets)");
        });
    }

    @Test
    void socketCalls_onOtherDescriptors() {
        Ltp.run(t -> {
            int[] p = t.pipe(0);
            long a = sun(t, "/tmp/x");
            long len = t.buf(4);
            t.sw(len, 110);
            long b = t.buf(16);
            t.TST_EXP_FAIL(t.sys(__NR_bind, p[0], a, 8), ENOTSOCK, "bind on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_listen, p[0], 1), ENOTSOCK, "listen on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_accept, p[0], 0, 0), ENOTSOCK, "accept on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_connect, p[0], a, 8), ENOTSOCK, "connect on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_connect, p[0], Ltp.UNMAPPED, 8), EFAULT, "connect copies the address first");
            t.TST_EXP_FAIL(t.sys(__NR_getsockname, p[0], a, len), ENOTSOCK, "getsockname on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_getpeername, p[0], a, len), ENOTSOCK, "getpeername on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_sendto, p[1], b, 1, 0, 0, 0), ENOTSOCK, "sendto on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_recvfrom, p[0], b, 1, 0, 0, 0), ENOTSOCK, "recvfrom on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_sendto, p[1], Ltp.KERNEL_ADDR, 1, 0, 0, 0), EFAULT,
                    "sendto checks the buffer before the descriptor");
            t.TST_EXP_FAIL(t.sys(__NR_setsockopt, p[0], SOL_SOCKET, SO_REUSEADDR, b, 4), ENOTSOCK, "setsockopt on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_getsockopt, p[0], SOL_SOCKET, SO_TYPE, b, len), ENOTSOCK, "getsockopt on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_shutdown, p[0], 0), ENOTSOCK, "shutdown on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_sendmsg, p[1], b, 0), ENOTSOCK, "sendmsg on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_recvmsg, p[0], b, 0), ENOTSOCK, "recvmsg on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_accept4, p[0], 0, 0, 0), ENOTSOCK, "accept4 on a pipe");
            t.TST_EXP_FAIL(t.sys(__NR_bind, 99, a, 8), EBADF, "bind on a closed descriptor");
            t.TST_EXP_FAIL(t.sys(__NR_connect, 99, a, 8), EBADF, "connect on a closed descriptor");
            t.TST_EXP_FAIL(t.sys(__NR_accept4, 99, 0, 0, 0), EBADF, "accept4 on a closed descriptor");
            t.TST_EXP_FAIL(t.sys(__NR_accept4, p[0], 0, 0, 0x1), EINVAL, "accept4 flags are checked first");
            t.TST_EXP_FAIL(t.sys(__NR_setsockopt, p[0], SOL_SOCKET, SO_REUSEADDR, b, -1), EINVAL,
                    "setsockopt checks optlen first");
        });
    }

    @Test
    void bind_names() {
        Ltp.run(t -> {
            t.umask(022);
            int s = socket(t, AF_UNIX, SOCK_STREAM, 0);
            t.TST_EXP_EQ_STR(name(t, __NR_getsockname, s), "2:", "an unbound socket's name is just the family");
            t.TST_EXP_PASS(bind(t, s, "/tmp/sock"), "bind /tmp/sock");
            long st = t.stat("/tmp/sock", 0);
            t.TST_EXP_VAL(t.st_mode(st), 0140755, "an S_IFSOCK file, 0777 less the umask");
            t.TST_EXP_FAIL(t.open("/tmp/sock", O_RDWR), ENXIO, "a socket file cannot be opened");
            t.TST_EXP_EQ_STR(name(t, __NR_getsockname, s), "12:/tmp/sock@", "the name's length counts its NUL");
            long a = t.buf(4);
            long len = t.buf(4);
            t.sw(len, 4);
            t.TST_EXP_PASS(t.sys(__NR_getsockname, s, a, len), "getsockname into 4 bytes");
            t.TST_EXP_VAL(t.u32(len), 12, "the full length comes back though the copy was cut");
            t.TST_EXP_EQ_STR(t.string(a + 2, 2), "/t", "the copy was cut at 4 bytes");
            t.sw(len, -1);
            t.TST_EXP_FAIL(t.sys(__NR_getsockname, s, a, len), EINVAL, "a negative length");
            t.TST_EXP_FAIL(t.sys(__NR_getsockname, s, a, Ltp.UNMAPPED), EFAULT, "the length unmapped");
            t.TST_EXP_FAIL(bind(t, s, "/tmp/other"), EINVAL, "a bound socket cannot bind again");
            t.TST_EXP_FAIL(t.open("/tmp/other", O_RDONLY), ENOENT, "the second name was taken back");
            int s2 = socket(t, AF_UNIX, SOCK_STREAM, 0);
            t.TST_EXP_FAIL(bind(t, s2, "/tmp/sock"), EADDRINUSE, "the name exists");
            t.create("/tmp/file", "x", 0644);
            t.TST_EXP_FAIL(bind(t, s2, "/tmp/file"), EADDRINUSE, "any existing file");
            t.TST_EXP_FAIL(bind(t, s2, "/nodir/sock"), ENOENT, "a missing directory");
            long sa = sun(t, "/tmp/s3");
            t.TST_EXP_FAIL(t.sys(__NR_bind, s2, sa, 1), EINVAL, "addrlen 1");
            t.TST_EXP_FAIL(t.sys(__NR_bind, s2, sa, 111), EINVAL, "addrlen past sockaddr_un");
            t.TST_EXP_FAIL(t.sys(__NR_bind, s2, sa, 129), EINVAL, "addrlen past sockaddr_storage");
            t.TST_EXP_FAIL(t.sys(__NR_bind, s2, sa, -1), EINVAL, "a negative addrlen");
            t.TST_EXP_FAIL(t.sys(__NR_bind, s2, Ltp.UNMAPPED, 9), EFAULT, "the address unmapped");
            t.cpu.sb(sa, 2);
            t.TST_EXP_FAIL(t.sys(__NR_bind, s2, sa, 9), EINVAL, "AF_INET's family on a unix socket");
            t.TST_EXP_PASS(bind(t, s2, "\0abstract"), "an abstract name");
            t.TST_EXP_EQ_STR(name(t, __NR_getsockname, s2), "11:@abstract", "exactly the bytes given");
            t.TST_EXP_FAIL(t.open("/abstract", O_RDONLY), ENOENT, "no file for an abstract name");
            int s3 = socket(t, AF_UNIX, SOCK_STREAM, 0);
            t.TST_EXP_FAIL(bind(t, s3, "\0abstract"), EADDRINUSE, "an abstract name is taken");
            int d = socket(t, AF_UNIX, SOCK_DGRAM, 0);
            t.TST_EXP_PASS(bind(t, d, "\0abstract"), "another type has its own abstract names");
            long fam = t.buf(2);
            t.cpu.sb(fam, AF_UNIX);
            t.TST_EXP_PASS(t.sys(__NR_bind, s3, fam, 2), "autobind");
            t.TST_EXP_EXPR(name(t, __NR_getsockname, s3).matches("8:@[0-9a-f]{5}"),
                    "an autobound name is five hex digits: " + name(t, __NR_getsockname, s3));
            t.close(s);
            t.TST_EXP_PASS(t.unlink("/tmp/sock"), "the file outlives the socket; unlink it");
        });
    }

    @Test
    void socket_isAFile() {
        Ltp.run(t -> {
            int[] sv = socketpair(t, SOCK_STREAM);
            long st = t.fstat(sv[0]);
            t.TST_EXP_VAL(t.st_mode(st), 0140777, "fstat: S_IFSOCK, rwx for all");
            t.TST_EXP_VAL(t.st_nlink(st), 1, "one link");
            t.TST_EXP_VAL(t.st_size(st), 0, "size 0");
            t.TST_EXP_FAIL(t.lseek(sv[0], 0, 0), ESPIPE, "lseek");
            t.TST_EXP_FAIL(t.sys(__NR_pread64, sv[0], t.buf(4), 1, 0), ESPIPE, "pread64");
            t.TST_EXP_EQ_STR(t.c.readlinkat(AT_FDCWD, "/proc/self/fd/" + sv[0]), "socket:[" + t.st_ino(st) + "]",
                    "/proc/self/fd names the socket by its inode");
            t.TST_EXP_VAL(t.write(sv[0], "hello"), 5, "write(2) on a socket");
            long n = t.buf(4);
            t.TST_EXP_PASS(t.sys(__NR_ioctl, sv[1], Ioctl.FIONREAD, n), "FIONREAD");
            t.TST_EXP_VAL(t.u32(n), 5, "five bytes waiting");
            t.TST_EXP_PASS(t.sys(__NR_ioctl, sv[0], 0x5411, n), "SIOCOUTQ");
            t.TST_EXP_VAL(t.u32(n), 768, "what the buffer costs the sender (its truesize)");
            t.TST_EXP_FAIL(t.sys(__NR_ioctl, sv[0], Ioctl.TCGETS, t.buf(64)), ENOTTY, "not a terminal");
            t.TST_EXP_EQ_STR(t.read(sv[1], 100), "hello", "read(2) on a socket");
            t.TST_EXP_VAL(t.write(sv[0], ""), 0, "a zero-length write");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 4, MSG_DONTWAIT), "EAGAIN", "nothing came of it");
        });
    }

    @Test
    void sockopt_solSocket() {
        Ltp.run(t -> {
            int s = socket(t, AF_UNIX, SOCK_STREAM, 0);
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_SNDBUF), 212992, "net.core.wmem_default");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_RCVBUF), 212992, "net.core.rmem_default");
            t.TST_EXP_PASS(setsockopt_int(t, s, SOL_SOCKET, SO_SNDBUF, 1000), "SO_SNDBUF 1000");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_SNDBUF), 4608, "doubled, at least SOCK_MIN_SNDBUF");
            t.TST_EXP_PASS(setsockopt_int(t, s, SOL_SOCKET, SO_SNDBUF, 100000), "SO_SNDBUF 100000");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_SNDBUF), 200000, "doubled");
            t.TST_EXP_PASS(setsockopt_int(t, s, SOL_SOCKET, SO_SNDBUF, 1 << 30), "SO_SNDBUF 1 GiB");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_SNDBUF), 425984, "wmem_max, doubled");
            t.TST_EXP_PASS(setsockopt_int(t, s, SOL_SOCKET, SO_SNDBUF, -1), "SO_SNDBUF -1");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_SNDBUF), 425984, "-1 is a large unsigned value");
            t.TST_EXP_PASS(setsockopt_int(t, s, SOL_SOCKET, SO_RCVBUF, 10), "SO_RCVBUF 10");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_RCVBUF), 2304, "SOCK_MIN_RCVBUF");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_TYPE), SOCK_STREAM, "SO_TYPE");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_DOMAIN), AF_UNIX, "SO_DOMAIN");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_PROTOCOL), 0, "SO_PROTOCOL");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_ERROR), 0, "SO_ERROR");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_KEEPALIVE), 0, "SO_KEEPALIVE off");
            t.TST_EXP_PASS(setsockopt_int(t, s, SOL_SOCKET, SO_KEEPALIVE, 7), "SO_KEEPALIVE on");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_KEEPALIVE), 1, "a boolean reads back as 1");
            t.TST_EXP_PASS(setsockopt_int(t, s, SOL_SOCKET, SO_REUSEADDR, 1), "SO_REUSEADDR");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_REUSEADDR), 1, "SO_REUSEADDR on");
            t.TST_EXP_FAIL(setsockopt_int(t, s, SOL_SOCKET, SO_TYPE, 1), ENOPROTOOPT, "SO_TYPE is read-only");
            t.TST_EXP_FAIL(setsockopt_int(t, s, SOL_SOCKET, 999, 1), ENOPROTOOPT, "an unknown option");
            t.TST_EXP_FAIL(getsockopt_int(t, s, SOL_SOCKET, 999), ENOPROTOOPT, "getsockopt of an unknown option");
            t.TST_EXP_FAIL(t.sys(__NR_setsockopt, s, SOL_SOCKET, SO_REUSEADDR, t.buf(4), 2), EINVAL, "optlen 2");
            t.TST_EXP_FAIL(t.sys(__NR_setsockopt, s, SOL_SOCKET, SO_REUSEADDR, Ltp.UNMAPPED, 4), EFAULT, "optval unmapped");
            t.TST_EXP_FAIL(setsockopt_int(t, s, 6, 1, 1), EOPNOTSUPP, "TCP_NODELAY on a unix socket");
            t.TST_EXP_FAIL(getsockopt_int(t, s, 6, 1), EOPNOTSUPP, "getsockopt at SOL_TCP on a unix socket");
            long v = t.buf(8);
            long len = t.buf(4);
            t.cpu.sd(v, -1);
            t.sw(len, 2);
            t.TST_EXP_PASS(t.sys(__NR_getsockopt, s, SOL_SOCKET, SO_TYPE, v, len), "getsockopt into 2 bytes");
            t.TST_EXP_VAL(t.u32(len), 2, "the length is what was written");
            t.TST_EXP_VAL(t.cpu.ld(v), 0xffffffffffff0001L, "two bytes written");
            t.sw(len, 16);
            t.TST_EXP_PASS(t.sys(__NR_getsockopt, s, SOL_SOCKET, SO_TYPE, v, len), "getsockopt into 16 bytes");
            t.TST_EXP_VAL(t.u32(len), 4, "an int is 4 bytes");
            t.sw(len, -1);
            t.TST_EXP_FAIL(t.sys(__NR_getsockopt, s, SOL_SOCKET, SO_TYPE, v, len), EINVAL, "a negative optlen");
            t.TST_EXP_FAIL(t.sys(__NR_getsockopt, s, SOL_SOCKET, SO_TYPE, v, Ltp.UNMAPPED), EFAULT, "optlen unmapped");
            long tv = t.buf(16);
            t.cpu.sd(tv, 0);
            t.cpu.sd(tv + 8, 1500);
            t.TST_EXP_PASS(t.sys(__NR_setsockopt, s, SOL_SOCKET, SO_RCVTIMEO, tv, 16), "SO_RCVTIMEO 1.5 ms");
            long out = t.buf(16);
            t.sw(len, 16);
            t.TST_EXP_PASS(t.sys(__NR_getsockopt, s, SOL_SOCKET, SO_RCVTIMEO, out, len), "get SO_RCVTIMEO");
            t.TST_EXP_EXPR(t.cpu.ld(out) == 0 && t.cpu.ld(out + 8) == 4000, "rounded up to a jiffy (HZ=250): "
                    + t.cpu.ld(out) + "s " + t.cpu.ld(out + 8) + "us");
            t.cpu.sd(tv + 8, 1_000_000);
            t.TST_EXP_FAIL(t.sys(__NR_setsockopt, s, SOL_SOCKET, SO_RCVTIMEO, tv, 16), EDOM, "tv_usec 1000000");
            t.TST_EXP_FAIL(t.sys(__NR_setsockopt, s, SOL_SOCKET, SO_RCVTIMEO, tv, 8), EINVAL, "a short timeval");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_ACCEPTCONN), 0, "not listening");
            t.TST_EXP_PASS(bind(t, s, "/tmp/l"), "bind");
            t.TST_EXP_PASS(t.sys(__NR_listen, s, 5), "listen");
            t.TST_EXP_VAL(getsockopt_int(t, s, SOL_SOCKET, SO_ACCEPTCONN), 1, "listening");
            int[] sv = socketpair(t, SOCK_STREAM);
            long cred = t.buf(12);
            t.sw(len, 12);
            t.TST_EXP_PASS(t.sys(__NR_getsockopt, sv[0], SOL_SOCKET, SO_PEERCRED, cred, len), "SO_PEERCRED");
            t.TST_EXP_VAL(t.u32(cred), t.c.getpid(), "the peer's pid is ours");
            t.TST_EXP_EXPR(t.u32(cred + 4) == 0 && t.u32(cred + 8) == 0, "root's uid and gid");
            int lone = socket(t, AF_UNIX, SOCK_STREAM, 0);
            t.TST_EXP_PASS(t.sys(__NR_getsockopt, lone, SOL_SOCKET, SO_PEERCRED, cred, len), "SO_PEERCRED unconnected");
            t.TST_EXP_EXPR(t.u32(cred) == 0 && t.u32(cred + 4) == -1 && t.u32(cred + 8) == -1, "nobody: pid 0, ids -1");
        });
    }
}
