package org.jstap.sim.userland.bin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stdio;

/**
 * /bin/head and /bin/tail ({@code tail} when constructed so): the first or last {@code -n N}
 * lines (10 by default; {@code -N} too; tail's {@code -n +N} starts at line N), with "==> f <=="
 * headers when there are several files.
 */
public final class Head extends Program {
    private final boolean tail;

    public Head(boolean tail) {
        this.tail = tail;
    }

    @Override
    protected int main(Proc p) {
        List<String> args = new ArrayList<>(p.args());
        if (!args.isEmpty() && args.get(0).matches("-[0-9]+")) {
            args.set(0, "-n" + args.get(0).substring(1));
        }
        Getopt g = new Getopt(p, "n:c:qv", args);
        String count = "10";
        boolean bytes = false;
        boolean quiet = false;
        boolean verbose = false;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'n' -> {
                    count = g.optarg();
                    bytes = false;
                }
                case 'c' -> {
                    count = g.optarg();
                    bytes = true;
                }
                case 'q' -> quiet = true;
                case 'v' -> verbose = true;
                default -> {
                    p.tryHelp();
                    return 1;
                }
            }
        }
        boolean fromStart = tail && count.startsWith("+");
        long n;
        try {
            n = Long.parseLong(count.startsWith("+") || count.startsWith("-") ? count.substring(1) : count);
        } catch (NumberFormatException e) {
            p.error("invalid number of " + (bytes ? "bytes" : "lines") + ": " + Proc.quote(count));
            return 1;
        }
        List<String> files = g.operands().isEmpty() ? List.of("-") : g.operands();
        boolean headers = verbose || (files.size() > 1 && !quiet);
        int status = 0;
        boolean first = true;
        Stdio.Out out = p.out();
        for (String f : files) {
            long fd = f.equals("-") ? 0 : p.libc.open(f, Libc.O_RDONLY, 0);
            if (fd < 0) {
                p.error("cannot open " + Proc.quote(f) + " for reading", fd);
                status = 1;
                continue;
            }
            if (headers) {
                out.print((first ? "" : "\n") + "==> " + (f.equals("-") ? "standard input" : f) + " <==\n");
            }
            first = false;
            Stdio.In in = new Stdio.In(p.libc, (int) fd);
            if (bytes) {
                copyBytes(in, out, n, tail, fromStart);
            } else if (!tail) {
                for (long i = 0; i < n; i++) {
                    String line = in.readLine();
                    if (line == null) {
                        break;
                    }
                    out.print(line);
                }
            } else if (fromStart) {
                long i = 1;
                for (String line; (line = in.readLine()) != null; i++) {
                    if (i >= n) {
                        out.print(line);
                    }
                }
            } else {
                ArrayDeque<String> last = new ArrayDeque<>();
                for (String line; (line = in.readLine()) != null;) {
                    last.addLast(line);
                    if (last.size() > n) {
                        last.removeFirst();
                    }
                }
                for (String line : last) {
                    out.print(line);
                }
            }
            if (in.error() != 0) {
                p.error("error reading " + Proc.quote(f), in.error());
                status = 1;
            }
            in.release();
            if (fd != 0) {
                p.libc.close((int) fd);
            }
        }
        return status;
    }

    /** head -c N (the first N bytes), tail -c N (the last N), tail -c +N (from byte N). */
    private static void copyBytes(Stdio.In in, Stdio.Out out, long n, boolean tail, boolean fromStart) {
        byte[] b = new byte[Stdio.BUFSIZ];
        if (!tail || fromStart) {
            long skip = tail ? Math.max(0, n - 1) : 0;
            long left = tail ? Long.MAX_VALUE : n;
            for (int k; left > 0 && (k = in.read(b, 0, b.length)) > 0;) {
                int from = (int) Math.min(skip, k);
                skip -= from;
                int len = (int) Math.min(left, k - from);
                out.write(b, from, len);
                left -= len;
            }
            return;
        }
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int k; (k = in.read(b, 0, b.length)) > 0;) {
            all.write(b, 0, k);
        }
        byte[] data = all.toByteArray();
        int start = (int) Math.max(0, data.length - n);
        out.write(data, start, data.length - start);
    }
}
