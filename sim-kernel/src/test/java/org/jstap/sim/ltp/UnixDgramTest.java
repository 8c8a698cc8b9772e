package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.PollTable.*;
import static org.jstap.sim.kernel.Errno.*;
import static org.jstap.sim.ltp.SockUtil.*;

import org.junit.jupiter.api.Test;

/**
 * AF_UNIX datagram sockets and sendmsg/recvmsg: message boundaries, truncation, senders'
 * addresses, queue limits, disconnects, iovecs, SCM_RIGHTS and SCM_CREDENTIALS, /proc/net/unix
 * (LTP sendmsg01, recvmsg01-03, sendto01, recvfrom01). Expected values are Linux 6.x's.
 */
class UnixDgramTest {
    /** A struct msghdr on the stack with the given parts (0 for none). */
    static long msghdr(Ltp t, long name, int namelen, long iov, int iovlen, long control, long controllen) {
        long m = t.buf(56);
        t.cpu.sd(m, name);
        t.sw(m + 8, namelen);
        t.cpu.sd(m + 16, iov);
        t.cpu.sd(m + 24, iovlen);
        t.cpu.sd(m + 32, control);
        t.cpu.sd(m + 40, controllen);
        return m;
    }

    /** An iovec array of buffers of the given sizes, filled from {@code text} in order. */
    static long iovec(Ltp t, String text, int... sizes) {
        long iov = t.buf(16 * sizes.length);
        int at = 0;
        for (int i = 0; i < sizes.length; i++) {
            long b = t.buf(Math.max(1, sizes[i]));
            String part = text.substring(Math.min(at, text.length()), Math.min(at + sizes[i], text.length()));
            t.cpu.write(b, part.getBytes(), 0, part.length());
            t.cpu.sd(iov + 16L * i, b);
            t.cpu.sd(iov + 16L * i + 8, sizes[i]);
            at += sizes[i];
        }
        return iov;
    }

    static String iovText(Ltp t, long iov, int i, int n) {
        return t.string(t.cpu.ld(iov + 16L * i), n);
    }

