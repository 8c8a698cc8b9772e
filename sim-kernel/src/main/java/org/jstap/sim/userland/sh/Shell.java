package org.jstap.sim.userland.sh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jstap.sim.arch.riscv.UserMode;
import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Stdio;
import org.jstap.sim.userland.sh.Ast.And;
import org.jstap.sim.userland.sh.Ast.AndOr;
import org.jstap.sim.userland.sh.Ast.Assign;
import org.jstap.sim.userland.sh.Ast.Command;
import org.jstap.sim.userland.sh.Ast.CommandList;
import org.jstap.sim.userland.sh.Ast.For;
import org.jstap.sim.userland.sh.Ast.Group;
import org.jstap.sim.userland.sh.Ast.If;
import org.jstap.sim.userland.sh.Ast.Loop;
import org.jstap.sim.userland.sh.Ast.Item;
import org.jstap.sim.userland.sh.Ast.Lit;
import org.jstap.sim.userland.sh.Ast.Or;
import org.jstap.sim.userland.sh.Ast.Param;
import org.jstap.sim.userland.sh.Ast.Part;
import org.jstap.sim.userland.sh.Ast.Pipeline;
import org.jstap.sim.userland.sh.Ast.Redir;
import org.jstap.sim.userland.sh.Ast.Simple;
import org.jstap.sim.userland.sh.Ast.Single;
import org.jstap.sim.userland.sh.Ast.Subshell;
import org.jstap.sim.userland.sh.Ast.Subst;
import org.jstap.sim.userland.sh.Ast.Word;

/**
 * The shell's interpreter: runs a parsed {@link CommandList} with real processes (fork, pipe2,
 * dup3, execve, wait4), as dash does, and words its errors as dash does
 * ({@code sh: 1: nosuch: not found}). A forked child gets a copy of the shell's variables taken
 * before the fork, since parent and child have separate memories from then on.
 */
public final class Shell {
    private static final String DEFAULT_PATH = "/bin:/sbin";
    private static final int SAVED_FD_BASE = 10;

    /** Thrown by {@code exit}: unwinds to the shell's top level. */
    public static final class Exit extends RuntimeException {
        public final int status;

        Exit(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    private Proc p;
    private Libc libc;
    private final Map<String, String> vars;
    private final TreeSet<String> exported;
    /** $0, and the name error messages start with. */
    private String arg0;
    private List<String> positional;
    private int status;
    private final long shellPid;
    private long lastBackground;
    /** The line of the command being run, for messages; {@link #lineBase} shifts it for interactive input. */
    private int line;
    private int lineBase;
    private boolean interactive;

    public Shell(Proc p, String arg0, List<String> positional) {
        this.p = p;
        this.libc = p.libc;
        this.vars = new LinkedHashMap<>();
        this.exported = new TreeSet<>();
        for (String e : p.env) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                vars.put(e.substring(0, eq), e.substring(eq + 1));
                exported.add(e.substring(0, eq));
            }
        }
        this.arg0 = arg0;
        this.positional = List.copyOf(positional);
        this.shellPid = libc.getpid();
        String cwd = libc.getcwd();
        if (cwd != null) {
            vars.put("PWD", cwd);
            exported.add("PWD");
        }
    }

    /** A copy of {@code from}'s state for a child about to be forked; {@link #attach} gives it its process. */
    private Shell(Shell from) {
        this.vars = new LinkedHashMap<>(from.vars);
        this.exported = new TreeSet<>(from.exported);
        this.arg0 = from.arg0;
        this.positional = from.positional;
        this.status = from.status;
        this.shellPid = from.shellPid;
        this.lastBackground = from.lastBackground;
        this.line = from.line;
        this.lineBase = from.lineBase;
        this.interactive = false;
    }

    private Shell attach(UserMode cpu) {
        this.p = new Proc(cpu, List.of(arg0), List.of());
        this.libc = p.libc;
        return this;
    }

    public int status() {
        return status;
    }

    public Proc proc() {
        return p;
    }

    /** Marks the shell as reading commands from a terminal (expansion errors do not end it). */
    public void setInteractive(boolean interactive) {
        this.interactive = interactive;
    }

    /** Where line numbers of the next input start (interactive input is parsed a line at a time). */
    public void setLineBase(int base) {
        this.lineBase = base;
    }

    /** Parses and runs {@code source}; a syntax error is reported and gives status 2. */
    public int runSource(String source) {
        return runSource(source, false);
    }

