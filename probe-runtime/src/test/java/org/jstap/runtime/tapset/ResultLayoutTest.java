package org.jstap.runtime.tapset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pieces of strace 6.1's output-argument layouts that need no machine: wait statuses, modes, devices, times. */
class ResultLayoutTest {
    @Test
    void waitStatus_printstatusCases() {
        assertEquals("[{WIFEXITED(s) && WEXITSTATUS(s) == 3}]", ResultArgs.wait_status(3 << 8));
        assertEquals("[{WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM}]", ResultArgs.wait_status(15));
        assertEquals("[{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}]", ResultArgs.wait_status(0x80 | 11));
        assertEquals("[{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}]", ResultArgs.wait_status((19 << 8) | 0x7f));
        assertEquals("[{WIFCONTINUED(s)}]", ResultArgs.wait_status(0xffff));
        // a ptrace event in the high bits, as strace shows it
        assertEquals("[{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP} | 0x3 << 16]",
                ResultArgs.wait_status((3 << 16) | (5 << 8) | 0x7f));
    }

    @Test
    void modes_devicesAndTimes_asPrintStructStat() {
        assertEquals("S_IFDIR|S_ISVTX|0777", StatArgs.mode(041777));
        assertEquals("S_IFREG|S_ISUID|S_ISGID|0755", StatArgs.mode(0106755));
        assertEquals("S_IFIFO|000", StatArgs.mode(010000));
        assertEquals("makedev(0x1, 0x3)", StatArgs.makedev((1 << 8) | 3));
        assertEquals("makedev(0xfe, 0)", StatArgs.makedev(0xfe << 8));
        assertEquals(" /* 2026-01-01T00:00:00+0000 */", StatArgs.timeComment(1767225600, 0));
        assertEquals(" /* 2026-01-01T00:00:00.000000123+0000 */", StatArgs.timeComment(1767225600, 123));
        assertEquals("", StatArgs.timeComment(0, 0));
    }
}
