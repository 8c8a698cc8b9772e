package org.jstap.lang.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.jstap.runtime.CompiledScript;
import org.jstap.runtime.SessionOptions;
import org.jstap.runtime.Staprun;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.fs.BinfmtJava;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code jstrace -c} adds to one syscall once everything is warm: a getpid loop in init,
 * untraced or counted by jstrace's own {@code count.stp} (as under {@code -p 1}), the host time
 * per getpid round trip. JstraceBenchmark measures whole runs, start-up included; this isolates
 * the per-call price the 1.3x target depends on. Run with {@code bin/bench JstraceHitBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-javaagent:sim-kernel/target/sim-kernel.jar")
public class JstraceHitBenchmark {
    /** getpids in one virtual millisecond (50 virtual ns each). */
    private static final int GETPIDS_PER_MS = 20_000;

    @Param({"none", "count"})
    public String tracer;

    private Kernel kernel;
    private Staprun run;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        kernel = Kernel.create(new KernelConfig(1, 128, 0, "init=/bin/bench"));
        kernel.binfmt_java().register_program("bench", cpu -> {
            while (true) {
                cpu.ecall(SyscallTable.__NR_getpid);
            }
        });
        kernel.initramfs().add("/bin/bench", BinfmtJava.executable("bench"));
        kernel.start_kernel();
        kernel.bind_current_thread();
        if (tracer.equals("count")) {
            String text;
            try (var in = Driver.class.getResourceAsStream("/org/jstap/lang/cli/strace/count.stp")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            PrintStream none = new PrintStream(OutputStream.nullOutputStream());
            // $1 = 0: no -f; $2 = 0: system time; $3 = 1: -p, the trace starts at the first timer tick
            CompiledScript compiled = new Driver(OutputStream.nullOutputStream(), none)
                    .compile(Options.of(new SourceFile("count.stp", text), List.of("0", "0", "1")));
            run = new Staprun(kernel, "stap_jstrace", compiled,
                    new SessionOptions(OutputStream.nullOutputStream(), none));
            run.session().setTarget(1);
            if (run.attach() != 0) {
                throw new IllegalStateException("count.stp did not attach (is the agent loaded?)");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (run != null) {
            run.detach();
        }
        kernel.kernel_power_off();
    }

    @Benchmark
    @OperationsPerInvocation(GETPIDS_PER_MS)
    public long getpid() {
        kernel.run_until(() -> false, kernel.timekeeping().ktime_get_ns() + 1_000_000);
        return kernel.timekeeping().jiffies();
    }
}
