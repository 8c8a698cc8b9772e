package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/ping, iputils' ping over an ICMP echo socket (socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP),
 * the kind iputils uses unprivileged): echo requests of 56 data bytes once per interval, each
 * reply printed as "64 bytes from A: icmp_seq=N ttl=T time=X ms" (the TTL from the IP_TTL
 * control message, the time from CLOCK_MONOTONIC: virtual time), then iputils' statistics.
 * {@code -c N} stops after N requests, {@code -i S} is the interval (seconds), {@code -W S}
 * how long to wait for the last reply (10), {@code -q} prints only the summary. The status is 0
 * if a reply came, 1 if none did, 2 on an error ("ping: connect: Network is unreachable").
 *
 * <pre>{@code
 * ping -c 2 127.0.0.1
 * }</pre>
 */
public final class Ping extends Program {
    static final int DATALEN = 56;
    static final int ICMP_ECHOREPLY = 0;
    static final int CLOCK_MONOTONIC = 1;
    static final int POLLIN = 1;

    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "c:i:W:q");
        long count = -1;
        long intervalUs = 1_000_000;
        long waitUs = 10_000_000;
        boolean quiet = false;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'c' -> count = Long.parseLong(g.optarg());
                case 'i' -> intervalUs = (long) (Double.parseDouble(g.optarg()) * 1_000_000);
                case 'W' -> waitUs = (long) (Double.parseDouble(g.optarg()) * 1_000_000);
                case 'q' -> quiet = true;
                default -> {
                    return 2;
                }
            }
        }
        if (g.operands().size() != 1) {
            p.err().print("ping: usage error: Destination address required\n");
            return 1;
        }
        String host = g.operands().get(0);
        boolean[] ok = new boolean[1];
        int daddr = Libc.inet_aton(host, ok);
        if (!ok[0]) {
            p.err().print("ping: " + host + ": Name or service not known\n");
            return 2;
        }
        Libc libc = p.libc;
        long s = libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM, Libc.IPPROTO_ICMP);
        if (s < 0) {
            p.err().print("ping: socket: " + Errno.strerror(s) + "\n");
            return 2;
        }
        int fd = (int) s;
        libc.setsockopt_int(fd, Libc.SOL_IP, Libc.IP_RECVTTL, 1);
        // iputils connects a probe socket first to learn the route: its errors are "connect: ..."
        long r = libc.connect_inet(fd, daddr, 0);
        if (r < 0) {
            p.err().print("ping: connect: " + Errno.strerror(r) + "\n");
            return 2;
        }
        libc.connect(fd, libc.push_bytes(new byte[16]), 16);
        p.out().printf("PING %s (%s) %d(%d) bytes of data.\n", host, host, DATALEN, DATALEN + 28);
        p.out().flush();
        Stats st = new Stats();
        long start = libc.clock_gettime_ns(CLOCK_MONOTONIC);
        long buf = libc.mmap(0, 4096, 3, 0x22);
        long[] sent = new long[(int) Math.min(Math.max(count, 1), 1 << 16) + 1];
        for (int seq = 1; count < 0 || seq <= count; seq++) {
            long now = libc.clock_gettime_ns(CLOCK_MONOTONIC);
            sent[seq % sent.length] = now;
            long e = send_echo(p, fd, buf, daddr, seq);
            if (e < 0) {
                p.err().print("ping: sendmsg: " + Errno.strerror(e) + "\n");
                st.errors++;
            } else {
                st.transmitted++;
            }
            boolean last = count >= 0 && seq == count;
            long deadline = now + (last ? waitUs : intervalUs) * 1000;
            while (true) {
                if (last && st.received >= st.transmitted) {
                    break;
                }
                long left = deadline - libc.clock_gettime_ns(CLOCK_MONOTONIC);
                if (left <= 0) {
                    break;
                }
                if (!wait_reply(p, fd, left)) {
                    continue;
                }
                receive(p, fd, buf, host, sent, st, quiet);
            }
        }
        long elapsed = libc.clock_gettime_ns(CLOCK_MONOTONIC) - start;
        statistics(p, host, st, elapsed);
        return st.received > 0 ? 0 : 1;
    }

    /** What iputils counts: packets, and the round trips in microseconds. */
    private static final class Stats {
        long transmitted;
        long received;
        long errors;
        long tmin = Long.MAX_VALUE;
        long tmax;
        long tsum;
        long tsum2;
    }

    /** An echo request: type 8, code 0, id (the kernel's), seq, then the data bytes 0, 1, 2... */
    private static long send_echo(Proc p, int fd, long buf, int daddr, int seq) {
        byte[] pkt = new byte[8 + DATALEN];
        pkt[0] = 8;
        pkt[6] = (byte) (seq >>> 8);
        pkt[7] = (byte) seq;
        for (int i = 0; i < DATALEN; i++) {
            pkt[8 + i] = (byte) i;
        }
        p.cpu.write(buf, pkt, 0, pkt.length);
        return p.libc.sendto_inet(fd, buf, pkt.length, 0, daddr, 0);
    }

    /** ppoll on the socket for {@code ns}: whether it is readable. */
    private static boolean wait_reply(Proc p, int fd, long ns) {
        Libc libc = p.libc;
        long fds = libc.push(32);
        p.cpu.sd(fds, fd | ((long) POLLIN << 32));
        p.cpu.sd(fds + 16, ns / 1_000_000_000L);
        p.cpu.sd(fds + 24, ns % 1_000_000_000L);
        long n = libc.ppoll(fds, 1, fds + 16, 0, 8);
        boolean ready = n > 0 && ((p.cpu.ld(fds) >>> 48) & POLLIN) != 0;
        libc.pop(fds, 32);
        return ready;
    }

    /** recvmsg with room for the IP_TTL control message; a reply to one of ours is printed. */
    private static void receive(Proc p, int fd, long buf, String host, long[] sent, Stats st, boolean quiet) {
        Libc libc = p.libc;
        long data = buf + 1024;
        long from = buf + 2048;
        long ctl = buf + 2100;
        long iov = buf + 2200;
        long msg = buf + 2300;
        p.cpu.sd(iov, data);
        p.cpu.sd(iov + 8, 1024);
        p.cpu.sd(msg, from);
        p.cpu.sd(msg + 8, 16);
        p.cpu.sd(msg + 16, iov);
        p.cpu.sd(msg + 24, 1);
        p.cpu.sd(msg + 32, ctl);
        p.cpu.sd(msg + 40, 64);
        p.cpu.sd(msg + 48, 0);
        long n = libc.recvmsg(fd, msg, Libc.MSG_DONTWAIT);
        if (n < 8) {
            return;
        }
        long now = libc.clock_gettime_ns(CLOCK_MONOTONIC);
        byte[] h = new byte[8];
        p.cpu.read(data, h, 0, 8);
        if ((h[0] & 0xff) != ICMP_ECHOREPLY) {
            return;
        }
        int seq = (h[6] & 0xff) << 8 | (h[7] & 0xff);
        int ttl = -1;
        long ctllen = p.cpu.ld(msg + 40);
        if (ctllen >= 20 && p.cpu.ld(ctl + 8) == (Libc.SOL_IP | (long) Libc.IP_TTL << 32)) {
            ttl = (int) p.cpu.ld(ctl + 16);
        }
        long triptime = (now - sent[seq % sent.length]) / 1000;
        st.received++;
        st.tsum += triptime;
        st.tsum2 += triptime * triptime;
        st.tmin = Math.min(st.tmin, triptime);
        st.tmax = Math.max(st.tmax, triptime);
        if (!quiet) {
            byte[] f = new byte[8];
            p.cpu.read(from, f, 0, 8);
            String src = (f[4] & 0xff) + "." + (f[5] & 0xff) + "." + (f[6] & 0xff) + "." + (f[7] & 0xff);
            p.out().printf("%d bytes from %s: icmp_seq=%d ttl=%d%s\n", n, src, seq, ttl, time(triptime));
            p.out().flush();
        }
    }

    /** iputils' " time=..." with as many decimals as the size allows. */
    static String time(long triptime) {
        if (triptime >= 100000 - 50) {
            return String.format(" time=%d ms", (triptime + 500) / 1000);
        } else if (triptime >= 10000 - 5) {
            return String.format(" time=%d.%01d ms", (triptime + 50) / 1000, ((triptime + 50) % 1000) / 100);
        } else if (triptime >= 1000) {
            return String.format(" time=%d.%02d ms", (triptime + 5) / 1000, ((triptime + 5) % 1000) / 10);
        }
        return String.format(" time=%d.%03d ms", triptime / 1000, triptime % 1000);
    }

    /** iputils' finish(): the statistics block. */
    private static void statistics(Proc p, String host, Stats st, long elapsedNs) {
        StringBuilder out = new StringBuilder();
        out.append("\n--- ").append(host).append(" ping statistics ---\n");
        out.append(st.transmitted).append(" packets transmitted, ").append(st.received).append(" received");
        if (st.errors != 0) {
            out.append(", +").append(st.errors).append(" errors");
        }
        if (st.transmitted != 0) {
            double loss = (st.transmitted - st.received) * 100.0 / st.transmitted;
            out.append(", ").append(org.jstap.sim.userland.CFormat.g((float) loss, 6, false)).append("% packet loss");
            out.append(", time ").append((elapsedNs + 500_000) / 1_000_000).append("ms");
        }
        out.append('\n');
        if (st.received != 0) {
            long total = st.received;
            long tmavg = st.tsum / total;
            long tmvar = (st.tsum2 - (st.tsum * st.tsum) / total) / total;
            long tmdev = (long) Math.sqrt((double) tmvar);
            out.append(String.format("rtt min/avg/max/mdev = %d.%03d/%d.%03d/%d.%03d/%d.%03d ms", st.tmin / 1000,
                    st.tmin % 1000, tmavg / 1000, tmavg % 1000, st.tmax / 1000, st.tmax % 1000, tmdev / 1000,
                    tmdev % 1000));
        }
        out.append('\n');
        p.out().print(out.toString());
    }
}
