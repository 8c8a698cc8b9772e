package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/** /bin/rmdir: unlinkat with AT_REMOVEDIR; {@code -p} removes the parents named too. */
public final class Rmdir extends Program {
    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "p");
        boolean parents = false;
        for (int c; (c = g.next()) != -1;) {
            if (c == 'p') {
                parents = true;
            } else {
                p.tryHelp();
                return 1;
            }
        }
        if (g.operands().isEmpty()) {
            p.error("missing operand");
            p.tryHelp();
            return 1;
        }
        int status = 0;
        for (String d : g.operands()) {
            String path = d;
            while (true) {
                long r = p.libc.unlinkat(Libc.AT_FDCWD, path, Libc.AT_REMOVEDIR);
                if (r < 0) {
                    p.error("failed to remove " + Proc.quote(path), r);
                    status = 1;
                    break;
                }
                int slash = path.replaceAll("/+$", "").lastIndexOf('/');
                if (!parents || slash <= 0) {
                    break;
                }
                path = path.substring(0, slash);
            }
        }
        return status;
    }
}
