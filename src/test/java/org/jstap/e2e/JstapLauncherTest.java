package org.jstap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** bin/jstap run as a subprocess, as the README tells users to. */
class JstapLauncherTest {
    private static final String HELLO = "probe begin { log(\"hello systemtap!\") exit() }";

    @Test
    void hello_printsGreetingAndExitsZero() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-e", HELLO);
        assertEquals("hello systemtap!\n", r.out());
        assertEquals("", r.err());
        assertEquals(0, r.status());
    }

    @Test
    void helloExampleFile_printsGreeting() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "examples/scripts/hello.stp");
        assertEquals("hello systemtap!\n", r.out());
        assertEquals(0, r.status());
    }

    @Test
    void verbose_printsFivePassLinesAndGreeting() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-v", "-e", HELLO);
        assertEquals(0, r.status(), r.err());
        assertEquals("hello systemtap!\n", r.out());
        String[] lines = r.err().split("\n");
        String ms = "\\d+usr/\\d+sys/\\d+real ms\\.";
        String mem = "using \\d+virt/\\d+res/\\d+shr/\\d+data kb, ";
        assertMatches("Pass 1: parsed user script and \\d+ library scripts " + mem + "in " + ms, lines[0]);
        assertMatches("Pass 2: analyzed script: 1 probe, \\d+ functions?, 0 embeds, 0 globals " + mem + "in " + ms,
                lines[1]);
        assertMatches("Pass 3: translated to Java bytecode into \"stap_[0-9a-f]+\\.class\" " + mem + "in " + ms,
                lines[2]);
        assertMatches("Pass 4: compiled bytecode into \"stap_[0-9a-f]+\\.jar\" in " + ms, lines[3]);
        assertEquals("Pass 5: starting run.", lines[4]);
        assertMatches("Pass 5: run completed in " + ms, lines[5]);
        assertEquals(6, lines.length, r.err());
    }

    @Test
    void syntaxError_printsStapParseErrorWithoutStackTrace() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-e", "probe begin { x = 1 + ; }");
        assertNotEquals(0, r.status());
        assertEquals("", r.out());
        assertEquals("""
                parse error: expected literal string or number
                        saw: operator ';' at <input>:1:23
                     source: probe begin { x = 1 + ; }
                                                   ^

                1 parse error.
                Pass 1: parse failed.  [man error::pass1]
                """, r.err());
        assertNoStackTrace(r);
    }

    @Test
    void missingScriptFile_saysSoLikeStap() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "/nonexistent/x.stp");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("Input file '/nonexistent/x.stp' is missing.\n"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void unknownOption_printsUsageHintNotStackTrace() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "--zork");
        assertNotEquals(0, r.status());
        assertTrue(r.err().contains("--zork"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void scriptFromStdin_runs() throws Exception {
        Launcher.Run r = Launcher.runWithInput(HELLO, "jstap", "-");
        assertEquals("hello systemtap!\n", r.out());
        assertEquals(0, r.status());
    }

    @Test
    void listProbes_namesKernelFunctionsWithTheirFiles() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-l", "kernel.function(\"hrtimer_*\")");
        assertEquals(0, r.status(), r.err());
        assertEquals("""
                kernel.function("hrtimer_cancel@kernel/time/hrtimer.c")
                kernel.function("hrtimer_interrupt@kernel/time/hrtimer.c")
                kernel.function("hrtimer_nanosleep@kernel/time/hrtimer.c")
                kernel.function("hrtimer_nanosleep_restart@kernel/time/hrtimer.c")
                kernel.function("hrtimer_start@kernel/time/hrtimer.c")
                """, r.out());
    }

    @Test
    void listProbeVariables_showsParametersWithCTypes() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-L", "kernel.function(\"mod_timer\")");
        assertEquals(0, r.status(), r.err());
        assertEquals("kernel.function(\"mod_timer@kernel/time/timer.c\") $timer:struct timer_list* $expires:long unsigned int\n",
                r.out());
    }

    @Test
    void kprobe_countsKernelFunctionCalls() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-e", "global n; probe kernel.function(\"do_timer\") { n += $ticks } "
                + "probe timer.s(1) { println(n) exit() }");
        assertEquals("250\n", r.out(), r.err());
        assertEquals(0, r.status());
    }

    @Test
    void sigterm_runsEndProbesLikeStap() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Launcher.HOME.resolve("bin/jstap").toString(), "-e",
                "global n; probe begin { println(\"started\") } probe timer.ms(1) { n++ } "
                        + "probe end { println(n > 0 ? \"ticked\" : \"idle\") }")
                .directory(Launcher.HOME.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JSTAP_CACHE", java.nio.file.Files.createTempDirectory("jstap-cache").toString());
        java.io.File out = java.io.File.createTempFile("jstap-out", ".txt");
        pb.redirectOutput(out).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        // wait until the session is running (its begin probe ran) before asking it to stop: on a
        // loaded host the launcher's start alone can take seconds
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!java.nio.file.Files.readString(out.toPath()).contains("started\n") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        p.destroy();
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("started\nticked\n", java.nio.file.Files.readString(out.toPath()));
        assertEquals(0, p.exitValue());
    }

    @Test
    void timeLimit_endsSessionInVirtualTime() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-T", "2", "-e",
                "probe timer.s(1) { println(\"tick \", local_clock_ms()) } probe end { println(\"end\") }");
        assertEquals("tick 1000\ntick 2000\nend\n", r.out());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void append_initcallDebug_namesEachInitcallLevelInDmesg() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "--append", "initcall_debug quiet=no", "--dmesg", "-e",
                "probe begin { exit() }");
        assertEquals(0, r.status(), r.err());
        for (String level : new String[] {"early", "pure", "core", "postcore", "arch", "subsys", "fs", "device", "late"}) {
            assertTrue(r.err().contains("] initcall level " + level + "\n"), level + " missing:\n" + r.err());
        }
        assertTrue(r.err().contains("] calling  clocksource_done_booting+0x0/0x100 @ 1\n"), r.err());
        assertTrue(r.err().contains("] Unknown kernel command line parameters \"quiet=no\", will be passed to user space.\n"),
                r.err());
    }

    @Test
    void disk_missingImage_isAClearError_andAnImageBecomesVda(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Launcher.Run missing = Launcher.run("jstap", "--disk", dir.resolve("nope.img").toString(), "-e",
                "probe begin { exit() }");
        assertEquals(1, missing.status());
        assertEquals("ERROR: Couldn't open disk image " + dir.resolve("nope.img") + ": No such file or directory\n",
                missing.err());
        java.nio.file.Path img = java.nio.file.Files.write(dir.resolve("disk.img"), new byte[1 << 20]);
        Launcher.Run r = Launcher.run("jstap", "--disk", img.toString(), "--append", "maxcpus=1", "--dmesg", "-e",
                "probe begin { exit() }");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("] virtio_blk virtio0: [vda] 2048 512-byte logical blocks (1.05 MB/1.00 MiB)\n"),
                r.err());
        assertTrue(r.err().contains("] smp: Brought up 1 node, 1 CPU\n"), r.err());
    }

    private static void assertMatches(String regex, String line) {
        assertTrue(Pattern.matches(regex, line), () -> "expected /" + regex + "/ but was: " + line);
    }

    private static void assertNoStackTrace(Launcher.Run r) {
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
