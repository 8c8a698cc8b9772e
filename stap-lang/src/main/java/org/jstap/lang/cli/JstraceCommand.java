package org.jstap.lang.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jstap.lang.cli.strace.Qualifiers;
import org.jstap.lang.cli.strace.Summary;
import org.jstap.lang.cli.strace.TraceWriter;
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
        customSynopsis = {"jstrace [-fcCqrTvwy] [-t|-tt|-ttt] [-s STRSIZE] [-o FILE] [-S SORTBY] [-U COLUMNS] [-e EXPR]... { -p PID | PROG [ARGS...] }"})
public final class JstraceCommand implements Callable<Integer> {

    @Option(names = "-f", description = "Follow forks: trace the children PROG makes, too.")
    boolean follow;

    @Option(names = "-c", description = "Count time, calls and errors per syscall; print only the summary.")
    boolean summaryOnly;

    @Option(names = "-C", description = "Like -c, but print the trace as well.")
    boolean summaryToo;

    @Option(names = "-w", description = "Summarise the time from each syscall's start to its end (latency), "
            + "not the system time spent in it.")
    boolean wallTimes;

    @Option(names = "-o", paramLabel = "FILE", description = "Write the trace (and summary) to FILE, not stderr.")
    Path output;

    @Option(names = "-S", paramLabel = "SORTBY", description = "Sort the summary by time (default), calls, name, "
            + "errors, min-time, max-time, avg-time or nothing.")
    String sortBy = "time";

    @Option(names = "-U", paramLabel = "COLUMNS", description = "The summary's columns, in order: time-percent, "
            + "total-time, min-time, max-time, avg-time, calls, errors, name (strace's names and synonyms).")
    String summaryColumns;

    @Option(names = "-e", paramLabel = "EXPR", description = "trace=SET (names, %%file, %%process, %%desc, "
            + "%%memory, %%signal, %%creds, %%clock, %%pure, /regex; ! negates) or signal=SET.")
    List<String> expressions = new ArrayList<>();

    @Option(names = "-t", description = "Prefix each line with the time of day; -tt adds microseconds, -ttt "
            + "prints seconds since the epoch.")
    boolean[] timestamps = new boolean[0];

    @Option(names = "-r", description = "Prefix each line with the time since the previous one.")
    boolean relative;

    @Option(names = "-T", description = "Show the time spent in each syscall.")
    boolean syscallTimes;

    @Option(names = "-q", description = "Suppress messages about attaching (-qq: and exits; -qqq: and signals).")
    boolean[] quiet = new boolean[0];

    @Option(names = "-s", paramLabel = "STRSIZE", description = "Show at most STRSIZE bytes of each string "
            + "(default 32); file names are always shown whole.")
    int strsize = 32;

    @Option(names = "-y", description = "Show the paths of file descriptors: read(3</etc/passwd>, ...).")
    boolean decodeFds;

    @Option(names = "-v", description = "Print structures unabbreviated: every field of a struct stat, "
            + "termios and utsname, getdents64's entries, execve's environment.")
    boolean verbose;

    @Option(names = "-x", description = "Print non-ASCII strings in hexadecimal (-xx: all strings).")
    boolean[] hex = new boolean[0];

    @Option(names = "-p", paramLabel = "PID", description = "Attach to the running process PID of the default "
            + "workload (trace until it exits or jstrace is interrupted).")
    String attachPid;

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
        int pid = 0;
        if (attachPid != null) {
            try {
                pid = Integer.parseInt(attachPid);
            } catch (NumberFormatException e) {
                pid = -1;
            }
            if (pid <= 0) {
                throw new UsageError("Invalid process id: '" + attachPid + "'", false);
            }
            if (!command.isEmpty()) {
                throw new UsageError("-p and PROG [ARGS] cannot be used together here", false);
            }
        } else if (command.isEmpty()) {
            throw new UsageError("must have PROG [ARGS] or -p PID", true);
        }
        if (strsize < 0) {
            throw new UsageError("invalid -s argument: '" + strsize + "'", false);
        }
        String sortKey = Summary.sortKey(sortBy);
        if (sortKey == null) {
            throw new UsageError("invalid sortby: '" + sortBy + "'", false);
        }
        List<Summary.Column> columns = Summary.DEFAULT_COLUMNS;
        if (summaryColumns != null) {
            try {
                columns = Summary.columns(summaryColumns);
            } catch (Summary.InvalidColumns e) {
                throw new UsageError(e.getMessage(), true);
            }
        }
        Qualifiers qualifiers = new Qualifiers(tapsetNames());
        for (String e : expressions) {
            try {
                qualifiers.apply(e);
            } catch (Qualifiers.Invalid invalid) {
                throw new UsageError(invalid.getMessage(), false);
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
        boolean printTrace = !summaryOnly;
        TraceWriter.Style style = new TraceWriter.Style(printTrace,
                summaryOnly || summaryToo ? new Summary(sortKey, columns) : null, qualifiers, Math.min(3, timestamps.length),
                relative, syscallTimes, output != null && follow, quiet.length, wallTimes, pid > 0);
        TraceWriter tracer = new TraceWriter(trace, err, style);
        Options options = new Options(new SourceFile("<jstrace>", script(printTrace)),
                List.of(follow ? "1" : "0", wallTimes ? "1" : "0", pid > 0 ? "1" : "0",
                        Integer.toString(strsize), decodeFds ? "1" : "0", Integer.toString(Math.min(2, hex.length)), verbose ? "1" : "0"), 5, 0,
                List.of(), false, false, KernelConfig.defaults().withSeed(seed), false, true, false,
                TRACE_LIMITS, org.jstap.lang.build.ModuleCache.defaultRoot(), false, 0, false,
                pid > 0 ? null : shellJoin(command));
        Driver driver = new Driver(tracer, err).withCommandOutput(out).withStdin(System.in).withTargetPid(pid);
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
        if (pid > 0) {
            return tracer.attachFailed() ? 1 : 0;
        }
        if ((ws & 0x7f) != 0) {
            return 128 + (ws & 0x7f);
        }
        return (ws >> 8) & 0xff;
    }

    /**
     * stap's limits with room for a whole trace line: a call's text (a struct stat under -v, a
     * recvmsg with its iovecs and control messages) outgrows stap's 512-byte MAXSTRINGLEN, as if
     * run with {@code stap -DMAXSTRINGLEN=8192}.
     */
    static final org.jstap.runtime.Limits TRACE_LIMITS = org.jstap.runtime.Limits.of(java.util.Map.of("MAXSTRINGLEN",
            8192L));

    /**
     * The script jstrace runs: {@code trace.stp} prints a record per event for {@link TraceWriter};
     * {@code count.stp} (plain {@code -c}) counts in the script and prints only the totals.
     */
    static String script(boolean trace) throws IOException {
        String name = trace ? "trace.stp" : "count.stp";
        try (var in = JstraceCommand.class.getResourceAsStream("/org/jstap/lang/cli/strace/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The syscall names the tapset knows (its aliases' {@code name = "..."}). */
    public static Set<String> tapsetNames() throws IOException {
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
