package org.jstap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * How a bin/jstap session ends, as with stap: SIGINT or SIGTERM to the launcher, -T, exit(),
 * the end of -c; in every case the end probes run and the module leaves /proc/modules.
 */
class JstapSessionTest {
    /** Runs until something ends it, with a kprobe armed; how far the machine got depends on the host. */
    private static final String SCRIPT = "global n; probe begin { println(\"started\") } "
            + "probe kernel.function(\"do_timer\") { n++ } probe end { println(\"end ran\") }";

    @Test
    void sigterm_endsTheSessionWithEndProbes() throws Exception {
        assertEndsCleanlyOn("TERM");
    }

    @Test
    void sigint_endsTheSessionWithEndProbes() throws Exception {
        assertEndsCleanlyOn("INT");
    }

    /** Starts a session that would run forever, waits for its begin probe, sends the signal. */
    private static void assertEndsCleanlyOn(String signal) throws Exception {
        List<String> command = new ArrayList<>(List.of(Launcher.HOME.resolve("bin/jstap").toString(),
                "--no-global-var-display", "-e", SCRIPT));
        ProcessBuilder pb = new ProcessBuilder(command).directory(Launcher.HOME.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JSTAP_CACHE", Files.createTempDirectory("jstap-cache").toString());
        File out = File.createTempFile("jstap-out", ".txt");
        File err = File.createTempFile("jstap-err", ".txt");
        pb.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(out.toPath()).contains("started\n")) {
                assertTrue(p.isAlive() && System.nanoTime() < deadline, "no begin output: " + Files.readString(err.toPath()));
                Thread.sleep(20);
            }
            if (signal.equals("INT")) {
                // a process started with SIGINT ignored (a shell's background job) cannot take it,
                // in Java as in C; then there is nothing to test here
                Assumptions.assumeFalse(ignored(p.pid(), 2), "SIGINT is ignored in this test's process tree");
            }
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher did not end on SIG" + signal);
            assertEquals(0, p.exitValue(), Files.readString(err.toPath()));
            assertEquals("started\nend ran\n", Files.readString(out.toPath()));
            assertEquals("", Files.readString(err.toPath()));
        } finally {
            p.destroyForcibly();
            out.delete();
            err.delete();
        }
    }

    /** Whether signal {@code sig} is in the SigIgn mask of /proc/PID/status (Linux hosts). */
    private static boolean ignored(long pid, int sig) throws Exception {
        for (String line : Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (sig - 1))) != 0;
            }
        }
        return false;
    }

    @Test
    void timeLimit_endsTheSessionWithEndProbes() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-T", "1", "-e", "global n; probe kernel.function(\"do_timer\") { n++ } "
                + "probe end { printf(\"%d ticks\\n\", n) }");
        assertEquals(0, r.status(), r.err());
        // HZ=250: one second of virtual time is 250 ticks of CPU 0
        assertEquals("250 ticks\n", r.out());
    }

    @Test
    void procModules_listsTheScriptWhileItRuns_andNotAfter() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-c", "cat /proc/modules", "-e",
                "probe end { printf(\"%s\\n\", module_name()) }");
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].matches("stap_[0-9a-f]{16} [0-9]+ 0 - Live 0x[0-9a-f]{16}"), r.out());
        assertEquals(lines[1], lines[0].substring(0, lines[0].indexOf(' ')), "the module is the script's");
    }

    @Test
    void timing_reportFollowsTheOutput() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-t", "-e", "probe begin { println(\"hi\"); exit() }");
        assertEquals(0, r.status(), r.err());
        assertEquals("hi\n----- probe hit report: \n"
                + "begin, (<input>:1:1), hits: 1, cycles: 2min/2avg/2max, variance: 0, from: begin, index: 0\n"
                + "----- refresh report:\n", r.out());
    }
}
