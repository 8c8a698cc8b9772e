package org.jstap.sim.userland.bin;

import java.util.List;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/** /bin/echo as coreutils': {@code -n} (no newline), {@code -e}/{@code -E} (backslash escapes on/off). */
public final class Echo extends Program {
    @Override
    protected int main(Proc p) {
        List<String> args = p.args();
        boolean newline = true;
        boolean escapes = false;
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.length() < 2 || a.charAt(0) != '-' || !a.substring(1).chars().allMatch(c -> "neE".indexOf(c) >= 0)) {
                break;
            }
            for (char c : a.substring(1).toCharArray()) {
                switch (c) {
                    case 'n' -> newline = false;
                    case 'e' -> escapes = true;
                    default -> escapes = false;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (int j = i; j < args.size(); j++) {
            if (j > i) {
                out.append(' ');
            }
            if (escapes) {
                if (Printf.escapes(args.get(j), out, true)) {
                    p.out().print(out.toString());
                    return 0;
                }
            } else {
                out.append(args.get(j));
            }
        }
        if (newline) {
            out.append('\n');
        }
        p.out().print(out.toString());
        return 0;
    }
}
