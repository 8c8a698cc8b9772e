package org.jstap.sim.userland.bin;

import java.util.List;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stat;

/** /bin/ln TARGET LINK, ln TARGET... DIR: linkat, or symlinkat with {@code -s}; {@code -f} replaces. */
public final class Ln extends Program {
    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "sfnv");
        boolean symbolic = false;
        boolean force = false;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 's' -> symbolic = true;
                case 'f' -> force = true;
                case 'n', 'v' -> { }
                default -> {
                    p.tryHelp();
                    return 1;
                }
            }
        }
        List<String> ops = g.operands();
        if (ops.isEmpty()) {
            p.error("missing file operand");
            p.tryHelp();
            return 1;
        }
        String last = ops.get(ops.size() - 1);
        Stat st = new Stat();
        boolean dir = ops.size() > 1 && p.libc.stat(last, st) == 0 && st.isDir();
        List<String> targets = ops.size() == 1 ? ops : ops.subList(0, ops.size() - 1);
        if (ops.size() > 2 && !dir) {
            p.error("target " + Proc.quote(last) + " is not a directory");
            return 1;
        }
        int status = 0;
        for (String t : targets) {
            String link = ops.size() == 1 || dir ? (dir ? Cp.join(last, Cp.basename(t)) : Cp.basename(t)) : last;
            long r = make(p, t, link, symbolic);
            if (r == -17 && force) {
                p.libc.unlinkat(Libc.AT_FDCWD, link, 0);
                r = make(p, t, link, symbolic);
            }
            if (r < 0) {
                p.error("failed to create " + (symbolic ? "symbolic" : "hard") + " link " + Proc.quote(link)
                        + (symbolic || r == -17 ? "" : " => " + Proc.quote(t)), r);
                status = 1;
            }
        }
        return status;
    }

    private static long make(Proc p, String target, String link, boolean symbolic) {
        return symbolic ? p.libc.symlinkat(target, Libc.AT_FDCWD, link)
                : p.libc.linkat(Libc.AT_FDCWD, target, Libc.AT_FDCWD, link, 0);
    }
}
