package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.PollTable.*;
import static org.jstap.sim.kernel.Errno.*;
import static org.jstap.sim.ltp.InetUtil.*;
import static org.jstap.sim.ltp.SockUtil.*;

import org.junit.jupiter.api.Test;

/**
 * AF_INET stream sockets (TCP) over lo: socket/bind/listen/connect/accept, data both ways,
 * shutdown and EOF, ECONNREFUSED from a closed port, ECONNRESET and EPIPE/SIGPIPE after a reset,
 * EADDRINUSE with and without SO_REUSEADDR (TIME_WAIT), the listen backlog, poll, MSG_PEEK,
 * MSG_DONTWAIT, partial reads and socket options (LTP connect01, accept01, send01, recv01,
 * the tcp tests of net.features). Expected values are Linux 6.x's.
 */
class InetStreamTest {
    static final int SO_REUSEADDR = 2;
    static final int SO_ERROR = 4;
    static final int SO_KEEPALIVE = 9;
    static final int SOL_TCP = 6;
    static final int TCP_NODELAY = 1;
    static final int TCP_MAXSEG = 2;
    static final int O_NONBLOCK = 04000;

    /** A listener on addr:port with {@code backlog}. */
    static int listener(Ltp t, String addr, int port, int backlog) {
        int fd = socket(t, AF_INET, SOCK_STREAM, 0);
        t.TST_EXP_PASS(t.sys(__NR_bind, fd, sin(t, addr, port), 16), "bind " + addr + ":" + port);
        t.TST_EXP_PASS(t.sys(__NR_listen, fd, backlog), "listen");
        return fd;
    }

    static int connected(Ltp t, String addr, int port) {
        int fd = socket(t, AF_INET, SOCK_STREAM, 0);
        t.TST_EXP_PASS(t.sys(__NR_connect, fd, sin(t, addr, port), 16), "connect " + addr + ":" + port);
        return fd;
    }

    /** The whole of a (proc) file. */
    static String readFile(Ltp t, String path) {
        int fd = (int) t.open(path, 0);
        long b = t.buf(4096);
        StringBuilder out = new StringBuilder();
        long r;
        while ((r = t.sys(__NR_read, fd, b, 4096)) > 0) {
            out.append(t.string(b, (int) r));
        }
        t.close(fd);
        return out.toString();
    }

    @Test
    void connectAccept_dataBothWays_shutdownEof() {
        Ltp.run(t -> {
            t.TST_EXP_PASS(ifup(t, "lo"), "lo up");
            int l = listener(t, "127.0.0.1", 8080, 5);
            int c = connected(t, "127.0.0.1", 8080);
            long peer = t.buf(16);
            long plen = t.buf(4);
            t.sw(plen, 16);
            int a = t.TST_EXP_FD(t.sys(__NR_accept, l, peer, plen), "accept");
            String cn = inetName(t, __NR_getsockname, c);
            t.TST_EXP_EQ_STR(sinString(t, peer), cn, "the peer is the client");
            t.TST_EXP_EQ_STR(inetName(t, __NR_getpeername, c), "127.0.0.1:8080", "the client's peer");
            int port = Integer.parseInt(cn.substring(cn.indexOf(':') + 1));
            t.TST_EXP_EXPR(port >= 32768 && port <= 60999 && port % 2 == 0, "an even ephemeral port " + cn);
            t.TST_EXP_VAL(t.write(c, "hello, server"), 13, "write");
            t.TST_EXP_EQ_STR(recv(t, a, 5, MSG_PEEK), "hello", "peek");
            t.TST_EXP_EQ_STR(recv(t, a, 5, 0), "hello", "a partial read");
            t.TST_EXP_EQ_STR(recv(t, a, 100, 0), ", server", "the rest");
            t.TST_EXP_EQ_STR(recv(t, a, 100, MSG_DONTWAIT), "EAGAIN", "nothing left");
            t.TST_EXP_VAL(poll(t, a, POLLIN | POLLOUT), POLLOUT, "writable, not readable");
            t.TST_EXP_VAL(t.write(a, "hi client"), 9, "the other way");
            t.TST_EXP_EQ_STR(recv(t, c, 100, 0), "hi client", "read");
            t.TST_EXP_PASS(t.sys(__NR_shutdown, c, 1), "SHUT_WR");
            t.TST_EXP_VAL(poll(t, a, POLLIN | POLLRDHUP), POLLIN | POLLRDHUP, "the FIN makes it readable");
            t.TST_EXP_EQ_STR(recv(t, a, 100, 0), "", "EOF");
            t.TST_EXP_VAL(t.write(a, "still open"), 10, "the server may still write");
            t.TST_EXP_EQ_STR(recv(t, c, 100, 0), "still open", "the half-closed client reads it");
            t.TST_EXP_FAIL(send(t, c, "x", MSG_NOSIGNAL), EPIPE, "but may not write");
            t.TST_EXP_PASS(t.close(a), "close");
            t.TST_EXP_EQ_STR(recv(t, c, 100, 0), "", "EOF at the client");
        });
    }

