package org.jstap.lang.bench;

import java.util.concurrent.TimeUnit;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.kprobes.Kprobe;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost a kprobe adds to a kernel function: {@code Timekeeping.do_timer} called with no probe
 * (the baseline: its bytecode is unchanged) and with a counting entry probe. The fork loads the
 * agent from {@code sim-kernel/target/sim-kernel.jar}. Run with {@code bin/bench KprobeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-javaagent:sim-kernel/target/sim-kernel.jar")
public class KprobeBenchmark {
    @Param({"false", "true"})
    public boolean probed;

    private Kernel kernel;
    private Kprobe probe;
    private long hits;

    @Setup(Level.Trial)
    public void setUp() {
        kernel = Kernel.boot(KernelConfig.defaults());
        kernel.bind_current_thread();
        if (probed) {
            probe = new Kprobe("do_timer", false, (args, ret) -> hits++, false);
            int ret = kernel.kprobes().register_kprobe(probe);
            if (ret != 0) {
                throw new IllegalStateException("register_kprobe: " + ret + " (is the agent loaded?)");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (probe != null) {
            kernel.kprobes().unregister_kprobe(probe);
        }
    }

    @Benchmark
    public long doTimer() {
        kernel.timekeeping().do_timer(1);
        return kernel.timekeeping().jiffies();
    }
}
