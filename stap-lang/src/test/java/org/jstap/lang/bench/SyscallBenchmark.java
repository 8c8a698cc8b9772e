package org.jstap.lang.bench;

import java.util.concurrent.TimeUnit;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.arch.riscv.SyscallTable;
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
 * System calls from a user program, in host time: a getpid round trip through the trap entry
 * (DESIGN's target: one simple syscall in at most 150 ns), and pipe throughput between two
 * processes moving 64 KiB per write. Run with {@code bin/bench SyscallBenchmark}.
 *
 * <p>Each invocation runs the machine for a fixed stretch of virtual time, in which the work done
 * is fixed by the cost model (a getpid costs 50 virtual ns, so 20,000 fit in a virtual
 * millisecond; a 64 KiB pipe transfer 16 us, so 625 fit in 10 ms). Stopping on a count instead
 * would let the task run on to the end of its time slice, work the count never credits.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SyscallBenchmark {
    /** getpids in one virtual millisecond, and 64 KiB transfers in ten. */
    private static final int GETPIDS_PER_MS = 20_000;
    private static final int CHUNKS_PER_10MS = 625;
    /** Bytes one write of the pipe benchmark moves. */
    public static final int CHUNK = 64 * 1024;

    private Kernel getpid;
    private Kernel pipe;
    /** Syscalls made / bytes read so far (written by the simulated programs). */
    private long calls;
    private long bytes;

    private static Kernel machine(org.jstap.sim.arch.riscv.UserCode program) {
        Kernel k = Kernel.create(new KernelConfig(1, 128, 0, "init=/bin/bench"));
        k.binfmt_java().register_program("bench", program);
        k.initramfs().add("/bin/bench", BinfmtJava.executable("bench"));
        k.start_kernel();
        return k;
    }

    @Setup(Level.Trial)
    public void setUp() {
        getpid = machine(cpu -> {
            while (true) {
                cpu.ecall(SyscallTable.__NR_getpid);
                calls++;
            }
        });
        pipe = machine(cpu -> {
            Libc c = new Libc(cpu);
            long fds = c.push(8);
            cpu.ecall(SyscallTable.__NR_pipe2, fds, 0);
            int rd = (int) (cpu.ld(fds) & 0xffffffffL);
            int wr = (int) (cpu.ld(fds) >>> 32);
            c.fork(child -> {
                long buf = new Libc(child).push(CHUNK);
                while (true) {
                    child.ecall(SyscallTable.__NR_write, wr, buf, CHUNK);
                }
            });
            long buf = c.push(CHUNK);
            while (true) {
                long n = cpu.ecall(SyscallTable.__NR_read, rd, buf, CHUNK);
                if (n > 0) {
                    bytes += n;
                }
            }
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        getpid.kernel_power_off();
        pipe.kernel_power_off();
    }

    /** One getpid: ecall, trap entry, sys_call_table, the tracepoints' checks, and back. */
    @Benchmark
    @OperationsPerInvocation(GETPIDS_PER_MS)
    public long getpidRoundTrip() {
        getpid.run_until(() -> false, getpid.timekeeping().ktime_get_ns() + 1_000_000);
        return calls;
    }

    /** Host time per 64 KiB moved from writer to reader through a pipe (MB/s = 65536 / this in us). */
    @Benchmark
    @OperationsPerInvocation(CHUNKS_PER_10MS)
    public long pipe64KiB() {
        pipe.run_until(() -> false, pipe.timekeeping().ktime_get_ns() + 10_000_000);
        return bytes;
    }
}