    /**
     * As above; with {@code execLast} (sh -c), a last command that is one simple command is
     * exec'd in place of the shell, as dash's EV_EXIT does, so `sh -c 'cat f'` becomes cat.
     */
    public int runSource(String source, boolean execLast) {
        Parser parser = new Parser(source);
        while (true) {
            CommandList list;
            try {
                list = parser.next();
            } catch (SyntaxError e) {
                line = e.line();
                error(e.getMessage());
                status = 2;
                return status;
            }
            if (list == null) {
                return status;
            }
            Item last = list.items().get(list.items().size() - 1);
            if (execLast && parser.at_end() && !last.background() && last.command() instanceof Single s
                    && s.pipeline().commands().size() == 1 && !s.pipeline().bang()
                    && s.pipeline().commands().get(0) instanceof Simple) {
                run(new CommandList(list.items().subList(0, list.items().size() - 1)));
                p.flush();
                return status = command(s.pipeline().commands().get(0), true);
            }
            run(list);
        }
    }

    /** Prints "sh: LINE: message" on stderr. */
    public void error(String message) {
        p.out().flush();
        p.err().print(arg0 + ": " + (lineBase + line) + ": " + message + "\n");
    }

    // ---------------------------------------------------------------- lists and pipelines

    public int run(CommandList list) {
        for (Item item : list.items()) {
            if (item.background()) {
                Shell child = new Shell(this);
                AndOr command = item.command();
                p.flush();
                long pid = libc.fork(c -> child.attach(c).inChild(() -> child.asynchronous(command)));
                if (pid < 0) {
                    error("Cannot fork");
                    status = 2;
                } else {
                    lastBackground = pid;
                    status = 0;
                }
            } else {
                try {
                    status = andOr(item.command());
                } catch (BadSubstitution e) {
                    // an expansion error ends a non-interactive shell, as in dash
                    error(e.getMessage());
                    status = 2;
                    if (!interactive) {
                        throw new Exit(2);
                    }
                }
            }
        }
        return status;
    }

    /**
     * An asynchronous list in its child: without job control its stdin is /dev/null (POSIX), and a
     * lone simple command is exec'd by the child itself, as dash does, instead of forking again.
     */
    private int asynchronous(AndOr ao) {
        if (!interactive) {
            long fd = libc.open("/dev/null", Libc.O_RDONLY, 0);
            if (fd > 0) {
                libc.dup3((int) fd, 0, 0);
                libc.close((int) fd);
            }
        }
        if (ao instanceof Single s && s.pipeline().commands().size() == 1 && !s.pipeline().bang()) {
            return status = command(s.pipeline().commands().get(0), true);
        }
        return andOr(ao);
    }

    private int andOr(AndOr ao) {
        return switch (ao) {
            case Single s -> status = pipeline(s.pipeline());
            case And a -> {
                int left = andOr(a.left());
                yield status = left == 0 ? pipeline(a.right()) : left;
            }
            case Or o -> {
                int left = andOr(o.left());
                yield status = left != 0 ? pipeline(o.right()) : left;
            }
        };
    }

    private int pipeline(Pipeline pl) {
        int r;
        if (pl.commands().size() == 1) {
            r = command(pl.commands().get(0), false);
        } else {
            r = pipe(pl.commands());
        }
        return pl.bang() ? (r == 0 ? 1 : 0) : r;
    }

    /** a | b | c: each in its own child, stdout to the next one's stdin; the status is the last's. */
    private int pipe(List<Command> commands) {
        p.flush();
        long[] pids = new long[commands.size()];
        int prevRead = -1;
        for (int i = 0; i < commands.size(); i++) {
            int[] fds = {-1, -1};
            boolean last = i == commands.size() - 1;
            if (!last && libc.pipe2(fds, Libc.O_CLOEXEC) < 0) {
                error("Pipe call failed");
                return 2;
            }
            Shell child = new Shell(this);
            Command cmd = commands.get(i);
            int in = prevRead;
            int out = fds[1];
            int unused = fds[0];
            pids[i] = libc.fork(c -> child.attach(c).inChild(() -> {
                if (in >= 0) {
                    child.libc.dup3(in, 0, 0);
                    child.libc.close(in);
                }
                if (out >= 0) {
                    child.libc.dup3(out, 1, 0);
                    child.libc.close(out);
                    child.libc.close(unused);
                }
                return child.command(cmd, true);
            }));
            if (in >= 0) {
                libc.close(in);
            }
            if (out >= 0) {
                libc.close(out);
            }
            prevRead = fds[0];
        }
        int result = 0;
        for (long pid : pids) {
            if (pid > 0) {
                result = waitFor(pid);
            } else {
                error("Cannot fork");
                result = 2;
            }
        }
        return result;
    }

    /** The body of a forked child: runs {@code body}, flushes, and gives the status to exit with. */
    private long inChild(java.util.function.IntSupplier body) {
        int r;
        try {
            r = body.getAsInt();
        } catch (Exit e) {
            r = e.status;
        } catch (LoopControl e) {
            r = 0;
        }
        p.flush();
        return r;
    }

