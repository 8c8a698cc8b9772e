package org.jstap.lang.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Passes 1-4 (parse, elaborate, translate, verify and build) of a one-liner and a 500-line script, warm. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompileBenchmark {
    private final SourceFile large = new SourceFile("bench.stp", Scripts.lines(500));
    private final SourceFile oneLiner = new SourceFile("<input>", "probe begin { log(\"hello systemtap!\") exit() }");
    private final Driver driver = new Driver(OutputStream.nullOutputStream(), new PrintStream(OutputStream.nullOutputStream()));

    @Benchmark
    public Object compile500Lines() throws Exception {
        return driver.compile(Options.of(large, List.of()));
    }

    @Benchmark
    public Object compileOneLiner() throws Exception {
        return driver.compile(Options.of(oneLiner, List.of()));
    }
}
