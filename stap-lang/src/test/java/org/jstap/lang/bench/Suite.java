package org.jstap.lang.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark suite: every performance target of DESIGN.md, and the other figures the
 * performance page keeps, measured in one run and printed as one table (metric, baseline,
 * measured, ratio, target, verdict). Each ratio's baseline is measured in the same run, on the
 * same machine, so a busy machine moves both sides. Run from the project folder with
 * {@code bin/bench suite}; it takes about five minutes on 2 cores.
 *
 * <p>The JMH benchmarks of this package give the in-process rows (one fork each, 3 warm-up and 5
 * measured iterations); the cold rows start fresh JVMs ({@link ColdStart}), and the command-line
 * row runs {@code bin/jstap} as a user would, timing the first line of output.
 */
public final class Suite {
    /** {@code -Djstap.suite.quick=true}: one short iteration and run of each, to check the suite itself works. */
    private static final boolean QUICK = Boolean.getBoolean("jstap.suite.quick");
    private static final int CLI_RUNS = QUICK ? 2 : 7;
    private static final int COLD_RUNS = QUICK ? 1 : 5;
    private static final int ITERATIONS = QUICK ? 1 : 5;
    private static final int WARMUPS = QUICK ? 1 : 3;

    /** Mean scores in ns per operation, by "Benchmark.method" or "Benchmark.method:param". */
    private final Map<String, Double> ns = new HashMap<>();
    /** Throughput scores in operations per microsecond (MIPS for the hart), by the same keys. */
    private final Map<String, Double> perUs = new HashMap<>();
    private final List<Row> rows = new ArrayList<>();

    /** One line of the table; verdict is "pass", "FAIL" or "" for figures without a target. */
    record Row(String metric, String baseline, String measured, String ratio, String target, String verdict) {
    }

    public static void main(String[] args) throws Exception {
        Suite suite = new Suite();
        suite.measure();
        suite.table();
        System.out.print(suite.render());
    }

    private void measure() throws Exception {
        jmh("KprobeScriptBenchmark\\.doTimer", 1);
        jmh("KprobeScriptBenchmark\\.(attachDetach|attachDetach1000|machine10ms)$", 1);
        jmh("CompileBenchmark", 1);
        jmh("SyscallBenchmark", 1);
        jmh("KernelBenchmark", 1);
        jmh("JstraceBenchmark", 2);
        jmh("HartBenchmark", 2);
        jmh("TcpBenchmark", 2);
        cold();
        commandLine();
        hostAnchors();
    }

