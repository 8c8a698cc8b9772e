package org.jstap.lang.bench;

import java.util.concurrent.TimeUnit;
import org.jstap.sim.Cluster;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.arch.riscv.UserCode;
import org.jstap.sim.fs.BinfmtJava;
import org.jstap.sim.hw.Wire;
import org.jstap.sim.net.ipv4.In;
import org.jstap.sim.userland.Libc;
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
 * TCP throughput of the simulated stack, in host time: a program streams 64 KiB write(2)s into
 * a connection whose other end read(2)s them, over {@code lo} on one machine or between two
 * hosts over their e1000s and the wire (50 us delay, no loss); one operation is 1 MiB arriving at
 * the reader, so MB of simulated traffic per wall second is 1.048576 / (seconds per op).
 * Run with {@code bin/bench TcpBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TcpBenchmark {
    /** Bytes per operation. */
    public static final long MIB = 1 << 20;
    private static final int CHUNK = 64 * 1024;
    private static final long SECOND = 1_000_000_000L;

    @Param({"lo", "nic"})
    public String path;

    private Kernel single;
    private Cluster cluster;
    /** Bytes the reader has read (written by the simulated program, read here). */
    private volatile long received;

    /** The reader: accept on :5001, read forever, count. */
    private UserCode reader() {
        return cpu -> {
            Libc c = new Libc(cpu);
            int l = (int) c.socket(Libc.AF_INET, Libc.SOCK_STREAM, 0);
            c.bind_inet(l, 0, 5001);
            c.listen(l, 5);
            int a = (int) c.accept(l, 0, 0);
            long buf = c.mmap(0, CHUNK, 3, 0x22);
            for (long r; (r = c.read(a, buf, CHUNK)) > 0;) {
                received += r;
            }
            return 0;
        };
    }

    /** The writer: connect to {@code addr}:5001 and write 64 KiB chunks forever. */
    private static UserCode writer(String addr) {
        return cpu -> {
            Libc c = new Libc(cpu);
            c.nanosleep(SECOND / 100);
            int s = (int) c.socket(Libc.AF_INET, Libc.SOCK_STREAM, 0);
            if (c.connect_inet(s, In.in_aton(addr), 5001) != 0) {
                return 1;
            }
            long buf = c.mmap(0, CHUNK, 3, 0x22);
            while (c.write(s, buf, CHUNK) > 0) {
                // stream on
            }
            return 0;
        };
    }

    private static void install(Kernel k, String name, UserCode program) {
        k.binfmt_java().register_program(name, program);
        k.initramfs().add("/bin/" + name, BinfmtJava.executable(name));
    }

    @Setup(Level.Trial)
    public void setUp() {
        if (path.equals("lo")) {
            // no /sbin/init to bring lo up: the kernel does it (ip=)
            single = Kernel.create(new KernelConfig(2, 128, 0, "init=/bin/pair ip=127.0.0.1:::255.0.0.0::lo:off"));
            install(single, "reader", reader());
            install(single, "writer", writer("127.0.0.1"));
            install(single, "pair", cpu -> {
                Libc c = new Libc(cpu);
                c.fork(child -> (int) new Libc(child).execve("/bin/writer", java.util.List.of("writer"),
                        java.util.List.of()));
                return (int) c.execve("/bin/reader", java.util.List.of("reader"), java.util.List.of());
            });
            single.start_kernel();
        } else {
            KernelConfig base = new KernelConfig(1, 128, 0, "init=/bin/t");
            cluster = Cluster.create(2, i -> Cluster.addressed_host_config(base, i),
                    Wire.Config.defaults().withDelay(50_000));
            install(cluster.host(0), "t", reader());
            install(cluster.host(1), "t", writer(Cluster.address(0)));
            cluster.start_kernels();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (single != null) {
            single.kernel_power_off();
        } else {
            cluster.kernel_power_off();
        }
    }

    /** 1 MiB more at the reader. */
    @Benchmark
    public long oneMiB() {
        long target = received + MIB;
        boolean done = single != null
                ? single.run_until(() -> received >= target, Long.MAX_VALUE)
                : cluster.run_until(() -> received >= target, Long.MAX_VALUE);
        if (!done) {
            throw new IllegalStateException("the stream stopped at " + received + " bytes");
        }
        return received;
    }
}
