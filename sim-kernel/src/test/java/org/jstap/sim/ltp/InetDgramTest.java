package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.PollTable.*;
import static org.jstap.sim.kernel.Errno.*;
import static org.jstap.sim.ltp.InetUtil.*;
import static org.jstap.sim.ltp.SockUtil.*;

import org.junit.jupiter.api.Test;

/**
 * AF_INET datagram sockets over lo: socket(2)'s checks, bind(2) errors and EADDRINUSE,
 * autobind into the ephemeral range, connect and disconnect, the sender's address,
 * MSG_PEEK/MSG_TRUNC/MSG_DONTWAIT, ECONNREFUSED on a connected socket after ICMP port
 * unreachable, ping sockets (LTP bind01-03, connect01, sendto01, recvfrom01, udp tests of
 * net.features). Expected values are Linux 6.x's.
 */
class InetDgramTest {
    @Test
    void socket_typesAndProtocols() {
        Ltp.run(t -> {
            int fd = socket(t, AF_INET, SOCK_DGRAM, 0);
            t.TST_EXP_EXPR(fd >= 0, "socket(AF_INET, SOCK_DGRAM, 0)");
            t.TST_EXP_EXPR(socket(t, AF_INET, SOCK_DGRAM, IPPROTO_UDP) >= 0, "socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)");
            t.TST_EXP_FAIL(socket(t, AF_INET, SOCK_DGRAM, 6), EPROTONOSUPPORT, "UDP is not TCP");
            t.TST_EXP_FAIL(socket(t, AF_INET, SOCK_DGRAM, 256), EINVAL, "protocol past IPPROTO_MAX");
            t.TST_EXP_FAIL(socket(t, AF_INET, SOCK_SEQPACKET, 0), ESOCKTNOSUPPORT, "no seqpacket in inet");
            t.TST_EXP_EXPR(socket(t, AF_INET, SOCK_DGRAM, IPPROTO_ICMP) >= 0, "a ping socket");
            t.TST_EXP_EQ_STR(inetName(t, __NR_getsockname, fd), "0.0.0.0:0", "unbound");
            t.TST_EXP_EQ_STR(inetName(t, __NR_getpeername, fd), "ENOTCONN", "no peer");
        });
    }

    @Test
    void bind_errorsAndAddrInUse() {
        Ltp.run(t -> {
            t.TST_EXP_PASS(ifup(t, "lo"), "lo up");
            int fd = socket(t, AF_INET, SOCK_DGRAM, 0);
            t.TST_EXP_FAIL(t.sys(__NR_bind, fd, sin(t, "127.0.0.1", 7000), 15), EINVAL, "a short sockaddr_in");
            t.TST_EXP_FAIL(t.sys(__NR_bind, fd, sin(t, AF_UNIX, "127.0.0.1", 7000), 16), EAFNOSUPPORT, "AF_UNIX");
            t.TST_EXP_FAIL(t.sys(__NR_bind, fd, sin(t, "10.9.9.9", 7000), 16), EADDRNOTAVAIL, "not our address");
            t.TST_EXP_PASS(t.sys(__NR_bind, fd, sin(t, 0, "0.0.0.0", 7000), 16), "AF_UNSPEC with INADDR_ANY");
            t.TST_EXP_EQ_STR(inetName(t, __NR_getsockname, fd), "0.0.0.0:7000", "bound to any");
            t.TST_EXP_FAIL(t.sys(__NR_bind, fd, sin(t, "127.0.0.1", 7001), 16), EINVAL, "bound twice");
            int fd2 = socket(t, AF_INET, SOCK_DGRAM, 0);
            t.TST_EXP_FAIL(t.sys(__NR_bind, fd2, sin(t, "127.0.0.1", 7000), 16), EADDRINUSE, "the port is taken");
            int a = socket(t, AF_INET, SOCK_DGRAM, 0);
            int b = socket(t, AF_INET, SOCK_DGRAM, 0);
            t.TST_EXP_PASS(setsockopt_int(t, a, SOL_SOCKET, 2, 1), "SO_REUSEADDR");
            t.TST_EXP_PASS(setsockopt_int(t, b, SOL_SOCKET, 2, 1), "SO_REUSEADDR");
            t.TST_EXP_PASS(t.sys(__NR_bind, a, sin(t, "127.0.0.1", 7100), 16), "first with reuse");
            t.TST_EXP_PASS(t.sys(__NR_bind, b, sin(t, "127.0.0.1", 7100), 16), "second with reuse");
            int c = socket(t, AF_INET, SOCK_DGRAM, 0);
            t.TST_EXP_PASS(t.sys(__NR_bind, c, sin(t, "127.0.0.1", 0), 16), "port 0");
            String n = inetName(t, __NR_getsockname, c);
            int port = Integer.parseInt(n.substring(n.indexOf(':') + 1));
            t.TST_EXP_EXPR(n.startsWith("127.0.0.1:") && port >= 32768 && port <= 60999, "ephemeral port " + n);
            t.TST_EXP_PASS(t.close(fd), "close frees the port");
            t.TST_EXP_PASS(t.sys(__NR_bind, fd2, sin(t, "127.0.0.1", 7000), 16), "now it is free");
        });
    }

