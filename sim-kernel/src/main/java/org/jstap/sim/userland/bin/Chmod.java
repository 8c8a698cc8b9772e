package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stat;

/** /bin/chmod MODE FILE...: fchmodat with an octal mode or symbolic clauses ({@code u+x,go-w,a=r}). */
public final class Chmod extends Program {
    @Override
    protected int main(Proc p) {
        if (p.args().size() < 2) {
            p.error(p.args().isEmpty() ? "missing operand" : "missing operand after " + Proc.quote(p.args().get(0)));
            p.tryHelp();
            return 1;
        }
        String mode = p.args().get(0);
        int status = 0;
        for (String f : p.args().subList(1, p.args().size())) {
            Stat st = new Stat();
            long r = p.libc.stat(f, st);
            if (r < 0) {
                p.error("cannot access " + Proc.quote(f), r);
                status = 1;
                continue;
            }
            int m = apply(mode, st.st_mode & 07777);
            if (m < 0) {
                p.error("invalid mode: " + Proc.quote(mode));
                p.tryHelp();
                return 1;
            }
            r = p.libc.fchmodat(Libc.AT_FDCWD, f, m);
            if (r < 0) {
                p.error("changing permissions of " + Proc.quote(f), r);
                status = 1;
            }
        }
        return status;
    }

    /** The new permission bits, or -1 for a malformed mode. */
    static int apply(String mode, int old) {
        if (mode.matches("[0-7]{1,4}")) {
            return Integer.parseInt(mode, 8);
        }
        int m = old;
        for (String clause : mode.split(",")) {
            int i = 0;
            int who = 0;
            for (; i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0; i++) {
                who |= switch (clause.charAt(i)) {
                    case 'u' -> 04700;
                    case 'g' -> 02070;
                    case 'o' -> 01007;
                    default -> 07777;
                };
            }
            if (who == 0) {
                who = 07777;
            }
            if (i >= clause.length() || "+-=".indexOf(clause.charAt(i)) < 0) {
                return -1;
            }
            char op = clause.charAt(i++);
            int bits = 0;
            for (; i < clause.length(); i++) {
                bits |= switch (clause.charAt(i)) {
                    case 'r' -> 0444;
                    case 'w' -> 0222;
                    case 'x' -> 0111;
                    case 's' -> 06000;
                    case 't' -> 01000;
                    default -> -1;
                };
                if (bits < 0) {
                    return -1;
                }
            }
            bits &= who;
            m = switch (op) {
                case '+' -> m | bits;
                case '-' -> m & ~bits;
                default -> (m & ~who) | bits;
            };
        }
        return m;
    }
}
