package org.jstap.sim.userland.bin;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stat;

/**
 * /bin/wc: lines, words and bytes ({@code -l -w -c}, {@code -m} characters = bytes here), with
 * coreutils' column width: the digits of the regular files' total size, at least 7 when an input
 * is not a regular file, and no padding for a single count of a single input.
 */
public final class Wc extends Program {
    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "lwcmL");
        boolean lines = false;
        boolean words = false;
        boolean bytes = false;
        boolean chars = false;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'l' -> lines = true;
                case 'w' -> words = true;
                case 'c' -> bytes = true;
                case 'm' -> chars = true;
                default -> {
                    p.tryHelp();
                    return 1;
                }
            }
        }
        if (!lines && !words && !bytes && !chars) {
            lines = words = bytes = true;
        }
        List<String> files = g.operands().isEmpty() ? List.of("-") : g.operands();
        Libc libc = p.libc;
        int n = files.size();
        long[] fds = new long[n];
        Stat[] st = new Stat[n];
        int counts = (lines ? 1 : 0) + (words ? 1 : 0) + (bytes ? 1 : 0) + (chars ? 1 : 0);
        // open and fstat every input first, as wc does to size its columns
        int width = 1;
        boolean firstOk = false;
        long regular = 0;
        int minimum = 1;
        for (int i = 0; i < n; i++) {
            String f = files.get(i);
            fds[i] = f.equals("-") ? 0 : libc.open(f, Libc.O_RDONLY, 0);
            if (fds[i] >= 0) {
                st[i] = new Stat();
                if (libc.fstat((int) fds[i], st[i]) < 0) {
                    st[i] = null;
                }
            }
            if (i == 0) {
                firstOk = fds[0] >= 0 && st[0] != null;
            }
            if (st[i] != null) {
                if (st[i].isReg()) {
                    regular += st[i].st_size;
                } else {
                    minimum = 7;
                }
            }
        }
        if (firstOk && !(n == 1 && counts == 1)) {
            for (; regular >= 10; regular /= 10) {
                width++;
            }
            width = Math.max(width, minimum);
        }
        long[] total = new long[4];
        int status = 0;
        List<String> out = new ArrayList<>();
        long buf = libc.mmap(0, Cat.BUF, 3, 0x22);
        byte[] data = new byte[Cat.BUF];
        for (int i = 0; i < n; i++) {
            String f = files.get(i);
            if (fds[i] < 0) {
                p.error(Proc.quotef(f), fds[i]);
                status = 1;
                continue;
            }
            long[] c = new long[4];
            boolean inWord = false;
            while (true) {
                long r = libc.read((int) fds[i], buf, Cat.BUF);
                if (r < 0) {
                    p.error(Proc.quotef(f), r);
                    status = 1;
                    break;
                }
                if (r == 0) {
                    break;
                }
                p.cpu.read(buf, data, 0, (int) r);
                c[3] += r;
                for (int j = 0; j < r; j++) {
                    int b = data[j] & 0xff;
                    if (b == '\n') {
                        c[0]++;
                    }
                    boolean space = b == ' ' || (b >= 9 && b <= 13);
                    if (space) {
                        inWord = false;
                    } else if (!inWord) {
                        inWord = true;
                        c[1]++;
                    }
                }
            }
            c[2] = c[3];
            if (fds[i] != 0) {
                libc.close((int) fds[i]);
            }
            for (int k = 0; k < 4; k++) {
                total[k] += c[k];
            }
            p.out().print(line(c, lines, words, chars, bytes, width, f.equals("-") && g.operands().isEmpty() ? null : f));
        }
        if (n > 1) {
            p.out().print(line(total, lines, words, chars, bytes, width, "total"));
        }
        return status;
    }

    private static String line(long[] c, boolean lines, boolean words, boolean chars, boolean bytes, int width,
            String name) {
        StringBuilder s = new StringBuilder();
        long[] v = {c[0], c[1], c[2], c[3]};
        boolean[] on = {lines, words, chars, bytes};
        for (int k = 0; k < 4; k++) {
            if (on[k]) {
                if (!s.isEmpty()) {
                    s.append(' ');
                }
                s.append(String.format("%" + width + "d", v[k]));
            }
        }
        if (name != null) {
            s.append(' ').append(name);
        }
        return s.append('\n').toString();
    }
}