    @Test
    void connect_closedPort_isEconnrefused_andErrors() {
        Ltp.run(t -> {
            t.TST_EXP_PASS(ifup(t, "lo"), "lo up");
            int fd = socket(t, AF_INET, SOCK_STREAM, 0);
            t.TST_EXP_EXPR(fd >= 0, "socket(AF_INET, SOCK_STREAM, 0)");
            t.TST_EXP_EXPR(socket(t, AF_INET, SOCK_STREAM, 6) >= 0, "IPPROTO_TCP");
            t.TST_EXP_FAIL(socket(t, AF_INET, SOCK_STREAM, 17), EPROTONOSUPPORT, "TCP is not UDP");
            t.TST_EXP_VAL(poll(t, fd, POLLIN | POLLOUT), POLLOUT | POLLHUP, "a new socket is POLLOUT|POLLHUP");
            t.TST_EXP_EQ_STR(recv(t, fd, 10, 0), "ENOTCONN", "recv unconnected");
            t.TST_EXP_FAIL(send(t, fd, "x", MSG_NOSIGNAL), EPIPE, "send unconnected");
            t.TST_EXP_FAIL(t.sys(__NR_connect, fd, sin(t, "127.0.0.1", 9), 15), EINVAL, "a short address");
            t.TST_EXP_FAIL(t.sys(__NR_connect, fd, sin(t, AF_UNIX, "127.0.0.1", 9), 16), EAFNOSUPPORT, "AF_UNIX");
            t.TST_EXP_FAIL(t.sys(__NR_connect, fd, sin(t, "10.1.2.3", 9), 16), ENETUNREACH, "no route");
            t.TST_EXP_FAIL(t.sys(__NR_connect, fd, sin(t, "127.0.0.1", 9), 16), ECONNREFUSED, "nobody listens");
            t.TST_EXP_VAL(getsockopt_int(t, fd, SOL_SOCKET, SO_ERROR), 0, "reported once");
            int nb = socket(t, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            t.TST_EXP_FAIL(t.sys(__NR_connect, nb, sin(t, "127.0.0.1", 9), 16), EINPROGRESS, "non-blocking");
            t.TST_EXP_VAL(poll(t, nb, POLLOUT) & (POLLOUT | POLLERR | POLLHUP), POLLOUT | POLLERR | POLLHUP,
                    "the refusal shows in poll");
            t.TST_EXP_VAL(getsockopt_int(t, nb, SOL_SOCKET, SO_ERROR), ECONNREFUSED, "SO_ERROR is ECONNREFUSED");
            t.TST_EXP_PASS(t.sys(__NR_listen, fd, 5), "a refused socket may still listen");
            t.TST_EXP_EXPR(inetName(t, __NR_getsockname, fd).startsWith("0.0.0.0:"), "on an ephemeral port of any address");
        });
    }

    @Test
    void closeWithUnreadData_resets_econnreset_thenEpipeAndSigpipe() {
        Ltp.run(t -> {
            t.TST_EXP_PASS(ifup(t, "lo"), "lo up");
            int l = listener(t, "127.0.0.1", 8082, 5);
            int c = connected(t, "127.0.0.1", 8082);
            int a = t.TST_EXP_FD(t.sys(__NR_accept, l, 0, 0), "accept");
            t.TST_EXP_VAL(t.write(c, "unread"), 6, "write");
            t.TST_EXP_PASS(t.close(a), "close with unread data sends RST");
            t.TST_EXP_EQ_STR(recv(t, c, 10, 0), "ECONNRESET", "the client sees the reset");
            t.TST_EXP_EQ_STR(recv(t, c, 10, 0), "", "then EOF");
            t.TST_EXP_FAIL(send(t, c, "x", MSG_NOSIGNAL), EPIPE, "EPIPE with MSG_NOSIGNAL");
            int status = t.fork_and_wait(k -> {
                send(k, c, "x", 0);
                k.tst_res_fail("the writer survived SIGPIPE");
            });
            t.TST_EXP_VAL(status & 0x7f, SIGPIPE, "killed by SIGPIPE");
        });
    }

    @Test
    void bind_addrInUse_reuseAddr_timeWait() {
        Ltp.run(120, t -> {
            t.TST_EXP_PASS(ifup(t, "lo"), "lo up");
            int l = socket(t, AF_INET, SOCK_STREAM, 0);
            t.TST_EXP_PASS(setsockopt_int(t, l, SOL_SOCKET, SO_REUSEADDR, 1), "the server sets SO_REUSEADDR");
            t.TST_EXP_PASS(t.sys(__NR_bind, l, sin(t, "127.0.0.1", 8083), 16), "bind");
            t.TST_EXP_PASS(t.sys(__NR_listen, l, 5), "listen");
            int b = socket(t, AF_INET, SOCK_STREAM, 0);
            t.TST_EXP_FAIL(t.sys(__NR_bind, b, sin(t, "127.0.0.1", 8083), 16), EADDRINUSE, "the port listens");
            t.TST_EXP_FAIL(t.sys(__NR_bind, b, sin(t, "0.0.0.0", 8083), 16), EADDRINUSE, "any overlaps");
            t.TST_EXP_PASS(setsockopt_int(t, b, SOL_SOCKET, SO_REUSEADDR, 1), "SO_REUSEADDR");
            t.TST_EXP_FAIL(t.sys(__NR_bind, b, sin(t, "127.0.0.1", 8083), 16), EADDRINUSE, "not even with reuse: it listens");
            int c = connected(t, "127.0.0.1", 8083);
            int a = t.TST_EXP_FD(t.sys(__NR_accept, l, 0, 0), "accept");
            t.TST_EXP_PASS(t.close(l), "the listener goes");
            t.TST_EXP_PASS(t.close(a), "the server closes first");
            t.TST_EXP_EQ_STR(recv(t, c, 10, 0), "", "EOF");
            t.TST_EXP_PASS(t.close(c), "the client closes");
            String tcp = readFile(t, "/proc/net/tcp");
            t.TST_EXP_EXPR(tcp.contains(":1F93 ") && tcp.contains(" 06 "), "TIME_WAIT on 8083 in /proc/net/tcp:\n" + tcp);
            int d = socket(t, AF_INET, SOCK_STREAM, 0);
            t.TST_EXP_FAIL(t.sys(__NR_bind, d, sin(t, "127.0.0.1", 8083), 16), EADDRINUSE, "TIME_WAIT holds the port");
            t.TST_EXP_PASS(t.sys(__NR_bind, b, sin(t, "127.0.0.1", 8083), 16), "SO_REUSEADDR takes it (the connection in TIME_WAIT had it from its listener)");
            t.TST_EXP_PASS(t.sys(__NR_listen, b, 5), "and listens");
            t.c.clock_nanosleep_ns(1, 0, 61_000_000_000L);
            t.TST_EXP_EXPR(!readFile(t, "/proc/net/tcp").contains(" 06 "), "TIME_WAIT is over after 60 s");
            int e = socket(t, AF_INET, SOCK_STREAM, 0);
            t.TST_EXP_PASS(t.sys(__NR_bind, e, sin(t, "127.0.0.1", 0), 16), "port 0");
            String n = inetName(t, __NR_getsockname, e);
            int port = Integer.parseInt(n.substring(n.indexOf(':') + 1));
            t.TST_EXP_EXPR(port % 2 == 1 && port >= 32768 && port <= 60999, "bind(0) takes an odd port " + n);
        });
    }

    @Test
    void listenBacklog_fullAcceptQueue_dropsSyns_connectTimesOut() {
        Ltp.run(200, t -> {
            t.TST_EXP_PASS(ifup(t, "lo"), "lo up");
            int l = listener(t, "127.0.0.1", 8084, 1);
            int[] fds = new int[3];
            for (int i = 0; i < 3; i++) {
                fds[i] = socket(t, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
                t.TST_EXP_FAIL(t.sys(__NR_connect, fds[i], sin(t, "127.0.0.1", 8084), 16), EINPROGRESS, "connect " + i);
            }
            t.TST_EXP_VAL(poll(t, fds[0], POLLOUT), POLLOUT, "the first is connected");
            t.TST_EXP_VAL(poll(t, fds[1], POLLOUT), POLLOUT, "backlog 1 holds a second");
            t.TST_EXP_VAL(poll(t, fds[2], POLLOUT), 0, "the third SYN was dropped");
            t.TST_EXP_VAL(poll(t, l, POLLIN), POLLIN, "the listener is readable");
            long before = t.c.clock_gettime_ns(1);
            int blocking = socket(t, AF_INET, SOCK_STREAM, 0);
            t.TST_EXP_FAIL(t.sys(__NR_connect, blocking, sin(t, "127.0.0.1", 8084), 16), ETIMEDOUT,
                    "tcp_syn_retries 6: ETIMEDOUT");
            long waited = t.c.clock_gettime_ns(1) - before;
            t.TST_EXP_EXPR(waited > 126_990_000_000L && waited < 127_010_000_000L, "after 127 s (1+2+4+...+64), to the jiffy: " + waited);
            t.TST_EXP_FD(t.sys(__NR_accept, l, 0, 0), "accept one");
            t.TST_EXP_FD(t.sys(__NR_accept, l, 0, 0), "accept two");
        });
    }

    @Test
    void bigTransfer_overLo_withFork_arrivesIntact() {
        Ltp.run(t -> {
            t.TST_EXP_PASS(ifup(t, "lo"), "lo up");
            int l = listener(t, "127.0.0.1", 8085, 5);
            int n = 1 << 20;
            long pid = t.fork(k -> {
                int c = connected(k, "127.0.0.1", 8085);
                long buf = k.c.mmap(0, n, 3, 0x22);
                byte[] data = new byte[n];
                for (int i = 0; i < n; i++) {
                    data[i] = (byte) (i * 7 + (i >> 9));
                }
                k.cpu.write(buf, data, 0, n);
                k.TST_EXP_VAL(k.sys(__NR_write, c, buf, n), n, "one write of 1 MiB");
                k.close(c);
            });
            int a = t.TST_EXP_FD(t.sys(__NR_accept, l, 0, 0), "accept");
            long buf = t.c.mmap(0, n, 3, 0x22);
            long got = 0;
            while (got < n) {
                long r = t.sys(__NR_read, a, buf + got, n - got);
                if (r <= 0) {
                    break;
                }
                got += r;
            }
            t.TST_EXP_VAL(got, n, "all of it");
            byte[] back = new byte[n];
            t.cpu.read(buf, back, 0, n);
            boolean same = true;
            for (int i = 0; i < n; i++) {
                same &= back[i] == (byte) (i * 7 + (i >> 9));
            }
            t.TST_EXP_EXPR(same, "byte for byte");
            t.TST_EXP_VAL(t.sys(__NR_read, a, buf, 10), 0, "EOF");
            t.TST_EXP_VAL(t.waitpid(pid), 0, "the writer is done");
        });
    }
}
