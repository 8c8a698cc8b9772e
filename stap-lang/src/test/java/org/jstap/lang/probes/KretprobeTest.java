package org.jstap.lang.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Options;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.kprobes.Kprobe;
import org.jstap.sim.kernel.kprobes.Kretprobe;
import org.junit.jupiter.api.Test;

/**
 * register_kretprobe on functions tasks sleep inside ({@code schedule_timeout}, nanosleep): with
 * {@code maxactive} instances the returns beyond them are counted missed, not lost silently, and
 * {@code @entry} values belong to their own call however the tasks interleave.
 */
class KretprobeTest {

    @Test
    void maxactive_busyInstancesCountMissedReturns() {
        Kernel kernel = Kernel.boot(KernelConfig.defaults());
        try {
            kernel.bind_current_thread();
            long[] inFlight = new long[1];
            long[] maxInFlight = new long[1];
            Kprobe entries = new Kprobe("schedule_timeout", false, (args, ret) -> { }, false);
            Kretprobe rp = new Kretprobe("schedule_timeout", (ri, args) -> {
                maxInFlight[0] = Math.max(maxInFlight[0], ++inFlight[0]);
                return 0;
            }, (ri, args, ret) -> inFlight[0]--, false, 0);
            rp.maxactive = 1;
            assertEquals(0, kernel.kprobes().register_kprobe(entries));
            assertEquals(0, kernel.kprobes().register_kretprobe(rp));
            kernel.run_until(() -> false, kernel.timekeeping().ktime_get_ns() + 200_000_000L);
            kernel.kprobes().unregister_kretprobe(rp);
            kernel.kprobes().unregister_kprobe(entries);
            assertTrue(rp.nmissed() > 0, "several kernel threads sleep in schedule_timeout at once");
            assertEquals(1, maxInFlight[0], "never more than maxactive calls traced at once");
            // every entry was either traced to its return, missed, or is still inside
            assertEquals(entries.nhit(), rp.nhit() + rp.nmissed() + inFlight[0]);
        } finally {
            kernel.kernel_power_off();
        }
    }

    @Test
    void defaultMaxactive_isLinuxs() {
        Kernel kernel = Kernel.boot(KernelConfig.defaults());
        try {
            assertEquals(Math.max(10, 2 * kernel.config().cpus()), kernel.kprobes().defaultMaxactive());
        } finally {
            kernel.kernel_power_off();
        }
    }

    @Test
    void entryValues_stayWithTheirCall() throws Exception {
        // three sleeps overlap and the first in returns last: one stack of saved values shared
        // by all calls would hand a return another task's tid
        String out = run("global n, wrong; probe kernel.function(\"__do_sys_nanosleep\").return { n++; "
                + "if (@entry(tid()) != tid()) wrong++ } probe end { printf(\"%d %d\\n\", n >= 3, wrong) }",
                "sleep 0.03 & sleep 0.01 & sleep 0.02; sleep 0.05");
        assertEquals("1 0\n", out);
    }

    @Test
    void maxactiveSuffix_limitsTheScriptsReturnProbe() throws Exception {
        // three sleeps overlap: with one instance, two of their returns are missed
        String script = "global n; probe kernel.function(\"__do_sys_nanosleep\").return.maxactive(1) { "
                + "if (!n++) println(pp()) } probe end { println(n) }";
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int status = new org.jstap.lang.driver.Driver(out, new java.io.PrintStream(err, true))
                .run(Options.of(new SourceFile("<input>", script), List.of())
                        .withCommand("sleep 0.03 & sleep 0.01 & sleep 0.02; sleep 0.05"));
        assertEquals(0, status, err.toString());
        assertEquals("kernel.function(\"__do_sys_nanosleep@kernel/time/hrtimer.c\").return.maxactive(1)\n2\n",
                out.toString());
        var skipped = java.util.regex.Pattern.compile("skipped probes: (\\d+)").matcher(err.toString());
        assertTrue(skipped.find() && Long.parseLong(skipped.group(1)) > 0, err.toString());
    }

    @Test
    void maxactiveSuffix_needsAPositiveNumberAfterReturn() throws Exception {
        for (String point : List.of("kernel.function(\"schedule_timeout\").maxactive(1)",
                "kernel.function(\"schedule_timeout\").return.maxactive(0)",
                "kernel.function(\"schedule_timeout\").return.maxactive")) {
            var err = new java.io.ByteArrayOutputStream();
            int status = new org.jstap.lang.driver.Driver(java.io.OutputStream.nullOutputStream(),
                    new java.io.PrintStream(err, true))
                    .run(Options.of(new SourceFile("<input>", "probe " + point + " { }"), List.of()));
            assertEquals(1, status, point);
            assertTrue(err.toString().contains("semantic error"), err.toString());
        }
    }

    private static String run(String script, String command) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int status = new org.jstap.lang.driver.Driver(out, new java.io.PrintStream(err, true))
                .run(Options.of(new SourceFile("<input>", script), List.of()).withCommand(command));
        assertEquals(0, status, err.toString());
        return out.toString();
    }
}
