package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/nc, OpenBSD netcat's unix-domain mode: {@code nc -U PATH} connects a stream socket to
 * PATH, {@code nc -lU PATH} binds PATH, listens and accepts one connection; then both copy
 * stdin to the socket and the socket to stdout (ppoll on the two, 64 KiB at a time) until the
 * peer closes. At the end of stdin, {@code -N} shuts the socket down for writing, so the peer
 * sees end of file; without it nc goes on reading the peer. A failure is "nc: PATH: strerror"
 * and status 1. (TCP and UDP, "nc host port", belong to the inet family, which is not there yet.)
 *
 * <pre>{@code
 * nc -lU /tmp/s > got &   echo hi | nc -NU /tmp/s
 * }</pre>
 */
public final class Nc extends Program {
    static final int BUF = 65536;
    static final int POLLIN = 0x1;
    static final int POLLHUP = 0x10;
    static final int POLLERR = 0x8;

    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "lNU");
        boolean listen = false;
        boolean shutdownOnEof = false;
        boolean unix = false;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'l' -> listen = true;
                case 'N' -> shutdownOnEof = true;
                case 'U' -> unix = true;
                default -> {
                    return usage(p);
                }
            }
        }
        if (!unix || g.operands().size() != 1) {
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
            long a;
            do {
                a = libc.accept(fd, 0, 0);
            } while (a == -Errno.EINTR);
            if (a < 0) {
                p.error("accept", a);
                return 1;
            }
            libc.close(fd);
            fd = (int) a;
        } else {
            long r = libc.connect_unix(fd, path);
            if (r < 0) {
                p.error(path, r);
                return 1;
            }
        }
        int status = readwrite(p, fd, shutdownOnEof);
        libc.close(fd);
        return status;
    }

    private static int usage(Proc p) {
        p.err().print("usage: nc [-lN] -U path\n");
        return 1;
    }

    /** readwrite: stdin to the socket and the socket to stdout, until the socket is done. */
    private static int readwrite(Proc p, int sock, boolean shutdownOnEof) {
        Libc libc = p.libc;
        long buf = libc.mmap(0, BUF, 3, 0x22);
        long fds = libc.push(16);
        boolean stdinOpen = true;
        while (true) {
            // struct pollfd {fd, events, revents} for the socket, then stdin while it is open
            p.cpu.sd(fds, sock | ((long) POLLIN << 32));
            p.cpu.sd(fds + 8, stdinOpen ? (POLLIN & 0xffffffffL) << 32 : -1L & 0xffffffffL);
            long n = libc.ppoll(fds, stdinOpen ? 2 : 1, 0, 0, 8);
            if (n == -Errno.EINTR) {
                continue;
            }
            if (n < 0) {
                p.error("poll", n);
                return 1;
            }
            int sockEvents = (int) (p.cpu.ld(fds) >>> 48) & 0xffff;
            int inEvents = stdinOpen ? (int) (p.cpu.ld(fds + 8) >>> 48) & 0xffff : 0;
            if ((sockEvents & (POLLIN | POLLHUP | POLLERR)) != 0) {
                long r = libc.read(sock, buf, BUF);
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
