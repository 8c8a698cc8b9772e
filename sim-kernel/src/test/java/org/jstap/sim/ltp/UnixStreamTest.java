package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.fs.PollTable.*;
import static org.jstap.sim.kernel.Errno.*;
import static org.jstap.sim.ltp.SockUtil.*;

import org.junit.jupiter.api.Test;

/**
 * AF_UNIX stream sockets: connect and accept, ordering and partial reads, shutdown and close,
 * EPIPE and SIGPIPE, poll, blocking calls woken by the other side and cut by signals (LTP
 * connect01, accept01, accept4_01, listen01, recv01, send01, sendto01, shutdown01-02). Expected
 * values are Linux 6.x's, checked on a host kernel.
 */
class UnixStreamTest {
    static final long SECOND = 1_000_000_000L;
    static final int SIGUSR1 = 10;
    static final long SA_RESTART = 0x10000000L;
    static final int SHUT_RD = 0;
    static final int SHUT_WR = 1;
    static final int SHUT_RDWR = 2;

    @Test
    void connect_errors() {
        Ltp.run(t -> {
            int c = socket(t, AF_UNIX, SOCK_STREAM, 0);
            t.TST_EXP_FAIL(connect(t, c, "/tmp/none"), ENOENT, "connect to a missing name");
            t.TST_EXP_FAIL(connect(t, c, "\0none"), ECONNREFUSED, "connect to a missing abstract name");
            t.create("/tmp/file", "", 0644);
            t.TST_EXP_FAIL(connect(t, c, "/tmp/file"), ECONNREFUSED, "connect to a regular file");
            int b = socket(t, AF_UNIX, SOCK_STREAM, 0);
            t.TST_EXP_PASS(bind(t, b, "/tmp/b"), "bind");
            t.TST_EXP_FAIL(connect(t, c, "/tmp/b"), ECONNREFUSED, "nobody listens there");
            int d = socket(t, AF_UNIX, SOCK_DGRAM, 0);
            t.TST_EXP_FAIL(connect(t, d, "/tmp/b"), EPROTOTYPE, "a datagram socket to a stream name");
            t.TST_EXP_FAIL(t.sys(__NR_connect, c, sun(t, "/tmp/b"), 2), EINVAL, "no sun_path");
            t.TST_EXP_FAIL(t.sys(__NR_listen, c, 1), EINVAL, "listen unbound");
            t.TST_EXP_FAIL(t.sys(__NR_listen, d, 1), EOPNOTSUPP, "listen on a datagram socket");
            t.TST_EXP_FAIL(t.sys(__NR_accept, b, 0, 0), EINVAL, "accept without listen");
            t.TST_EXP_FAIL(t.sys(__NR_accept, d, 0, 0), EOPNOTSUPP, "accept on a datagram socket");
            t.TST_EXP_EQ_STR(recv(t, c, 1, MSG_DONTWAIT), "EINVAL", "recv unconnected");
            t.TST_EXP_FAIL(send(t, c, "x", 0), ENOTCONN, "send unconnected");
            t.TST_EXP_EQ_STR(name(t, __NR_getpeername, c), "ENOTCONN", "getpeername unconnected");
            long to = sun(t, "/tmp/b");
            long buf = t.buf(1);
            t.TST_EXP_FAIL(t.sys(__NR_sendto, c, buf, 1, 0, to, 7), EOPNOTSUPP, "sendto with an address");
            t.TST_EXP_PASS(t.sys(__NR_shutdown, socket(t, AF_UNIX, SOCK_STREAM, 0), SHUT_RDWR),
                    "shutdown of an unconnected socket is fine");
            t.TST_EXP_FAIL(t.sys(__NR_shutdown, c, 3), EINVAL, "shutdown how 3");
            int shut = listener(t, "/tmp/shut", 5);
            t.TST_EXP_PASS(t.sys(__NR_shutdown, shut, SHUT_RDWR), "shutdown a listener");
            t.TST_EXP_FAIL(connect(t, socket(t, AF_UNIX, SOCK_STREAM, 0), "/tmp/shut"), ECONNREFUSED,
                    "a shut listener refuses");
            t.TST_EXP_FAIL(t.sys(__NR_accept, shut, 0, 0), EINVAL, "accept on a shut listener");
        });
    }

