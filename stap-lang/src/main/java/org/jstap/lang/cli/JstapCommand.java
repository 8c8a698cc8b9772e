package org.jstap.lang.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.jstap.sim.KernelConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jstap}: the stap command line. Runs a script (file, {@code -} for stdin, or
 * {@code -e}) through the five passes on a freshly booted simulated machine.
 */
@Command(name = "jstap", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        separator = " ",
        usageHelpAutoWidth = true,
        description = "Run a SystemTap script on a simulated Linux kernel.",
        customSynopsis = {"jstap [OPTIONS] FILE [ARGS...]", "jstap [OPTIONS] - [ARGS...]",
                "jstap [OPTIONS] -e SCRIPT [ARGS...]"})
public final class JstapCommand implements Callable<Integer> {

    @Option(names = "-e", paramLabel = "SCRIPT", description = "Run the given script text.")
    String scriptText;

    @Option(names = "-l", paramLabel = "PROBE", description = "List the probe points PROBE matches, and stop.")
    String listPattern;

    @Option(names = "-L", paramLabel = "PROBE", description = "List the probe points PROBE matches with their "
            + "target variables, and stop.")
    String listVariablesPattern;

    @Option(names = "--dump-functions", description = "List the functions scripts can call, and stop.")
    boolean dumpFunctions;

    @Option(names = "--dump-probe-types", description = "List the probe point families, and stop.")
    boolean dumpProbeTypes;

    @Option(names = "--dump-probe-aliases", description = "List the tapsets' probe aliases, and stop.")
    boolean dumpProbeAliases;

    @Option(names = "-v", description = "More verbose: print the pass lines (repeatable).")
    boolean[] verbose = new boolean[0];

    @Option(names = "-p", paramLabel = "NUM", description = "Stop after pass NUM (1-5): 1 prints the parse tree, "
            + "2 the elaborated script, 3 a bytecode listing, 4 the module jar's path.")
    int lastPass = 5;

    @Option(names = "-I", paramLabel = "DIR", description = "Look for more tapsets in DIR.")
    List<Path> includes = new ArrayList<>();

    @Option(names = "-g", description = "Guru mode: allow embedded code blocks.")
    boolean guru;

    @Option(names = "-w", description = "Suppress warnings.")
    boolean noWarnings;

    @Option(names = "-D", paramLabel = "NAME=VALUE", description = "Set a limit: MAXSTRINGLEN, MAXACTION, "
            + "MAXMAPENTRIES, MAXNESTING, MAXERRORS, MAXSKIPPED.")
    java.util.Map<String, String> defines = new java.util.LinkedHashMap<>();

    @Option(names = "--no-global-var-display", description = "Do not print globals written but never read at exit.")
    boolean noGlobalDisplay;

    @Option(names = "--disable-cache", description = "Always translate; neither use nor fill the module cache.")
    boolean disableCache;

    @Option(names = "-u", description = "Unoptimized translation: keep code pass 2 would elide.")
    boolean unoptimized;

    @Option(names = "-k", description = "Keep the temporary build directory.")
    boolean keep;

    @Option(names = "-o", paramLabel = "FILE", description = "Send script output to FILE.")
    Path output;

    @Option(names = "-c", paramLabel = "CMD", description = "Start the probes, run CMD under sh -c on the machine, "
            + "and exit when CMD finishes; target() is its pid.")
    private String command;

    @Option(names = "-x", paramLabel = "PID", description = "Sets target() to PID, for scripts that watch one process.")
    private String targetPid;

    @Option(names = "-t", description = "Collect timing information on the number of times each probe runs and "
            + "the work it did, and print a probe hit report at the end.")
    boolean timing;

    @Option(names = "--share", paramLabel = "HOSTDIR:DIR", description = "Mount the host directory HOSTDIR "
            + "on DIR in the machine (hostfs, read-write); repeatable.")
    private List<String> shares = new ArrayList<>();

    @Option(names = "-T", paramLabel = "SECONDS", description = "End the session after SECONDS of virtual time.")
    double timeLimit;

    @Option(names = "--hosts", paramLabel = "N", description = "Boot N machines (host0 .. hostN-1, eth0 at "
            + "10.0.0.1 .. 10.0.0.N/24) on one simulated Ethernet switch; the script and -c run on host0.")
    int hosts = 1;

    @Option(names = "--on", paramLabel = "HOST:CMD", description = "With --hosts, run CMD under sh -c on host "
            + "number HOST (1 .. N-1) as the session starts; its output goes to stderr. Repeatable.")
    private List<String> hostCommands = new ArrayList<>();