    @Test
    void sendRecv_overLo_withAddressesPeekTrunc() {
        Ltp.run(t -> {
            t.TST_EXP_PASS(ifup(t, "lo"), "lo up");
            int srv = udpBound(t, "127.0.0.1", 5353);
            int cli = socket(t, AF_INET, SOCK_DGRAM, 0);
            t.TST_EXP_VAL(sendto(t, cli, "hello", 0, sin(t, "127.0.0.1", 5353)), 5, "sendto");
            String cn = inetName(t, __NR_getsockname, cli);
            t.TST_EXP_EXPR(cn.startsWith("0.0.0.0:"), "autobound on any address: " + cn);
            t.TST_EXP_VAL(sendto(t, cli, "world!", 0, sin(t, "127.0.0.1", 5353)), 6, "second");
            t.TST_EXP_EQ_STR(recv(t, srv, 100, MSG_PEEK), "hello", "peek");
            long from = t.buf(16);
            long fromlen = t.buf(4);
            t.sw(fromlen, 16);
            long a = t.buf(100);
            t.TST_EXP_VAL(t.sys(__NR_recvfrom, srv, a, 100, 0, from, fromlen), 5, "recvfrom");
            t.TST_EXP_EQ_STR(t.string(a, 5), "hello", "the data");
            t.TST_EXP_EQ_STR(sinString(t, from), "127.0.0.1:" + cn.substring(cn.indexOf(':') + 1), "the sender");
            t.TST_EXP_VAL(t.u32(fromlen), 16, "sizeof(struct sockaddr_in)");
            t.TST_EXP_EQ_STR(recv(t, srv, 3, MSG_TRUNC), "wor", "cut");
            t.TST_EXP_VAL(t.TST_RET, 6, "MSG_TRUNC gives the real length");
            t.TST_EXP_EQ_STR(recv(t, srv, 100, MSG_DONTWAIT), "EAGAIN", "nothing left");
            t.TST_EXP_VAL(poll(t, srv, POLLIN | POLLOUT), POLLOUT, "writable, not readable");
            sendto(t, cli, "x", 0, sin(t, "127.0.0.1", 5353));
            t.TST_EXP_VAL(poll(t, srv, POLLIN), POLLIN, "readable");
            t.TST_EXP_EQ_STR(recv(t, srv, 100, 0), "x", "read");
            t.TST_EXP_VAL(sendto(t, cli, "", 0, sin(t, "127.0.0.1", 0)), -EINVAL, "port 0");
            long big = t.c.mmap(0, 1 << 17, 3, 0x22);
            t.TST_EXP_VAL(t.sys(__NR_sendto, cli, big, 65508, 0, sin(t, "127.0.0.1", 5353), 16), -EMSGSIZE,
                    "65507 bytes fit 65535 with the headers, 65508 do not");
            t.TST_EXP_VAL(t.sys(__NR_sendto, cli, big, 65507, 0, sin(t, "127.0.0.1", 5353), 16), 65507, "the largest");
            t.TST_EXP_VAL(t.sys(__NR_recvfrom, srv, big, 1 << 17, 0, 0, 0), 65507, "received whole over lo's 64 KiB MTU");
            t.TST_EXP_VAL(sendto(t, cli, "x", 0, 0), -EDESTADDRREQ, "unconnected, no address");
            t.TST_EXP_VAL(sendto(t, cli, "x", 0, sin(t, "10.1.2.3", 9)), -ENETUNREACH, "no route");
        });
    }