    /** A host command's wall time, median of three runs, or -1 when it is not installed or fails. */
    private static double hostTime(String... command) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (java.io.IOException notInstalled) {
                return -1;
            }
            if (p.waitFor() != 0) {
                return -1;
            }
            times.add((double) (System.nanoTime() - t0));
        }
        return median(times);
    }

    /**
     * The tools jstap stands in for, on this host when they are installed: stap's passes 1-2 of
     * the hello one-liner (passes 3-4 need kernel headers; a fake build tree is made for it), and
     * strace -c on the same dd as the jstrace rows.
     */
    private void hostAnchors() throws Exception {
        Path tree = Files.createTempDirectory("jstap-suite-kernel");
        Files.createDirectories(tree.resolve("include/config"));
        Files.writeString(tree.resolve(".config"), "");
        Files.writeString(tree.resolve("Module.symvers"), "");
        Files.writeString(tree.resolve("include/config/kernel.release"), "6.1.0\n");
        ns.put("host:stap-p2", hostTime("stap", "-r", tree.toString(), "-p2", "-e", ColdStart.HELLO));
        String[] dd = {"dd", "if=/dev/zero", "of=/dev/null", "bs=16", "count=100000"};
        ns.put("host:dd", hostTime(dd));
        String[] traced = new String[dd.length + 3];
        traced[0] = "strace";
        traced[1] = "-c";
        traced[2] = "-o/dev/null";
        System.arraycopy(dd, 0, traced, 3, dd.length);
        ns.put("host:strace-dd", hostTime(traced));
        // the hart against qemu's translator, on the same static binary and argument
        Path cpubound = Path.of("sim-kernel/src/main/resources/org/jstap/sim/userland/elf/cpubound");
        ns.put("host:qemu-cpubound", hostTime("qemu-riscv64", cpubound.toString(), "500"));
        ns.put("jstap:cpubound", hostTime("bin/jstap", "-u", "-e", "probe end { }", "-c", "/usr/bin/cpubound 500"));
        ns.put("jstap:true", hostTime("bin/jstap", "-u", "-e", "probe end { }", "-c", "true"));
    }

    /** Runs the benchmarks matching {@code regex} and keeps their scores. */
    private void jmh(String regex, int seconds) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder().include(Suite.class.getPackageName() + "." + regex)
                .forks(1).warmupIterations(WARMUPS).measurementIterations(ITERATIONS)
                .warmupTime(TimeValue.seconds(seconds)).measurementTime(TimeValue.seconds(seconds));
        Collection<RunResult> results = new Runner(options.build()).run();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            StringBuilder key = new StringBuilder(name);
            for (String p : r.getParams().getParamsKeys()) {
                key.append(':').append(r.getParams().getParam(p));
            }
            String unit = r.getPrimaryResult().getScoreUnit();
            if (unit.startsWith("ops/")) {
                // a throughput benchmark: its operations (and aux counters) per microsecond, kept as they are
                perUs.put(key.toString(), r.getPrimaryResult().getScore());
                for (var e : r.getSecondaryResults().entrySet()) {
                    perUs.put(key + "#" + e.getKey(), e.getValue().getScore());
                }
            } else {
                ns.put(key.toString(), toNs(r.getPrimaryResult().getScore(), unit));
            }
        }
    }

    static double toNs(double score, String unit) {
        return switch (unit) {
            case "ns/op" -> score;
            case "us/op" -> score * 1e3;
            case "ms/op" -> score * 1e6;
            case "s/op" -> score * 1e9;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }

    /** Passes 1-4 of the one-liner and the 500-line script, and compile + attach: each run in a new JVM. */
    private void cold() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        for (String figure : ColdStart.FIGURES) {
            List<Double> runs = new ArrayList<>();
            for (int i = 0; i < COLD_RUNS; i++) {
                Process p = new ProcessBuilder(java, "-javaagent:sim-kernel/target/sim-kernel.jar", "-cp",
                        System.getProperty("java.class.path"), ColdStart.class.getName(), figure)
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("cold start " + figure + " failed:\n" + out);
                }
                runs.add(Double.parseDouble(out.lines().reduce((a, b) -> b).orElseThrow()));
            }
            ns.put("cold:" + figure, median(runs));
        }
    }

    /** bin/jstap's hello, from the command to its first line of output; the first run fills the module cache. */
    private void commandLine() throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < CLI_RUNS; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("bin/jstap", "-e", "probe begin { println(\"hi\") exit() }")
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String first = r.readLine();
                long t = System.nanoTime() - t0;
                if (!"hi".equals(first)) {
                    throw new IllegalStateException("bin/jstap printed " + first);
                }
                times.add((double) t);
            }
            p.waitFor();
        }
        ns.put("cli:first", times.get(0));
        ns.put("cli:median", median(times.subList(1, times.size())));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private double get(String key) {
        Double v = ns.get(key);
        if (v == null) {
            throw new IllegalStateException("no result for " + key + " (have " + ns.keySet() + ")");
        }
        return v;
    }

    private void table() {
        double none = get("KprobeScriptBenchmark.doTimer:none");
        rows.add(new Row("unprobed kernel function (do_timer), the baseline of the probe rows", "", time(none), "",
                "", ""));
        probeRow("counting probe `{ n++ }`", "count", none, 2.0);
        probeRow("`$arg` read `{ n += $ticks }`", "arg", none, -1);
        probeRow("`@hist_log` of `$ticks`", "hist_arg", none, -1);
        probeRow("entry+return latency into a stat", "latency", none, -1);
        probeRow("`printf` probe (to a null stream)", "printf", none, -1);
        rows.add(new Row("attach + detach, one probed method", "", time(get("KprobeScriptBenchmark.attachDetach")),
                "", "", ""));
        rows.add(new Row("attach + detach, 1,000 methods (per method)", "",
                time(get("KprobeScriptBenchmark.attachDetach1000") / 1000), "", "", ""));
        double idle = get("KprobeScriptBenchmark.machine10ms:false");
        double all = get("KprobeScriptBenchmark.machine10ms:true");
        rows.add(new Row("10 ms of the machine, every kernel function counted", time(idle), time(all), ratio(all, idle),
                "", ""));
        double coldOne = get("cold:compileOneLiner");
        rows.add(new Row("passes 1-4, one-liner, cold (new JVM)", "", time(coldOne), "", "", ""));
        double coldAttach = get("cold:compileAttachOneLiner");
        rows.add(new Row("passes 1-4 + attach, one-liner, cold (new JVM)", "", time(coldAttach), "", "<= 50 ms",
                verdict(coldAttach <= 50e6)));
        double warmOne = get("CompileBenchmark.compileOneLiner");
        rows.add(new Row("passes 1-4, one-liner, warm", "", time(warmOne), "", "<= 10 ms", verdict(warmOne <= 10e6)));
        double stap = get("host:stap-p2");
        if (stap > 0) {
            rows.add(new Row("passes 1-4, one-liner, cold, against the host's `stap -p2` (passes 1-2 only)", time(stap),
                    time(coldOne), ratio(coldOne, stap), "", ""));
        }
        rows.add(new Row("passes 1-4, 500-line script, cold (new JVM)", "", time(get("cold:compile500Lines")), "", "",
                ""));
        rows.add(new Row("passes 1-4, 500-line script, warm", "", time(get("CompileBenchmark.compile500Lines")), "", "",
                ""));
        double cli = get("cli:median");
        rows.add(new Row("command line to first output, hello (median of " + (CLI_RUNS - 1) + ", cached module)", "",
                time(cli), "", "<= 0.3 s", verdict(cli <= 0.3e9)));
        rows.add(new Row("command line to first output, hello, first run", "", time(get("cli:first")), "", "", ""));
        double getpid = get("SyscallBenchmark.getpidRoundTrip");
        rows.add(new Row("getpid round trip from a user program", "", time(getpid), "", "<= 150 ns",
                verdict(getpid <= 150)));
        double pipe = get("SyscallBenchmark.pipe64KiB");
        rows.add(new Row("pipe throughput, 64 KiB writes", "",
                String.format(Locale.ROOT, "%.0f MB/s", SyscallBenchmark.CHUNK / pipe * 1e3), "", "", ""));
        rows.add(new Row("fork + exit + wait4", "", time(get("KernelBenchmark.forkExitWait")), "", "", ""));
        rows.add(new Row("fork + exec + exit + wait4", "", time(get("KernelBenchmark.forkExecExitWait")), "", "", ""));
        rows.add(new Row("context switch (sched_yield ping-pong)", "", time(get("KernelBenchmark.contextSwitch")), "",
                "", ""));
        rows.add(new Row("boot to init", "", time(get("KernelBenchmark.bootToInit")), "", "", ""));
        for (String path : List.of("lo", "nic")) {
            double perMiB = get("TcpBenchmark.oneMiB:" + path);
            rows.add(new Row(path.equals("lo") ? "TCP over lo, 64 KiB writes (simulated MB per wall second)"
                            : "TCP between two hosts over the e1000s and the wire (MB per wall second)", "",
                    String.format(Locale.ROOT, "%.1f MB/s", TcpBenchmark.MIB / 1e6 / (perMiB / 1e9)), "", "", ""));
        }
        for (String command : List.of("dd if=/dev/zero of=/dev/null bs=16 count=100000", "seq 1 20000 | sort -n | wc -l")) {
            double base = get("JstraceBenchmark.untraced:" + command);
            double traced = get("JstraceBenchmark.jstraceC:" + command);
            rows.add(new Row("`jstrace -c` overhead, `" + command + "`", time(base), time(traced), ratio(traced, base),
                    "<= 1.3x", verdict(traced / base <= 1.3)));
        }
        double loop = perUs.getOrDefault("HartBenchmark.loop:5", -1.0);
        double real = perUs.getOrDefault("HartBenchmark.cpubound:5#instructions", -1.0);
        rows.add(new Row("RISC-V hart, tight integer loop", "", String.format(Locale.ROOT, "%.0f MIPS", loop), "",
                ">= 300 MIPS", verdict(loop >= 300)));
        rows.add(new Row("RISC-V hart, cpubound on a booted machine (faults, syscalls, timer included)", "",
                String.format(Locale.ROOT, "%.0f MIPS", real), "", ">= 300 MIPS", verdict(real >= 300)));
        double qemu = get("host:qemu-cpubound");
        if (qemu > 0) {
            // jstap's run minus what a run of `true` costs: the program's own time on the hart
            double hart = get("jstap:cpubound") - get("jstap:true");
            rows.add(new Row("`cpubound 500` on the hart against the host's qemu-riscv64 (start-up subtracted)",
                    time(qemu), time(hart), ratio(hart, qemu), "", ""));
        }
        double dd = get("host:dd");
        double straced = get("host:strace-dd");
        if (dd > 0 && straced > 0) {
            rows.add(new Row("the host's `strace -c` on the same dd (real Linux, for comparison)", time(dd),
                    time(straced), ratio(straced, dd), "", ""));
        }
    }

    /** A probe row: the same call with the probe armed, and the time it adds; a target in ns added, or -1. */
    private void probeRow(String what, String param, double none, double maxAddedNs) {
        double armed = get("KprobeScriptBenchmark.doTimer:" + param);
        double added = armed - none;
        rows.add(new Row(what + " on do_timer, time added " + time(added), time(none), time(armed),
                ratio(armed, none), maxAddedNs < 0 ? "" : "<= " + time(maxAddedNs) + " added",
                maxAddedNs < 0 ? "" : verdict(added <= maxAddedNs)));
    }

    private static String verdict(boolean ok) {
        return ok ? "pass" : "FAIL";
    }

    private static String ratio(double measured, double baseline) {
        return String.format(Locale.ROOT, "%.2fx", measured / baseline);
    }

    /** A duration in the unit that gives it three figures. */
    static String time(double ns) {
        double a = Math.abs(ns);
        if (a < 1e3) {
            return String.format(Locale.ROOT, "%.2f ns", ns);
        } else if (a < 1e6) {
            return String.format(Locale.ROOT, "%.2f us", ns / 1e3);
        } else if (a < 1e9) {
            return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
    }

    /** The table in Markdown, under a line naming the machine and the JVM. */
    String render() throws Exception {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "jstap benchmark suite, %s: %d CPUs, %s %s, %s %s%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), System.getProperty("os.name"), cpuModel()));
        out.append("| metric | baseline | measured | ratio | target | verdict |\n");
        out.append("| --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            out.append("| ").append(String.join(" | ", r.metric(), r.baseline(), r.measured(), r.ratio(), r.target(),
                    r.verdict())).append(" |\n");
        }
        return out.toString();
    }

    private static String cpuModel() throws Exception {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "";
        }
        return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> "(" + l.substring(l.indexOf(':') + 1).trim() + ")").orElse("");
    }
}
