package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/** /bin/hostname [NAME]: prints the node name from uname(2), or sets it with sethostname(2). */
public final class Hostname extends Program {
    @Override
    protected int main(Proc p) {
        if (p.args().isEmpty()) {
            String n = Uname.nodename(p.libc);
            if (n == null) {
                p.error(org.jstap.sim.userland.Libc.strerror(p.libc.errno));
                return 1;
            }
            p.out().print(n + "\n");
            return 0;
        }
        String name = p.args().get(0);
        long r = p.libc.sethostname(name);
        if (r == -Errno.EPERM) {
            p.error("you must be root to change the host name");
            return 1;
        }
        if (r < 0) {
            p.error(org.jstap.sim.userland.Libc.strerror(r));
            return 1;
        }
        return 0;
    }
}