    /** wait4 for one child; its exit status, or 128 + the signal that killed it. */
    private int waitFor(long pid) {
        int[] st = new int[1];
        while (true) {
            long r = libc.wait4(pid, st, 0);
            if (r == -Errno.EINTR) {
                continue;
            }
            if (r < 0) {
                return 127;
            }
            return decode(st[0]);
        }
    }

    static int decode(int ws) {
        if ((ws & 0x7f) == 0) {
            return (ws >> 8) & 0xff;
        }
        return 128 + (ws & 0x7f);
    }

    // ---------------------------------------------------------------- commands

    /** Runs one command; {@code forked} says this process exists only for it (so exec without forking). */
    private int command(Command cmd, boolean forked) {
        return switch (cmd) {
            case Simple s -> simple(s, forked);
            case Subshell sub -> subshell(sub, forked);
            case Group g -> {
                line = g.line();
                yield withRedirs(g.redirs(), forked, () -> run(g.body()));
            }
            case If i -> {
                line = i.line();
                yield withRedirs(i.redirs(), forked, () -> ifCommand(i));
            }
            case Loop l -> {
                line = l.line();
                yield withRedirs(l.redirs(), forked, () -> loop(l));
            }
            case For f -> {
                line = f.line();
                yield withRedirs(f.redirs(), forked, () -> forLoop(f));
            }
        };
    }

    /** break [N] and continue [N]: unwind to the N-th enclosing loop. */
    private static final class LoopControl extends RuntimeException {
        final int levels;
        final boolean isContinue;

        LoopControl(int levels, boolean isContinue) {
            super(null, null, false, false);
            this.levels = levels;
            this.isContinue = isContinue;
        }
    }

    private int loopDepth;

    /** Runs {@code body} with the compound command's redirections, which the shell then takes back. */
    private int withRedirs(List<Redir> redirs, boolean forked, java.util.function.IntSupplier body) {
        if (redirs.isEmpty()) {
            return body.getAsInt();
        }
        List<int[]> saved = new ArrayList<>();
        if (redirect(redirs, forked ? null : saved) != 0) {
            restore(saved);
            return 2;
        }
        int r;
        try {
            r = body.getAsInt();
        } catch (RuntimeException e) {
            // exit, break and continue pass through; a successful exec (an Error) must not come here
            restore(saved);
            throw e;
        }
        restore(saved);
        return r;
    }

    private int ifCommand(If i) {
        for (int k = 0; k < i.conds().size(); k++) {
            if (run(i.conds().get(k)) == 0) {
                return run(i.bodies().get(k));
            }
        }
        return i.otherwise() != null ? run(i.otherwise()) : 0;
    }

    private int loop(Loop l) {
        int r = 0;
        loopDepth++;
        try {
            while (true) {
                boolean ok = run(l.cond()) == 0;
                if (ok == l.until()) {
                    break;
                }
                try {
                    r = run(l.body());
                } catch (LoopControl c) {
                    if (c.levels > 1) {
                        throw new LoopControl(c.levels - 1, c.isContinue);
                    }
                    if (!c.isContinue) {
                        break;
                    }
                }
            }
        } catch (LoopControl c) {
            loopDepth--;
            throw c;
        }
        loopDepth--;
        return r;
    }

    private int forLoop(For f) {
        List<String> values;
        try {
            values = f.words() == null ? List.copyOf(positional) : expandWords(f.words());
        } catch (BadSubstitution e) {
            error(e.getMessage());
            return 2;
        }
        int r = 0;
        loopDepth++;
        try {
            for (String v : values) {
                vars.put(f.name(), v);
                try {
                    r = run(f.body());
                } catch (LoopControl c) {
                    if (c.levels > 1) {
                        throw new LoopControl(c.levels - 1, c.isContinue);
                    }
                    if (!c.isContinue) {
                        break;
                    }
                }
            }
        } catch (LoopControl c) {
            loopDepth--;
            throw c;
        }
        loopDepth--;
        return r;
    }

    private int subshell(Subshell sub, boolean forked) {
        line = sub.line();
        if (forked) {
            if (redirect(sub.redirs(), null) != 0) {
                return 2;
            }
            return run(sub.body());
        }
        p.flush();
        Shell child = new Shell(this);
        long pid = libc.fork(c -> child.attach(c).inChild(() -> child.subshell(sub, true)));
        if (pid < 0) {
            error("Cannot fork");
            return 2;
        }
        return waitFor(pid);
    }

