package org.jstap.lang.driver;

import org.jstap.lang.ast.ScriptPrinter;

import java.io.IOException;
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
import org.jstap.lang.build.ModuleJar;
import org.jstap.lang.elaborate.CoreProbes;
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
        TargetInfo target = new TargetInfo(Kernel.RELEASE, "riscv", Map.of(), options.guru(), options.args());
        PassTimer timer = new PassTimer();

        // Pass 1: parse the user's script and the library.
        timer.start();
        List<SourceFile> libraryFiles = TapsetLibrary.load(options.includes());
        Map<String, Preprocessor.Macro> libraryMacros = new HashMap<>();
        List<Script> library = new ArrayList<>();
        Diagnostics libraryDiagnostics = new Diagnostics();
        for (SourceFile f : libraryFiles) {
            ParsePass.Result r = ParsePass.parse(f, target, Map.of());
            libraryDiagnostics.addAll(r.diagnostics());
            libraryMacros.putAll(r.macros());
            library.add(r.script());
        }
        ParsePass.Result parsed = ParsePass.parse(options.script(), target, libraryMacros);
        if (reporter.report(libraryDiagnostics) | reporter.report(parsed.diagnostics())) {
            long n = parsed.diagnostics().errorCount() + libraryDiagnostics.errorCount();
            err.println(n + " parse error" + (n == 1 ? "" : "s") + ".");
            err.println("Pass 1: parse failed.  [man error::pass1]");
            return 1;
        }
        if (parsed.script().decls().isEmpty()) {
            err.println("Input file '" + options.script().name() + "' is empty.");
            err.println("Pass 1: parse failed.  [man error::pass1]");
            return 1;
        }
        verbose(options, "Pass 1: parsed user script and " + library.size() + " library scripts " + timer.usage());
        if (options.lastPass() == 1) {
            out.write(ScriptPrinter.print(parsed.script()).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            return 0;
        }

        // Pass 2: resolve probe points, names and types.
        timer.start();
        Elaborator.Result elaborated = Elaborator.elaborate(parsed.script(), library, new CoreProbes(),
                options.unoptimized());
        if (reporter.report(elaborated.diagnostics())) {
            err.println("Pass 2: analysis failed.  [man error::pass2]");
            return 1;
        }
        ElaboratedScript script = elaborated.script();
        verbose(options, "Pass 2: analyzed script: " + plural(script.probes().size(), "probe") + ", "
                + plural(script.functions().size(), "function") + ", 0 embeds, "
                + plural(script.globals().size(), "global") + " " + timer.usage());
        if (options.lastPass() == 2) {
            out.write(ElaboratedPrinter.print(script).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            return 0;
        }

        // Pass 3: lower to IR and emit the module class.
        timer.start();
        String moduleName = moduleName(options);
        Diagnostics translate = new Diagnostics();
        IrProgram program = Lowering.lower(script, moduleName, options.script().name(), translate);
        if (reporter.report(translate)) {
            err.println("Pass 3: translation failed.  [man error::pass3]");
            return 1;
        }
        byte[] classFile = ModuleEmitter.emit(program);
        verbose(options, "Pass 3: translated to Java bytecode into \"" + moduleName + ".class\" " + timer.usage());

        // Pass 4: verify and write the module jar.
        timer.start();
        ModuleJar.verify(classFile, Driver.class.getClassLoader());
        Path buildDir = Files.createTempDirectory("stap");
        Path jar = ModuleJar.write(buildDir, moduleName, classFile);
        verbose(options, "Pass 4: compiled bytecode into \"" + jar.getFileName() + "\" " + timer.times());
        if (options.lastPass() == 4) {
            err.flush();
            out.write((jar + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            return 0;
        }
        try {
            // Pass 5: boot the machine, load the module, run.
            verbose(options, "Pass 5: starting run.");
            timer.start();
            CompiledScript compiled = instantiate(moduleName, classFile);
            Kernel kernel = Kernel.boot(options.kernel());
            Staprun staprun = new Staprun(kernel, moduleName, compiled,
                    new SessionOptions(out, err, options.limits()));
            running = staprun;
            if (interrupted) {
                staprun.session().requestExit();
            }
            int status = staprun.run();
            running = null;
            out.flush();
            if (options.dmesg()) {
                kernel.printk().dmesg().forEach(err::println);
            }
            if (status != 0) {
                err.println("Pass 5: run failed.  [man error::pass5]");
            } else {
                verbose(options, "Pass 5: run completed " + timer.times());
            }
            return status;
        } finally {
            if (options.keep()) {
                err.println("Keeping temporary directory \"" + buildDir + "\"");
            } else {
                Files.deleteIfExists(jar);
                Files.deleteIfExists(buildDir);
            }
        }
    }

    private static CompiledScript instantiate(String moduleName, byte[] classFile) {
        ModuleClassLoader loader = new ModuleClassLoader(Driver.class.getClassLoader());
        try {
            return (CompiledScript) loader.define(moduleName, classFile).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate module " + moduleName, e);
        }
    }

    /** stap_ and a hash of what determines the module: script text and arguments. */
    static String moduleName(Options options) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(options.script().text().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            for (String a : options.args()) {
                sha.update((byte) 0);
                sha.update(a.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
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
