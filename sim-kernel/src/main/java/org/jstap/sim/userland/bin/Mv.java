package org.jstap.sim.userland.bin;

import java.util.List;
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
        List<String> ops = g.operands();
        if (ops.isEmpty()) {
            p.error("missing file operand");
            p.tryHelp();
            return 1;
        }
        if (ops.size() == 1) {
            p.error("missing destination file operand after " + Proc.quote(ops.get(0)));
            p.tryHelp();
            return 1;
        }
        String dest = ops.get(ops.size() - 1);
        Stat ds = new Stat();
        boolean destDir = p.libc.stat(dest, ds) == 0 && ds.isDir();
        if (ops.size() > 2 && !destDir) {
            p.error("target " + Proc.quote(dest) + " is not a directory");
            return 1;
        }
        int status = 0;
        for (String src : ops.subList(0, ops.size() - 1)) {
            String target = destDir ? Cp.join(dest, Cp.basename(src)) : dest;
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
