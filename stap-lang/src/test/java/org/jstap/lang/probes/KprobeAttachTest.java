package org.jstap.lang.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Options;
import org.junit.jupiter.api.Test;

/** Attaching and detaching kprobes repeatedly loses no hits and leaves nothing behind. */
class KprobeAttachTest {

    @Test
    void repeatedSessions_countTheSameHits() throws Exception {
        String script = "global n; probe kernel.function(\"do_timer\") { n++ } "
                + "probe timer.ms(200) { println(n) exit() }";
        for (int i = 0; i < 20; i++) {
            assertEquals("50\n", run(script), "session " + i);
        }
    }

    @Test
    void afterDetach_aKernelRunsWithoutHooks() throws Exception {
        run("probe kernel.function(\"do_timer\") { } probe timer.ms(10) { exit() }");
        // a kernel with no session attached counts nothing through kprobes
        var kernel = org.jstap.sim.Kernel.boot(org.jstap.sim.KernelConfig.defaults());
        kernel.run_until(() -> false, kernel.timekeeping().ktime_get_ns() + 100_000_000L);
        assertEquals(25, kernel.timekeeping().jiffies());
    }

    @Test
    void aBatch_rewritesEachClassOnceAndArmsAtItsEnd() {
        var kernel = org.jstap.sim.Kernel.boot(org.jstap.sim.KernelConfig.defaults());
        try {
            kernel.bind_current_thread();
            org.jstap.sim.kernel.kprobes.Kprobes.wait_for_kprobe_optimizer();
            long[] hits = new long[3];
            var timer = new org.jstap.sim.kernel.kprobes.Kprobe("do_timer", false, (a, r) -> hits[0]++, false);
            var args = new org.jstap.sim.kernel.kprobes.Kprobe("do_timer", false, (a, r) -> hits[1]++, true);
            var ret = new org.jstap.sim.kernel.kprobes.Kretprobe("do_timer", null, (ri, a, r) -> hits[2]++, false, 0);
            long before = org.jstap.sim.kernel.kprobes.Kprobes.rewrites();
            int status = org.jstap.sim.kernel.kprobes.Kprobes.batch(() -> {
                assertEquals(0, kernel.kprobes().register_kprobe(timer));
                assertEquals(0, kernel.kprobes().register_kprobe(args));
                assertEquals(0, kernel.kprobes().register_kretprobe(ret));
                // inside the batch nothing is rewritten yet, so nothing fires
                kernel.timekeeping().do_timer(1);
            });
            assertEquals(0, status);
            // three shapes (entry, arguments, return) on one function: one rewrite, not three
            assertEquals(before + 1, org.jstap.sim.kernel.kprobes.Kprobes.rewrites());
            assertEquals(0, hits[0] + hits[1] + hits[2]);
            org.junit.jupiter.api.Assertions.assertTrue(org.jstap.sim.kernel.kprobes.Kprobes.armed(timer));
            org.junit.jupiter.api.Assertions.assertTrue(org.jstap.sim.kernel.kprobes.Kprobes.armed(ret));
            kernel.timekeeping().do_timer(1);
            kernel.timekeeping().do_timer(1);
            assertEquals(List.of(2L, 2L, 2L), List.of(hits[0], hits[1], hits[2]));
            kernel.kprobes().unregister_kprobe(timer);
            kernel.kprobes().unregister_kprobe(args);
            kernel.kprobes().unregister_kretprobe(ret);
        } finally {
            kernel.kernel_power_off();
        }
    }

    private static String run(String script) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int status = new org.jstap.lang.driver.Driver(out, new java.io.PrintStream(err, true))
                .run(Options.of(new SourceFile("<input>", script), List.of()));
        assertEquals(0, status, err.toString());
        return out.toString();
    }

}
