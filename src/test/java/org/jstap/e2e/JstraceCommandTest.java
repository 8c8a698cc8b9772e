package org.jstap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** bin/jstrace run as a subprocess: strace's lines, its -c table, its exit status and errors. */
class JstraceCommandTest {

    @Test
    void catMissingFile_tracesTheFailedOpenAndTheExit() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "cat", "/nope");
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("execve(\"/bin/cat\", [\"cat\", \"/nope\"]"), r.err());
        assertTrue(lines.contains(
                "openat(AT_FDCWD, \"/nope\", O_RDONLY)     = -1 ENOENT (No such file or directory)"), r.err());
        assertTrue(lines.contains("exit_group(1)                           = ?"), r.err());
        assertEquals("+++ exited with 1 +++", lines.get(lines.size() - 1));
        assertEquals("", r.out());
        assertEquals(1, r.status());
    }

    @Test
    void summary_hasStracesLayout() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-c", "cat", "/etc/passwd");
        assertTrue(r.out().startsWith("root:"), r.out());
        List<String> lines = r.err().lines().toList();
        String rule = "------ ----------- ----------- --------- --------- ----------------";
        assertEquals("% time     seconds  usecs/call     calls    errors syscall", lines.get(0));
        assertEquals(rule, lines.get(1));
        assertEquals(rule, lines.get(lines.size() - 2));
        Pattern row = Pattern.compile("[ \\d]{2}\\d\\.\\d\\d [ \\d]{3}\\d\\.\\d{6} [ \\d]{10}\\d [ \\d]{8}\\d "
                + "[ \\d]{9} \\w+");
        for (String l : lines.subList(2, lines.size() - 2)) {
            assertTrue(row.matcher(l).matches(), l);
        }
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(" openat")), r.err());
        String total = lines.get(lines.size() - 1);
        assertTrue(Pattern.matches("100\\.00 [ \\d]{3}\\d\\.\\d{6} [ \\d]{10}\\d [ \\d]{8}\\d [ \\d]{9} total", total),
                total);
        assertEquals(0, r.status());
    }

    @Test
    void twoRuns_printTheSame() throws Exception {
        Launcher.Run a = Launcher.run("jstrace", "-C", "cat", "/etc/passwd", "/nope");
        Launcher.Run b = Launcher.run("jstrace", "-C", "cat", "/etc/passwd", "/nope");
        assertEquals(a.err(), b.err());
        assertEquals(a.out(), b.out());
    }

    @Test
    void exitStatus_isTheCommands() throws Exception {
        assertEquals(3, Launcher.run("jstrace", "sh", "-c", "exit 3").status());
    }

    @Test
    void traceFilter_keepsOnlyTheNamedCalls() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-e", "trace=openat", "cat", "/etc/passwd");
        assertEquals("openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3\n+++ exited with 0 +++\n", r.err());
    }

    @Test
    void noCommand_saysWhatStraceSays() throws Exception {
        Launcher.Run r = Launcher.run("jstrace");
        assertEquals("jstrace: must have PROG [ARGS] or -p PID\nTry 'jstrace -h' for more information.\n", r.err());
        assertEquals(1, r.status());
    }

    @Test
    void badOption_isAUsageError() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "--bogus", "ls");
        assertTrue(r.err().endsWith("Try 'jstrace -h' for more information.\n"), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
        assertEquals(1, r.status());
    }
}
