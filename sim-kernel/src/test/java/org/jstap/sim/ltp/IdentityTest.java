package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.kernel.Errno.*;

import org.junit.jupiter.api.Test;

/**
 * The identity calls (getpid ... getegid, getresuid, getresgid), setuid, setgid, set_tid_address and
 * sched_yield (LTP getpid01-02, getresuid01-03, getresgid01-03, setuid01-04, setgid01-03, set_tid_address01,
 * sched_yield01).
 */
class IdentityTest {
    @Test
    void getpid_family() {
        Ltp.run(t -> {
            long me = t.sys(__NR_getpid);
            t.TST_EXP_VAL(me, 1, "init is pid 1");
            t.TST_EXP_VAL(t.sys(__NR_gettid), me, "a single thread's tid is its pid");
            t.TST_EXP_VAL(t.sys(__NR_getppid), 0, "init's parent is pid 0");
            t.TST_EXP_VAL(t.sys(__NR_getuid), 0, "uid 0");
            t.TST_EXP_VAL(t.sys(__NR_geteuid), 0, "euid 0");
            t.TST_EXP_VAL(t.sys(__NR_getgid), 0, "gid 0");
            t.TST_EXP_VAL(t.sys(__NR_getegid), 0, "egid 0");
            long[] ids = new long[3];
            long pid = t.fork(c -> {
                ids[0] = c.sys(__NR_getpid);
                ids[1] = c.sys(__NR_gettid);
                ids[2] = c.sys(__NR_getppid);
            });
            t.waitpid(pid);
            t.TST_EXP_EXPR(ids[0] == pid && ids[1] == pid && ids[2] == me, "the child's ids: " + ids[0] + " "
                    + ids[1] + " " + ids[2]);
            t.TST_EXP_VAL(t.sys(__NR_set_tid_address, t.buf(8)), me, "set_tid_address returns the tid");
            t.TST_EXP_PASS(t.sys(__NR_sched_yield), "sched_yield");
        });
    }

    @Test
    void setuid_setgid() {
        Ltp.run(t -> {
            int s = t.fork_and_wait(c -> {
                c.TST_EXP_FAIL(c.sys(__NR_setuid, -1), EINVAL, "setuid(-1)");
                c.TST_EXP_FAIL(c.sys(__NR_setgid, -1), EINVAL, "setgid(-1)");
                c.TST_EXP_PASS(c.sys(__NR_setgid, 1000), "root sets gid 1000");
                c.TST_EXP_EXPR(c.sys(__NR_getgid) == 1000 && c.sys(__NR_getegid) == 1000, "gid and egid 1000");
                c.TST_EXP_PASS(c.sys(__NR_setuid, 1000), "root drops to uid 1000");
                c.TST_EXP_EXPR(c.sys(__NR_getuid) == 1000 && c.sys(__NR_geteuid) == 1000, "uid and euid 1000");
                c.TST_EXP_FAIL(c.sys(__NR_setuid, 0), EPERM, "uid 1000 cannot become root again");
                c.TST_EXP_FAIL(c.sys(__NR_setuid, 1001), EPERM, "nor another user");
                c.TST_EXP_FAIL(c.sys(__NR_setgid, 0), EPERM, "nor take gid 0");
                c.TST_EXP_PASS(c.sys(__NR_setuid, 1000), "setuid to its own uid");
                c.TST_EXP_PASS(c.sys(__NR_setgid, 1000), "setgid to its own gid");
            });
            t.TST_EXP_VAL(s, 0, "child");
            t.TST_EXP_VAL(t.sys(__NR_getuid), 0, "the parent stays root");
        });
    }

    @Test
    void getresuid_getresgid() {
        Ltp.run(t -> {
            long r = t.buf(4);
            long e = t.buf(4);
            long s = t.buf(4);
            t.cpu.sd(r, -1);
            t.TST_EXP_PASS(t.sys(__NR_getresuid, r, e, s), "getresuid");
            t.TST_EXP_EXPR(t.u32(r) == 0 && t.u32(e) == 0 && t.u32(s) == 0, "root's real, effective and saved uid");
            t.TST_EXP_PASS(t.sys(__NR_getresgid, r, e, s), "getresgid");
            t.TST_EXP_EXPR(t.u32(r) == 0 && t.u32(e) == 0 && t.u32(s) == 0, "root's gids");
            int st = t.fork_and_wait(c -> {
                c.TST_EXP_PASS(c.sys(__NR_setgid, 1000), "setgid 1000");
                c.TST_EXP_PASS(c.sys(__NR_setuid, 1000), "setuid 1000");
                c.TST_EXP_PASS(c.sys(__NR_getresuid, r, e, s), "getresuid after setuid");
                c.TST_EXP_EXPR(c.u32(r) == 1000 && c.u32(e) == 1000 && c.u32(s) == 1000, "uid 1000 everywhere");
                c.TST_EXP_PASS(c.sys(__NR_getresgid, r, e, s), "getresgid after setgid");
                c.TST_EXP_EXPR(c.u32(r) == 1000 && c.u32(e) == 1000 && c.u32(s) == 1000, "gid 1000 everywhere");
            });
            t.TST_EXP_VAL(st, 0, "child");
            t.TST_EXP_FAIL(t.sys(__NR_getresuid, r, Ltp.UNMAPPED, s), EFAULT, "euid pointer unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_getresgid, Ltp.UNMAPPED, e, s), EFAULT, "rgid pointer unmapped");
        });
    }
}