    @Test
    void connect_accept_names() {
        Ltp.run(t -> {
            int l = listener(t, "/tmp/srv", 0);
            int c1 = socket(t, AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
            t.TST_EXP_PASS(connect(t, c1, "/tmp/srv"), "backlog 0 takes one connection");
            int c2 = socket(t, AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
            t.TST_EXP_FAIL(connect(t, c2, "/tmp/srv"), EAGAIN, "a full backlog, non-blocking");
            t.TST_EXP_EQ_STR(name(t, __NR_getpeername, c1), "11:/tmp/srv@", "the client's peer is the server's name");
            t.TST_EXP_EQ_STR(name(t, __NR_getsockname, c1), "2:", "the client is unbound");
            t.TST_EXP_VAL(send(t, c1, "hello", 0), 5, "data before accept");
            t.TST_EXP_VAL(poll(t, l, POLLIN), POLLIN, "a pending connection makes the listener readable");
            long peer = t.buf(128);
            long plen = t.buf(4);
            t.sw(plen, 128);
            int a = (int) t.TST_EXP_FD(t.sys(__NR_accept4, l, peer, plen, SOCK_CLOEXEC | SOCK_NONBLOCK), "accept4");
            t.TST_EXP_VAL(t.u32(plen), 2, "the unbound client's address is just the family");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, a, F_GETFD), FD_CLOEXEC, "SOCK_CLOEXEC on the new descriptor");
            t.TST_EXP_VAL(t.sys(__NR_fcntl, a, F_GETFL) & O_NONBLOCK, O_NONBLOCK, "SOCK_NONBLOCK on the new descriptor");
            t.TST_EXP_EQ_STR(name(t, __NR_getsockname, a), "11:/tmp/srv@", "the accepted end has the server's name");
            t.TST_EXP_EQ_STR(name(t, __NR_getpeername, a), "2:", "and an unbound peer");
            t.TST_EXP_EQ_STR(recv(t, a, 100, 0), "hello", "what was sent before accept");
            t.TST_EXP_FAIL(connect(t, c1, "/tmp/srv"), EISCONN, "connecting again");
            t.TST_EXP_FAIL(t.sys(__NR_accept4, l, 0, 0, 0x2), EINVAL, "accept4 with an unknown flag");
            int n = socket(t, AF_UNIX, SOCK_STREAM, 0);
            t.TST_EXP_PASS(connect(t, n, "/tmp/srv"), "the backlog has room again");
            t.TST_EXP_FAIL(t.sys(__NR_accept, l, peer, Ltp.UNMAPPED), EFAULT, "accept's length unmapped");
            t.TST_EXP_EQ_STR(recv(t, n, 10, 0), "", "the connection accept could not report was closed");
            int ab = socket(t, AF_UNIX, SOCK_STREAM, 0);
            t.TST_EXP_PASS(bind(t, ab, "\0srv"), "bind an abstract name");
            t.TST_EXP_PASS(t.sys(__NR_listen, ab, 5), "listen");
            int ac = socket(t, AF_UNIX, SOCK_STREAM, 0);
            t.TST_EXP_PASS(bind(t, ac, "/tmp/cli"), "a bound client");
            t.TST_EXP_PASS(connect(t, ac, "\0srv"), "connect to the abstract name");
            t.sw(plen, 128);
            t.TST_EXP_FD(t.sys(__NR_accept, ab, peer, plen), "accept");
            t.TST_EXP_VAL(t.u32(plen), 11, "the bound client's name length");
            t.TST_EXP_EQ_STR(t.string(peer + 2, 8), "/tmp/cli", "the bound client's name");
        });
    }

