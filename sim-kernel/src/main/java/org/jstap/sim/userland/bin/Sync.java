package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/** /bin/sync: sync(2), or fsync(2) of each file named. */
public final class Sync extends Program {
    @Override
    protected int main(Proc p) {
        if (p.args().isEmpty()) {
            p.libc.sync();
            return 0;
        }
        int status = 0;
        for (String f : p.args()) {
            long fd = p.libc.open(f, Libc.O_RDONLY | Libc.O_NONBLOCK, 0);
            long r = fd < 0 ? fd : p.libc.fsync((int) fd);
            if (r < 0) {
                p.error((fd < 0 ? "error opening " : "error syncing ") + Proc.quote(f), r);
                status = 1;
            }
            if (fd >= 0) {
                p.libc.close((int) fd);
            }
        }
        return status;
    }
}