    @Option(names = "--boot", description = "Attach the script before the kernel starts, to trace its boot.")
    boolean boot;

    @Option(names = "--dmesg", description = "Print the simulated kernel's log after the run.")
    boolean dmesg;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every choice the machine makes (default 0).")
    long seed;

    @Option(names = "--cpus", paramLabel = "N", description = "Virtual CPUs (default 2).")
    int cpus = KernelConfig.defaults().cpus();

    @Option(names = "--mem", paramLabel = "MIB", description = "Physical memory in MiB (default 128).")
    int memory = KernelConfig.defaults().memoryMiB();

    @Option(names = "--append", paramLabel = "CMDLINE", description = "Kernel command line.")
    String cmdline = KernelConfig.defaults().cmdline();

    @Option(names = "--disk", paramLabel = "FILE", description = "Raw disk image for the virtio disk /dev/vda "
            + "(written through).")
    java.nio.file.Path disk;

    @Parameters(paramLabel = "FILE|ARGS", description = "The script file (or - for stdin) unless -e is given, "
            + "then script arguments ($1, @1 ...).")
    List<String> positional = new ArrayList<>();

    private final PrintStream err;
    private final OutputStream out;
    private Driver driver;

    JstapCommand(OutputStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (lastPass < 1 || lastPass > 5) {
            err.println("Invalid pass number (should be 1-5).");
            return 1;
        }
        if (listPattern != null) {
            return new Driver(out, err).listProbes(listPattern);
        }
        if (listVariablesPattern != null) {
            return new Driver(out, err).listProbes(listVariablesPattern, true);
        }
        if (dumpFunctions) {
            return new Driver(out, err).dumpFunctions(verbose.length > 0);
        }
        if (dumpProbeTypes) {
            return new Driver(out, err).dumpProbeTypes();
        }
        if (dumpProbeAliases) {
            return new Driver(out, err).dumpProbeAliases(verbose.length > 0);
        }
        List<String> args = new ArrayList<>(positional);
        SourceFile script;
        if (scriptText != null) {
            script = new SourceFile("<input>", scriptText);
        } else if (args.isEmpty()) {
            err.println("A script must be specified.");
            err.println("Try '--help' for more information.");
            return 1;
        } else {
            String name = args.remove(0);
            try {
                script = name.equals("-")
                        ? new SourceFile("<input>", new String(System.in.readAllBytes(), StandardCharsets.ISO_8859_1))
                        : new SourceFile(name, Files.readString(Path.of(name), StandardCharsets.ISO_8859_1));
            } catch (NoSuchFileException e) {
                err.println("Input file '" + name + "' is missing.");
                err.println("Pass 1: parse failed.  [man error::pass1]");
                return 1;
            } catch (IOException e) {
                err.println("Input file '" + name + "' cannot be read: " + e.getMessage());
                err.println("Pass 1: parse failed.  [man error::pass1]");
                return 1;
            }
        }
        int pid = 0;
        if (targetPid != null) {
            try {
                pid = Integer.parseUnsignedInt(targetPid);
            } catch (NumberFormatException e) {
                err.println("Invalid target process ID number.");
                return 1;
            }
        }
        if (command != null && pid != 0) {
            err.println("You can't specify -c and -x options together.");
            err.println("Try '--help' for more information.");
            return 1;
        }
        java.util.Map<Integer, String> onHosts = new java.util.TreeMap<>();
        if (hosts < 1 || hosts > 254) {
            err.println("ERROR: --hosts wants 1 to 254 machines, got " + hosts);
            return 1;
        }
        if (hosts > 1 && boot) {
            err.println("ERROR: --boot traces one machine's boot and cannot be used with --hosts");
            return 1;
        }
        for (String on : hostCommands) {
            int colon = on.indexOf(':');
            int host = -1;
            try {
                host = colon > 0 ? Integer.parseInt(on.substring(0, colon)) : -1;
            } catch (NumberFormatException e) {
                // reported below
            }
            if (host < 1 || host >= hosts) {
                err.println("ERROR: --on wants HOST:CMD with HOST from 1 to " + (hosts - 1) + ", got '" + on + "'");
                return 1;
            }
            onHosts.put(host, on.substring(colon + 1));
        }
        java.util.Map<String, Long> limits = new java.util.HashMap<>();
        for (var d : defines.entrySet()) {
            if (!org.jstap.runtime.Limits.NAMES.contains(d.getKey())) {
                err.println("WARNING: -D " + d.getKey() + " is not a limit jstap knows; ignored");
                continue;
            }
            try {
                limits.put(d.getKey(), Long.decode(d.getValue()));
            } catch (NumberFormatException e) {
                err.println("ERROR: -D " + d.getKey() + "=" + d.getValue() + ": not a number");
                return 1;
            }
        }
        if (disk != null && !(java.nio.file.Files.isRegularFile(disk) && java.nio.file.Files.isReadable(disk)
                && java.nio.file.Files.isWritable(disk))) {
            err.println("ERROR: Couldn't open disk image " + disk + ": "
                    + (java.nio.file.Files.exists(disk) ? "Permission denied or not a file" : "No such file or directory"));
            return 1;
        }
        KernelConfig kernel = new KernelConfig(cpus, memory, seed, cmdline, disk);
        for (String share : shares) {
            int colon = share.lastIndexOf(':');
            String host = colon <= 0 ? share : share.substring(0, colon);
            String where = colon <= 0 ? "" : share.substring(colon + 1);
            if (!where.startsWith("/")) {
                err.println("ERROR: --share wants HOSTDIR:/DIR, got '" + share + "'");
                return 1;
            }
            if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of(host))) {
                err.println("ERROR: Couldn't share " + host + ": No such directory");
                return 1;
            }
            kernel = kernel.withShare(java.nio.file.Path.of(host), where);
        }
        Options options = new Options(script, List.copyOf(args), lastPass, verbose.length, List.copyOf(includes), guru,
                keep, kernel, dmesg, noWarnings, unoptimized, org.jstap.runtime.Limits.of(limits),
                disableCache || keep ? null : org.jstap.lang.build.ModuleCache.defaultRoot(), !noGlobalDisplay,
                (long) (timeLimit * 1e9), boot, command);
        OutputStream scriptOut = out;
        if (output != null) {
            try {
                scriptOut = new BufferedOutputStream(new FileOutputStream(output.toFile()));
            } catch (IOException e) {
                err.println("ERROR: Couldn't open output file " + output + ": " + e.getMessage());
                return 1;
            }
        }
        driver = new Driver(scriptOut, err).withTargetPid(pid).withHosts(hosts, onHosts);
        if (timing) {
            driver.withTiming();
        }
        if (command != null) {
            attach_stdin(driver);
        }
        Signals.onInterrupt(driver::interrupt);
        try {
            return driver.run(options);
        } finally {
            scriptOut.flush();
            if (scriptOut != out) {
                scriptOut.close();
            }
        }
    }

    /**
     * The -c command's stdin: read whole now when it is a regular file or /dev/null (so the run
     * repeats byte for byte), else forwarded as the host delivers it (a pipe or a terminal).
     */
    private void attach_stdin(Driver driver) {
        try {
            Path fd0 = Path.of("/proc/self/fd/0").toRealPath();
            if (fd0.toString().equals("/dev/null")) {
                driver.withStdinBytes(new byte[0]);
                return;
            }
            if (Files.isRegularFile(fd0)) {
                driver.withStdinBytes(System.in.readAllBytes());
                return;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // no /proc on this host, or stdin is closed: forward what comes
        }
        driver.withStdin(System.in);
    }

    /** Runs the command with picocli, mapping every failure to a message and an exit status. */
    public static int execute(String[] argv, OutputStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new JstapCommand(out, err));
        // as stap's getopt_long: options may follow the script file (stap script.stp -c CMD); script
        // arguments that start with '-' go after "--"
        cli.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, args) -> {
            err.println("jstap: " + ex.getMessage());
            err.println("Try '--help' for more information.");
            return 1;
        });
        cli.setExecutionExceptionHandler(new InternalErrorHandler(err));
        try {
            return cli.execute(argv);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // errors picocli does not hand to the exception handler: still no stack trace for users
            err.println("ERROR: internal error in jstap: " + e + " (please report it; set JSTAP_DEBUG=1 for details)");
            if (System.getenv("JSTAP_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    public static void main(String[] argv) {
        PrintStream err = new PrintStream(new FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.ISO_8859_1);
        OutputStream out = new BufferedOutputStream(new FileOutputStream(java.io.FileDescriptor.out));
        int status = execute(argv, out, err);
        try {
            out.flush();
        } catch (IOException e) {
            // stdout closed: nothing more to say
        }
        System.exit(status);
    }
}
