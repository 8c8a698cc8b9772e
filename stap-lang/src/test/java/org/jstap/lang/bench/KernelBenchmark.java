package org.jstap.lang.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.fs.BinfmtJava;
import org.jstap.sim.userland.Libc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The simulated kernel's own speed, in host time: booting a machine up to init, a fork + exit +
 * wait4 cycle of a user program, and a context switch between two user processes that yield to
 * each other on one CPU. Run with {@code bin/bench KernelBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {
    private static final int BATCH = 100;

    private Kernel forker;
    private Kernel execer;
    private Kernel yielder;
    /** Cycles the fork loop has finished (written by the simulated program, read by the benchmark). */
    private long cycles;

    /** A machine whose init runs {@code program}, booted and left at the point init starts. */
    private static Kernel machine(int cpus, org.jstap.sim.arch.riscv.UserCode program) {
        Kernel k = Kernel.create(new KernelConfig(cpus, 128, 0, "init=/bin/bench"));
        k.binfmt_java().register_program("bench", program);
        k.initramfs().add("/bin/bench", BinfmtJava.executable("bench"));
        k.start_kernel();
        return k;
    }

    @Setup(Level.Trial)
    public void setUp() {
        forker = machine(2, cpu -> {
            Libc c = new Libc(cpu);
            int[] status = new int[1];
            while (true) {
                c.fork(child -> 0);
                c.wait4(-1, status, 0);
                cycles++;
            }
        });
        execer = machine(2, cpu -> {
            Libc c = new Libc(cpu);
            int[] status = new int[1];
            while (true) {
                c.fork(child -> (int) new Libc(child).execve("/bin/true", List.of("true"), List.of()));
                c.wait4(-1, status, 0);
                cycles++;
            }
        });
        yielder = machine(1, cpu -> {
            Libc c = new Libc(cpu);
            c.fork(child -> {
                while (true) {
                    child.ecall(124);
                }
            });
            while (true) {
                cpu.ecall(124);
            }
        });
    }

    private Kernel booted;

    /** Boot to the exec of init: start_kernel, the initcalls, kernel_init, kthreads. */
    @Benchmark
    public Kernel bootToInit() {
        booted = Kernel.boot(KernelConfig.defaults());
        return booted;
    }

    /** Each booted machine is switched off outside the measured time, so its threads end. */
    @TearDown(Level.Invocation)
    public void powerOff() {
        if (booted != null) {
            booted.kernel_power_off();
            booted = null;
        }
    }

    /** One fork + child exit + wait4 in the parent (the time per cycle; its inverse is cycles per second). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long forkExitWait() {
        long target = cycles + BATCH;
        forker.run_until(() -> cycles >= target, Long.MAX_VALUE);
        return cycles;
    }

    /** One fork + exec of /bin/true + its exit + wait4 in the parent: what a shell does per command. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long forkExecExitWait() {
        long target = cycles + BATCH;
        execer.run_until(() -> cycles >= target, Long.MAX_VALUE);
        return cycles;
    }

    /** One context switch between two processes calling sched_yield on one CPU. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long contextSwitch() {
        long target = yielder.sched().nr_switches(0) + BATCH;
        yielder.run_until(() -> yielder.sched().nr_switches(0) >= target, Long.MAX_VALUE);
        return yielder.sched().nr_switches(0);
    }
}