    private int simple(Simple s, boolean forked) {
        line = s.line();
        List<String> argv;
        try {
            argv = expandWords(s.words());
        } catch (BadSubstitution e) {
            error(e.getMessage());
            if (!interactive) {
                throw new Exit(2);
            }
            return 2;
        }
        if (argv.isEmpty()) {
            // assignments and redirections only: they act on the shell itself
            for (Assign a : s.assigns()) {
                assign(a.name(), expandString(a.value()));
            }
            List<int[]> saved = new ArrayList<>();
            int r = redirect(s.redirs(), forked ? null : saved);
            restore(saved);
            return r != 0 ? r : status;
        }
        String name = argv.get(0);
        if (isBuiltin(name)) {
            List<int[]> saved = new ArrayList<>();
            // "exec >file" with no command keeps its redirections for the rest of the shell
            boolean permanent = forked || (name.equals("exec") && argv.size() == 1);
            if (redirect(s.redirs(), permanent ? null : saved) != 0) {
                restore(saved);
                return 2;
            }
            Map<String, String> old = new LinkedHashMap<>();
            for (Assign a : s.assigns()) {
                old.put(a.name(), vars.get(a.name()));
                vars.put(a.name(), expandString(a.value()));
            }
            // no finally here: a successful exec unwinds these frames, and nothing may run after it
            int r;
            RuntimeException exit = null;
            try {
                r = builtin(argv);
            } catch (Exit | LoopControl e) {
                exit = e;
                r = 0;
            }
            restore(saved);
            old.forEach((k, v) -> {
                if (v == null) {
                    vars.remove(k);
                } else {
                    vars.put(k, v);
                }
            });
            if (exit != null) {
                throw exit;
            }
            return r;
        }
        Map<String, String> env = new TreeMap<>();
        for (String k : exported) {
            if (vars.containsKey(k)) {
                env.put(k, vars.get(k));
            }
        }
        for (Assign a : s.assigns()) {
            env.put(a.name(), expandString(a.value()));
        }
        List<String> envp = new ArrayList<>();
        env.forEach((k, v) -> envp.add(k + "=" + v));
        if (forked) {
            if (redirect(s.redirs(), null) != 0) {
                return 2;
            }
            return exec(argv, envp, env.get("PATH"));
        }
        p.flush();
        Shell child = new Shell(this);
        long pid = libc.fork(c -> child.attach(c).inChild(() -> {
            if (child.redirect(s.redirs(), null) != 0) {
                return 2;
            }
            return child.exec(argv, envp, env.get("PATH"));
        }));
        if (pid < 0) {
            error("Cannot fork");
            return 2;
        }
        return waitFor(pid);
    }

    /** execvp: the program by PATH lookup; returns (with dash's message) only when nothing ran. */
    private int exec(List<String> argv, List<String> envp, String path) {
        String name = argv.get(0);
        long err = -Errno.ENOENT;
        if (name.contains("/")) {
            err = execOne(name, argv, envp);
        } else {
            for (String dir : (path == null ? DEFAULT_PATH : path).split(":", -1)) {
                String file = (dir.isEmpty() ? "." : dir) + "/" + name;
                long r = execOne(file, argv, envp);
                if (r == -Errno.ENOENT || r == -Errno.ENOTDIR) {
                    continue;
                }
                err = r;
                break;
            }
        }
        if (err == -Errno.ENOENT || err == -Errno.ENOTDIR) {
            error(name + ": not found");
            return 127;
        }
        error(name + ": " + Libc.strerror(err));
        return 126;
    }

    /** execve, and for a file without a known format, /bin/sh reading it as a script (as dash does). */
    private long execOne(String file, List<String> argv, List<String> envp) {
        p.flush();
        long r = libc.execve(file, argv, envp);
        if (r == -Errno.ENOEXEC) {
            List<String> script = new ArrayList<>();
            script.add("sh");
            script.add(file);
            script.addAll(argv.subList(1, argv.size()));
            r = libc.execve("/bin/sh", script, envp);
        }
        return r;
    }

    // ---------------------------------------------------------------- redirections

