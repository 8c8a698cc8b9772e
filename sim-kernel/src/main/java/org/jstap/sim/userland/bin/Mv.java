package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stat;

/**
 * /bin/mv SRC DST, mv SRC... DIR: renameat2; across file systems (EXDEV) a copy, then removal of
 * the source, as coreutils does.
 */
public final class Mv extends Program {
    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "fin");
        boolean noClobber = false;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'f', 'i' -> { }
                case 'n' -> noClobber = true;
                default -> {
                    p.tryHelp();
                    return 1;
                }
            }
        }
        Targets t = Targets.of(p, g.operands());
        if (t == null) {
            return 1;
        }
        String dest = t.dest();
        int status = 0;
        for (String src : t.sources()) {
            String target = t.target(src);
            Stat ss = new Stat();
            long r = p.libc.lstat(src, ss);
            if (r < 0) {
                p.error("cannot stat " + Proc.quote(src), r);
                status = 1;
                continue;
            }
            r = p.libc.renameat2(Libc.AT_FDCWD, src, Libc.AT_FDCWD, target, noClobber ? Libc.RENAME_NOREPLACE : 0);
            if (r == -Errno.EEXIST && noClobber) {
                continue;
            }
            if (r == -Errno.EXDEV) {
                long buf = p.libc.mmap(0, Cat.BUF, 3, 0x22);
                if (Cp.copy(p, src, target, true, true, buf) && Rm.remove(p, src, true, true)) {
                    continue;
                }
                status = 1;
                continue;
            }
            if (r < 0) {
                p.error("cannot move " + Proc.quote(src) + " to " + Proc.quote(target), r);
                status = 1;
            }
        }
        return status;
    }
}
