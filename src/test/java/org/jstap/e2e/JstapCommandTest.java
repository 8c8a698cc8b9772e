package org.jstap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** bin/jstap -c CMD: a command on the simulated machine, its output on the launcher's, the session ending with it. */
class JstapCommandTest {
    @Test
    void pipeline_printsTheLineCount() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-u", "-c", "cat /etc/passwd | wc -l", "-e", "probe end { }");
        assertEquals(0, r.status(), r.err());
        assertEquals("6\n", r.out());
    }

    @Test
    void redirectionThenCat_printsWhatWasWritten() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-c", "echo hi > /tmp/x; cat /tmp/x",
                "-e", "probe end { printf(\"target %d\\n\", target()) }");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("hi\ntarget "), r.out());
    }

    @Test
    void probesSeeTheCommandsSyscalls_andAFailureIsReported() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-c", "cat /nope", "-e",
                "global opens; probe kernel.function(\"do_sys_open\") { if (pid() == target()) opens++ }"
                        + " probe end { printf(\"%d opens\\n\", opens) }");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().startsWith("cat: /nope: No such file or directory\n"), r.err());
        assertTrue(r.out().endsWith("opens\n"), r.out());
        assertTrue(r.err().contains("WARNING: Child process exited with status 1"), r.err());
    }

    @Test
    void commandsExitStatus_isAvailableToTheScript() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-c", "exit 7", "-e", "probe kernel.trace(\"sched_process_exit\") "
                + "{ if ($p->pid == target()) printf(\"status %d\\n\", $p->exit_code >> 8) }");
        assertEquals(0, r.status(), r.err());
        assertEquals("status 7\n", r.out());
        assertEquals("WARNING: Child process exited with status 7\n", r.err());
    }

    @Test
    void launchersStdin_isTheCommandsStdin() throws Exception {
        Launcher.Run r = Launcher.runWithInput("b\nc\na\n", "jstap", "-u", "-c", "sort | head -2; wc -l", "-e", "probe end { }");
        assertEquals(0, r.status(), r.err());
        assertEquals("a\nb\n0\n", r.out());
    }

    @Test
    void stdoutAndStderr_goToTheLaunchersOwn() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "-c", "echo out; echo err >&2; echo out2", "-e", "probe end { println(\"end\") }");
        assertEquals(0, r.status(), r.err());
        assertEquals("out\nout2\nend\n", r.out());
        assertEquals("err\n", r.err());
    }

    @Test
    void fileOnTheDisk_survivesTheMachine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path img = dir.resolve("disk.img");
        try (var f = new java.io.RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(16 << 20);
        }
        Launcher.Run first = Launcher.run("jstap", "-u", "--disk", img.toString(), "-c",
                "mkfs.ext2 -q /dev/vda && mount /dev/vda /mnt && echo kept > /mnt/f", "-e", "probe end { }");
        assertEquals(0, first.status(), first.err());
        Launcher.Run second = Launcher.run("jstap", "--disk", img.toString(), "-c", "mount /dev/vda /mnt && cat /mnt/f",
                "-e", "global io; probe kernel.trace(\"block_rq_issue\") { io++ } probe end { printf(\"%d\\n\", io > 0) }");
        assertEquals(0, second.status(), second.err());
        assertEquals("kept\n1\n", second.out());
    }

    @Test
    void share_showsAndTakesHostFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("in.txt"), "from the host\n");
        Launcher.Run r = Launcher.run("jstap", "-u", "--share", dir + ":/mnt", "-c",
                "cat /mnt/in.txt; echo from the guest > /mnt/out.txt", "-e", "probe end { }");
        assertEquals(0, r.status(), r.err());
        assertEquals("from the host\n", r.out());
        assertEquals("from the guest\n", java.nio.file.Files.readString(dir.resolve("out.txt")));
    }

    @Test
    void optionsAfterTheScriptFile_areOptions() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "examples/scripts/hello.stp", "-c", "true");
        assertEquals(0, r.status(), r.err());
        assertEquals("hello systemtap!\n", r.out());
    }

    @Test
    void sameSeed_sameOutput() throws Exception {
        String script = "global n; probe kernel.function(\"vfs_read\") { n++ } probe end { printf(\"%d reads\\n\", n) }";
        Launcher.Run a = Launcher.run("jstap", "-c", "ls -l /etc; cat /etc/motd | wc -c", "-e", script);
        Launcher.Run b = Launcher.run("jstap", "-c", "ls -l /etc; cat /etc/motd | wc -c", "-e", script);
        assertEquals(0, a.status(), a.err());
        assertEquals(a.out(), b.out());
    }
}