    /**
     * Applies redirections in order; {@code saved} (when the shell itself must get its
     * descriptors back) collects {fd, copy} pairs for {@link #restore}. 0, or 2 after an error.
     */
    private int redirect(List<Redir> redirs, List<int[]> saved) {
        for (Redir r : redirs) {
            String target;
            try {
                target = expandString(r.target());
            } catch (BadSubstitution e) {
                error(e.getMessage());
                return 2;
            }
            if (saved != null) {
                long copy = libc.fcntl(r.fd(), Libc.F_DUPFD_CLOEXEC, SAVED_FD_BASE);
                saved.add(new int[] {r.fd(), (int) copy});
            }
            switch (r.op()) {
                case IN, OUT, APPEND -> {
                    int flags = switch (r.op()) {
                        case IN -> Libc.O_RDONLY;
                        case OUT -> Libc.O_WRONLY | Libc.O_CREAT | Libc.O_TRUNC;
                        default -> Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND;
                    };
                    long fd = libc.open(target, flags, 0666);
                    if (fd < 0) {
                        boolean create = r.op() != Ast.RedirOp.IN;
                        String why = fd == -Errno.ENOENT ? (create ? "Directory nonexistent" : "No such file")
                                : Libc.strerror(fd);
                        error((create ? "cannot create " : "cannot open ") + target + ": " + why);
                        return 2;
                    }
                    if (fd != r.fd()) {
                        libc.dup3((int) fd, r.fd(), 0);
                        libc.close((int) fd);
                    }
                }
                case HEREDOC -> {
                    if (!hereDocument(target, r.fd())) {
                        return 2;
                    }
                }
                case DUP_IN, DUP_OUT -> {
                    if (target.equals("-")) {
                        libc.close(r.fd());
                        continue;
                    }
                    int from;
                    try {
                        from = Integer.parseInt(target);
                    } catch (NumberFormatException e) {
                        error("Syntax error: Bad fd number");
                        return 2;
                    }
                    if (from != r.fd() && libc.dup3(from, r.fd(), 0) < 0) {
                        error(from + ": Bad file descriptor");
                        return 2;
                    }
                }
            }
        }
        return 0;
    }

    /** A here-document on {@code fd}: a pipe holding the body (written by a child when it is large). */
    private boolean hereDocument(String body, int fd) {
        int[] fds = new int[2];
        if (libc.pipe2(fds, Libc.O_CLOEXEC) < 0) {
            error("Pipe call failed");
            return false;
        }
        byte[] b = body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        if (b.length <= 4096) {
            long buf = libc.push(b.length);
            p.cpu.write(buf, b, 0, b.length);
            libc.write_all(fds[1], buf, b.length);
            libc.pop(buf, b.length);
        } else {
            int w = fds[1];
            int r = fds[0];
            libc.fork(c -> {
                Libc cl = new Libc(c);
                cl.close(r);
                long buf = cl.mmap(0, b.length, 3, 0x22);
                c.write(buf, b, 0, b.length);
                cl.write_all(w, buf, b.length);
                return 0;
            });
        }
        libc.close(fds[1]);
        if (fds[0] != fd) {
            libc.dup3(fds[0], fd, 0);
            libc.close(fds[0]);
        }
        return true;
    }

    private void restore(List<int[]> saved) {
        p.flush();
        for (int i = saved.size() - 1; i >= 0; i--) {
            int[] s = saved.get(i);
            if (s[1] >= 0) {
                libc.dup3(s[1], s[0], 0);
                libc.close(s[1]);
            } else {
                libc.close(s[0]);
            }
        }
        saved.clear();
    }

    // ---------------------------------------------------------------- builtins

    private static boolean isBuiltin(String name) {
        return switch (name) {
            case "cd", "exit", "export", "unset", "pwd", "wait", ":", "exec", "shift", "read", "break", "continue" -> true;
            default -> false;
        };
    }

    private int builtin(List<String> argv) {
        String name = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        Stdio.Out out = p.out();
        switch (name) {
            case ":":
                return 0;
            case "exit": {
                int code = status;
                if (!args.isEmpty()) {
                    try {
                        code = Integer.parseInt(args.get(0)) & 0xff;
                    } catch (NumberFormatException e) {
                        error("exit: Illegal number: " + args.get(0));
                        code = 2;
                    }
                }
                throw new Exit(code);
            }
            case "cd":
                return cd(args);
            case "pwd": {
                String cwd = libc.getcwd();
                if (cwd == null) {
                    error("pwd: " + Libc.strerror(libc.errno));
                    return 2;
                }
                out.print(cwd + "\n");
                return 0;
            }
            case "export":
                if (args.isEmpty() || args.get(0).equals("-p")) {
                    for (String k : exported) {
                        String v = vars.get(k);
                        out.print(v == null ? "export " + k + "\n" : "export " + k + "=" + singleQuote(v) + "\n");
                    }
                    return 0;
                }
                for (String a : args) {
                    int eq = a.indexOf('=');
                    String k = eq < 0 ? a : a.substring(0, eq);
                    if (eq >= 0) {
                        vars.put(k, a.substring(eq + 1));
                    }
                    exported.add(k);
                }
                return 0;
            case "unset":
                for (String a : args) {
                    vars.remove(a);
                    exported.remove(a);
                }
                return 0;
            case "shift": {
                int n = args.isEmpty() ? 1 : Integer.parseInt(args.get(0));
                if (n > positional.size()) {
                    error("shift: can't shift that many");
                    return 2;
                }
                positional = List.copyOf(positional.subList(n, positional.size()));
                return 0;
            }
            case "wait":
                return waitBuiltin(args);
            case "read":
                return read(args);
            case "break", "continue": {
                int n = 1;
                if (!args.isEmpty()) {
                    try {
                        n = Integer.parseInt(args.get(0));
                    } catch (NumberFormatException e) {
                        n = 0;
                    }
                    if (n <= 0) {
                        error(name + ": Illegal number: " + args.get(0));
                        return 2;
                    }
                }
                if (loopDepth == 0) {
                    return 0;
                }
                throw new LoopControl(Math.min(n, loopDepth), name.equals("continue"));
            }
            case "exec": {
                if (args.isEmpty()) {
                    return 0;
                }
                List<String> envp = new ArrayList<>();
                for (String k : exported) {
                    if (vars.containsKey(k)) {
                        envp.add(k + "=" + vars.get(k));
                    }
                }
                throw new Exit(exec(List.copyOf(args), envp, vars.get("PATH")));
            }
            default:
                return 127;
        }
    }

