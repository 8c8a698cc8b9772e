package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/** /bin/uname: fields of uname(2), {@code -s -n -r -v -m -o} (and {@code -a}: all known ones), in that order. */
public final class Uname extends Program {
    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "asnrvmpio");
        boolean[] f = new boolean[8];
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'a' -> {
                    f[0] = f[1] = f[2] = f[3] = f[4] = f[7] = true;
                }
                case 's' -> f[0] = true;
                case 'n' -> f[1] = true;
                case 'r' -> f[2] = true;
                case 'v' -> f[3] = true;
                case 'm' -> f[4] = true;
                case 'p' -> f[5] = true;
                case 'i' -> f[6] = true;
                case 'o' -> f[7] = true;
                default -> {
                    p.tryHelp();
                    return 1;
                }
            }
        }
        if (!g.operands().isEmpty()) {
            p.error("extra operand " + Proc.quote(g.operands().get(0)));
            p.tryHelp();
            return 1;
        }
        boolean any = false;
        for (boolean b : f) {
            any |= b;
        }
        if (!any) {
            f[0] = true;
        }
        String[] u = p.libc.uname();
        if (u == null) {
            p.error("cannot get system name", p.libc.errno);
            return 1;
        }
        String[] values = {u[0], u[1], u[2], u[3], u[4], "unknown", "unknown", "GNU/Linux"};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (f[i]) {
                s.append(s.isEmpty() ? "" : " ").append(values[i]);
            }
        }
        p.out().print(s + "\n");
        return 0;
    }

    static String nodename(Libc libc) {
        String[] u = libc.uname();
        return u == null ? null : u[1];
    }
}
