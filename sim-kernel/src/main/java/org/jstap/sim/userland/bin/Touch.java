package org.jstap.sim.userland.bin;

import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/touch: creates missing files (openat O_CREAT, mode 0666) and sets the times of each to now
 * with utimensat(fd, NULL, NULL, 0); {@code -c} creates nothing.
 */
public final class Touch extends Program {
    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "cam");
        boolean create = true;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'c' -> create = false;
                case 'a', 'm' -> { }
                default -> {
                    p.tryHelp();
                    return 1;
                }
            }
        }
        if (g.operands().isEmpty()) {
            p.error("missing file operand");
            p.tryHelp();
            return 1;
        }
        int status = 0;
        for (String f : g.operands()) {
            long fd = p.libc.open(f, Libc.O_WRONLY | Libc.O_NONBLOCK | Libc.O_NOCTTY | (create ? Libc.O_CREAT : 0),
                    0666);
            long r;
            if (fd >= 0) {
                r = p.cpu.ecall(SyscallTable.__NR_utimensat, fd, 0, 0, 0);
                p.libc.close((int) fd);
            } else {
                long path = p.libc.pushString(f);
                r = p.cpu.ecall(SyscallTable.__NR_utimensat, Libc.AT_FDCWD, path, 0, 0);
                p.libc.popString(path, f);
                if (r == -2 && !create) {
                    continue;
                }
            }
            if (r < 0 && !(r == -38 && fd >= 0)) {
                p.error("cannot touch " + Proc.quote(f), fd < 0 ? fd : r);
                status = 1;
            }
        }
        return status;
    }
}