    private static String singleQuote(String v) {
        return "'" + v.replace("'", "'\\''") + "'";
    }

    private int cd(List<String> args) {
        String dir;
        boolean print = false;
        if (args.isEmpty()) {
            dir = vars.get("HOME");
            if (dir == null) {
                error("cd: HOME not set");
                return 2;
            }
        } else if (args.get(0).equals("-")) {
            dir = vars.get("OLDPWD");
            if (dir == null) {
                error("cd: OLDPWD not set");
                return 2;
            }
            print = true;
        } else {
            dir = args.get(0);
        }
        if (libc.chdir(dir) < 0) {
            error("cd: can't cd to " + dir);
            return 2;
        }
        String old = vars.get("PWD");
        String cwd = libc.getcwd();
        if (old != null) {
            vars.put("OLDPWD", old);
        }
        if (cwd != null) {
            vars.put("PWD", cwd);
            if (print) {
                p.out().print(cwd + "\n");
            }
        }
        return 0;
    }

    private int waitBuiltin(List<String> args) {
        if (args.isEmpty()) {
            int[] st = new int[1];
            while (true) {
                long r = libc.wait4(-1, st, 0);
                if (r == -Errno.EINTR) {
                    continue;
                }
                if (r < 0) {
                    return 0;
                }
            }
        }
        int r = 0;
        for (String a : args) {
            try {
                r = waitFor(Long.parseLong(a));
            } catch (NumberFormatException e) {
                error("wait: Illegal number: " + a);
                return 2;
            }
        }
        return r;
    }

    /**
     * read [-r] NAME...: one line of stdin, a byte per read(2) so that nothing past the newline is
     * taken from a shared descriptor; split at blanks, the last name taking the rest.
     */
    private int read(List<String> args) {
        boolean raw = !args.isEmpty() && args.get(0).equals("-r");
        List<String> names = raw ? args.subList(1, args.size()) : args;
        if (names.isEmpty()) {
            names = List.of("REPLY");
        }
        StringBuilder line = new StringBuilder();
        long buf = libc.push(16);
        boolean eof = false;
        while (true) {
            long n = libc.read(0, buf, 1);
            if (n == -Errno.EINTR) {
                continue;
            }
            if (n <= 0) {
                eof = true;
                break;
            }
            char c = (char) p.cpu.lbu(buf);
            if (c == '\\' && !raw) {
                long m = libc.read(0, buf, 1);
                if (m <= 0) {
                    break;
                }
                char e = (char) p.cpu.lbu(buf);
                if (e != '\n') {
                    line.append(e);
                }
                continue;
            }
            if (c == '\n') {
                break;
            }
            line.append(c);
        }
        libc.pop(buf, 16);
        String rest = line.toString().replaceAll("^[ \t]+", "");
        for (int i = 0; i < names.size(); i++) {
            if (i == names.size() - 1) {
                vars.put(names.get(i), rest.replaceAll("[ \t]+$", ""));
                break;
            }
            String[] split = rest.split("[ \t]+", 2);
            vars.put(names.get(i), split[0]);
            rest = split.length > 1 ? split[1] : "";
        }
        return eof && line.isEmpty() ? 1 : 0;
    }

    private void assign(String name, String value) {
        vars.put(name, value);
    }

    // ---------------------------------------------------------------- expansion

    /** An expansion that cannot be done (${x?}, say); reported and gives status 2. */
    static final class BadSubstitution extends RuntimeException {
        BadSubstitution(String message) {
            super(message, null, false, false);
        }
    }

