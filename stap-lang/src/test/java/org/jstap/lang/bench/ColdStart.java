package org.jstap.lang.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;

/**
 * One cold figure of the {@link Suite}, in the fresh JVM the suite starts for it: the time of the
 * first compile (passes 1-4) this JVM does, or of the first compile and attach of a probe on a
 * booted kernel (the boot is not timed). Prints the nanoseconds on its last line.
 * {@code java -javaagent:sim-kernel/target/sim-kernel.jar -cp ... ColdStart compileOneLiner}
 */
public final class ColdStart {
    /** The figures, by argument. */
    static final String[] FIGURES = {"compileOneLiner", "compile500Lines", "compileAttachOneLiner"};

    static final String HELLO = "probe begin { log(\"hello systemtap!\") exit() }";
    static final String COUNT = "global n; probe kernel.function(\"vfs_read\") { n++ }";

    public static void main(String[] args) throws Exception {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        Driver driver = new Driver(OutputStream.nullOutputStream(), none);
        long t;
        switch (args[0]) {
            case "compileOneLiner" -> {
                t = System.nanoTime();
                driver.compile(Options.of(new SourceFile("<input>", HELLO), List.of()));
            }
            case "compile500Lines" -> {
                String text = Scripts.lines(500);
                t = System.nanoTime();
                driver.compile(Options.of(new SourceFile("bench.stp", text), List.of()));
            }
            case "compileAttachOneLiner" -> {
                Kernel kernel = Kernel.boot(KernelConfig.defaults());
                kernel.bind_current_thread();
                t = System.nanoTime();
                KprobeScriptBenchmark.arm(kernel, COUNT);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println(System.nanoTime() - t);
        System.exit(0);
    }
}
