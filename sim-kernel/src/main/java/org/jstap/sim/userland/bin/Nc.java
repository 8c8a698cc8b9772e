package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/nc, OpenBSD netcat: the unix-domain mode, {@code nc -U PATH} connects a stream socket to
 * PATH, {@code nc -lU PATH} binds PATH, listens and accepts one connection; TCP, {@code nc HOST
 * PORT} connects and {@code nc -l [HOST] PORT} listens (SO_REUSEADDR) and accepts one connection; and UDP,
 * {@code nc -u HOST PORT} connects a datagram socket (each read of stdin is one datagram),
 * {@code nc -lu PORT} binds the port on any address and, like OpenBSD's, connects to the sender
 * of the first datagram. Then both copy stdin to the socket and the socket to stdout (ppoll on
 * the two, 64 KiB at a time) until the peer closes, or with {@code -w SECS} until nothing has
 * happened for that long. At the end of stdin, {@code -N} shuts the socket down for writing, so
 * the peer sees end of file; without it nc goes on reading the peer. A failure is
 * "nc: WHAT: strerror" and status 1 ("nc: connect to HOST port PORT (tcp) failed: Connection
 * refused" for a refused connect, as OpenBSD's says).
 *
 * <pre>{@code
 * nc -lU /tmp/s > got &   echo hi | nc -NU /tmp/s
 * nc -lu 9000 > got &     echo hi | nc -u -w1 127.0.0.1 9000
 * nc -l 8080 > got &       echo hi | nc -N 127.0.0.1 8080
 * }</pre>
 */
public final class Nc extends Program {
    static final int BUF = 65536;
    static final int POLLIN = 0x1;
    static final int POLLHUP = 0x10;
    static final int POLLERR = 0x8;

    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "lNUuw:");
        boolean listen = false;
        boolean shutdownOnEof = false;
        boolean unix = false;
        boolean udp = false;
        long timeoutNs = -1;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'l' -> listen = true;
                case 'N' -> shutdownOnEof = true;
                case 'U' -> unix = true;
                case 'u' -> udp = true;
                case 'w' -> timeoutNs = Long.parseLong(g.optarg()) * 1_000_000_000L;
                default -> {
                    return usage(p);
                }
            }
        }
        if (!unix) {
            return inet(p, g.operands(), listen, udp, shutdownOnEof, timeoutNs);
        }
        if (g.operands().size() != 1) {
            return usage(p);
        }
        String path = g.operands().get(0);
        Libc libc = p.libc;
        long s = libc.socket(Libc.AF_UNIX, Libc.SOCK_STREAM, 0);
        if (s < 0) {
            p.error("socket", s);
            return 1;
        }
        int fd = (int) s;
        if (listen) {
            long r = libc.bind_unix(fd, path);
            if (r == 0) {
                r = libc.listen(fd, 5);
            }
            if (r < 0) {
                p.error(path, r);
                return 1;
            }
            fd = accept_one(p, fd);
            if (fd < 0) {
                return 1;
            }
        } else {
            long r = libc.connect_unix(fd, path);
            if (r < 0) {
                p.error(path, r);
                return 1;
            }
        }
        int status = readwrite(p, fd, shutdownOnEof, -1);
        libc.close(fd);
        return status;
    }

    /** nc [-l] [-u] HOST PORT / nc -l [-u] PORT: AF_INET. */
    private static int inet(Proc p, java.util.List<String> ops, boolean listen, boolean udp, boolean shutdownOnEof,
            long timeoutNs) {
        Libc libc = p.libc;
        if (listen ? ops.size() != 1 && ops.size() != 2 : ops.size() != 2) {
            return usage(p);
        }
        String host = listen && ops.size() == 1 ? "0.0.0.0" : ops.get(0);
        String portArg = ops.get(ops.size() - 1);
        boolean[] ok = new boolean[1];
        int addr = Libc.inet_aton(host, ok);
        if (!ok[0]) {
            p.err().print("nc: getaddrinfo for host \"" + host + "\" port " + portArg
                    + ": Name or service not known\n");
            return 1;
        }
        int port;
        try {
            port = Integer.parseInt(portArg);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            p.err().print("nc: port number invalid: " + portArg + "\n");
            return 1;
        }
        long s = libc.socket(Libc.AF_INET, udp ? Libc.SOCK_DGRAM : Libc.SOCK_STREAM, 0);
        if (s < 0) {
            p.error("socket", s);
            return 1;
        }
        int fd = (int) s;
        long r;
        if (listen) {
            libc.setsockopt_int(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1);
            r = libc.bind_inet(fd, addr, port);
            if (r < 0) {
                p.error("bind failed", r);
                return 1;
            }
            if (!udp) {
                r = libc.listen(fd, 1);
                if (r < 0) {
                    p.error("listen", r);
                    return 1;
                }
                fd = accept_one(p, fd);
                if (fd < 0) {
                    return 1;
                }
                int status = readwrite(p, fd, shutdownOnEof, timeoutNs);
                libc.close(fd);
                return status;
            }
            // OpenBSD nc -lu: the first datagram names the peer, which the socket connects to
            long buf = libc.mmap(0, BUF, 3, 0x22);
            long from = libc.push(32);
            p.cpu.sd(from + 16, 16);
            do {
                r = libc.recvfrom(fd, buf, BUF, 0, from, from + 16);
            } while (r == -Errno.EINTR);
            if (r < 0) {
                p.error("recvfrom", r);
                return 1;
            }
            libc.write_all(1, buf, r);
            libc.connect(fd, from, 16);
            libc.munmap(buf, BUF);
        } else {
            r = libc.connect_inet(fd, addr, port);
            if (r < 0) {
                p.err().print("nc: connect to " + host + " port " + port + " (" + (udp ? "udp" : "tcp") + ") failed: "
                        + Errno.strerror(r) + "\n");
                return 1;
            }
        }
        int status = readwrite(p, fd, shutdownOnEof, timeoutNs);
        libc.close(fd);
        return status;
    }

    /** The first connection on listener {@code fd} (which is closed then, as OpenBSD nc -l serves one); -1 after an error. */
    private static int accept_one(Proc p, int fd) {
        long a;
        do {
            a = p.libc.accept(fd, 0, 0);
        } while (a == -Errno.EINTR);
        if (a < 0) {
            p.error("accept", a);
            return -1;
        }
        p.libc.close(fd);
        return (int) a;
    }

    private static int usage(Proc p) {
        p.err().print("usage: nc [-lNu] [-w timeout] [-U path | host port | port]\n");
        return 1;
    }

    /** readwrite: stdin to the socket and the socket to stdout, until the socket is done. */
    private static int readwrite(Proc p, int sock, boolean shutdownOnEof, long timeoutNs) {
        Libc libc = p.libc;
        long buf = libc.mmap(0, BUF, 3, 0x22);
        long fds = libc.push(32);
        if (timeoutNs >= 0) {
            p.cpu.sd(fds + 16, timeoutNs / 1_000_000_000L);
            p.cpu.sd(fds + 24, timeoutNs % 1_000_000_000L);
        }
        boolean stdinOpen = true;
        while (true) {
            // struct pollfd {fd, events, revents} for the socket, then stdin while it is open
            p.cpu.sd(fds, sock | ((long) POLLIN << 32));
            p.cpu.sd(fds + 8, stdinOpen ? (POLLIN & 0xffffffffL) << 32 : -1L & 0xffffffffL);
            long n = libc.ppoll(fds, stdinOpen ? 2 : 1, timeoutNs >= 0 ? fds + 16 : 0, 0, 8);
            if (n == -Errno.EINTR) {
                continue;
            }
            if (n == 0) {
                return 0;
            }
            if (n < 0) {
                p.error("poll", n);
                return 1;
            }
            int sockEvents = (int) (p.cpu.ld(fds) >>> 48) & 0xffff;
            int inEvents = stdinOpen ? (int) (p.cpu.ld(fds + 8) >>> 48) & 0xffff : 0;
            if ((sockEvents & (POLLIN | POLLHUP | POLLERR)) != 0) {
                long r = libc.read(sock, buf, BUF);
                if (r == -Errno.ECONNREFUSED) {
                    // a UDP peer's port unreachable: OpenBSD nc ignores it and goes on
                    continue;
                }
                if (r < 0) {
                    p.error("read", r);
                    return 1;
                }
                if (r == 0) {
                    return 0;
                }
                if (libc.write_all(1, buf, r) < 0) {
                    return 1;
                }
            }
            if ((inEvents & (POLLIN | POLLHUP | POLLERR)) != 0) {
                long r = libc.read(0, buf, BUF);
                if (r <= 0) {
                    stdinOpen = false;
                    if (shutdownOnEof) {
                        libc.shutdown(sock, Libc.SHUT_WR);
                    }
                } else {
                    long w = libc.write_all(sock, buf, r);
                    if (w < 0) {
                        p.error("write", w);
                        return 1;
                    }
                }
            }
        }
    }
}
