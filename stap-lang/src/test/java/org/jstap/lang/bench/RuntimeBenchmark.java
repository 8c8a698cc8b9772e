package org.jstap.lang.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.jstap.runtime.CompiledScript;
import org.jstap.runtime.ProbeHandler;
import org.jstap.runtime.ProbeRegistry;
import org.jstap.runtime.Session;
import org.jstap.runtime.SessionOptions;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One probe hit of compiled handlers, through the session as the kernel would fire them:
 * {@code a[k]++} on an existing key, {@code x <<< v}, and printf of two numbers (output relayed to
 * a null stream). Run with {@code bin/bench RuntimeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuntimeBenchmark {
    private Session session;
    private ProbeHandler increment;
    private ProbeHandler aggregate;
    private ProbeHandler printf;
    private ProbeHandler empty;

    @Setup
    public void setUp() throws Exception {
        String script = """
                global a, s, n
                probe begin(1) { a["key"]++ }
                probe begin(2) { s <<< n; n++ }
                probe begin(3) { printf("%d %d\\n", n, 42) }
                probe begin(4) { }
                probe end { println(a["key"], @count(s)) }
                """;
        PrintStream err = new PrintStream(OutputStream.nullOutputStream());
        CompiledScript compiled = new Driver(OutputStream.nullOutputStream(), err)
                .compile(Options.of(new SourceFile("bench.stp", script), List.of()).withUnoptimized());
        List<ProbeHandler> handlers = new ArrayList<>();
        session = new Session(Kernel.boot(KernelConfig.defaults()), "stap_bench",
                new SessionOptions(OutputStream.nullOutputStream(), err));
        compiled.register(new ProbeRegistry() {
            @Override
            public void begin(long sequence, String point, ProbeHandler handler) {
                handlers.add(handler);
            }

            @Override
            public void end(long sequence, String point, ProbeHandler handler) {
            }

            @Override
            public void error(long sequence, String point, ProbeHandler handler) {
            }

            @Override
            public void timer(long intervalNs, long randomizeNs, String point, ProbeHandler handler) {
            }

            @Override
            public void kprobe(String symbol, boolean isReturn, boolean readsArgs, int maxActive, String point,
                               ProbeHandler handler) {
            }

            @Override
            public void kretprobe(String symbol, boolean readsArgs, int maxActive, int entryValues,
                                  boolean entryReadsArgs,
                                  ProbeHandler entry, String point, ProbeHandler handler) {
            }

            @Override
            public void tracepoint(String name, String point, ProbeHandler handler) {
            }

            @Override
            public void profile(String point, ProbeHandler handler) {
            }

            @Override
            public void process(boolean thread, boolean isEnd, String point, ProbeHandler handler) {
            }

            @Override
            public int maxMapEntries() {
                return 2048;
            }
        });
        session.open();
        increment = handlers.get(0);
        aggregate = handlers.get(1);
        printf = handlers.get(2);
        empty = handlers.get(3);
    }

    @Benchmark
    public void emptyProbeHit() {
        session.hit("begin", empty);
    }

    @Benchmark
    public void arrayIncrementExistingKey() {
        session.hit("begin", increment);
    }

    @Benchmark
    public void aggregateValue() {
        session.hit("begin", aggregate);
    }

    @Benchmark
    public void printfTwoNumbers() {
        session.hit("begin", printf);
    }
}
