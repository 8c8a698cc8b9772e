package org.jstap.lang.cli.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** strace's line rules, fed with the records jstrace's script prints. */
class TraceWriterTest {
    private final ByteArrayOutputStream trace = new ByteArrayOutputStream();
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();

    private TraceWriter writer(int timestamps, boolean relative, boolean times, boolean pidColumn) {
        return writer(timestamps, relative, times, pidColumn, false);
    }

    private TraceWriter writer(int timestamps, boolean relative, boolean times, boolean pidColumn, boolean attach) {
        Qualifiers all = new Qualifiers(List.of("execve", "read", "write", "wait4", "exit_group", "close", "accept",
                "connect", "getdents64", "pipe2"));
        return new TraceWriter(new PrintStream(trace, true, StandardCharsets.ISO_8859_1),
                new PrintStream(messages, true, StandardCharsets.ISO_8859_1),
                new TraceWriter.Style(true, null, all, timestamps, relative, times, pidColumn, 0, false, attach));
    }

    private static void feed(TraceWriter w, String... records) {
        for (String r : records) {
            w.write((r.replace(' ', '\t') + "\n").getBytes(StandardCharsets.ISO_8859_1), 0, r.length() + 1);
        }
    }

    private static final String EXECVE = "S 9 9 execve 0 0 1000 0 execve(\"/bin/sh\")";

    @Test
    void callsOfOneProcess_printWholeLinesWithTheResultAtColumn40() {
        TraceWriter w = writer(0, false, false, false);
        feed(w, EXECVE, "E 9 9 close 2000  close(3)", "S 9 9 close 0 0 2100 0 close(3)",
                "E 9 9 exit_group 3000  exit_group(0)", "P 9 3100 0");
        w.finish(0);
        assertEquals("""
                execve("/bin/sh")                       = 0
                close(3)                                = 0
                exit_group(0)                           = ?
                +++ exited with 0 +++
                """, trace.toString());
    }

    @Test
    void anotherProcessesEvent_leavesTheLineUnfinished_andItResumesLater() {
        TraceWriter w = writer(0, false, false, false);
        feed(w, EXECVE, "A 13", "E 9 9 wait4 2000  wait4(-1)", "E 13 13 write 2100  write(1)",
                "S 13 13 write 3 0 2200 3 write(1)", "E 13 13 exit_group 2300  exit_group(0)", "P 13 2400 0",
                "G 9 2400 17 1 13 0 0 0 0 0", "S 9 9 wait4 13 0 2500 13 wait4(-1)");
        assertEquals("strace: Process 13 attached\n", messages.toString());
        assertEquals("""
                execve("/bin/sh")                       = 0
                [pid     9] wait4(-1 <unfinished ...>
                [pid    13] write(1)                    = 3
                [pid    13] exit_group(0)               = ?
                [pid    13] +++ exited with 0 +++
                <... wait4 resumed>)                    = 13
                --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=13, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---
                """, trace.toString());
    }

    /** Records with '|' between fields, for calls whose text has spaces. */
    private static void feedFields(TraceWriter w, String... records) {
        for (String r : records) {
            byte[] b = (r.replace('|', '\t') + "\n").getBytes(StandardCharsets.ISO_8859_1);
            w.write(b, 0, b.length);
        }
    }

