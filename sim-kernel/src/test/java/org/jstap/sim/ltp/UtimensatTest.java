package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.__NR_getgroups;
import static org.jstap.sim.arch.riscv.SyscallTable.__NR_setgroups;
import static org.jstap.sim.arch.riscv.SyscallTable.__NR_setuid;
import static org.jstap.sim.arch.riscv.SyscallTable.__NR_utimensat;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.kernel.Errno.*;

import org.junit.jupiter.api.Test;

/** utimensat (LTP utimensat01) and getgroups/setgroups (LTP getgroups01-03, setgroups01-04). */
class UtimensatTest {
    static final long UTIME_NOW = (1L << 30) - 1;
    static final long UTIME_OMIT = (1L << 30) - 2;

    /** Two timespecs {sec, nsec} on the stack. */
    static long times(Ltp t, long as, long ans, long ms, long mns) {
        long b = t.buf(32);
        t.cpu.sd(b, as);
        t.cpu.sd(b + 8, ans);
        t.cpu.sd(b + 16, ms);
        t.cpu.sd(b + 24, mns);
        return b;
    }

    static long atime(Ltp t, String path) {
        return t.cpu.ld(t.stat(path, 0) + 72);
    }

    static long mtime(Ltp t, String path) {
        return t.cpu.ld(t.stat(path, 0) + 88);
    }

    @Test
    void utimensat_setsOmitsAndChecksPermissions() {
        Ltp.run(t -> {
            t.create("/tmp/u", "x", 0666);
            t.chmod("/tmp/u", 0666);
            long p = t.str("/tmp/u");
            t.TST_EXP_PASS(t.sys(__NR_utimensat, AT_FDCWD, p, times(t, 1000, 5, 2000, 7), 0), "explicit times");
            t.TST_EXP_VAL(atime(t, "/tmp/u"), 1000, "atime set");
            t.TST_EXP_VAL(mtime(t, "/tmp/u"), 2000, "mtime set");
            t.TST_EXP_PASS(t.sys(__NR_utimensat, AT_FDCWD, p, times(t, 0, UTIME_OMIT, 3000, 0), 0), "atime omitted");
            t.TST_EXP_VAL(atime(t, "/tmp/u"), 1000, "UTIME_OMIT keeps atime");
            t.TST_EXP_VAL(mtime(t, "/tmp/u"), 3000, "mtime changed");
            t.TST_EXP_PASS(t.sys(__NR_utimensat, AT_FDCWD, p, 0, 0), "NULL times: both now");
            t.TST_EXP_EXPR(mtime(t, "/tmp/u") > 1_700_000_000L, "now is the machine's real time");
            int fd = (int) t.open("/tmp/u", O_RDONLY);
            t.TST_EXP_PASS(t.sys(__NR_utimensat, fd, 0, times(t, 10, 0, 20, 0), 0), "NULL name: the descriptor");
            t.TST_EXP_VAL(mtime(t, "/tmp/u"), 20, "set through the descriptor");
            t.TST_EXP_FAIL(t.sys(__NR_utimensat, AT_FDCWD, p, times(t, 0, 1_000_000_000L, 0, 0), 0), EINVAL,
                    "tv_nsec out of range");
            t.TST_EXP_FAIL(t.sys(__NR_utimensat, AT_FDCWD, p, 0, 0x8000), EINVAL, "unknown flag");
            t.TST_EXP_FAIL(t.sys(__NR_utimensat, AT_FDCWD, t.str("/tmp/nope"), 0, 0), ENOENT, "missing file");
            t.TST_EXP_FAIL(t.sys(__NR_utimensat, AT_FDCWD, p, 1, 0), EFAULT, "bad times pointer");
            t.TST_EXP_FAIL(t.sys(__NR_utimensat, 99, 0, 0, 0), EBADF, "NULL name on a closed descriptor");
            t.create("/tmp/ro", "y", 0644);
            int s = t.fork_and_wait(c -> {
                c.sys(__NR_setuid, 1000);
                c.TST_EXP_FAIL(c.sys(__NR_utimensat, AT_FDCWD, c.str("/tmp/ro"), times(c, 1, 0, 1, 0), 0), EPERM,
                        "explicit times on another's file");
                c.TST_EXP_FAIL(c.sys(__NR_utimensat, AT_FDCWD, c.str("/tmp/ro"), 0, 0), EACCES,
                        "now on a file it may not write");
                c.TST_EXP_PASS(c.sys(__NR_utimensat, AT_FDCWD, c.str("/tmp/u"), 0, 0), "now on a world-writable file");
            });
            t.TST_EXP_VAL(s, 0, "the unprivileged child");
        });
    }

    @Test
    void groups_setAndReadBack_rootOnly() {
        Ltp.run(t -> {
            t.TST_EXP_VAL(t.sys(__NR_getgroups, 0, 0), 0, "init has no supplementary groups");
            long list = t.buf(16);
            t.sw(list, 100);
            t.sw(list + 4, 5);
            t.sw(list + 8, 1000);
            t.TST_EXP_PASS(t.sys(__NR_setgroups, 3, list), "setgroups as root");
            t.TST_EXP_VAL(t.sys(__NR_getgroups, 0, 0), 3, "size 0 asks how many");
            long out = t.buf(16);
            t.TST_EXP_VAL(t.sys(__NR_getgroups, 3, out), 3, "getgroups");
            t.TST_EXP_EXPR(t.u32(out) == 5 && t.u32(out + 4) == 100 && t.u32(out + 8) == 1000, "sorted groups");
            t.TST_EXP_FAIL(t.sys(__NR_getgroups, 2, out), EINVAL, "a list too small");
            t.TST_EXP_FAIL(t.sys(__NR_getgroups, -1, out), EINVAL, "a negative size");
            t.TST_EXP_FAIL(t.sys(__NR_getgroups, 3, 1), EFAULT, "a bad list pointer");
            t.TST_EXP_FAIL(t.sys(__NR_setgroups, -1, list), EINVAL, "a negative count");
            t.TST_EXP_FAIL(t.sys(__NR_setgroups, 1, 1), EFAULT, "a bad list to set");
            t.mkdir("/tmp/g", 0770);
            t.chmod("/tmp/g", 0770);
            t.sys(org.jstap.sim.arch.riscv.SyscallTable.__NR_fchownat, AT_FDCWD, t.str("/tmp/g"), 0, 100, 0);
            int s = t.fork_and_wait(c -> {
                c.sys(__NR_setuid, 1000);
                c.TST_EXP_VAL(c.sys(__NR_getgroups, 0, 0), 3, "groups survive setuid");
                c.TST_EXP_FAIL(c.sys(__NR_setgroups, 0, 0), EPERM, "setgroups without privilege");
                c.TST_EXP_PASS(c.mkdir("/tmp/g/x", 0755), "a supplementary group grants the group bits");
            });
            t.TST_EXP_VAL(s, 0, "the unprivileged child");
        });
    }
}