    @Test
    void connect_portUnreachable_isEconnrefused() {
        Ltp.run(t -> {
            t.TST_EXP_PASS(ifup(t, "lo"), "lo up");
            int fd = socket(t, AF_INET, SOCK_DGRAM, 0);
            t.TST_EXP_PASS(t.sys(__NR_connect, fd, sin(t, "127.0.0.1", 9999), 16), "connect");
            t.TST_EXP_EQ_STR(inetName(t, __NR_getpeername, fd), "127.0.0.1:9999", "the peer");
            String me = inetName(t, __NR_getsockname, fd);
            t.TST_EXP_EXPR(me.startsWith("127.0.0.1:"), "source chosen by the route: " + me);
            t.TST_EXP_VAL(t.write(fd, "ping"), 4, "nobody listens, but the send succeeds");
            t.TST_EXP_EQ_STR(recv(t, fd, 10, MSG_DONTWAIT), "ECONNREFUSED", "the ICMP error arrives on the next call");
            t.TST_EXP_EQ_STR(recv(t, fd, 10, MSG_DONTWAIT), "EAGAIN", "reported once");
            t.TST_EXP_VAL(t.write(fd, "ping"), 4, "again");
            t.TST_EXP_VAL(t.write(fd, "ping"), -ECONNREFUSED, "a send reports it too");
            t.TST_EXP_PASS(t.sys(__NR_connect, fd, sin(t, 0, "0.0.0.0", 0), 16), "AF_UNSPEC disconnects");
            t.TST_EXP_EQ_STR(inetName(t, __NR_getpeername, fd), "ENOTCONN", "no peer");
            int un = socket(t, AF_INET, SOCK_DGRAM, 0);
            sendto(t, un, "x", 0, sin(t, "127.0.0.1", 9998));
            t.TST_EXP_EQ_STR(recv(t, un, 10, MSG_DONTWAIT), "EAGAIN", "an unconnected socket hears nothing");
        });
    }

    @Test
    void connectedSocket_onlyHearsItsPeer() {
        Ltp.run(t -> {
            t.TST_EXP_PASS(ifup(t, "lo"), "lo up");
            int a = udpBound(t, "127.0.0.1", 6001);
            int b = udpBound(t, "127.0.0.1", 6002);
            int c = udpBound(t, "127.0.0.1", 6003);
            t.TST_EXP_PASS(t.sys(__NR_connect, a, sin(t, "127.0.0.1", 6002), 16), "a -> b");
            sendto(t, c, "from c", 0, sin(t, "127.0.0.1", 6001));
            sendto(t, b, "from b", 0, sin(t, "127.0.0.1", 6001));
            t.TST_EXP_EQ_STR(recv(t, a, 100, MSG_DONTWAIT), "from b", "only the peer's datagram");
            t.TST_EXP_EQ_STR(recv(t, a, 100, MSG_DONTWAIT), "EAGAIN", "c's went elsewhere (port unreachable)");
            t.TST_EXP_EQ_STR(recv(t, c, 100, MSG_DONTWAIT), "EAGAIN", "c is unconnected: no error");
        });
    }

    @Test
    void pingSocket_echoOverLo() {
        Ltp.run(t -> {
            t.TST_EXP_PASS(ifup(t, "lo"), "lo up");
            int fd = socket(t, AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
            long req = t.buf(16);
            t.cpu.write(req, new byte[] {8, 0, 0, 0, 0x12, 0x34, 0, 7, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}, 0, 16);
            t.TST_EXP_VAL(t.sys(__NR_sendto, fd, req, 16, 0, sin(t, "127.0.0.1", 0), 16), 16, "echo request");
            long rep = t.buf(64);
            long from = t.buf(16);
            long fromlen = t.buf(4);
            t.sw(fromlen, 16);
            t.TST_EXP_VAL(t.sys(__NR_recvfrom, fd, rep, 64, 0, from, fromlen), 16, "echo reply");
            byte[] b = new byte[16];
            t.cpu.read(rep, b, 0, 16);
            t.TST_EXP_VAL(b[0], 0, "type echo reply");
            t.TST_EXP_VAL(b[7], 7, "the sequence");
            t.TST_EXP_EQ_STR(t.string(rep + 8, 8), "abcdefgh", "the payload");
            String id = inetName(t, __NR_getsockname, fd);
            t.TST_EXP_VAL((b[4] & 0xff) << 8 | (b[5] & 0xff), Integer.parseInt(id.substring(id.indexOf(':') + 1)),
                    "the identifier is the socket's");
            t.TST_EXP_EQ_STR(sinString(t, from), "127.0.0.1:0", "from lo");
            req = t.buf(8);
            t.cpu.write(req, new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, 0, 8);
            t.TST_EXP_VAL(t.sys(__NR_sendto, fd, req, 8, 0, sin(t, "127.0.0.1", 0), 16), -EINVAL, "only echo requests");
        });
    }

    @Test
    void loDown_noRoute() {
        Ltp.run(t -> {
            int fd = socket(t, AF_INET, SOCK_DGRAM, 0);
            t.TST_EXP_VAL(sendto(t, fd, "x", 0, sin(t, "127.0.0.1", 9)), -ENETUNREACH, "lo is down after boot");
            t.TST_EXP_FAIL(t.sys(__NR_bind, fd, sin(t, "127.0.0.1", 9), 16), EADDRNOTAVAIL, "no 127.0.0.1 yet");
        });
    }
}
