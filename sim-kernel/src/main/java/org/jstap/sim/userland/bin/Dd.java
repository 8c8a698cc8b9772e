package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.CFormat;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/dd if= of= bs= count= skip= seek=: blocks of bs bytes (512 by default) read(2) into one
 * user buffer and written out; on stderr, coreutils' "N+M records in/out" (full + partial
 * blocks) and "B bytes (..) copied, T s, R/s", timed with CLOCK_MONOTONIC.
 */
public final class Dd extends Program {
    @Override
    protected int main(Proc p) {
        String in = null;
        String out = null;
        long bs = 512;
        long count = -1;
        long skip = 0;
        long seek = 0;
        for (String a : p.args()) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                p.error("unrecognized operand " + Proc.quote(a));
                p.tryHelp();
                return 1;
            }
            String k = a.substring(0, eq);
            String v = a.substring(eq + 1);
            try {
                switch (k) {
                    case "if" -> in = v;
                    case "of" -> out = v;
                    case "bs", "ibs", "obs" -> bs = size(v);
                    case "count" -> count = size(v);
                    case "skip" -> skip = size(v);
                    case "seek" -> seek = size(v);
                    case "status", "conv", "iflag", "oflag" -> { }
                    default -> {
                        p.error("unrecognized operand " + Proc.quote(a));
                        p.tryHelp();
                        return 1;
                    }
                }
            } catch (NumberFormatException e) {
                p.error("invalid number: " + Proc.quote(v));
                return 1;
            }
        }
        if (bs <= 0) {
            p.error("invalid number: " + Proc.quote(String.valueOf(bs)));
            return 1;
        }
        Libc libc = p.libc;
        long[] t0 = new long[2];
        libc.clock_gettime(Libc.CLOCK_MONOTONIC, t0);
        int ifd = 0;
        int ofd = 1;
        if (in != null) {
            long r = libc.open(in, Libc.O_RDONLY, 0);
            if (r < 0) {
                p.error("failed to open " + Proc.quote(in), r);
                return 1;
            }
            ifd = (int) r;
        }
        if (out != null) {
            long r = libc.open(out, Libc.O_WRONLY | Libc.O_CREAT | (seek == 0 ? Libc.O_TRUNC : 0), 0666);
            if (r < 0) {
                p.error("failed to open " + Proc.quote(out), r);
                return 1;
            }
            ofd = (int) r;
        }
        long buf = libc.mmap(0, bs, 3, 0x22);
        if (buf < 0) {
            p.error("memory exhausted by input buffer of size " + bs + " bytes");
            return 1;
        }
        int status = 0;
        if (skip > 0 && libc.lseek(ifd, skip * bs, Libc.SEEK_SET) < 0) {
            for (long i = 0; i < skip; i++) {
                if (libc.read(ifd, buf, bs) <= 0) {
                    break;
                }
            }
        }
        if (seek > 0) {
            libc.lseek(ofd, seek * bs, Libc.SEEK_SET);
        }
        long fullIn = 0;
        long partIn = 0;
        long fullOut = 0;
        long partOut = 0;
        long bytes = 0;
        while (count < 0 || fullIn + partIn < count) {
            long n = libc.read(ifd, buf, bs);
            if (n == -4) {
                continue;
            }
            if (n < 0) {
                p.error("error reading " + Proc.quote(in == null ? "standard input" : in), n);
                status = 1;
                break;
            }
            if (n == 0) {
                break;
            }
            if (n == bs) {
                fullIn++;
            } else {
                partIn++;
            }
            long w = libc.write_all(ofd, buf, n);
            if (w < 0) {
                p.error("error writing " + Proc.quote(out == null ? "standard output" : out), w);
                status = 1;
                break;
            }
            if (w == bs) {
                fullOut++;
            } else {
                partOut++;
            }
            bytes += w;
        }
        if (out != null) {
            libc.close(ofd);
        }
        long[] t1 = new long[2];
        libc.clock_gettime(Libc.CLOCK_MONOTONIC, t1);
        double secs = (t1[0] - t0[0]) + (t1[1] - t0[1]) / 1e9;
        p.err().print(report(fullIn, partIn, fullOut, partOut, bytes, secs));
        return status;
    }

    /** The three lines dd prints at the end. */
    static String report(long fullIn, long partIn, long fullOut, long partOut, long bytes, double secs) {
        StringBuilder s = new StringBuilder();
        s.append(fullIn).append('+').append(partIn).append(" records in\n");
        s.append(fullOut).append('+').append(partOut).append(" records out\n");
        s.append(bytes).append(bytes == 1 ? " byte" : " bytes");
        if (bytes >= 1000) {
            s.append(" (").append(human(bytes, 1000, false)).append(", ").append(human(bytes, 1024, true)).append(')');
        }
        s.append(" copied, ").append(CFormat.g(secs, 6, false)).append(" s, ");
        s.append(secs > 0 ? human(bytes / secs, 1000, false) : "Infinity B").append("/s\n");
        return s.toString();
    }

    /** coreutils' human_readable with autoscale: "1.0 MB", "853 kB", "16 MiB". */
    static String human(double v, int base, boolean iec) {
        String[] si = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        String[] bi = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        while (v >= base && u < 6) {
            v /= base;
            u++;
        }
        String num;
        if (u == 0) {
            num = String.valueOf(Math.round(v));
        } else if (v < 10) {
            double r = Math.round(v * 10) / 10.0;
            if (r >= 10) {
                num = "10";
            } else {
                num = String.format("%.1f", r);
            }
        } else {
            num = String.valueOf(Math.round(v));
        }
        return num + " " + (iec ? bi : si)[u];
    }

    /** A number with dd's suffixes: c w b K M G kB MB GB, and NxM products. */
    static long size(String v) {
        int x = v.indexOf('x');
        if (x > 0) {
            return size(v.substring(0, x)) * size(v.substring(x + 1));
        }
        String[][] suffixes = {{"kB", "1000"}, {"MB", "1000000"}, {"GB", "1000000000"}, {"KiB", "1024"},
            {"MiB", "1048576"}, {"GiB", "1073741824"}, {"K", "1024"}, {"k", "1024"}, {"M", "1048576"},
            {"G", "1073741824"}, {"c", "1"}, {"w", "2"}, {"b", "512"}};
        for (String[] s : suffixes) {
            if (v.endsWith(s[0]) && v.length() > s[0].length()) {
                return Long.parseLong(v.substring(0, v.length() - s[0].length())) * Long.parseLong(s[1]);
            }
        }
        return Long.parseLong(v);
    }
}
