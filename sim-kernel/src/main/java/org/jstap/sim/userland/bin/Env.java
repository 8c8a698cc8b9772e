package org.jstap.sim.userland.bin;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...]: prints the environment, or runs the
 * command (found in PATH) with the changed one. 127 when it cannot be found, 126 when it cannot run.
 */
public final class Env extends Program {
    @Override
    protected int main(Proc p) {
        List<String> env = new ArrayList<>(p.env);
        List<String> a = p.args();
        int i = 0;
        for (; i < a.size(); i++) {
            String s = a.get(i);
            if (s.equals("-i") || s.equals("-")) {
                env.clear();
            } else if (s.equals("-u") && i + 1 < a.size()) {
                String name = a.get(++i);
                env.removeIf(e -> e.startsWith(name + "="));
            } else if (s.equals("--")) {
                i++;
                break;
            } else if (s.startsWith("-") && s.length() > 1) {
                p.error("invalid option -- '" + s.charAt(1) + "'");
                p.tryHelp();
                return 125;
            } else {
                break;
            }
        }
        for (; i < a.size() && a.get(i).indexOf('=') > 0; i++) {
            String s = a.get(i);
            String name = s.substring(0, s.indexOf('=') + 1);
            env.removeIf(e -> e.startsWith(name));
            env.add(s);
        }
        if (i >= a.size()) {
            StringBuilder out = new StringBuilder();
            for (String e : env) {
                out.append(e).append('\n');
            }
            p.out().print(out.toString());
            return 0;
        }
        List<String> argv = a.subList(i, a.size());
        long r = p.execvp(argv, env);
        p.error(Proc.quote(argv.get(0)), r);
        return r == -Errno.ENOENT ? 127 : 126;
    }
}
