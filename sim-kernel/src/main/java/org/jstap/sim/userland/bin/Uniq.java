package org.jstap.sim.userland.bin;

import java.util.Objects;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stdio;

/**
 * /bin/uniq [INPUT [OUTPUT]]: one line of each run of equal adjacent lines; {@code -c} prefixes
 * the run's length ("%7d "), {@code -d} only repeated runs, {@code -u} only single lines,
 * {@code -i} ignores case.
 */
public final class Uniq extends Program {
    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "cdui");
        boolean count = false;
        boolean dups = false;
        boolean singles = false;
        boolean icase = false;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'c' -> count = true;
                case 'd' -> dups = true;
                case 'u' -> singles = true;
                case 'i' -> icase = true;
                default -> {
                    p.tryHelp();
                    return 1;
                }
            }
        }
        var ops = g.operands();
        if (ops.size() > 2) {
            p.error("extra operand " + Proc.quote(ops.get(2)));
            p.tryHelp();
            return 1;
        }
        String inName = ops.isEmpty() ? "-" : ops.get(0);
        long fd = inName.equals("-") ? 0 : p.libc.open(inName, Libc.O_RDONLY, 0);
        if (fd < 0) {
            p.error(Proc.quotef(inName), fd);
            return 1;
        }
        Stdio.Out out = p.out();
        if (ops.size() == 2 && !ops.get(1).equals("-")) {
            long ofd = p.libc.open(ops.get(1), Libc.O_WRONLY | Libc.O_CREAT | Libc.O_TRUNC, 0666);
            if (ofd < 0) {
                p.error(Proc.quotef(ops.get(1)), ofd);
                return 1;
            }
            out = new Stdio.Out(p.libc, (int) ofd, Stdio.Buffering.FULL);
        }
        Stdio.In in = new Stdio.In(p.libc, (int) fd);
        String prev = null;
        long run = 0;
        while (true) {
            String line = in.readLine();
            String text = line == null ? null : line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            boolean same = text != null && prev != null
                    && (icase ? prev.equalsIgnoreCase(text) : Objects.equals(prev, text));
            if (same) {
                run++;
                continue;
            }
            if (prev != null && (!dups || run > 1) && (!singles || run == 1)) {
                out.print((count ? String.format("%7d ", run) : "") + prev + "\n");
            }
            if (text == null) {
                break;
            }
            prev = text;
            run = 1;
        }
        in.release();
        if (out != p.out()) {
            out.release();
            p.libc.close(out.fd());
        }
        return 0;
    }
}
