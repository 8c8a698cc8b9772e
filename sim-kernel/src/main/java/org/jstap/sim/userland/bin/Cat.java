package org.jstap.sim.userland.bin;

import java.util.List;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/cat: copies each file (or stdin for none or "-") to stdout through one 64 KiB buffer in
 * user memory, read(2) to write(2) with no copy into the program; {@code -n} numbers lines.
 */
public final class Cat extends Program {
    static final int BUF = 65536;

    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "nu");
        boolean number = false;
        for (int c; (c = g.next()) != -1;) {
            if (c == 'n') {
                number = true;
            } else if (c != 'u') {
                p.tryHelp();
                return 1;
            }
        }
        List<String> files = g.operands().isEmpty() ? List.of("-") : g.operands();
        Libc libc = p.libc;
        long buf = libc.mmap(0, BUF, 3, 0x22);
        int status = 0;
        long[] line = {1};
        boolean[] atStart = {true};
        for (String f : files) {
            long fd = f.equals("-") ? 0 : libc.open(f, Libc.O_RDONLY, 0);
            if (fd < 0) {
                p.error(Proc.quotef(f), fd);
                status = 1;
                continue;
            }
            while (true) {
                long n = libc.read((int) fd, buf, BUF);
                if (n == 0) {
                    break;
                }
                if (n < 0) {
                    p.error(Proc.quotef(f), n);
                    status = 1;
                    break;
                }
                long w;
                if (number) {
                    w = numbered(p, buf, (int) n, line, atStart);
                } else {
                    w = libc.write_all(1, buf, n);
                }
                if (w < 0) {
                    p.error("write error", w);
                    return 1;
                }
            }
            if (fd != 0) {
                libc.close((int) fd);
            }
        }
        return status;
    }

    /** cat -n: each line after a "%6d\t" number, through stdio. */
    private static long numbered(Proc p, long buf, int n, long[] line, boolean[] atStart) {
        byte[] b = new byte[n];
        p.cpu.read(buf, b, 0, n);
        var out = p.out();
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (atStart[0]) {
                out.print(String.format("%6d\t", line[0]++));
                atStart[0] = false;
            }
            if (b[i] == '\n') {
                out.write(b, start, i + 1 - start);
                start = i + 1;
                atStart[0] = true;
            }
        }
        out.write(b, start, n - start);
        return out.error() == 0 ? 0 : -out.error();
    }
}
