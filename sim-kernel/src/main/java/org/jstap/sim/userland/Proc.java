package org.jstap.sim.userland;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.arch.riscv.UserMode;

/**
 * A running program as it sees itself: its libc, arguments, environment and standard streams,
 * and the error reporting coreutils programs share ({@code error(3)}, quoting of file names).
 */
public final class Proc {
    public final UserMode cpu;
    public final Libc libc;
    /** argv, argv[0] included. */
    public final List<String> argv;
    /** The environment, "NAME=value" strings. */
    public final List<String> env;
    private Stdio.Out out;
    private Stdio.Out err;
    private Stdio.In in;

    public Proc(UserMode cpu, List<String> argv, List<String> env) {
        this.cpu = cpu;
        this.libc = new Libc(cpu);
        this.argv = argv;
        this.env = new ArrayList<>(env);
    }

    /** The name error messages start with: argv[0], as glibc's program_invocation_name. */
    public String name() {
        return argv.isEmpty() ? "?" : argv.get(0);
    }

    /** The arguments after argv[0]. */
    public List<String> args() {
        return argv.size() <= 1 ? List.of() : argv.subList(1, argv.size());
    }

    public Stdio.Out out() {
        if (out == null) {
            out = Stdio.Out.forFd(libc, 1);
        }
        return out;
    }

    public Stdio.Out err() {
        if (err == null) {
            err = new Stdio.Out(libc, 2, Stdio.Buffering.NONE);
        }
        return err;
    }

    public Stdio.In in() {
        if (in == null) {
            in = new Stdio.In(libc, 0);
        }
        return in;
    }

    /** getenv(3), or null. */
    public String getenv(String name) {
        String prefix = name + "=";
        for (String e : env) {
            if (e.startsWith(prefix)) {
                return e.substring(prefix.length());
            }
        }
        return null;
    }

    /**
     * execvp(3): the file as given when it has a slash, else each $PATH (default /bin:/sbin)
     * directory in turn, with {@code envp}. Returns only on failure: the error that matters
     * (ENOENT only when no directory had the file).
     */
    public long execvp(List<String> argv, List<String> envp) {
        String file = argv.get(0);
        flush();
        if (file.contains("/")) {
            return libc.execve(file, argv, envp);
        }
        String path = getenv("PATH");
        long err = -Errno.ENOENT;
        for (String dir : (path == null ? "/bin:/sbin" : path).split(":", -1)) {
            long r = libc.execve((dir.isEmpty() ? "." : dir) + "/" + file, argv, envp);
            if (r != -Errno.ENOENT && r != -Errno.ENOTDIR) {
                err = r;
            }
        }
        return err;
    }

    /** error(0, 0, ...): "prog: message" on stderr. */
    public void error(String message) {
        if (out != null) {
            out.flush();
        }
        err().print(name() + ": " + message + "\n");
    }

    /** error(0, errno, ...): "prog: message: strerror". */
    public void error(String message, long errno) {
        error(message + ": " + Libc.strerror(errno));
    }

    /** The "Try 'prog --help'" line coreutils prints after a usage error. */
    public void tryHelp() {
        err().print("Try '" + name() + " --help' for more information.\n");
    }

    /** quote(): a name in single quotes, as coreutils words it in the C locale. */
    public static String quote(String s) {
        return shellQuote(s, true);
    }

    /** quotef(): a name quoted only when it holds characters a shell would treat specially. */
    public static String quotef(String s) {
        return shellQuote(s, false);
    }

    private static String shellQuote(String s, boolean always) {
        boolean plain = !s.isEmpty();
        boolean hasQuote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                hasQuote = true;
            }
            if (!(Character.isLetterOrDigit(c) && c < 128) && "_./-+,:=@%^".indexOf(c) < 0) {
                plain = false;
            }
        }
        if (plain && !always) {
            return s;
        }
        if (!hasQuote) {
            return "'" + s + "'";
        }
        if (s.indexOf('"') < 0 && s.indexOf('$') < 0 && s.indexOf('`') < 0 && s.indexOf('\\') < 0) {
            return "\"" + s + "\"";
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** What crt0 does with main's result: flush stdout (a failed write makes the status 1). */
    long exit(int status) {
        if (out != null) {
            out.flush();
            if (out.error() != 0 && out.error() != Errno.EPIPE) {
                err().print(name() + ": write error: " + Libc.strerror(out.error()) + "\n");
                status = status == 0 ? 1 : status;
            }
        }
        return status;
    }

    /** Flushes the output streams (before fork or exec, as a careful C program does). */
    public void flush() {
        if (out != null) {
            out.flush();
        }
        if (err != null) {
            err.flush();
        }
    }
}
