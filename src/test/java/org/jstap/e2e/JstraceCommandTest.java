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
    void elfProgram_tracedLikeAJavaOne() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "/usr/bin/hello");
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("execve(\"/usr/bin/hello\", [\"/usr/bin/hello\"]"), r.err());
        assertEquals("brk(NULL)                               = 0x7d000", lines.get(1), "glibc's first call");
        assertTrue(lines.contains("write(1, \"hello, world\\n\", 13)          = 13"), r.err());
        assertTrue(lines.contains("exit_group(0)                           = ?"), r.err());
        assertEquals("hello, world\n", r.out());
        assertEquals(0, r.status());
        Launcher.Run c = Launcher.run("jstrace", "-c", "/usr/bin/hello");
        assertTrue(c.err().lines().anyMatch(l -> l.matches(".* 5 +brk")), c.err());
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

    @Test
    void pipelineUnderFollow_prefixesPidsAndShowsChildrenAndSignals() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-f", "sh", "-c", "echo hi | cat");
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("execve(\"/bin/sh\", [\"sh\", \"-c\", \"echo hi | cat\"]"), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.matches("strace: Process \\d+ attached")), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[pid +\\d+\\] execve\\(\"/bin/echo\", .*\\) = 0")), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[pid +\\d+\\] write\\(1, \"hi\\\\n\", 3\\) +?= 3")), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[pid +\\d+\\] \\+\\+\\+ exited with 0 \\+\\+\\+")), r.err());
        // strace prints wait4's pid at the entry and the status it stores when the call resumes
        assertTrue(lines.stream().anyMatch(l -> l.matches(".*wait4\\(\\d+,  <unfinished \\.\\.\\.>")), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.matches(".*<\\.\\.\\. wait4 resumed>\\[\\{WIFEXITED\\(s\\) && "
                + "WEXITSTATUS\\(s\\) == 0\\}\\], 0, NULL\\) += \\d+")), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.matches(".*--- SIGCHLD \\{si_signo=SIGCHLD, si_code=CLD_EXITED, "
                + "si_pid=\\d+, si_uid=0, si_status=0, si_utime=\\d+, si_stime=\\d+\\} ---")), r.err());
        // once the children are gone, the first process's lines lose the prefix again
        assertEquals("exit_group(0)                           = ?", lines.get(lines.size() - 2));
        assertEquals("+++ exited with 0 +++", lines.get(lines.size() - 1));
        assertEquals("hi\n", r.out());
        assertEquals(r.err(), Launcher.run("jstrace", "-f", "sh", "-c", "echo hi | cat").err());
    }

    @Test
    void lsRoot_tracesTheDirectoryRead() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-e", "trace=%desc", "ls", "/");
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("openat\\(AT_FDCWD, \"/\", O_RDONLY\\|O_NONBLOCK\\|O_CLOEXEC"
                + "\\|O_DIRECTORY\\) = 3|openat\\(AT_FDCWD, \"/\", .*O_DIRECTORY.*\\) = 3")), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.matches("getdents64\\(3, .*\\) += \\d+")), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.matches("getdents64\\(3, .*\\) += 0")), r.err());
        assertTrue(r.out().contains("etc"), r.out());
        assertEquals(0, r.status());
    }

    @Test
    void fatalSignal_showsTheSignalAndTheKill() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-e", "trace=kill", "sh", "-c", "kill -TERM $$");
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).matches("kill\\(\\d+, SIGTERM\\) += 0"), r.err());
        assertTrue(lines.get(1).matches("--- SIGTERM \\{si_signo=SIGTERM, si_code=SI_USER, si_pid=\\d+, si_uid=0\\} ---"),
                r.err());
        assertEquals("+++ killed by SIGTERM +++", lines.get(2));
        assertEquals(143, r.status());
    }

    @Test
    void classesAndTimes_filterAndStampTheLines() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-ttt", "-T", "-e", "trace=%file", "cat", "/etc/hostname");
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).matches("\\d+\\.\\d{6} execve\\(\"/bin/cat\", .*\\) = 0 <\\d+\\.\\d{6}>"), r.err());
        assertTrue(lines.get(1).matches("\\d+\\.\\d{6} openat\\(AT_FDCWD, \"/etc/hostname\", O_RDONLY\\) = 3 <\\d+\\.\\d{6}>"),
                r.err());
        assertTrue(lines.get(2).matches("\\d+\\.\\d{6} \\+\\+\\+ exited with 0 \\+\\+\\+"), r.err());
    }

    @Test
    void attachToAWorkloadProcess_tracesItUntilItExits() throws Exception {
        // pid 19 of the default workload is updated's `sleep 2`, running from 0.2 ms to 2 s of virtual time
        Launcher.Run r = Launcher.run("jstrace", "-p", "19");
        assertEquals("""
                strace: Process 19 attached
                nanosleep({tv_sec=2, tv_nsec=0}, NULL)  = 0
                exit_group(0)                           = ?
                +++ exited with 0 +++
                """, r.err());
        assertEquals(0, r.status());
    }

    @Test
    void attachToNoProcess_isStracesError() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-p", "999");
        assertEquals("strace: attach: ptrace(PTRACE_SEIZE, 999): No such process\n", r.err());
        assertEquals(1, r.status());
        assertEquals("jstrace: Invalid process id: 'x'\n", Launcher.run("jstrace", "-p", "x").err());
    }

    @Test
    void pathsAndStringSize_decorateDescriptorsAndCutStrings() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-y", "-s", "8", "-e", "trace=openat,read,write,close", "cat",
                "/etc/passwd");
        assertEquals("""
                openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3</etc/passwd>
                read(3</etc/passwd>, "root:x:0"..., 65536) = 236
                write(1</dev/console>, "root:x:0"..., 236) = 236
                read(3</etc/passwd>, "", 65536)         = 0
                close(3</etc/passwd>)                   = 0
                +++ exited with 0 +++
                """, r.err());
    }

    @Test
    void hexStrings_xForNonAsciiOnly_xxForAll() throws Exception {
        // -x: white space is not a reason for hex, a NUL is; -xx: every string, paths too
        Launcher.Run plain = Launcher.run("jstrace", "-x", "-e", "trace=write", "echo", "hi");
        assertEquals("write(1, \"hi\\n\", 3)                     = 3\n+++ exited with 0 +++\n", plain.err());
        Launcher.Run zeros = Launcher.run("jstrace", "-x", "-e", "trace=write", "dd", "if=/dev/zero", "bs=4",
                "count=1");
        assertTrue(zeros.err().contains("write(1, \"\\x00\\x00\\x00\\x00\", 4)         = 4\n"), zeros.err());
        Launcher.Run all = Launcher.run("jstrace", "-xx", "-e", "trace=openat,write", "cat", "/etc/hostname");
        assertEquals("""
                openat(AT_FDCWD, "\\x2f\\x65\\x74\\x63\\x2f\\x68\\x6f\\x73\\x74\\x6e\\x61\\x6d\\x65", O_RDONLY) = 3
                write(1, "\\x6a\\x73\\x74\\x61\\x70\\x0a", 6) = 6
                +++ exited with 0 +++
                """, all.err());
    }

    @Test
    void unixSockets_nc_tracesTheSocketCallsAsStraceDoes() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-f", "-e", "trace=%network", "sh", "-c",
                "nc -lU /tmp/s > /tmp/got & sleep 1; echo hi | nc -NU /tmp/s; wait; cat /tmp/got");
        List<String> lines = r.err().lines().toList();
        String pid = "\\[pid +\\d+\\] ";
        for (String line : List.of("socket\\(AF_UNIX, SOCK_STREAM, 0\\) += 3",
                "bind\\(3, \\{sa_family=AF_UNIX, sun_path=\"/tmp/s\"\\}, 8\\) += 0", "listen\\(3, 5\\) += 0",
                "accept\\(3,  <unfinished \\.\\.\\.>",
                "connect\\(3, \\{sa_family=AF_UNIX, sun_path=\"/tmp/s\"\\}, 8\\) += 0", "shutdown\\(3, SHUT_WR\\) += 0",
                "<\\.\\.\\. accept resumed>NULL, NULL\\) += 4")) {
            assertTrue(lines.stream().anyMatch(l -> l.matches(pid + line)), line + " in\n" + r.err());
        }
        assertEquals("hi\n", r.out());
        assertEquals(0, r.status());
    }

    @Test
    void cat_printsTheDataItRead() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-e", "trace=read", "cat", "/etc/hostname");
        // strace 6.1 on the host: read(3, "jstap\n", 131072) = 6 (coreutils' buffer is 128 KiB, ours 64)
        assertEquals("""
                read(3, "jstap\\n", 65536)               = 6
                read(3, "", 65536)                      = 0
                +++ exited with 0 +++
                """, r.err());
    }

    @Test
    void pipelineUnderFollow_aReadThatWaitsShowsItsDataWhenItResumes() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-f", "-e", "trace=read", "sh", "-c", "(sleep 1; echo hello) | cat");
        List<String> lines = r.err().lines().toList();
        // the entry shows the descriptor, the resumed line what the kernel wrote (strace 6.1's split)
        int entry = lines.indexOf(lines.stream().filter(l -> l.matches("\\[pid +\\d+\\] read\\(0,  <unfinished \\.\\.\\.>"))
                .findFirst().orElseThrow(() -> new AssertionError(r.err())));
        String pid = lines.get(entry).substring(0, lines.get(entry).indexOf(']') + 1);
        assertTrue(lines.contains(pid + " <... read resumed>\"hello\\n\", 65536) = 6"), r.err());
        assertTrue(lines.contains(pid + " <... read resumed>\"\", 65536) = 0"), r.err());
        assertEquals("hello\n", r.out());
    }

    @Test
    void lsRoot_statsAndDirectoryEntries_abbreviatedAndWithV() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-e", "trace=newfstatat,getdents64", "ls", "/");
        List<String> lines = r.err().lines().toList();
        assertEquals("newfstatat(AT_FDCWD, \"/\", {st_mode=S_IFDIR|0755, st_size=0, ...}, 0) = 0", lines.get(0));
        assertTrue(lines.get(1).matches("getdents64\\(3, 0x[0-9a-f]+ /\\* \\d+ entries \\*/, 4096\\) = \\d+"), r.err());
        assertTrue(lines.get(2).matches("getdents64\\(3, 0x[0-9a-f]+ /\\* 0 entries \\*/, 4096\\) = 0"), r.err());
        Launcher.Run v = Launcher.run("jstrace", "-v", "-e", "trace=execve,newfstatat,getdents64", "ls", "/");
        List<String> all = v.err().lines().toList();
        // -v lists execve's environment as strace 6.1 -v does
        assertEquals("execve(\"/bin/ls\", [\"ls\", \"/\"], [\"HOME=/root\", \"PATH=/bin:/sbin:/usr/bin\", \"PWD=/\", "
                + "\"TERM=linux\"]) = 0", all.get(0));
        List<String> vl = all.subList(1, all.size());
        assertTrue(vl.get(0).matches("newfstatat\\(AT_FDCWD, \"/\", \\{st_dev=makedev\\(0, 0x\\d+\\), st_ino=\\d+, "
                + "st_mode=S_IFDIR\\|0755, st_nlink=\\d+, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=0, st_size=0, "
                + "st_atime=\\d+ /\\* .*\\+0000 \\*/, st_atime_nsec=\\d+, .*st_ctime_nsec=\\d+\\}, 0\\) = 0"), v.err());
        assertTrue(vl.get(1).matches("getdents64\\(3, \\[\\{d_ino=\\d+, d_off=\\d+, d_reclen=24, d_type=DT_DIR, "
                + "d_name=\"\\.\"\\}, .*, \\{d_ino=\\d+, d_off=\\d+, d_reclen=24, d_type=DT_DIR, d_name=\"etc\"\\}, .*\\], "
                + "4096\\) = \\d+"), v.err());
        assertEquals("getdents64(3, [], 4096)                 = 0", vl.get(2));
    }

    @Test
    void sleep_andASleepASignalCutShort() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-f", "-e", "trace=nanosleep,clock_gettime", "sh", "-c",
                "sleep 1 & kill $!; wait");
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[pid +\\d+\\] clock_gettime\\(CLOCK_MONOTONIC, "
                + "\\{tv_sec=\\d+, tv_nsec=\\d+\\}\\) = 0")), r.err());
        // strace 6.1: the request at the entry; a fatal signal ends the sleep, which returns "?"
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[pid +\\d+\\] nanosleep\\(\\{tv_sec=1, tv_nsec=0\\}, "
                + "(NULL\\) += \\? ERESTART_RESTARTBLOCK \\(Interrupted by signal\\)| <unfinished \\.\\.\\.>)")), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[pid +\\d+\\] \\+\\+\\+ killed by SIGTERM \\+\\+\\+")), r.err());
    }

    @Test
    void aProgramThatWaits_showsTheChildsStatus() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-e", "trace=wait4", "sh", "-c", "sh -c 'exit 7'; kill -9 $$");
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).matches("wait4\\(\\d+, \\[\\{WIFEXITED\\(s\\) && WEXITSTATUS\\(s\\) == 7\\}\\], 0, NULL\\) "
                + "= \\d+"), r.err());
        assertEquals("+++ killed by SIGKILL +++", lines.get(lines.size() - 1));
    }

    @Test
    void paths_decorateThePipesDescriptorsAndTheIoctlsAndFcntls() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-y", "-f", "-e", "trace=pipe2,ioctl", "sh", "-c", "echo hi | cat");
        List<String> lines = r.err().lines().toList();
        // strace 6.1 -y: pipe2([3<pipe:[N]>, 4<pipe:[N]>], ...) and the descriptor of an ioctl
        assertTrue(lines.get(0).matches("pipe2\\(\\[3<pipe:\\[(\\d+)\\]>, 4<pipe:\\[\\1\\]>\\], O_CLOEXEC\\) = 0"), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[pid +\\d+\\] ioctl\\(1<pipe:\\[\\d+\\]>, TCGETS, 0x[0-9a-f]+\\) "
                + "= -1 ENOTTY \\(Inappropriate ioctl for device\\)")), r.err());
    }

    @Test
    void summaryColumns_UChoosesAndOrdersThem() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-c", "-U", "name,calls,max-time", "cat", "/etc/passwd");
        List<String> lines = r.err().lines().toList();
        assertEquals("syscall              calls  longest", lines.get(0));
        assertEquals("---------------- --------- --------", lines.get(1));
        assertTrue(lines.get(lines.size() - 1).matches("total +\\d+ \\d\\.\\d{6}"), r.err());
        Launcher.Run bad = Launcher.run("jstrace", "-c", "-U", "bogus", "true");
        assertEquals("jstrace: unknown column name: 'bogus'\nTry 'jstrace -h' for more information.\n", bad.err());
        assertEquals(1, bad.status());
    }

    @Test
    void stoppedSleep_carriesOnThroughRestartSyscall_namedAfterTheCallItResumes() throws Exception {
        Launcher.Run r = Launcher.run("jstrace", "-f", "-e", "trace=nanosleep,restart_syscall", "sh", "-c",
                "sleep 2 & P=$!; sleep 0.5; kill -STOP $P; sleep 0.3; kill -CONT $P; wait");
        String pid = "\\[pid +\\d+\\] ";
        List<String> lines = r.err().lines().toList();
        for (String line : List.of(
                "(nanosleep\\(\\{tv_sec=2, tv_nsec=0\\}, |<\\.\\.\\. nanosleep resumed>)NULL\\) += \\? ERESTART_RESTARTBLOCK "
                        + "\\(Interrupted by signal\\)",
                "--- stopped by SIGSTOP ---",
                "restart_syscall\\(<\\.\\.\\. resuming interrupted nanosleep \\.\\.\\.>.*",
                "(<\\.\\.\\. restart_syscall resumed>\\)|restart_syscall\\(<.*>\\)) += 0")) {
            assertTrue(lines.stream().anyMatch(l -> l.matches(pid + line)), line + " in\n" + r.err());
        }
        assertEquals(0, r.status());
    }
}
