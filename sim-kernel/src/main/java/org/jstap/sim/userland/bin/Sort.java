package org.jstap.sim.userland.bin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stdio;

/**
 * /bin/sort: lines in byte order (the C locale), {@code -n} by leading number, {@code -r}
 * reversed, {@code -u} one of each run of equal keys; ties fall back to the whole line, as in
 * coreutils. {@code -o FILE} writes the result there.
 */
public final class Sort extends Program {
    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "rnufo:");
        boolean reverse = false;
        boolean numeric = false;
        boolean unique = false;
        boolean fold = false;
        String output = null;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'r' -> reverse = true;
                case 'n' -> numeric = true;
                case 'u' -> unique = true;
                case 'f' -> fold = true;
                case 'o' -> output = g.optarg();
                default -> {
                    p.tryHelp();
                    return 2;
                }
            }
        }
        List<String> lines = new ArrayList<>();
        List<String> files = g.operands().isEmpty() ? List.of("-") : g.operands();
        for (String f : files) {
            long fd = f.equals("-") ? 0 : p.libc.open(f, Libc.O_RDONLY, 0);
            if (fd < 0) {
                p.error("cannot read: " + Proc.quotef(f), fd);
                return 2;
            }
            Stdio.In in = new Stdio.In(p.libc, (int) fd);
            for (String line; (line = in.readLine()) != null;) {
                lines.add(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
            }
            if (in.error() != 0) {
                p.error("read failed: " + Proc.quotef(f), in.error());
                return 2;
            }
            in.release();
            if (fd != 0) {
                p.libc.close((int) fd);
            }
        }
        boolean f = fold;
        Comparator<String> key = numeric ? Comparator.comparing(Sort::number)
                : (a, b) -> f ? a.toUpperCase().compareTo(b.toUpperCase()) : a.compareTo(b);
        Comparator<String> whole = unique ? key : key.thenComparing(Comparator.naturalOrder());
        Comparator<String> order = reverse ? whole.reversed() : whole;
        lines.sort(order);
        Stdio.Out out = p.out();
        if (output != null) {
            long fd = p.libc.open(output, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_TRUNC, 0666);
            if (fd < 0) {
                p.error("open failed: " + Proc.quotef(output), fd);
                return 2;
            }
            out = new Stdio.Out(p.libc, (int) fd, Stdio.Buffering.FULL);
        }
        String prev = null;
        for (String line : lines) {
            if (unique && prev != null && key.compare(prev, line) == 0) {
                continue;
            }
            out.print(line + "\n");
            prev = line;
        }
        if (output != null) {
            out.release();
            p.libc.close(out.fd());
        }
        return 0;
    }

    /** The number at the start of a line (blanks, sign, digits, a fraction); 0 when there is none. */
    static BigDecimal number(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        int start = i;
        if (i < line.length() && line.charAt(i) == '-') {
            i++;
        }
        int digits = i;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        if (i < line.length() && line.charAt(i) == '.') {
            i++;
            while (i < line.length() && Character.isDigit(line.charAt(i))) {
                i++;
            }
        }
        String s = line.substring(start, i);
        if (i == digits || s.equals("-") || s.equals(".") || s.equals("-.")) {
            return BigDecimal.ZERO;
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith(".") || s.startsWith("-.")) {
            s = s.replace(".", "0.");
        }
        return new BigDecimal(s);
    }
}
