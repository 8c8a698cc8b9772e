package org.jstap.lang.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jstap.lang.cli.JstraceCommand;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code jstrace -c} costs a syscall-heavy command (DESIGN's target: at most 1.3x its
 * untraced wall time; strace's ptrace stops can cost 100x). Each operation boots a machine and
 * runs the command to its end, once with no syscall probes (a session with only an end probe,
 * as {@code jstap -u -c CMD -e 'probe end {}'}), once under {@code jstrace -c}; both include
 * boot, the (cached) module load and attach, so the ratio is what a user sees per run.
 * Run with {@code bin/bench JstraceBenchmark}.
 *
 * <p>Virtual time is not measured here: probes cost no virtual time, so the command's own clock
 * (dd's "copied, N s") reads the same traced and untraced.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-javaagent:sim-kernel/target/sim-kernel.jar")
public class JstraceBenchmark {
    /** 100,000 reads and 100,000 writes of 16 bytes; and a pipeline of small programs. */
    @Param({"dd if=/dev/zero of=/dev/null bs=16 count=100000", "seq 1 20000 | sort -n | wc -l"})
    public String command;

    private static final PrintStream NULL = new PrintStream(OutputStream.nullOutputStream());

    @Benchmark
    public int untraced() throws Exception {
        Options o = Options.of(new SourceFile("<bench>", "probe end { }"), List.of()).withUnoptimized()
                .withCommand(command);
        Driver d = new Driver(OutputStream.nullOutputStream(), NULL).withCommandOutput(OutputStream.nullOutputStream());
        return succeeded(d.run(o) + d.commandStatus());
    }

    /** A run that failed (no agent, a broken command) must not be timed as if it had worked. */
    private static int succeeded(int status) {
        if (status != 0) {
            throw new IllegalStateException("the run failed with status " + status);
        }
        return status;
    }

    @Benchmark
    public int jstraceC() {
        return succeeded(JstraceCommand.execute(new String[] {"-c", "sh", "-c", command}, OutputStream.nullOutputStream(),
                NULL));
    }
}
