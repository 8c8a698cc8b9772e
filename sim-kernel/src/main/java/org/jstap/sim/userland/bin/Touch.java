package org.jstap.sim.userland.bin;

import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/touch: creates missing files (openat O_CREAT|O_EXCL, mode 0666: they get the current
 * times) and sets the times of existing ones to now with utimensat(AT_FDCWD, path, NULL, 0);
 * {@code -c} creates nothing.
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
            if (create) {
                // a file created now already has the current times
                long fd = p.libc.open(f, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NONBLOCK | Libc.O_NOCTTY,
                        0666);
                if (fd >= 0) {
                    p.libc.close((int) fd);
                    continue;
                }
                if (fd != -Errno.EEXIST) {
                    p.error("cannot touch " + Proc.quote(f), fd);
                    status = 1;
                    continue;
                }
            }
            long path = p.libc.pushString(f);
            long r = p.cpu.ecall(SyscallTable.__NR_utimensat, Libc.AT_FDCWD, path, 0, 0);
            p.libc.popString(path, f);
            if (r == -Errno.ENOENT && !create) {
                continue;
            }
            if (r < 0) {
                p.error("setting times of " + Proc.quote(f), r);
                status = 1;
            }
        }
        return status;
    }
}