    @Test
    void resultsDecodedAtTheReturn_areTheLinesArguments() {
        TraceWriter w = writer(0, false, false, false);
        feedFields(w, EXECVE.replace(' ', '|'), "E|9|9|accept|2000|1,|accept(3, 0x3ff0, 0x3fe8)",
                "S|9|9|accept|4|0|2100|4|accept(3, {sa_family=AF_UNIX}, [110 => 2])");
        assertEquals("accept(3, {sa_family=AF_UNIX}, [110 => 2]) = 4",
                trace.toString().lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void anUnfinishedCall_showsTheInputsAtTheEntry_andTheOutputsWhenItResumes() {
        TraceWriter w = writer(0, false, false, false);
        feedFields(w, EXECVE.replace(' ', '|'), "A|13", "E|9|9|accept|2000|1,|accept(3, 0x3ff0, 0x3fe8)",
                "E|13|13|connect|2100||connect(3, {sa_family=AF_UNIX, sun_path=\"/s\"}, 4)",
                "S|13|13|connect|0|0|2200|0|connect(3, {sa_family=AF_UNIX, sun_path=\"/s\"}, 4)",
                "S|9|9|accept|4|0|2300|4|accept(3, {sa_family=AF_UNIX}, [110 => 2])");
        // strace 6.1: the entry ends with the separator, and " <unfinished ...>" follows it
        assertEquals(List.of("[pid     9] accept(3,  <unfinished ...>",
                "[pid    13] connect(3, {sa_family=AF_UNIX, sun_path=\"/s\"}, 4) = 0",
                "[pid     9] <... accept resumed>{sa_family=AF_UNIX}, [110 => 2]) = 4"),
                trace.toString().lines().skip(1).toList());
    }

    @Test
    void aReadInterleaved_printsItsDataOnTheResumedLine() {
        TraceWriter w = writer(0, false, false, false);
        feedFields(w, EXECVE.replace(' ', '|'), "A|13", "E|13|13|read|2000|1,|read(0, 0x3ff000, 131072)",
                "E|9|9|write|2100||write(1, \"hello\\n\", 6)",
                "S|13|13|read|6|0|2150|6|read(0, \"hello\\n\", 131072)",
                "S|9|9|write|6|0|2200|6|write(1, \"hello\\n\", 6)");
        assertEquals(List.of("[pid    13] read(0,  <unfinished ...>",
                "[pid     9] write(1, \"hello\\n\", 6 <unfinished ...>",
                "[pid    13] <... read resumed>\"hello\\n\", 131072) = 6",
                "[pid     9] <... write resumed>)        = 6"),
                trace.toString().lines().skip(1).toList());
    }

    @Test
    void aSplitWithTheSeparatorAtTheReturn_putsItOnTheResumedLine() {
        TraceWriter w = writer(0, false, false, false);
        feedFields(w, EXECVE.replace(' ', '|'), "A|13", "E|9|9|getdents64|2000|1|getdents64(3, 0x3ff0, 4096)",
                "E|13|13|close|2100||close(3)", "S|13|13|close|0|0|2150|0|close(3)",
                "S|9|9|getdents64|48|0|2200|48|getdents64(3, 0x3ff0 /* 2 entries */, 4096)",
                "E|9|9|pipe2|2300|0|pipe2(0x3fe0, 0)", "S|9|9|pipe2|0|0|2400|0|pipe2([3, 4], 0)");
        assertEquals(List.of("[pid     9] getdents64(3 <unfinished ...>",
                "[pid    13] close(3)                    = 0",
                "[pid     9] <... getdents64 resumed>, 0x3ff0 /* 2 entries */, 4096) = 48",
                "[pid     9] pipe2([3, 4], 0)            = 0"),
                trace.toString().lines().skip(1).toList());
    }

    @Test
    void aProcessKilledInACallWithOutputs_endsTheLineUnfinished() {
        TraceWriter w = writer(0, false, false, false);
        feedFields(w, EXECVE.replace(' ', '|'), "E|9|9|read|2000|1,|read(0, 0x3ff000, 131072)", "P|9|3000|9");
        w.finish(9);
        // strace: the decoder never printed the rest, so the call is "<unfinished ...>" before "= ?"
        assertEquals("""
                execve("/bin/sh")                       = 0
                read(0,  <unfinished ...>)              = ?
                +++ killed by SIGKILL +++
                """, trace.toString());
    }

    @Test
    void entrySplit_cutsAtTheTopLevelCommas() {
        EntrySplit stat = EntrySplit.parse("2,");
        assertEquals("newfstatat(AT_FDCWD, \"a, b\", ", stat.head("newfstatat(AT_FDCWD, \"a, b\", 0x3ff0, 0)"));
        assertEquals("{st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}, 0",
                stat.rest("newfstatat(AT_FDCWD, \"a, b\", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}, 0)"));
        assertEquals(List.of("\"\\\", x\"", "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]", "0"),
                EntrySplit.arguments("f(\"\\\", x\", [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0)"));
        assertEquals("ioctl(1, TCGETS", EntrySplit.parse("2").head("ioctl(1, TCGETS, 0x3ff0)"));
        assertEquals("", EntrySplit.parse("2").rest("ioctl(3, FIOCLEX)"));
        assertEquals(null, EntrySplit.parse(""));
    }

    @Test
    void aFailedCall_showsErrnoAndItsText() {
        TraceWriter w = writer(0, false, false, false);
        feed(w, EXECVE, "E 9 9 read 2000  read(7)", "S 9 9 read -9 0 2100 -9 read(7)");
        assertEquals("read(7)                                 = -1 EBADF (Bad file descriptor)\n",
                trace.toString().lines().skip(1).findFirst().orElseThrow() + "\n");
    }

    @Test
    void aCallASignalInterrupted_returnsAQuestionMark() {
        assertEquals("? ERESTARTSYS (To be restarted if SA_RESTART is set)", TraceWriter.errorResult(512));
        assertEquals("? ERESTARTNOHAND (To be restarted if no handler)", TraceWriter.errorResult(514));
        assertEquals("? ERESTART_RESTARTBLOCK (Interrupted by signal)", TraceWriter.errorResult(516));
        assertEquals("-1 EINTR (Interrupted system call)", TraceWriter.errorResult(4));
    }

    @Test
    void timestampsAndTimes_comeFromTheVirtualClock() {
        TraceWriter w = writer(2, true, true, false);
        feed(w, "S 9 9 execve 0 0 1767225600000100000 0 execve(\"/bin/true\")",
                "E 9 9 close 1767225600000350000  close(3)", "S 9 9 close 0 0 1767225600000351500 0 close(3)");
        assertEquals("""
                00:00:00.000100 (+     0.000000) execve("/bin/true") = 0 <0.000000>
                00:00:00.000350 (+     0.000250) close(3) = 0 <0.000001>
                """, trace.toString());
    }

    @Test
    void aSignalDuringACall_isShownWhenTheCallReturns() {
        TraceWriter w = writer(0, false, false, false);
        feed(w, EXECVE, "E 9 9 write 2000  write(1)", "G 9 2050 13 0 9 0 0 0 0 0",
                "S 9 9 write -32 0 2100 -32 write(1)", "P 9 2200 13");
        w.finish(13);
        assertEquals("""
                execve("/bin/sh")                       = 0
                write(1)                                = -1 EPIPE (Broken pipe)
                --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=9, si_uid=0} ---
                +++ killed by SIGPIPE +++
                """, trace.toString());
    }

    @Test
    void withAnOutputFileAndFollow_everyLineCarriesThePidColumn() {
        TraceWriter w = writer(0, false, false, true);
        feed(w, EXECVE, "E 9 9 close 2000  close(3)", "S 9 9 close 0 0 2100 0 close(3)");
        assertEquals("""
                9     execve("/bin/sh")                 = 0
                9     close(3)                          = 0
                """, trace.toString());
    }

    @Test
    void beforeProgsExecve_nothingIsTraced() {
        TraceWriter w = writer(0, false, false, false);
        feed(w, "E 9 9 close 100  close(5)", "S 9 9 close 0 0 200 0 close(5)", EXECVE);
        assertEquals("execve(\"/bin/sh\")                       = 0\n", trace.toString());
    }

    @Test
    void attached_startsAtTheAttach_andDetachesFromACallInFlight() {
        TraceWriter w = writer(0, false, false, false, true);
        feed(w, "S 8 8 execve 0 0 100 0 execve(\"/sbin/syslogd\")", "T 8", "E 8 8 read 2000  read(0)",
                "S 8 8 read 5 0 2100 5 read(0)", "E 8 8 wait4 2200  wait4(-1)");
        w.finish(-1);
        assertEquals("strace: Process 8 attached\nstrace: Process 8 detached\n", messages.toString());
        assertEquals("""
                read(0)                                 = 5
                wait4(-1 <detached ...>
                """, trace.toString());
    }
}
