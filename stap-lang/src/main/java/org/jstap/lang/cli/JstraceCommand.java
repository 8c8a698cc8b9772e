package org.jstap.lang.cli;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.jstap.sim.KernelConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jstrace}: strace for the simulated machine. Generates a script on the syscall tapset
 * ({@code syscall.*} and {@code syscall.*.return}, filtered to the traced process), runs the
 * command under it as {@code jstap -c} does, and prints what strace would: one line per call once
 * it has returned, {@code +++ exited with N +++}, or with {@code -c} the summary table.
 */
@Command(name = "jstrace", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        separator = " ", usageHelpAutoWidth = true,
        description = "Trace the system calls of a command run on the simulated machine, as strace does.",
        customSynopsis = {"jstrace [-fcC] [-o FILE] [-S SORTBY] [-e trace=NAME,...] PROG [ARGS...]"})
public final class JstraceCommand implements Callable<Integer> {

    @Option(names = "-f", description = "Follow forks: trace the children PROG makes, too.")
    boolean follow;

    @Option(names = "-c", description = "Count time, calls and errors per syscall; print only the summary.")
    boolean summaryOnly;

    @Option(names = "-C", description = "Like -c, but print the trace as well.")
    boolean summaryToo;

    @Option(names = "-o", paramLabel = "FILE", description = "Write the trace (and summary) to FILE, not stderr.")
    Path output;

    @Option(names = "-S", paramLabel = "SORTBY", description = "Sort the summary by time (default), calls, name, "
            + "errors or nothing.")
    String sortBy = "time";

    @Option(names = "-e", paramLabel = "EXPR", description = "trace=NAME[,NAME...]: trace only these syscalls.")
    List<String> expressions = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every choice the machine makes (default 0).")
    long seed;

    @Parameters(paramLabel = "PROG", description = "The command to run, and its arguments.")
    List<String> command = new ArrayList<>();

    private final OutputStream out;
    private final PrintStream err;

