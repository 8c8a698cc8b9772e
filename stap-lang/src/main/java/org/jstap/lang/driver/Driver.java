package org.jstap.lang.driver;

import org.jstap.lang.ast.ScriptPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jstap.lang.ast.Script;
import org.jstap.lang.diag.DiagnosticReporter;
import org.jstap.lang.diag.Diagnostics;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.build.ModuleClassLoader;
import org.jstap.lang.build.AllowList;
import org.jstap.lang.build.ClassListing;
import org.jstap.lang.build.ModuleCache;
import org.jstap.lang.build.ModuleJar;
import org.jstap.lang.elaborate.Providers;
import org.jstap.lang.elaborate.ElaboratedScript;
import org.jstap.lang.elaborate.Elaborator;
import org.jstap.lang.ir.IrProgram;
import org.jstap.lang.parse.ParsePass;
import org.jstap.lang.parse.Preprocessor;
import org.jstap.lang.parse.TargetInfo;
import org.jstap.lang.translate.Lowering;
import org.jstap.lang.translate.ModuleEmitter;
import org.jstap.runtime.CompiledScript;
import org.jstap.runtime.SessionOptions;
import org.jstap.runtime.Staprun;
import org.jstap.sim.Kernel;

/**
 * Runs the five passes as {@code stap} does, printing {@code -v} pass lines and diagnostics in
 * stap's layout, and returns the exit status.
 *
 * <pre>{@code
 * int status = new Driver(System.out, System.err).run(options);
 * }</pre>
 */
public final class Driver {
    private final OutputStream out;
    private final PrintStream err;
    private volatile Staprun running;
    private volatile boolean interrupted;

    public Driver(OutputStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The launcher's stdin, handed to a -c command (null: the command's reads of stdin wait). */
    private java.io.InputStream stdin;

    public Driver withStdin(java.io.InputStream in) {
        this.stdin = in;
        return this;
    }

    /** A stdin known whole in advance (a file, /dev/null): handed over at a fixed point, so runs repeat. */
    private byte[] stdinWhole;

    public Driver withStdinBytes(byte[] all) {
        this.stdinWhole = all;
        return this;
    }

    /** Where a -c command's stdout goes (null: with the script's output). */
    private OutputStream commandOut;
    private boolean quietChild;
    private int commandStatus = -1;

    /** jstrace: the command's stdout apart from the script's output, and no child warnings. */
    public Driver withCommandOutput(OutputStream commandOut) {
        this.commandOut = commandOut;
        this.quietChild = true;
        return this;
    }

    /** {@code -t}: the probe hit report after the run. */
    private boolean timing;

    public Driver withTiming() {
        this.timing = true;
        return this;
    }

    /** {@code -x PID}: target() is PID (0: none); stap does not check that such a process exists. */
    private int targetPid;

    public Driver withTargetPid(int pid) {
        this.targetPid = pid;
        return this;
    }

    /** --hosts: machines on one wire in the run (1: a lone machine, no cluster). */
    private int hosts = 1;
    /** --on: a command for each of the other hosts, by index. */
    private Map<Integer, String> hostCommands = Map.of();
    /** The wire's delay for --hosts: 50 us, a switched LAN's order (see Wire: 0 makes lockstep slow). */
    private static final long WIRE_DELAY_NS = 50_000;

    /** {@code n} machines on one simulated switch; the script and -c run on host0, {@code commands} on the others. */
    public Driver withHosts(int n, Map<Integer, String> commands) {
        this.hosts = n;
        this.hostCommands = Map.copyOf(commands);
        return this;
    }

    /** The last run's -c command wait status, or -1 when it did not finish. */
    public int commandStatus() {
        return commandStatus;
    }

    /** SIGINT/SIGTERM: end the session as exit() would, so end probes still run. */
    public void interrupt() {
        interrupted = true;
        Staprun r = running;
        if (r != null) {
            r.session().requestExit();
        }
    }

