package org.jstap.lang.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.jstap.runtime.CompiledScript;
import org.jstap.runtime.SessionOptions;
import org.jstap.runtime.Staprun;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.junit.jupiter.api.Test;

/**
 * Sessions and kernels in one JVM, as DESIGN.md asks: several sessions attach to one running
 * kernel, each seeing its own probes; a session's probes fire only in the kernel it attached to.
 */
class SharedKernelTest {
    private static final long SECOND = 1_000_000_000L;

    private static CompiledScript compile(String script) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        return new Driver(new ByteArrayOutputStream(), new PrintStream(err, true))
                .compile(Options.of(new SourceFile("<input>", script), List.of()));
    }

    private static void runFor(Kernel kernel, long ns) {
        kernel.run_until(() -> false, kernel.timekeeping().ktime_get_ns() + ns);
    }

    @Test
    void twoSessionsOnOneKernel_eachSeeItsOwnProbes_andDetachingOneLeavesTheOther() throws Exception {
        Kernel kernel = Kernel.boot(KernelConfig.defaults());
        try {
            ByteArrayOutputStream outA = new ByteArrayOutputStream();
            ByteArrayOutputStream outB = new ByteArrayOutputStream();
            ByteArrayOutputStream errs = new ByteArrayOutputStream();
            PrintStream err = new PrintStream(errs, true);
            // both probe the same function, and each also something of its own
            Staprun a = new Staprun(kernel, "stap_a", compile("global n, t; probe kernel.function(\"do_timer\") { n++ } "
                    + "probe kernel.trace(\"sched_switch\") { t++ } probe end { printf(\"a %d %d\\n\", n, t > 0) }"),
                    new SessionOptions(outA, err));
            Staprun b = new Staprun(kernel, "stap_b", compile("global n; probe kernel.function(\"do_timer\") { n++ } "
                    + "probe end { printf(\"b %d\\n\", n) }"), new SessionOptions(outB, err));
            assertEquals(0, a.attach());
            runFor(kernel, SECOND);
            assertEquals(0, b.attach());
            String modules = kernel.modules().proc_modules();
            assertTrue(modules.startsWith("stap_b ") && modules.contains("\nstap_a "), modules);
            runFor(kernel, SECOND);
            assertEquals(0, b.detach());
            assertTrue(kernel.modules().proc_modules().startsWith("stap_a "), kernel.modules().proc_modules());
            runFor(kernel, SECOND);
            assertEquals(0, a.detach());
            assertEquals("", kernel.modules().proc_modules());
            // HZ=250 on CPU 0: a was attached for 3 s, b for the middle second
            assertEquals("a 750 1\n", outA.toString());
            assertEquals("b 250\n", outB.toString());
            assertEquals("", errs.toString());
        } finally {
            kernel.kernel_power_off();
        }
    }

    @Test
    void aSessionsProbes_fireOnlyInItsOwnKernel() throws Exception {
        Kernel mine = Kernel.boot(KernelConfig.defaults());
        Kernel other = Kernel.boot(KernelConfig.defaults());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Staprun s = new Staprun(mine, "stap_mine", compile("global n; probe kernel.function(\"do_timer\") { n++ } "
                    + "probe end { printf(\"%d\\n\", n) }"), new SessionOptions(out, new PrintStream(out, true)));
            assertEquals(0, s.attach());
            // the other machine runs a second with the same class's code probed: none of its hits count
            runFor(other, SECOND);
            long otherJiffies = other.timekeeping().jiffies();
            runFor(mine, SECOND / 2);
            assertEquals(0, s.detach());
            assertEquals("125\n", out.toString());
            assertTrue(otherJiffies >= 250, "the other kernel ran: " + otherJiffies);
        } finally {
            mine.kernel_power_off();
            other.kernel_power_off();
        }
    }
}
