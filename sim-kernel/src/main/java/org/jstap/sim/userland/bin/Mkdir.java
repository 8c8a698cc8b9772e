package org.jstap.sim.userland.bin;

import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stat;

/** /bin/mkdir: mkdirat with mode 0777 (less the umask), {@code -p} makes parents and accepts existing ones. */
public final class Mkdir extends Program {
    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "pm:v");
        boolean parents = false;
        boolean verbose = false;
        int mode = 0777;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'p' -> parents = true;
                case 'v' -> verbose = true;
                case 'm' -> {
                    try {
                        mode = Integer.parseInt(g.optarg(), 8);
                    } catch (NumberFormatException e) {
                        p.error("invalid mode " + Proc.quote(g.optarg()));
                        return 1;
                    }
                }
                default -> {
                    p.tryHelp();
                    return 1;
                }
            }
        }
        if (g.operands().isEmpty()) {
            p.error("missing operand");
            p.tryHelp();
            return 1;
        }
        int status = 0;
        for (String d : g.operands()) {
            if (parents) {
                String prefix = d.startsWith("/") ? "/" : "";
                for (String part : d.split("/")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix + part : prefix + "/" + part;
                    long r = p.libc.mkdir(prefix, mode);
                    if (r == -Errno.EEXIST) {
                        Stat st = new Stat();
                        if (p.libc.stat(prefix, st) == 0 && st.isDir()) {
                            continue;
                        }
                    }
                    if (r < 0) {
                        p.error("cannot create directory " + Proc.quote(prefix), r);
                        status = 1;
                        break;
                    }
                    if (verbose) {
                        p.out().print(p.name() + ": created directory " + Proc.quote(prefix) + "\n");
                    }
                }
                continue;
            }
            long r = p.libc.mkdir(d, mode);
            if (r < 0) {
                p.error("cannot create directory " + Proc.quote(d), r);
                status = 1;
            } else if (verbose) {
                p.out().print(p.name() + ": created directory " + Proc.quote(d) + "\n");
            }
        }
        return status;
    }
}
