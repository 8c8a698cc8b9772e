package org.jstap.lang.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.jstap.runtime.CompiledScript;
import org.jstap.runtime.Session;
import org.jstap.runtime.SessionOptions;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.kprobes.Kprobe;
import org.jstap.sim.kernel.kprobes.Kprobes;
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
 * Kprobes driven by compiled stap scripts, as a session arms them: {@code Timekeeping.do_timer}
 * called directly under no script, a counting entry probe, an entry+return latency probe on the
 * virtual clock, and {@code @hist_log} of an argument; 10 ms of virtual time of the whole machine
 * with every kernel function probed ({@code kernel.function("*") { n++ }}) against none; and the
 * time to attach and detach one kprobe; and a read-heavy machine with {@code @hist_log($count)}
 * on {@code vfs_read}. Run with {@code bin/bench KprobeScriptBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-javaagent:sim-kernel/target/sim-kernel.jar")
public class KprobeScriptBenchmark {

    /** A kernel with a compiled script's probes armed through a real session. */
    @State(Scope.Benchmark)
    public static class Armed {
        @Param({"none", "count", "arg", "latency", "hist_arg", "printf"})
        public String script;

        Kernel kernel;
        Session session;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            kernel = Kernel.boot(KernelConfig.defaults());
            kernel.bind_current_thread();
            String text = switch (script) {
                case "none" -> null;
                case "count" -> "global n; probe kernel.function(\"do_timer\") { n++ }";
                case "latency" -> "global t, h; probe kernel.function(\"do_timer\") { t[tid()] = local_clock_ns() } "
                        + "probe kernel.function(\"do_timer\").return { h <<< local_clock_ns() - t[tid()] } "
                        + "probe end { print(@hist_log(h)) }";
                case "arg" -> "global n; probe kernel.function(\"do_timer\") { n += $ticks }";
                case "printf" -> "probe kernel.function(\"do_timer\") { printf(\"%d %d\\n\", $ticks, 42) }";
                case "hist_arg" -> "global h; probe kernel.function(\"do_timer\") { h <<< $ticks } "
                        + "probe end { print(@hist_log(h)) }";
                default -> throw new IllegalArgumentException(script);
            };
            session = text == null ? null : arm(kernel, text);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            kernel.kernel_power_off();
        }
    }

    static Session arm(Kernel kernel, String text) throws Exception {
        PrintStream err = new PrintStream(OutputStream.nullOutputStream());
        CompiledScript compiled = new Driver(OutputStream.nullOutputStream(), err)
                .compile(Options.of(new SourceFile("bench.stp", text), List.of()));
        Session session = new Session(kernel, "stap_bench", new SessionOptions(OutputStream.nullOutputStream(), err));
        compiled.register(session);
        int ret = session.open();
        if (ret != 0) {
            throw new IllegalStateException("session open: " + ret + " (is the agent loaded?)");
        }
        return session;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long doTimer(Armed a) {
        a.kernel.timekeeping().do_timer(1);
        return a.kernel.timekeeping().jiffies();
    }

    /** The whole machine for 10 ms of virtual time, with every kernel function counted or none. */
    @State(Scope.Benchmark)
    public static class Machine {
        @Param({"false", "true"})
        public boolean everyFunction;

        Kernel kernel;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            kernel = Kernel.boot(KernelConfig.defaults());
            kernel.bind_current_thread();
            if (everyFunction) {
                arm(kernel, "global n; probe kernel.function(\"*\") { n++ }");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            kernel.kernel_power_off();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long machine10ms(Machine m) {
        m.kernel.run_until(() -> false, m.kernel.timekeeping().ktime_get_ns() + 10_000_000L);
        return m.kernel.timekeeping().jiffies();
    }

    /**
     * A read-heavy machine: a process reads a pipe in 4 KiB reads that its child keeps full, with
     * {@code @hist_log($count)} on {@code vfs_read} or no script; 10 ms of virtual time per call.
     */
    @State(Scope.Benchmark)
    public static class Reads {
        @Param({"false", "true"})
        public boolean histCount;

        Kernel kernel;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            kernel = Kernel.create(new KernelConfig(1, 128, 0, "init=/bin/reader"));
            kernel.binfmt_java().register_program("reader", cpu -> {
                org.jstap.sim.userland.Libc c = new org.jstap.sim.userland.Libc(cpu);
                long fds = c.push(8);
                cpu.ecall(org.jstap.sim.arch.riscv.SyscallTable.__NR_pipe2, fds, 0);
                int rd = (int) (cpu.ld(fds) & 0xffffffffL);
                int wr = (int) (cpu.ld(fds) >>> 32);
                c.fork(child -> {
                    long buf = new org.jstap.sim.userland.Libc(child).push(4096);
                    while (true) {
                        child.ecall(org.jstap.sim.arch.riscv.SyscallTable.__NR_write, wr, buf, 4096);
                    }
                });
                long buf = c.push(4096);
                while (true) {
                    cpu.ecall(org.jstap.sim.arch.riscv.SyscallTable.__NR_read, rd, buf, 4096);
                }
            });
            kernel.initramfs().add("/bin/reader", org.jstap.sim.fs.BinfmtJava.executable("reader"));
            kernel.start_kernel();
            kernel.bind_current_thread();
            if (histCount) {
                arm(kernel, "global h; probe kernel.function(\"vfs_read\") { h <<< $count } "
                        + "probe end { print(@hist_log(h)) }");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            kernel.kernel_power_off();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long reads10ms(Reads r) {
        r.kernel.run_until(() -> false, r.kernel.timekeeping().ktime_get_ns() + 10_000_000L);
        return r.kernel.timekeeping().jiffies();
    }

    /**
     * Attach and detach of kprobes on the first 1,000 kernel functions that take probes, in one
     * batch as a session arms a script's probes (each class rewritten once), then unregistered.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int attachDetach1000(Attach a) {
        List<Kprobe> probes = org.jstap.sim.kernel.Kallsyms.symbols().stream()
                .map(org.jstap.sim.kernel.Kallsyms.Symbol::name).distinct().limit(1000)
                .map(name -> new Kprobe(name, false, (args, ret) -> { }, false)).toList();
        int[] failed = {0};
        Kprobes.batch(() -> probes.forEach(p -> failed[0] += a.kernel.kprobes().register_kprobe(p) != 0 ? 1 : 0));
        probes.forEach(a.kernel.kprobes()::unregister_kprobe);
        Kprobes.wait_for_kprobe_optimizer();
        return failed[0];
    }

    /** Attach (register_kprobe: rewrite of the class) and detach, with the restore of its code. */
    @State(Scope.Benchmark)
    public static class Attach {
        Kernel kernel;

        @Setup(Level.Trial)
        public void setUp() {
            kernel = Kernel.boot(KernelConfig.defaults());
            kernel.bind_current_thread();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            kernel.kernel_power_off();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long attachDetach(Attach a) {
        Kprobe p = new Kprobe("hrtimer_cancel", false, (args, ret) -> { }, false);
        int ret = a.kernel.kprobes().register_kprobe(p);
        a.kernel.kprobes().unregister_kprobe(p);
        Kprobes.wait_for_kprobe_optimizer();
        return ret;
    }
}
