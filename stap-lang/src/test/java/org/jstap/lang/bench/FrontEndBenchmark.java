package org.jstap.lang.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.elaborate.CoreProbes;
import org.jstap.lang.elaborate.Elaborator;
import org.jstap.lang.parse.ParsePass;
import org.jstap.lang.parse.TargetInfo;
import org.jstap.sim.Kernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Passes 1 and 2 (parse and elaborate) of a 500-line script, warm. Target (issue 3): under 20 ms.
 * Run with {@code bin/bench FrontEndBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrontEndBenchmark {
    static final TargetInfo TARGET = new TargetInfo(Kernel.RELEASE, "riscv", Map.of(), false, List.of());
    final SourceFile script = new SourceFile("bench.stp", Scripts.lines(500));

    @Benchmark
    public Object parseAndElaborate500Lines() {
        ParsePass.Result parsed = ParsePass.parse(script, TARGET, Map.of());
        if (parsed.diagnostics().hasErrors()) {
            throw new IllegalStateException(parsed.diagnostics().all().toString());
        }
        Elaborator.Result r = Elaborator.elaborate(parsed.script(), List.of(), new CoreProbes());
        if (r.diagnostics().hasErrors()) {
            throw new IllegalStateException(r.diagnostics().all().toString());
        }
        return r.script();
    }
}