    JstraceCommand(OutputStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Thrown for a usage error strace words itself (no "Try" line unless asked). */
    static final class UsageError extends RuntimeException {
        final boolean tryHelp;

        UsageError(String message, boolean tryHelp) {
            super(message);
            this.tryHelp = tryHelp;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (command.isEmpty()) {
            throw new UsageError("must have PROG [ARGS] or -p PID", true);
        }
        List<String> sortKeys = List.of("time", "calls", "name", "errors", "nothing");
        if (!sortKeys.contains(sortBy)) {
            throw new UsageError("invalid sortby: '" + sortBy + "'", false);
        }
        Set<String> only = null;
        Set<String> known = tapsetNames();
        for (String e : expressions) {
            String names = e.startsWith("trace=") ? e.substring(6) : e.contains("=") ? null : e;
            if (names == null) {
                throw new UsageError("invalid filter action '" + e.substring(0, e.indexOf('=')) + "'", false);
            }
            only = only == null ? new LinkedHashSet<>() : only;
            for (String n : names.split(",")) {
                if (!known.contains(n) && !n.equals("all")) {
                    throw new UsageError("invalid system call '" + n + "'", false);
                }
                only.add(n);
            }
            if (only.contains("all")) {
                only = null;
            }
        }
        OutputStream traceStream = err;
        if (output != null) {
            try {
                traceStream = new FileOutputStream(output.toFile());
            } catch (IOException e) {
                err.println("jstrace: Can't fopen '" + output + "': " + e.getMessage());
                return 1;
            }
        }
        PrintStream trace = traceStream == err ? err : new PrintStream(traceStream, true, StandardCharsets.ISO_8859_1);
        Tracer tracer = new Tracer(trace, !summaryOnly, summaryOnly || summaryToo, only);
        Options options = new Options(new SourceFile("<jstrace>", script(follow)), List.of(), 5, 0, List.of(), false,
                false, KernelConfig.defaults().withSeed(seed), false, true, false,
                org.jstap.runtime.Limits.DEFAULTS, org.jstap.lang.build.ModuleCache.defaultRoot(), false, 0, false,
                shellJoin(command));
        Driver driver = new Driver(tracer, err).withCommandOutput(out).withStdin(System.in);
        Signals.onInterrupt(driver::interrupt);
        int status;
        try {
            status = driver.run(options);
            tracer.flush();
        } finally {
            out.flush();
        }
        int ws = driver.commandStatus();
        if (status != 0 && ws < 0) {
            return status;
        }
        tracer.finish(ws);
        if (trace != err) {
            trace.close();
        }
        if ((ws & 0x7f) != 0) {
            return 128 + (ws & 0x7f);
        }
        return (ws >> 8) & 0xff;
    }

    /** The generated script: records on stdout that {@link Tracer} turns into strace's lines. */
    static String script(boolean follow) {
        String filter = follow ? "pid() in _traced" : "pid() == target()";
        StringBuilder s = new StringBuilder();
        s.append("global _call, _t0\n");
        if (follow) {
            s.append("global _traced\n");
            s.append("probe begin { _traced[target()] = 1 }\n");
            s.append("probe process.begin { if (ppid() in _traced) _traced[pid()] = 1 }\n");
        }
        s.append("probe syscall.* {\n");
        s.append("  if (").append(filter).append(") {\n");
        s.append("    if (name == \"exit_group\")\n");
        s.append("      printf(\"X\\t%d\\t%s\\t%s\\t%s(%s)\\n\", pid(), name, argstr, name, argstr)\n");
        s.append("    else {\n");
        s.append("      _call[tid()] = sprintf(\"%s(%s)\", name, argstr)\n");
        s.append("      _t0[tid()] = local_clock_ns()\n");
        s.append("    }\n  }\n}\n");
        s.append("probe syscall.*.return {\n");
        s.append("  if (tid() in _call) {\n");
        s.append("    printf(\"S\\t%d\\t%s\\t%d\\t%d\\t%s\\t%s\\n\", pid(), name, $return,"
                + " local_clock_ns() - _t0[tid()], retstr, _call[tid()])\n");
        s.append("    delete _call[tid()]\n    delete _t0[tid()]\n  }\n}\n");
        return s.toString();
    }

    /** The syscall names the tapset knows (its aliases' {@code name = "..."}). */
    static Set<String> tapsetNames() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try (var in = Driver.class.getResourceAsStream("/org/jstap/lang/tapset/syscalls.stp")) {
            if (in == null) {
                return names;
            }
            Matcher m = Pattern.compile("name = \"(\\w+)\"").matcher(new String(in.readAllBytes(),
                    StandardCharsets.ISO_8859_1));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The command as one sh -c string, each word quoted where the shell would split or expand it. */
    static String shellJoin(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            if (!w.isEmpty() && w.matches("[A-Za-z0-9_@%+=:,./-]+")) {
                b.append(w);
            } else {
                b.append('\'').append(w.replace("'", "'\\''")).append('\'');
            }
        }
        return b.toString();
    }

    /** Reads the script's records line by line and prints strace's trace lines and summary. */
    final class Tracer extends OutputStream {
        private final PrintStream trace;
        private final boolean printTrace;
        private final boolean printSummary;
        private final Set<String> only;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final Map<String, long[]> stats = new LinkedHashMap<>();
        private long firstPid = -1;
        private boolean execed;

        Tracer(PrintStream trace, boolean printTrace, boolean printSummary, Set<String> only) {
            this.trace = trace;
            this.printTrace = printTrace;
            this.printSummary = printSummary;
            this.only = only;
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                record(line.toString(StandardCharsets.ISO_8859_1));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        private String prefix(long pid) {
            if (firstPid < 0) {
                firstPid = pid;
            }
            return pid == firstPid ? "" : String.format("[pid %5d] ", pid);
        }

        private void record(String rec) {
            String[] f = rec.split("\t", -1);
            if (f.length < 5) {
                trace.println(rec);
                return;
            }
            long pid = Long.parseLong(f[1]);
            String name = f[2];
            // strace's trace starts at the execve of PROG: what sh -c did before it is not PROG's
            if (!execed) {
                if (!(name.equals("execve") && f[0].equals("S") && f[3].equals("0"))) {
                    return;
                }
                execed = true;
            }
            if (only != null && !only.contains(name)) {
                prefix(pid);
                return;
            }
            if (f[0].equals("X")) {
                String pfx = prefix(pid);
                if (printTrace) {
                    trace.println(pad(pfx + f[4] + " ") + "= ?");
                    if (pid != firstPid) {
                        trace.println(pfx + "+++ exited with " + (Long.parseLong(f[3].trim()) & 0xff) + " +++");
                    }
                }
                return;
            }
            long ret = Long.parseLong(f[3]);
            long ns = Long.parseLong(f[4]);
            String retstr = f[5];
            String call = String.join("\t", java.util.Arrays.copyOfRange(f, 6, f.length));
            boolean error = ret < 0 && ret >= -4095;
            long[] st = stats.computeIfAbsent(name, k -> new long[3]);
            st[0]++;
            st[1] += error ? 1 : 0;
            st[2] += ns;
            String pfx = prefix(pid);
            if (printTrace) {
                String result = error ? "-1 " + org.jstap.runtime.tapset.Syscalls.errno_str(-ret) + " ("
                        + org.jstap.sim.userland.Errno.strerror(-ret) + ")" : retstr;
                trace.println(pad(pfx + call + " ") + "= " + result);
            }
        }

        /** strace's tabto(): the result starts at column 40. */
        private static String pad(String s) {
            return s.length() >= 40 ? s : s + " ".repeat(40 - s.length());
        }

        /** After the run: the traced command's end, and the summary. */
        void finish(int ws) {
            if (printTrace && ws >= 0) {
                if ((ws & 0x7f) != 0) {
                    trace.println("+++ killed by " + org.jstap.sim.kernel.signal.Signals.name(ws & 0x7f)
                            + ((ws & 0x80) != 0 ? " (core dumped)" : "") + " +++");
                } else {
                    trace.println("+++ exited with " + ((ws >> 8) & 0xff) + " +++");
                }
            }
            if (printSummary) {
                summary();
            }
            trace.flush();
        }

        private void summary() {
            List<Map.Entry<String, long[]>> rows = new ArrayList<>(stats.entrySet());
            Comparator<Map.Entry<String, long[]>> byName = Map.Entry.comparingByKey();
            Comparator<Map.Entry<String, long[]>> order = switch (sortBy) {
                case "calls" -> Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparing(byName);
                case "errors" -> Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[1])
                        .thenComparing(byName);
                case "name" -> byName;
                case "nothing" -> (a, b) -> 0;
                default -> Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[2])
                        .thenComparing(byName);
            };
            rows.sort(order);
            long totalNs = 0;
            long calls = 0;
            long errors = 0;
            for (var r : rows) {
                calls += r.getValue()[0];
                errors += r.getValue()[1];
                totalNs += r.getValue()[2];
            }
            String rule = "------ ----------- ----------- --------- --------- ----------------";
            trace.println(String.format("%6.6s %11.11s %11.11s %9.9s %9.9s %s", "% time", "seconds", "usecs/call",
                    "calls", "errors", "syscall"));
            trace.println(rule);
            for (var r : rows) {
                long[] v = r.getValue();
                trace.println(row(totalNs == 0 ? 0 : 100.0 * v[2] / totalNs, v[2], v[0], v[1], r.getKey()));
            }
            trace.println(rule);
            trace.println(row(100.0, totalNs, calls, errors, "total"));
        }

        private static String row(double pct, long ns, long calls, long errors, String name) {
            return String.format(java.util.Locale.ROOT, "%6.2f %11.6f %11d %9d %9s %s", pct, ns / 1e9,
                    calls == 0 ? 0 : ns / calls / 1000, calls, errors == 0 ? "" : Long.toString(errors), name);
        }
    }

    /** Runs the command with picocli, mapping every failure to strace's words and an exit status. */
    public static int execute(String[] argv, OutputStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new JstraceCommand(out, err));
        cli.setStopAtPositional(true); // as strace's "+" getopt: options after PROG are PROG's
        cli.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, args) -> {
            err.println("jstrace: " + ex.getMessage());
            err.println("Try 'jstrace -h' for more information.");
            return 1;
        });
        InternalErrorHandler internal = new InternalErrorHandler(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UsageError u) {
                err.println("jstrace: " + u.getMessage());
                if (u.tryHelp) {
                    err.println("Try 'jstrace -h' for more information.");
                }
                return 1;
            }
            return internal.handleExecutionException(ex, cmd, parsed);
        });
        try {
            return cli.execute(argv);
        } catch (StackOverflowError | OutOfMemoryError e) {
            err.println("jstrace: internal error: " + e + " (please report it; set JSTAP_DEBUG=1 for details)");
            return 1;
        }
    }

    public static void main(String[] argv) {
        PrintStream err = new PrintStream(new FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.ISO_8859_1);
        OutputStream out = new java.io.BufferedOutputStream(new FileOutputStream(java.io.FileDescriptor.out));
        int status = execute(argv, out, err);
        try {
            out.flush();
        } catch (IOException e) {
            // stdout closed
        }
        System.exit(status);
    }
}