    public int run(Options options) throws IOException, InterruptedException {
        DiagnosticReporter reporter = new DiagnosticReporter(err, options.verbose() > 0, options.noWarnings());
        try {
            return passes(options, reporter);
        } finally {
            reporter.finish();
        }
    }

    private int passes(Options options, DiagnosticReporter reporter) throws IOException, InterruptedException {
        List<SourceFile> libraryFiles = TapsetLibrary.load(options.includes());
        String moduleName = moduleName(options, libraryFiles);
        ModuleCache cache = options.cacheDir() == null || options.lastPass() < 4 ? null
                : new ModuleCache(options.cacheDir());
        var cached = cache == null ? java.util.Optional.<ModuleCache.Entry>empty() : cache.find(moduleName);
        byte[] classFile;
        Path jar;
        if (cached.isPresent()) {
            // like stap's cache: passes 1-4 are skipped, their warnings replayed
            err.print(cached.get().warnings());
            classFile = cached.get().classFile();
            jar = cached.get().jar();
            verbose(options, "Pass 4: using cached " + jar);
        } else {
            ByteArrayOutputStream warnings = new ByteArrayOutputStream();
            Built built = translate(options, reporter, libraryFiles, moduleName, warnings);
            if (built.status() >= 0) {
                return built.status();
            }
            classFile = built.classFile();
            jar = built.jar();
            if (cache != null) {
                Path kept = cache.store(moduleName, jar, classFile, warnings.toString(StandardCharsets.ISO_8859_1));
                Files.deleteIfExists(jar);
                Files.deleteIfExists(jar.getParent());
                jar = kept;
            }
        }
        if (options.lastPass() == 4) {
            err.flush();
            out.write((jar + "\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return 0;
        }
        try {
            return run(options, moduleName, classFile);
        } finally {
            if (cache == null) {
                if (options.keep()) {
                    err.println("Keeping temporary directory \"" + jar.getParent() + "\"");
                } else {
                    Files.deleteIfExists(jar);
                    Files.deleteIfExists(jar.getParent());
                }
            }
        }
    }

    /** Passes 1-4, or the exit status when one of them stops the run (status -1 means go on). */
    private record Built(int status, byte[] classFile, Path jar) {
        static Built stop(int status) {
            return new Built(status, null, null);
        }
    }

    /** Parses those of {@code files} not parsed yet into {@code parsed}, with their macros and diagnostics. */
    private static void parseLibrary(List<SourceFile> files, TargetInfo target, Map<SourceFile, Script> parsed,
                                     Map<String, Preprocessor.Macro> macros, Diagnostics diagnostics) {
        for (SourceFile f : files) {
            if (!parsed.containsKey(f)) {
                ParsePass.Result r = ParsePass.parse(f, target, Map.of());
                diagnostics.addAll(r.diagnostics());
                macros.putAll(r.macros());
                parsed.put(f, r.script());
            }
        }
    }

    /** The parsed library scripts, in the library's order. */
    private static List<Script> inOrder(List<SourceFile> files, Map<SourceFile, Script> parsed) {
        return files.stream().filter(parsed::containsKey).map(parsed::get).toList();
    }

    private Built translate(Options options, DiagnosticReporter reporter, List<SourceFile> libraryFiles,
                            String moduleName, ByteArrayOutputStream warnings) throws IOException {
        TargetInfo target = new TargetInfo(Kernel.RELEASE, "riscv", Map.of(), options.guru(), options.args());
        PassTimer timer = new PassTimer();
        reporter.copyTo(warnings);

        // Pass 1: parse the user's script and the library.
        timer.start();
        Map<String, Preprocessor.Macro> libraryMacros = new HashMap<>();
        Map<SourceFile, Script> parsedLibrary = new java.util.IdentityHashMap<>();
        Diagnostics libraryDiagnostics = new Diagnostics();
        // the files with macros first, as the user's script may use them; then the files it may
        // use (TapsetSelection), not the whole library
        parseLibrary(libraryFiles.stream().filter(f -> f.text().contains("@define")).toList(), target, parsedLibrary,
                libraryMacros, libraryDiagnostics);
        ParsePass.Result parsed = ParsePass.parse(options.script(), target, libraryMacros);
        parseLibrary(TapsetSelection.needed(options.script().text(), libraryFiles), target, parsedLibrary,
                libraryMacros, libraryDiagnostics);
        List<Script> library = inOrder(libraryFiles, parsedLibrary);
        if (reporter.report(libraryDiagnostics) | reporter.report(parsed.diagnostics())) {
            long n = parsed.diagnostics().errorCount() + libraryDiagnostics.errorCount();
            err.println(n + " parse error" + (n == 1 ? "" : "s") + ".");
            err.println("Pass 1: parse failed.  [man error::pass1]");
            return Built.stop(1);
        }
        if (parsed.script().decls().isEmpty()) {
            err.println("Input file '" + options.script().name() + "' is empty.");
            err.println("Pass 1: parse failed.  [man error::pass1]");
            return Built.stop(1);
        }
        verbose(options, "Pass 1: parsed user script and " + library.size() + " library scripts " + timer.usage());
        if (options.lastPass() == 1) {
            write(ScriptPrinter.print(parsed.script()));
            return Built.stop(0);
        }

        // Pass 2: resolve probe points, names and types.
        timer.start();
        Elaborator.Result elaborated = Elaborator.elaborate(parsed.script(), library, Providers.all(),
                options.unoptimized(), options.globalDisplay());
        if (elaborated.diagnostics().errorCount() > 0 && library.size() < libraryFiles.size()) {
            // a mistake: elaborate again with the whole library, so the "similar:" suggestions
            // and the errors are the ones the whole library gives
            Diagnostics rest = new Diagnostics();
            parseLibrary(libraryFiles, target, parsedLibrary, new HashMap<>(), rest);
            reporter.report(rest);
            elaborated = Elaborator.elaborate(parsed.script(), inOrder(libraryFiles, parsedLibrary), Providers.all(),
                    options.unoptimized(), options.globalDisplay());
        }
        if (reporter.report(elaborated.diagnostics())) {
            err.println("Pass 2: analysis failed.  [man error::pass2]");
            return Built.stop(1);
        }
        ElaboratedScript script = elaborated.script();
        verbose(options, "Pass 2: analyzed script: " + plural(script.probes().size(), "probe") + ", "
                + plural(script.functions().size(), "function") + ", 0 embeds, "
                + plural(script.globals().size(), "global") + " " + timer.usage());
        if (options.lastPass() == 2) {
            write(ElaboratedPrinter.print(script));
            return Built.stop(0);
        }

        // Pass 3: lower to IR and emit the module class.
        timer.start();
        Diagnostics translate = new Diagnostics();
        IrProgram program = Lowering.lower(script, moduleName, options.script().name(), translate);
        if (reporter.report(translate)) {
            err.println("Pass 3: translation failed.  [man error::pass3]");
            return Built.stop(1);
        }
        byte[] classFile = ModuleEmitter.emit(program);
        verbose(options, "Pass 3: translated to Java bytecode into \"" + moduleName + ".class\" " + timer.usage());
        if (options.lastPass() == 3) {
            write(ClassListing.of(classFile));
            return Built.stop(0);
        }

        // Pass 4: verify, check the allow-list and write the module jar.
        timer.start();
        ModuleJar.verify(classFile, Driver.class.getClassLoader());
        AllowList.check(classFile);
        Path jar = ModuleJar.write(Files.createTempDirectory("stap"), moduleName, classFile);
        verbose(options, "Pass 4: compiled bytecode into \"" + jar.getFileName() + "\" " + timer.times());
        reporter.copyTo(null);
        return new Built(-1, classFile, jar);
    }

    /** Pass 5: boot the machine, load the module, run to the end. */
    private int run(Options options, String moduleName, byte[] classFile) throws InterruptedException {
        PassTimer timer = new PassTimer();
        verbose(options, "Pass 5: starting run.");
        timer.start();
        CompiledScript compiled = instantiate(moduleName, classFile);
        org.jstap.sim.Cluster cluster = null;
        Kernel kernel;
        if (hosts > 1) {
            cluster = org.jstap.sim.Cluster.create(hosts,
                    i -> org.jstap.sim.Cluster.addressed_host_config(options.kernel(), i),
                    org.jstap.sim.hw.Wire.Config.defaults().withDelay(WIRE_DELAY_NS));
            cluster.start_kernels();
            kernel = cluster.host(0);
        } else {
            kernel = options.boot() ? Kernel.create(options.kernel()) : Kernel.boot(options.kernel());
        }
        Staprun staprun = new Staprun(kernel, moduleName, compiled,
                new SessionOptions(out, err, options.limits(), timing), options.timeLimitNs());
        if (cluster != null) {
            staprun.cluster(cluster);
            hostCommands.forEach(staprun::hostCommand);
        }
        if (targetPid != 0) {
            // as stap: target() is the pid given, whether or not such a process is running
            staprun.session().setTarget(targetPid);
        }
        if (options.boot()) {
            staprun.bootAfterBegin();
        }
        if (options.command() != null) {
            staprun.command(options.command());
            if (commandOut != null) {
                staprun.commandOutput(commandOut);
            }
            if (quietChild) {
                staprun.quietChild();
            }
            if (stdinWhole != null) {
                staprun.stdin_bytes(stdinWhole);
            } else if (stdin != null) {
                staprun.stdin(stdin);
            }
        }
        running = staprun;
        if (interrupted) {
            staprun.session().requestExit();
        }
        int status = staprun.run();
        running = null;
        commandStatus = staprun.commandStatus();
        if (options.command() != null && staprun.commandStatus() >= 0) {
            int ws = staprun.commandStatus();
            verbose(options, (ws & 0x7f) != 0 ? "Pass 5: command killed by signal " + (ws & 0x7f)
                    : "Pass 5: command exited with status " + ((ws >> 8) & 0xff));
        }
        try {
            out.flush();
        } catch (IOException e) {
            // the reader went away; the run itself is over
        }
        if (options.dmesg()) {
            kernel.printk().dmesg().forEach(err::println);
        }
        shutdown(kernel);
        if (cluster != null) {
            cluster.kernel_power_off();
        } else {
            kernel.kernel_power_off();
        }
        if (status != 0) {
            err.println("Pass 5: run failed.  [man error::pass5]");
        } else {
            verbose(options, "Pass 5: run completed " + timer.times());
        }
        return status;
    }

    /**
     * The machine's orderly shutdown before power-off: with a disk, /bin/sync runs (as a shutdown
     * script would) so what was written reaches the image. Probes are already detached.
     */
    private static void shutdown(Kernel kernel) {
        if (kernel.config().disk() == null || !kernel.init().booted()) {
            return;
        }
        var sync = kernel.umh().call_usermodehelper("/bin/sync", List.of("sync"), List.of(), false);
        kernel.run_until(() -> sync.done, kernel.timekeeping().ktime_get_ns() + 60_000_000_000L);
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * {@code -l PATTERN}: the probe points a pattern names, one a line, sorted, as stap -l lists them.
     * Returns the exit status (1 when the pattern names nothing).
     */
    public int listProbes(String pattern) throws IOException {
        return listProbes(pattern, false);
    }

    /** {@code -L}: as -l, each point followed by its target variables and their C types. */
    public int listProbes(String pattern, boolean withVariables) throws IOException {
        SourceFile file = new SourceFile("<input>", "probe " + pattern + " {}");
        TargetInfo target = new TargetInfo(Kernel.RELEASE, "riscv", Map.of(), false, List.of());
        DiagnosticReporter reporter = new DiagnosticReporter(err, false, false);
        ParsePass.Result parsed = ParsePass.parse(file, target, Map.of());
        if (reporter.report(parsed.diagnostics())) {
            return 1;
        }
        List<Script> library = new ArrayList<>();
        for (SourceFile f : TapsetLibrary.load(List.of())) {
            library.add(ParsePass.parse(f, target, Map.of()).script());
        }
        // -u: an empty body must not be elided before its points are listed
        Elaborator.Result r = Elaborator.elaborate(parsed.script(), library, Providers.all(), true, false);
        java.util.TreeSet<String> points = new java.util.TreeSet<>();
        for (var p : r.script().probes()) {
            List<String> aliasNames = ProbeListing.aliasNames(p, pattern);
            if (!aliasNames.isEmpty()) {
                // a tapset alias is listed by its own name, with the variables its prologue sets
                String vars = withVariables ? ProbeListing.aliasVariables(p) : "";
                for (String name : aliasNames) {
                    points.add(name + vars);
                }
                continue;
            }
            for (int i = 0; i < p.points().size(); i++) {
                String shown = p.shown().get(i);
                points.add(withVariables ? shown + TargetTypes.describe(p.points().get(i)) : shown);
            }
        }
        if (points.isEmpty()) {
            reporter.report(r.diagnostics());
            return 1;
        }
        for (String p : points) {
            out.write((p + "\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
        return 0;
    }

    /** {@code --dump-functions}: every function a script can call, with its signature, sorted. */
    public int dumpFunctions() throws IOException {
        return dumpFunctions(false);
    }

    /** As above; {@code verbose} ({@code -v}) includes the internal {@code _name}s. */
    public int dumpFunctions(boolean verbose) throws IOException {
        return lines(Dumps.functions(Dumps.library(), verbose));
    }

    /** {@code --dump-probe-types}: the probe point families, with their parameters' types. */
    public int dumpProbeTypes() throws IOException {
        return lines(Dumps.probeTypes());
    }

    /** {@code --dump-probe-aliases}: the tapsets' probe aliases as declared. */
    public int dumpProbeAliases(boolean verbose) throws IOException {
        return lines(Dumps.probeAliases(Dumps.library(), verbose));
    }

    private int lines(List<String> lines) throws IOException {
        for (String l : lines) {
            out.write((l + "\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
        return 0;
    }

    /**
     * Passes 1-4 without running: the script's module, ready to register with a session. For
     * embedding and benchmarks; diagnostics go to the error stream given to the constructor.
     */
    public CompiledScript compile(Options options) throws IOException {
        List<SourceFile> libraryFiles = TapsetLibrary.load(options.includes());
        String moduleName = moduleName(options, libraryFiles);
        DiagnosticReporter reporter = new DiagnosticReporter(err, false, options.noWarnings());
        Built built = translate(options.withLastPass(5), reporter, libraryFiles, moduleName, new ByteArrayOutputStream());
        if (built.status() >= 0) {
            throw new IllegalArgumentException("script does not compile (diagnostics printed)");
        }
        Files.deleteIfExists(built.jar());
        Files.deleteIfExists(built.jar().getParent());
        return instantiate(moduleName, built.classFile());
    }

    private static CompiledScript instantiate(String moduleName, byte[] classFile) {
        ModuleClassLoader loader = new ModuleClassLoader(Driver.class.getClassLoader());
        try {
            return (CompiledScript) loader.define(moduleName, classFile).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate module " + moduleName, e);
        }
    }

    /**
     * stap_ and a hash of what decides the module: script, arguments, tapsets, the options that
     * change translation, and the translator build itself.
     */
    static String moduleName(Options options, List<SourceFile> library) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            java.util.function.Consumer<String> add = text -> {
                sha.update(text.getBytes(StandardCharsets.ISO_8859_1));
                sha.update((byte) 0);
            };
            add.accept(options.script().name());
            add.accept(options.script().text());
            options.args().forEach(add);
            for (SourceFile f : library) {
                add.accept(f.name());
                add.accept(f.text());
            }
            add.accept("guru=" + options.guru() + " unoptimized=" + options.unoptimized() + " globals="
                    + options.globalDisplay());
            add.accept(TranslatorBuild.ID);
            return "stap_" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void verbose(Options options, String line) {
        if (options.verbose() > 0) {
            err.println(line);
            err.flush();
        }
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