    @Test
    void dgram_boundariesAndTruncation() {
        Ltp.run(t -> {
            int[] sv = socketpair(t, SOCK_DGRAM);
            send(t, sv[0], "abc", 0);
            send(t, sv[0], "defgh", 0);
            t.TST_EXP_EQ_STR(recv(t, sv[1], 100, 0), "abc", "one datagram per read");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 2, MSG_PEEK), "de", "peek at the next");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 2, MSG_TRUNC), "de", "a short buffer");
            t.TST_EXP_VAL(t.TST_RET, 5, "MSG_TRUNC returns the datagram's whole length");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 100, MSG_DONTWAIT), "EAGAIN", "the rest of it is gone");
            t.TST_EXP_VAL(t.write(sv[0], ""), 0, "an empty datagram");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 100, MSG_DONTWAIT), "", "is received as one");
            t.TST_EXP_VAL(t.TST_RET, 0, "of length 0");
            long big = t.c.mmap(0, 1 << 18, 3, 0x22);
            t.TST_EXP_FAIL(t.sys(__NR_sendto, sv[0], big, 212992 - 31, 0, 0, 0), EMSGSIZE, "past sk_sndbuf - 32");
            t.TST_EXP_VAL(t.sys(__NR_sendto, sv[0], big, 212992 - 32, 0, 0, 0), 212960, "the largest datagram");
            long r = t.sys(__NR_recvfrom, sv[1], big, 1 << 18, 0, 0, 0);
            t.TST_EXP_VAL(r, 212960, "received whole");
            int[] nb = socketpair(t, SOCK_DGRAM | SOCK_NONBLOCK);
            long b = t.buf(1);
            long n = 0;
            while ((r = t.sys(__NR_sendto, nb[0], b, 1, 0, 0, 0)) == 1) {
                n++;
            }
            t.TST_EXP_FAIL(r, EAGAIN, "the sender's buffer fills");
            t.TST_EXP_VAL(n, 278, "278 one-byte datagrams of truesize 768 against 212992");
            long iov = iovec(t, "onetwo", 3, 3);
            t.TST_EXP_VAL(t.sys(__NR_writev, sv[0], iov, 2), 6, "writev");
            t.TST_EXP_EQ_STR(recv(t, sv[1], 100, 0), "onetwo", "is one datagram");
            send(t, sv[0], "xyz12", 0);
            long riov = iovec(t, "", 2, 10);
            t.TST_EXP_VAL(t.sys(__NR_readv, sv[1], riov, 2), 5, "readv");
            t.TST_EXP_EQ_STR(iovText(t, riov, 0, 2) + iovText(t, riov, 1, 3), "xyz12", "scattered over both buffers");
        });
    }

    @Test
    void dgram_addressesAndLimits() {
        Ltp.run(t -> {
            int srv = socket(t, AF_UNIX, SOCK_DGRAM, 0);
            t.TST_EXP_PASS(bind(t, srv, "/tmp/dsrv"), "bind the server");
            int c = socket(t, AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
            t.TST_EXP_FAIL(send(t, c, "x", 0), ENOTCONN, "no address, not connected");
            long to = sun(t, "/tmp/dsrv");
            long buf = t.buf(16);
            t.TST_EXP_VAL(t.sys(__NR_sendto, c, buf, 1, 0, to, sunlen("/tmp/dsrv")), 1, "sendto a name");
            t.TST_EXP_FAIL(t.sys(__NR_sendto, c, buf, 1, 0, sun(t, "/tmp/none"), 11), ENOENT, "sendto a missing name");
            t.TST_EXP_FAIL(t.sys(__NR_sendto, c, buf, 1, 0, to, 1), EINVAL, "a one-byte address");
            long from = t.buf(128);
            long fromlen = t.buf(4);
            t.sw(fromlen, 128);
            t.TST_EXP_VAL(t.sys(__NR_recvfrom, srv, buf, 16, 0, from, fromlen), 1, "recvfrom");
            t.TST_EXP_VAL(t.u32(fromlen), 0, "an unbound sender has no address");
            int named = socket(t, AF_UNIX, SOCK_DGRAM, 0);
            t.TST_EXP_PASS(bind(t, named, "\0cli"), "an abstract sender");
            t.TST_EXP_VAL(t.sys(__NR_sendto, named, buf, 1, 0, to, sunlen("/tmp/dsrv")), 1, "sendto");
            t.sw(fromlen, 128);
            t.TST_EXP_VAL(t.sys(__NR_recvfrom, srv, buf, 16, 0, from, fromlen), 1, "recvfrom");
            t.TST_EXP_VAL(t.u32(fromlen), 6, "the abstract name's length");
            t.TST_EXP_EQ_STR(t.string(from + 3, 3), "cli", "and its bytes");
            t.TST_EXP_PASS(connect(t, c, "/tmp/dsrv"), "connect the client");
            long sent = 0;
            long r;
            while ((r = send(t, c, "q", 0)) == 1) {
                sent++;
            }
            t.TST_EXP_FAIL(r, EAGAIN, "the server's queue is full");
            t.TST_EXP_VAL(sent, 11, "net.unix.max_dgram_qlen is 10, and the check is 'more than'");
            t.TST_EXP_VAL(poll(t, c, POLLOUT), 0, "the client is not writable while the server is full");
            recv(t, srv, 16, 0);
            t.TST_EXP_VAL(poll(t, c, POLLOUT), POLLOUT, "one read makes room");
            int other = socket(t, AF_UNIX, SOCK_DGRAM, 0);
            t.TST_EXP_PASS(bind(t, other, "/tmp/dother"), "bind");
            t.TST_EXP_PASS(connect(t, other, "/tmp/dsrv"), "connect to the server");
            int third = socket(t, AF_UNIX, SOCK_DGRAM, 0);
            t.TST_EXP_PASS(connect(t, srv, "/tmp/dother"), "the server connects to other");
            t.TST_EXP_FAIL(t.sys(__NR_sendto, third, buf, 1, 0, to, sunlen("/tmp/dsrv")), EPERM,
                    "a connected socket takes datagrams only from its peer");
            t.TST_EXP_EQ_STR(recv(t, srv, 16, MSG_DONTWAIT), "q", "a first connect keeps what was queued");
            t.TST_EXP_FAIL(send(t, c, "q", 0), EPERM, "the server has a peer of its own: the client may not send");
            int fourth = socket(t, AF_UNIX, SOCK_DGRAM, 0);
            t.TST_EXP_PASS(bind(t, fourth, "/tmp/d4"), "bind");
            t.TST_EXP_PASS(connect(t, srv, "/tmp/d4"), "the server connects elsewhere again");
            t.TST_EXP_EQ_STR(recv(t, srv, 16, MSG_DONTWAIT), "EAGAIN", "connecting elsewhere dropped the queue");
            t.close(srv);
            t.TST_EXP_FAIL(send(t, c, "x", 0), ECONNREFUSED, "the server is gone");
            t.TST_EXP_FAIL(send(t, c, "x", 0), ENOTCONN, "and the client disconnected");
            long unspec = t.buf(2);
            t.TST_EXP_PASS(t.sys(__NR_connect, other, unspec, 2), "AF_UNSPEC dissolves a connection");
            t.TST_EXP_EQ_STR(name(t, __NR_getpeername, other), "ENOTCONN", "no peer any more");
            int[] sv = socketpair(t, SOCK_DGRAM);
            t.TST_EXP_PASS(t.sys(__NR_shutdown, sv[0], 1), "SHUT_WR");
            t.TST_EXP_FAIL(send(t, sv[0], "x", 0), EPIPE, "no sends after SHUT_WR, and no SIGPIPE");
            t.TST_EXP_VAL(send(t, sv[1], "x", 0), 1, "a datagram socket's shutdown stays on its side");
        });
    }

    @Test
    void sendmsg_recvmsg() {
        Ltp.run(t -> {
            int srv = socket(t, AF_UNIX, SOCK_DGRAM, 0);
            t.TST_EXP_PASS(bind(t, srv, "/tmp/msg"), "bind");
            int c = socket(t, AF_UNIX, SOCK_DGRAM, 0);
            t.TST_EXP_PASS(bind(t, c, "/tmp/msgc"), "bind the client");
            long to = sun(t, "/tmp/msg");
            long m = msghdr(t, to, sunlen("/tmp/msg"), iovec(t, "hello world", 5, 6), 2, 0, 0);
            t.TST_EXP_VAL(t.sys(__NR_sendmsg, c, m, 0), 11, "sendmsg gathers the iovecs");
            long name = t.buf(128);
            long riov = iovec(t, "", 4, 4);
            long rm = msghdr(t, name, 128, riov, 2, 0, 0);
            t.TST_EXP_VAL(t.sys(__NR_recvmsg, srv, rm, 0), 8, "recvmsg into 8 bytes");
            t.TST_EXP_EQ_STR(iovText(t, riov, 0, 4) + iovText(t, riov, 1, 4), "hello wo", "scattered");
            t.TST_EXP_VAL(t.u32(rm + 48), MSG_TRUNC, "msg_flags: MSG_TRUNC");
            t.TST_EXP_VAL(t.u32(rm + 8), 12, "msg_namelen: the sender's name, with its NUL");
            t.TST_EXP_EQ_STR(t.string(name + 2, 9), "/tmp/msgc", "msg_name");
            t.TST_EXP_VAL(t.cpu.ld(rm + 40), 0, "no control data");
            t.TST_EXP_FAIL(t.sys(__NR_sendmsg, c, Ltp.UNMAPPED, 0), EFAULT, "the msghdr unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_sendmsg, c, msghdr(t, to, -1, riov, 1, 0, 0), 0), EINVAL, "a negative msg_namelen");
            t.TST_EXP_FAIL(t.sys(__NR_sendmsg, c, msghdr(t, to, 9, riov, 1025, 0, 0), 0), EMSGSIZE, "1025 iovecs");
            t.TST_EXP_FAIL(t.sys(__NR_sendmsg, c, msghdr(t, to, 9, Ltp.UNMAPPED, 1, 0, 0), 0), EFAULT, "iovecs unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_sendmsg, c, m, 0x80000000), EINVAL, "MSG_CMSG_COMPAT");
            // control messages: a bad header, then SCM_RIGHTS
            int[] sv = socketpair(t, SOCK_STREAM);
            long ctl = t.buf(24);
            t.cpu.sd(ctl, 8);
            t.sw(ctl + 8, SOL_SOCKET);
            t.sw(ctl + 12, 1);
            long one = iovec(t, "x", 1);
            t.TST_EXP_FAIL(t.sys(__NR_sendmsg, sv[0], msghdr(t, 0, 0, one, 1, ctl, 24), 0), EINVAL,
                    "a cmsg_len shorter than the header");
            int[] p = t.pipe(0);
            t.write(p[1], "through the pipe");
            t.cpu.sd(ctl, 20);
            t.sw(ctl + 16, p[0]);
            t.TST_EXP_VAL(t.sys(__NR_sendmsg, sv[0], msghdr(t, 0, 0, one, 1, ctl, 24), 0), 1, "SCM_RIGHTS with a pipe");
            t.close(p[0]);
            long rctl = t.buf(24);
            long rone = iovec(t, "", 1);
            long r2 = msghdr(t, 0, 0, rone, 1, rctl, 24);
            t.TST_EXP_VAL(t.sys(__NR_recvmsg, sv[1], r2, 0), 1, "recvmsg");
            t.TST_EXP_VAL(t.cpu.ld(r2 + 40), 24, "msg_controllen: CMSG_SPACE(4)");
            t.TST_EXP_VAL(t.cpu.ld(rctl), 20, "cmsg_len: CMSG_LEN(4)");
            t.TST_EXP_VAL(t.u32(rctl + 12), 1, "SCM_RIGHTS");
            int fd = t.u32(rctl + 16);
            t.TST_EXP_EQ_STR(t.read(fd, 100), "through the pipe", "the passed descriptor reads the pipe");
            t.sw(ctl + 16, 99);
            t.TST_EXP_FAIL(t.sys(__NR_sendmsg, sv[0], msghdr(t, 0, 0, one, 1, ctl, 24), 0), EBADF, "passing a closed fd");
            t.sw(ctl + 16, fd);
            t.TST_EXP_VAL(t.sys(__NR_sendmsg, sv[0], msghdr(t, 0, 0, one, 1, ctl, 24), 0), 1, "pass it again");
            long r3 = msghdr(t, 0, 0, iovec(t, "", 1), 1, t.buf(16), 16);
            t.TST_EXP_VAL(t.sys(__NR_recvmsg, sv[1], r3, 0), 1, "receive with no room for it");
            t.TST_EXP_VAL(t.u32(r3 + 48), MSG_CTRUNC, "MSG_CTRUNC: the file was dropped");
            t.TST_EXP_VAL(t.cpu.ld(r3 + 40), 0, "no control data written");
            // SCM_CREDENTIALS under SO_PASSCRED
            t.TST_EXP_PASS(setsockopt_int(t, sv[1], SOL_SOCKET, 16, 1), "SO_PASSCRED");
            send(t, sv[0], "c", 0);
            long cctl = t.buf(32);
            long r4 = msghdr(t, 0, 0, iovec(t, "", 1), 1, cctl, 32);
            t.TST_EXP_VAL(t.sys(__NR_recvmsg, sv[1], r4, 0), 1, "recvmsg");
            t.TST_EXP_EXPR(t.cpu.ld(cctl) == 28 && t.u32(cctl + 12) == 2, "an SCM_CREDENTIALS message");
            t.TST_EXP_EXPR(t.u32(cctl + 16) == t.c.getpid() && t.u32(cctl + 20) == 0 && t.u32(cctl + 24) == 0,
                    "our pid, uid and gid");
            long cred = t.buf(32);
            t.cpu.sd(cred, 28);
            t.sw(cred + 8, SOL_SOCKET);
            t.sw(cred + 12, 2);
            t.sw(cred + 16, 1);
            t.sw(cred + 20, 0);
            t.sw(cred + 24, 0);
            t.TST_EXP_VAL(t.sys(__NR_sendmsg, sv[0], msghdr(t, 0, 0, one, 1, cred, 32), 0), 1,
                    "root may claim another pid");
            t.TST_EXP_PASS(t.sys(__NR_setuid, 1000), "become uid 1000");
            t.TST_EXP_FAIL(t.sys(__NR_sendmsg, sv[0], msghdr(t, 0, 0, one, 1, cred, 32), 0), EPERM,
                    "others may not");
        });
    }

    @Test
    void procNetUnix() {
        Ltp.run(t -> {
            int l = listener(t, "/tmp/pl", 5);
            int c = socket(t, AF_UNIX, SOCK_STREAM, 0);
            t.TST_EXP_PASS(connect(t, c, "/tmp/pl"), "connect, not accepted");
            int d = socket(t, AF_UNIX, SOCK_DGRAM, 0);
            t.TST_EXP_PASS(bind(t, d, "\0ab\0c"), "an abstract name with a NUL inside");
            int[] sv = socketpair(t, SOCK_STREAM);
            long fd = t.open("/proc/net/unix", 0);
            String text = t.read((int) fd, 4096);
            String[] lines = text.split("\n");
            t.TST_EXP_EQ_STR(lines[0], "Num       RefCount Protocol Flags    Type St Inode Path", "the header");
            t.TST_EXP_EXPR(lines.length == 7, "six sockets: " + text);
            String ino = Long.toString(t.st_ino(t.fstat(l)));
            t.TST_EXP_EXPR(lines[1].matches("[0-9a-f]{16}: 00000002 00000000 00010000 0001 01 +" + ino + " /tmp/pl"),
                    "the listener: " + lines[1]);
            t.TST_EXP_EXPR(lines[2].matches("[0-9a-f]{16}: 00000003 00000000 00000000 0001 03 +\\d+"),
                    "the connected client: " + lines[2]);
            t.TST_EXP_EXPR(lines[3].matches("[0-9a-f]{16}: 00000003 00000000 00000000 0001 02 +0 /tmp/pl"),
                    "the server end, not accepted (no socket, no inode): " + lines[3]);
            t.TST_EXP_EXPR(lines[4].matches("[0-9a-f]{16}: 00000002 00000000 00000000 0002 01 +\\d+ @ab@c"),
                    "the datagram socket: " + lines[4]);
            t.TST_EXP_EXPR(lines[5].matches("[0-9a-f]{16}: 00000003 00000000 00000000 0001 03 +\\d+"),
                    "one end of the pair: " + lines[5]);
        });
    }
}
