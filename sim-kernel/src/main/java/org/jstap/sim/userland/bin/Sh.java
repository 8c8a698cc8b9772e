package org.jstap.sim.userland.bin;

import java.util.List;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stdio;
import org.jstap.sim.userland.sh.Shell;
import org.jstap.sim.userland.sh.SyntaxError;

/**
 * /bin/sh: {@code sh -c 'CMD' [name [args]]}, {@code sh FILE [args]}, or commands read from
 * stdin (with the "# " prompt on stderr when stdin is a terminal). The language is in
 * {@link org.jstap.sim.userland.sh.Parser}, its meaning in {@link Shell}.
 */
public final class Sh extends Program {
    private static final int SIGINT = 2;
    private static final int SIGQUIT = 3;
    private static final long SA_RESTART = 0x10000000;

    @Override
    protected int main(Proc p) {
        List<String> a = p.args();
        if (!a.isEmpty() && a.get(0).equals("-c")) {
            if (a.size() < 2) {
                p.err().print(p.name() + ": 0: -c requires an argument\n");
                return 2;
            }
            String arg0 = a.size() > 2 ? a.get(2) : p.name();
            Shell sh = new Shell(p, arg0, a.size() > 3 ? a.subList(3, a.size()) : List.of());
            try {
                return sh.runSource(a.get(1), true);
            } catch (Shell.Exit e) {
                return e.status;
            }
        }
        if (!a.isEmpty() && !a.get(0).equals("-s") && !a.get(0).equals("-i")) {
            String file = a.get(0);
            long fd = p.libc.open(file, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            if (fd < 0) {
                String why = fd == -2 ? "No such file" : Libc.strerror(fd);
                p.err().print(p.name() + ": 0: cannot open " + file + ": " + why + "\n");
                return 2;
            }
            Stdio.In in = new Stdio.In(p.libc, (int) fd);
            String source = in.readAll();
            in.release();
            p.libc.close((int) fd);
            Shell sh = new Shell(p, file, a.subList(1, a.size()));
            return top(sh, source);
        }
        return interactive(p, new Shell(p, p.name(), List.of()));
    }

    private static int top(Shell sh, String source) {
        try {
            return sh.runSource(source);
        } catch (Shell.Exit e) {
            return e.status;
        }
    }

    /** The read-eval loop: a line at a time, asking for more while a construct is open. */
    private static int interactive(Proc p, Shell sh) {
        boolean tty = p.libc.isatty(0);
        sh.setInteractive(tty);
        if (tty) {
            // as dash: ^C interrupts the command running, not the shell (a handler, not SIG_IGN,
            // so that exec gives the commands the default action back)
            p.libc.sigaction(SIGINT, c -> 0, SA_RESTART, 0);
            p.libc.sigaction(SIGQUIT, c -> 0, SA_RESTART, 0);
        }
        Stdio.In in = p.in();
        StringBuilder pending = new StringBuilder();
        int lines = 0;
        int startLine = 0;
        while (true) {
            if (tty) {
                p.out().flush();
                p.err().print(pending.isEmpty() ? "# " : "> ");
            }
            String line = in.readLine();
            if (line == null) {
                if (!pending.isEmpty()) {
                    sh.setLineBase(startLine);
                    top(sh, pending.toString());
                }
                return sh.status();
            }
            lines++;
            if (pending.isEmpty()) {
                startLine = lines - 1;
            }
            pending.append(line);
            try {
                org.jstap.sim.userland.sh.Parser.parse(pending.toString());
            } catch (SyntaxError e) {
                if (e.incomplete() && line.endsWith("\n")) {
                    continue;
                }
            }
            sh.setLineBase(startLine);
            String source = pending.toString();
            pending.setLength(0);
            try {
                sh.runSource(source);
            } catch (Shell.Exit e) {
                return e.status;
            }
        }
    }
}