    /** The fields the words expand to: parameters and command substitutions, then field splitting. */
    public List<String> expandWords(List<Word> words) {
        List<String> out = new ArrayList<>();
        for (Word w : words) {
            expandWord(w, out, true);
        }
        return out;
    }

    /** A word expanded without field splitting (assignments, redirection targets). */
    public String expandString(Word w) {
        List<String> out = new ArrayList<>();
        expandWord(w, out, false);
        return String.join(" ", out);
    }

    /** A field being built: its text, and the same as a glob pattern in which quoted characters are escaped. */
    private static final class Field {
        final StringBuilder text = new StringBuilder();
        final StringBuilder pattern = new StringBuilder();
        boolean glob;

        void add(String s, boolean quoted) {
            text.append(s);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!quoted && (c == '*' || c == '?' || c == '[')) {
                    glob = true;
                } else if ("*?[]\\".indexOf(c) >= 0) {
                    pattern.append('\\');
                }
                pattern.append(c);
            }
        }
    }

    private void expandWord(Word w, List<String> out, boolean split) {
        Field[] cur = {null};
        List<Part> parts = w.parts();
        if (!parts.isEmpty() && parts.get(0) instanceof Lit first && !first.quoted() && first.text().startsWith("~")
                && (first.text().length() == 1 || first.text().charAt(1) == '/') && vars.get("HOME") != null) {
            // tilde expansion: a leading ~ is $HOME
            field(cur).add(vars.get("HOME"), true);
            parts = new ArrayList<>(parts);
            parts.set(0, new Lit(first.text().substring(1), false));
        }
        for (Part part : parts) {
            switch (part) {
                case Lit l -> {
                    if (l.quoted() || !l.text().isEmpty()) {
                        field(cur).add(l.text(), l.quoted());
                    }
                }
                case Param pr -> {
                    if ((pr.name().equals("@")) && pr.quoted() && split) {
                        for (int i = 0; i < positional.size(); i++) {
                            if (i > 0) {
                                finish(cur, out, split);
                            }
                            field(cur).add(positional.get(i), true);
                        }
                        continue;
                    }
                    String v = param(pr);
                    append(v, pr.quoted() || !split, cur, out);
                }
                case Subst s -> append(substitute(s.body()), s.quoted() || !split, cur, out);
                case Ast.Arith a -> append(String.valueOf(arithmetic(a)), a.quoted() || !split, cur, out);
            }
        }
        finish(cur, out, split);
    }

    private static Field field(Field[] cur) {
        if (cur[0] == null) {
            cur[0] = new Field();
        }
        return cur[0];
    }

    /** Ends the current field; with unquoted glob characters, it becomes the names it matches (if any). */
    private void finish(Field[] cur, List<String> out, boolean split) {
        Field f = cur[0];
        cur[0] = null;
        if (f == null) {
            return;
        }
        if (split && f.glob) {
            List<String> matches = glob(f.pattern.toString());
            if (!matches.isEmpty()) {
                out.addAll(matches);
                return;
            }
        }
        out.add(f.text.toString());
    }

    /** Appends an expansion's value; unquoted, it is split at blanks into fields. */
    private void append(String v, boolean quoted, Field[] cur, List<String> out) {
        if (quoted) {
            field(cur).add(v, true);
            return;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                finish(cur, out, true);
            } else {
                field(cur).add(String.valueOf(c), false);
            }
        }
    }

    // ---------------------------------------------------------------- pathname expansion

    /** The existing paths {@code pattern} matches, sorted (a component at a time, through getdents64). */
    private List<String> glob(String pattern) {
        boolean absolute = pattern.startsWith("/");
        List<String> paths = new ArrayList<>();
        paths.add(absolute ? "/" : "");
        String[] comps = pattern.split("/+");
        for (String comp : comps) {
            if (comp.isEmpty()) {
                continue;
            }
            List<String> next = new ArrayList<>();
            if (!hasMeta(comp)) {
                String name = unescape(comp);
                for (String base : paths) {
                    next.add(joinPath(base, name));
                }
            } else {
                java.util.regex.Pattern re = globRegex(comp);
                for (String base : paths) {
                    org.jstap.sim.userland.Dir d = org.jstap.sim.userland.Dir.openat(libc, Libc.AT_FDCWD,
                            base.isEmpty() ? "." : base);
                    if (d == null) {
                        continue;
                    }
                    List<org.jstap.sim.userland.Dir.Dirent> entries = d.readAll();
                    d.close();
                    if (entries == null) {
                        continue;
                    }
                    List<String> names = new ArrayList<>();
                    for (var e : entries) {
                        String n = e.d_name();
                        if (n.startsWith(".") && !comp.startsWith(".") && !comp.startsWith("\\.")) {
                            continue;
                        }
                        if (!n.equals(".") && !n.equals("..") && re.matcher(n).matches()) {
                            names.add(n);
                        }
                    }
                    names.sort(null);
                    for (String n : names) {
                        next.add(joinPath(base, n));
                    }
                }
            }
            paths = next;
        }
        List<String> out = new ArrayList<>();
        org.jstap.sim.userland.Stat st = new org.jstap.sim.userland.Stat();
        for (String path : paths) {
            if (!path.isEmpty() && libc.lstat(path, st) == 0) {
                out.add(pattern.endsWith("/") ? path + "/" : path);
            }
        }
        return out;
    }

    private static String joinPath(String base, String name) {
        return base.isEmpty() ? name : base.endsWith("/") ? base + name : base + "/" + name;
    }

    private static boolean hasMeta(String comp) {
        for (int i = 0; i < comp.length(); i++) {
            char c = comp.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private static String unescape(String comp) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < comp.length(); i++) {
            char c = comp.charAt(i);
            if (c == '\\' && i + 1 < comp.length()) {
                c = comp.charAt(++i);
            }
            s.append(c);
        }
        return s.toString();
    }

    /** A glob component as a regular expression: * ? [set] [!set], escapes taken literally. */
    static java.util.regex.Pattern globRegex(String comp) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < comp.length(); i++) {
            char c = comp.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < comp.length()) {
                        re.append(java.util.regex.Pattern.quote(String.valueOf(comp.charAt(++i))));
                    }
                }
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int close = comp.indexOf(']', i + 2);
                    if (close < 0) {
                        re.append("\\[");
                        break;
                    }
                    String set = comp.substring(i + 1, close);
                    boolean negate = set.startsWith("!") || set.startsWith("^");
                    if (negate) {
                        set = set.substring(1);
                    }
                    re.append('[').append(negate ? "^" : "");
                    for (char sc : set.toCharArray()) {
                        if (sc == '\\' || sc == '[' || sc == '&' || sc == '^') {
                            re.append('\\');
                        }
                        re.append(sc);
                    }
                    re.append(']');
                    i = close;
                }
                default -> re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return java.util.regex.Pattern.compile(re.toString(), java.util.regex.Pattern.DOTALL);
    }

    private String param(Param pr) {
        String v = switch (pr.name()) {
            case "?" -> String.valueOf(status);
            case "$" -> String.valueOf(shellPid);
            case "!" -> lastBackground == 0 ? "" : String.valueOf(lastBackground);
            case "#" -> String.valueOf(positional.size());
            case "@", "*" -> String.join(" ", positional);
            case "-" -> "";
            case "0" -> arg0;
            default -> {
                if (Character.isDigit(pr.name().charAt(0))) {
                    int n = Integer.parseInt(pr.name());
                    yield n <= positional.size() ? positional.get(n - 1) : null;
                }
                yield vars.get(pr.name());
            }
        };
        if (pr.op() == null) {
            return v == null ? "" : v;
        }
        if (pr.op().equals("#")) {
            return String.valueOf(v == null ? 0 : v.length());
        }
        boolean colon = pr.op().startsWith(":");
        boolean missing = v == null || (colon && v.isEmpty());
        switch (pr.op().substring(colon ? 1 : 0)) {
            case "-":
                return missing ? expandString(pr.alternative()) : v;
            case "=":
                if (missing) {
                    v = expandString(pr.alternative());
                    vars.put(pr.name(), v);
                }
                return v;
            default:
                return missing ? "" : expandString(pr.alternative());
        }
    }

    private long arithmetic(Ast.Arith a) {
        try {
            return Arithmetic.eval(expandString(a.expr()), name -> vars.get(name));
        } catch (Arithmetic.Error e) {
            throw new BadSubstitution(e.getMessage());
        }
    }

    /** $(list): the list's output in a child, read through a pipe, trailing newlines removed. */
    private String substitute(CommandList body) {
        int[] fds = new int[2];
        if (libc.pipe2(fds, Libc.O_CLOEXEC) < 0) {
            error("Pipe call failed");
            return "";
        }
        p.flush();
        Shell child = new Shell(this);
        int w = fds[1];
        int r = fds[0];
        long pid = libc.fork(c -> child.attach(c).inChild(() -> {
            child.libc.dup3(w, 1, 0);
            child.libc.close(w);
            child.libc.close(r);
            return child.run(body);
        }));
        libc.close(w);
        Stdio.In in = new Stdio.In(libc, r);
        String text = in.readAll();
        in.release();
        libc.close(r);
        if (pid > 0) {
            status = waitFor(pid);
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        return text.substring(0, end);
    }
}
