package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/** /bin/pwd: getcwd(2). */
public final class Pwd extends Program {
    @Override
    protected int main(Proc p) {
        String cwd = p.libc.getcwd();
        if (cwd == null) {
            p.error("error retrieving current directory", p.libc.errno);
            return 1;
        }
        p.out().print(cwd + "\n");
        return 0;
    }
}
