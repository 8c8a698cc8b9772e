package org.jstap.lang.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.fs.BinfmtJava;
import org.jstap.sim.hw.Mmu;
import org.jstap.sim.hw.Ram;
import org.jstap.sim.hw.riscv.DecodedPages;
import org.jstap.sim.hw.riscv.Hart;
import org.jstap.sim.userland.Libc;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The hart's speed in host time, in instructions per microsecond (MIPS): {@code loop} runs a tight
 * integer loop (add, xor, shift, load, store, branch) on a bare hart; {@code cpubound} runs the C
 * userland's /usr/bin/cpubound on a booted one-CPU machine, fork, exec, page faults, syscalls and
 * timer interrupts included, counting the instructions its hart retires. Run with
 * {@code bin/bench HartBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HartBenchmark {
    /** Iterations of the loop per invocation, and its instructions (7 per iteration, 4 around it). */
    private static final int ITERATIONS = 1_000_000;
    private static final int LOOP_INSNS = 7 * ITERATIONS + 3;

    private Hart hart;
    private long root;
    private final long[] x = new long[32];
    private final long[] f = new long[32];

    private Kernel machine;
    /** Runs of cpubound finished (written by the machine's init). */
    private long runs;

    @Param("5")
    public int rounds;

    @Setup(Level.Trial)
    public void setUp() {
        Ram ram = new Ram(16 << 20);
        Mmu mmu = new Mmu(ram);
        hart = new Hart(0, ram, mmu, new DecodedPages(ram), () -> 0);
        long next = Ram.BASE >>> 12;
        root = next++;
        long flags = Mmu.PTE_V | Mmu.PTE_R | Mmu.PTE_W | Mmu.PTE_X | Mmu.PTE_U;
        // one page of code at 0x10000, one of data at 0x11000: the tables for both, then the pages
        long mid = next++;
        long leaf = next++;
        long code = next++;
        long data = next++;
        ram.write64(root << 12, mid << Mmu.PPN_SHIFT | Mmu.PTE_V);
        ram.write64(mid << 12, leaf << Mmu.PPN_SHIFT | Mmu.PTE_V);
        ram.write64(leaf << 12 | 8 * 0x10, code << Mmu.PPN_SHIFT | flags);
        ram.write64(leaf << 12 | 8 * 0x11, data << Mmu.PPN_SHIFT | flags);
        int[] program = {
            0x0001_1537,            // lui   a0, 0x11
            0x000f_45b7,            // lui   a1, 0xf4        a1 = 0xf4000
            0x2405_8593,            // addi  a1, a1, 576     a1 = 1,000,000
            // loop:
            0x0012_8293,            // addi  t0, t0, 1
            0x0053_4333,            // xor   t1, t1, t0
            0x0033_1393,            // slli  t2, t1, 3
            0x0075_3023,            // sd    t2, 0(a0)
            0x0005_3e03,            // ld    t3, 0(a0)
            0x01ce_8eb3,            // add   t4, t4, t3
            0xfeb2_94e3,            // bne   t0, a1, loop
            0x0000_0073,            // ecall
        };
        for (int i = 0; i < program.length; i++) {
            ram.write32((code << 12) + 4L * i, program[i]);
        }
        machine = Kernel.create(new KernelConfig(1, 128, 0, "init=/bin/bench"));
        machine.binfmt_java().register_program("bench", cpu -> {
            Libc c = new Libc(cpu);
            int[] status = new int[1];
            while (true) {
                long pid = c.fork(child -> new Libc(child).execve("/usr/bin/cpubound",
                        List.of("cpubound", Integer.toString(rounds)), List.of()));
                c.wait4(pid, status, 0);
                runs++;
            }
        });
        machine.initramfs().add("/bin/bench", BinfmtJava.executable("bench"));
        machine.start_kernel();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        machine.kernel_power_off();
    }

    @Benchmark
    @OperationsPerInvocation(LOOP_INSNS)
    public long loop() {
        java.util.Arrays.fill(x, 0);
        hart.pc = 0x10000;
        int cause = hart.run(x, f, root, Long.MAX_VALUE);
        if (cause != Hart.CAUSE_USER_ECALL || hart.retired != LOOP_INSNS) {
            throw new IllegalStateException("cause " + cause + " after " + hart.retired);
        }
        return x[29];
    }

    /** Instructions the machine's hart retired, as an operation count JMH reports per microsecond. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Retired {
        public long instructions;
    }

    @Benchmark
    public void cpubound(Retired retired) {
        long before = machine.hardware().hart(0).instret;
        long target = runs + 1;
        machine.run_until(() -> runs >= target, Long.MAX_VALUE);
        retired.instructions += machine.hardware().hart(0).instret - before;
    }
}