    @Test
    void stream_orderingAndPartialReads() {
        Ltp.run(t -> {
            int[] sv = socketpair(t, SOCK_STREAM);
            t.TST_EXP_VAL(send(t, sv[0], "hello", 0), 5, "first write");
            t.TST_EXP_VAL(send(t, sv[0], "world", 0), 5, "second write");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 3, MSG_PEEK), "hel", "peek");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 100, MSG_PEEK), "helloworld", "peek crosses writes");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 3, 0), "hel", "a partial read");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 100, 0), "loworld", "the rest, across both writes");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 100, MSG_DONTWAIT), "EAGAIN", "empty, MSG_DONTWAIT");
            t.TST_EXP_VAL(send(t, sv[0], "abcdef", 0), 6, "write");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 2, MSG_TRUNC), "ab", "MSG_TRUNC means nothing to a unix stream");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 100, 0), "cdef", "nothing was dropped");
            long b = t.buf(8);
            t.TST_EXP_FAIL(t.sys(__NR_recvfrom, sv[1], Ltp.KERNEL_ADDR, 8, 0, 0, 0), EFAULT, "a kernel buffer");
            send(t, sv[0], "12345678", 0);
            t.TST_EXP_FAIL(t.sys(__NR_recvfrom, sv[1], Ltp.UNMAPPED, 8, 0, 0, 0), EFAULT, "an unmapped buffer");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 8, 0), "12345678", "a failed copy consumes nothing");
            long iov = t.buf(32);
            long p1 = t.str("ab");
            long p2 = t.str("cde");
            t.cpu.sd(iov, p1);
            t.cpu.sd(iov + 8, 2);
            t.cpu.sd(iov + 16, p2);
            t.cpu.sd(iov + 24, 3);
            t.TST_EXP_VAL(t.sys(__NR_writev, sv[0], iov, 2), 5, "writev");
            t.TST_EXP_EQ_STR(t.read(sv[1], 100), "abcde", "read");
            send(t, sv[0], "z", 0);
            t.TST_EXP_VAL(t.sys(__NR_recvfrom, sv[1], b, 0, 0, 0, 0), 0, "a zero-length recv (it would wait for data)");
            t.TST_EXP_VAL(t.sys(__NR_read, sv[1], b, 0), 0, "a zero-length read returns at once");
        });
    }

    @Test
    void stream_fillsTheSendBuffer() {
        Ltp.run(t -> {
            int[] sv = socketpair(t, SOCK_STREAM | SOCK_NONBLOCK);
            long b = t.buf(65536);
            long total = 0;
            long r;
            while ((r = t.sys(__NR_sendto, sv[0], b, 1000, 0, 0, 0)) > 0) {
                total += r;
            }
            t.TST_EXP_FAIL(r, EAGAIN, "a full send buffer, non-blocking");
            t.TST_EXP_VAL(total, 93000, "93 buffers of 1000 bytes (2304 each, against 212992)");
            int[] big = socketpair(t, SOCK_STREAM | SOCK_NONBLOCK);
            total = 0;
            while ((r = t.sys(__NR_sendto, big[0], b, 65536, 0, 0, 0)) > 0) {
                total += r;
            }
            t.TST_EXP_VAL(total, 233152, "three 64 KiB writes and a partial one, as Linux takes them");
            t.TST_EXP_VAL(poll(t, big[0], POLLOUT), 0, "not writable while full");
            t.TST_EXP_VAL(poll(t, big[1], POLLIN | POLLOUT), POLLIN | POLLOUT, "the reader has data");
            long got = 0;
            while ((r = t.sys(__NR_recvfrom, big[1], b, 65536, MSG_DONTWAIT, 0, 0)) > 0) {
                got += r;
            }
            t.TST_EXP_VAL(got, total, "everything arrives");
            t.TST_EXP_VAL(poll(t, big[0], POLLOUT), POLLOUT, "writable again once drained");
        });
    }

    @Test
    void close_resetAndEof() {
        Ltp.run(t -> {
            int[] sv = socketpair(t, SOCK_STREAM);
            send(t, sv[0], "data", 0);
            send(t, sv[1], "unread", 0);
            t.close(sv[1]);
            t.TST_EXP_EQ_STR(recv(t, sv[0], 10, 0), "unread", "what the peer sent comes first");
            t.TST_EXP_EQ_STR(recv(t, sv[0], 10, 0), "ECONNRESET", "then the reset: the peer left our data unread");
            t.TST_EXP_EQ_STR(recv(t, sv[0], 10, 0), "", "then end of file");
            t.TST_EXP_VAL(poll(t, sv[0], POLLIN | POLLOUT | POLLRDHUP), POLLIN | POLLOUT | POLLRDHUP | POLLHUP,
                    "the closed peer: readable, hung up");
            t.TST_EXP_PASS(ignore(t, SIGPIPE), "ignore SIGPIPE");
            t.TST_EXP_FAIL(send(t, sv[0], "x", 0), EPIPE, "write to a closed peer");
            int[] q = socketpair(t, SOCK_STREAM);
            send(t, q[1], "bye", 0);
            t.close(q[1]);
            t.TST_EXP_EQ_STR(recv(t, q[0], 10, 0), "bye", "the peer's last data first");
            t.TST_EXP_EQ_STR(recv(t, q[0], 10, 0), "", "then end of file, no reset");
        });
    }

    @Test
    void sigpipe_killsUnlessNosignal() {
        Ltp.run(t -> {
            int[] sv = socketpair(t, SOCK_STREAM);
            t.close(sv[1]);
            int status = t.fork_and_wait(c -> {
                send(c, sv[0], "x", 0);
                c.tst_res_fail("the writer survived SIGPIPE");
            });
            t.TST_EXP_VAL(status & 0x7f, SIGPIPE, "killed by SIGPIPE (status " + Integer.toHexString(status) + ")");
            int ok = t.fork_and_wait(c -> c.TST_EXP_FAIL(send(c, sv[0], "x", MSG_NOSIGNAL), EPIPE,
                    "MSG_NOSIGNAL: EPIPE and no signal"));
            t.TST_EXP_VAL(ok, 0, "the MSG_NOSIGNAL writer exits normally");
        });
    }

    @Test
    void shutdown_halves() {
        Ltp.run(t -> {
            int[] sv = socketpair(t, SOCK_STREAM);
            t.TST_EXP_VAL(poll(t, sv[0], POLLIN | POLLOUT | POLLRDHUP), POLLOUT, "a fresh pair is writable");
            t.TST_EXP_VAL(poll(t, socket(t, AF_UNIX, SOCK_STREAM, 0), POLLIN | POLLOUT), POLLOUT | POLLHUP,
                    "an unconnected stream socket polls as hung up");
            send(t, sv[1], "last", 0);
            t.TST_EXP_PASS(t.sys(__NR_shutdown, sv[1], SHUT_WR), "SHUT_WR");
            t.TST_EXP_VAL(poll(t, sv[0], POLLIN | POLLOUT | POLLRDHUP), POLLIN | POLLOUT | POLLRDHUP,
                    "the peer sees the end coming");
            t.TST_EXP_EQ_STR(recv(t, sv[0], 10, 0), "last", "data before the shutdown");
            t.TST_EXP_EQ_STR(recv(t, sv[0], 10, 0), "", "then end of file");
            t.TST_EXP_VAL(send(t, sv[0], "back", 0), 4, "the other direction still works");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 10, 0), "back", "and is read");
            t.TST_EXP_FAIL(send(t, sv[1], "x", MSG_NOSIGNAL), EPIPE, "no more writes after SHUT_WR");
            t.TST_EXP_PASS(t.sys(__NR_shutdown, sv[0], SHUT_RD), "SHUT_RD");
            t.TST_EXP_FAIL(send(t, sv[1], "x", MSG_NOSIGNAL), EPIPE, "the peer may not write either");
        });
    }

    @Test
    void blockingAccept_wokenByConnect() {
        Ltp.run(t -> {
            int l = listener(t, "/tmp/wait", 5);
            long before = t.c.clock_gettime_ns(1);
            long pid = t.fork(c -> {
                c.c.nanosleep(SECOND / 2);
                int s = socket(c, AF_UNIX, SOCK_STREAM, 0);
                c.TST_EXP_PASS(connect(c, s, "/tmp/wait"), "the child connects");
                c.TST_EXP_VAL(send(c, s, "from child", 0), 10, "and writes");
                c.TST_EXP_EQ_STR(recv(c, s, 10, 0), "ack", "and reads the answer");
            });
            int a = t.TST_EXP_FD(t.sys(__NR_accept, l, 0, 0), "accept blocks until the child connects");
            t.TST_EXP_EXPR(t.c.clock_gettime_ns(1) - before >= SECOND / 2, "accept waited for the connect");
            t.TST_EXP_EQ_STR(recv(t, a, 10, MSG_WAITALL), "from child", "MSG_WAITALL");
            t.TST_EXP_VAL(send(t, a, "ack", 0), 3, "answer");
            t.TST_EXP_VAL(t.waitpid(pid), 0, "the child is done");
            t.TST_EXP_EQ_STR(recv(t, a, 100, 0), "", "its close is end of file");
        });
    }

    @Test
    void blockingCalls_andSignals() {
        Ltp.run(t -> {
            // without SA_RESTART the wait ends with EINTR
            int l = listener(t, "/tmp/sig", 5);
            long pid = t.fork(c -> {
                int[] got = new int[1];
                c.sigaction(SIGUSR1, () -> got[0]++, 0, 0);
                c.TST_EXP_FAIL(c.sys(__NR_accept, l, 0, 0), EINTR, "a handled signal interrupts accept");
                c.TST_EXP_VAL(got[0], 1, "the handler ran");
            });
            t.c.nanosleep(SECOND / 10);
            t.TST_EXP_PASS(t.sys(__NR_kill, pid, SIGUSR1), "signal the accepter");
            t.TST_EXP_VAL(t.waitpid(pid), 0, "it returns");
            // with SA_RESTART, accept goes on and takes the connection that comes later
            long rpid = t.fork(c -> {
                int[] got = new int[1];
                c.sigaction(SIGUSR1, () -> got[0]++, SA_RESTART, 0);
                c.TST_EXP_FD(c.sys(__NR_accept, l, 0, 0), "SA_RESTART: accept restarts");
                c.TST_EXP_VAL(got[0], 1, "after the handler ran");
            });
            t.c.nanosleep(SECOND / 10);
            t.sys(__NR_kill, rpid, SIGUSR1);
            t.c.nanosleep(SECOND / 10);
            t.TST_EXP_PASS(connect(t, socket(t, AF_UNIX, SOCK_STREAM, 0), "/tmp/sig"), "connect");
            t.TST_EXP_VAL(t.waitpid(rpid), 0, "the restarted accept took it");
            // with a receive timeout, a signal is EINTR even under SA_RESTART, and the timeout EAGAIN
            int[] sv = socketpair(t, SOCK_STREAM);
            long tv = t.buf(16);
            t.cpu.sd(tv, 0);
            t.cpu.sd(tv + 8, 200_000);
            t.TST_EXP_PASS(t.sys(__NR_setsockopt, sv[0], SOL_SOCKET, 20, tv, 16), "SO_RCVTIMEO 200 ms");
            long before = t.c.clock_gettime_ns(1);
            t.TST_EXP_EQ_STR(recv(t, sv[0], 10, 0), "EAGAIN", "the timeout runs out");
            long waited = t.c.clock_gettime_ns(1) - before;
            t.TST_EXP_EXPR(waited >= 200_000_000L && waited < 300_000_000L, "about 200 ms: " + waited);
            long tpid = t.fork(c -> {
                c.sigaction(SIGUSR1, () -> { }, SA_RESTART, 0);
                c.TST_EXP_EQ_STR(recv(c, sv[0], 10, 0), "EINTR", "a signal cuts a timed wait even with SA_RESTART");
            });
            t.c.nanosleep(SECOND / 20);
            t.sys(__NR_kill, tpid, SIGUSR1);
            t.TST_EXP_VAL(t.waitpid(tpid), 0, "the timed reader returns");
        });
    }

    @Test
    void blockingWrite_wokenByReader() {
        Ltp.run(t -> {
            int[] sv = socketpair(t, SOCK_STREAM);
            int size = 1 << 20;
            long pid = t.fork(c -> {
                long b = c.buf(65536);
                long got = 0;
                long r;
                c.close(sv[0]);
                c.c.nanosleep(SECOND / 10);
                while ((r = c.sys(__NR_read, sv[1], b, 65536)) > 0) {
                    got += r;
                }
                c.TST_EXP_VAL(got, size, "the reader gets every byte");
            });
            t.close(sv[1]);
            long b = t.c.mmap(0, size, 3, 0x22);
            for (int i = 0; i < size; i += 4096) {
                t.cpu.sb(b + i, i >> 12);
            }
            t.TST_EXP_VAL(t.sys(__NR_write, sv[0], b, size), size, "one write of 1 MiB blocks until it is all taken");
            t.close(sv[0]);
            t.TST_EXP_VAL(t.waitpid(pid), 0, "the reader is done");
        });
    }

    @Test
    void seqpacket_records() {
        Ltp.run(t -> {
            int[] sv = socketpair(t, SOCK_SEQPACKET);
            send(t, sv[0], "one", 0);
            send(t, sv[0], "three", 0);
            t.TST_EXP_EQ_STR(recv(t, sv[1], 100, 0), "one", "a record at a time");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 2, 0), "th", "a record cut short");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 100, MSG_DONTWAIT), "EAGAIN", "the rest of it is gone");
            t.close(sv[0]);
            t.TST_EXP_EQ_STR(recv(t, sv[1], 100, 0), "", "end of file once the peer is gone");
            int status = t.fork_and_wait(c -> c.TST_EXP_FAIL(send(c, sv[1], "x", 0), EPIPE, "EPIPE, no SIGPIPE"));
            t.TST_EXP_VAL(status, 0, "the seqpacket writer is not killed");
            int l = socket(t, AF_UNIX, SOCK_SEQPACKET, 0);
            t.TST_EXP_PASS(bind(t, l, "/tmp/seq"), "bind");
            t.TST_EXP_PASS(t.sys(__NR_listen, l, 1), "listen");
            int c = socket(t, AF_UNIX, SOCK_SEQPACKET, 0);
            t.TST_EXP_FAIL(send(t, c, "x", 0), ENOTCONN, "send unconnected");
            t.TST_EXP_PASS(connect(t, c, "/tmp/seq"), "connect");
            int a = t.TST_EXP_FD(t.sys(__NR_accept, l, 0, 0), "accept");
            t.TST_EXP_VAL(send(t, c, "rec", 0), 3, "send a record");
            t.TST_EXP_EQ_STR(recv(t, a, 100, 0), "rec", "receive it");
        });
    }

    @Test
    void listenerClose_resetsPendingConnections() {
        Ltp.run(t -> {
            int l = listener(t, "/tmp/gone", 5);
            int c = socket(t, AF_UNIX, SOCK_STREAM, 0);
            t.TST_EXP_PASS(connect(t, c, "/tmp/gone"), "connect");
            t.close(l);
            t.TST_EXP_EQ_STR(recv(t, c, 10, 0), "ECONNRESET", "the listener closed before accepting");
            t.TST_EXP_FAIL(connect(t, socket(t, AF_UNIX, SOCK_STREAM, 0), "/tmp/gone"), ECONNREFUSED,
                    "the name is left, nobody behind it");
        });
    }
}
