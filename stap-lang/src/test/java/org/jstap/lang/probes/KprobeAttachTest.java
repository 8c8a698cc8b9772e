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

    private static String run(String script) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int status = new org.jstap.lang.driver.Driver(out, new java.io.PrintStream(err, true))
                .run(Options.of(new SourceFile("<input>", script), List.of()));
        assertEquals(0, status, err.toString());
        return out.toString();
    }

}
