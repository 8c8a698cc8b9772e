package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.kernel.Errno.*;
import static org.jstap.sim.kernel.signal.Signals.*;

import org.junit.jupiter.api.Test;

/** kill(2) and tgkill(2) (LTP kill01-13, tgkill01-03). */
class KillTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void kill_errors() {
        Ltp.run(t -> {
            long me = t.sys(__NR_getpid);
            t.TST_EXP_FAIL(t.sys(__NR_kill, 99999, SIGTERM), ESRCH, "kill of a pid nobody has");
            t.TST_EXP_FAIL(t.sys(__NR_kill, me, 65), EINVAL, "signal 65");
            t.TST_EXP_FAIL(t.sys(__NR_kill, me, -1), EINVAL, "signal -1");
            t.TST_EXP_PASS(t.sys(__NR_kill, me, 0), "signal 0 to itself");
            long pid = t.fork(c -> c.sys(__NR_exit_group, 0));
            t.c.nanosleep(SECOND);
            t.TST_EXP_PASS(t.sys(__NR_kill, pid, 0), "a zombie still exists for kill");
            t.waitpid(pid);
            t.TST_EXP_FAIL(t.sys(__NR_kill, pid, 0), ESRCH, "signal 0 to a reaped child");
            t.TST_EXP_FAIL(t.sys(__NR_kill, -99999, 0), ESRCH, "a process group nobody has");
            int s = t.fork_and_wait(c -> {
                c.TST_EXP_PASS(c.sys(__NR_setuid, 1000), "setuid(1000)");
                c.TST_EXP_FAIL(c.sys(__NR_kill, 1, 0), EPERM, "uid 1000 may not signal root's init");
                c.TST_EXP_FAIL(c.sys(__NR_kill, 1, SIGTERM), EPERM, "nor send it SIGTERM");
                c.TST_EXP_PASS(c.sys(__NR_kill, c.sys(__NR_getpid), 0), "but may signal itself");
            });
            t.TST_EXP_VAL(s, 0, "the unprivileged child exits normally");
        });
    }

    @Test
    void kill_processGroup() {
        Ltp.run(t -> {
            long a = t.fork(c -> c.c.nanosleep(10 * SECOND));
            long b = t.fork(c -> c.c.nanosleep(10 * SECOND));
            t.TST_EXP_PASS(t.sys(__NR_setpgid, a, a), "setpgid(a, a)");
            t.TST_EXP_PASS(t.sys(__NR_setpgid, b, a), "setpgid(b, a)");
            t.TST_EXP_PASS(t.sys(__NR_kill, -a, SIGKILL), "kill(-pgrp, SIGKILL)");
            t.TST_EXP_VAL(t.waitpid(a), SIGKILL, "the leader was killed");
            t.TST_EXP_VAL(t.waitpid(b), SIGKILL, "the other member was killed");
            // pid 0: the caller's own group, caller included
            int s = t.fork_and_wait(c -> {
                c.sys(__NR_setpgid, 0, 0);
                long g = c.fork(gc -> gc.c.nanosleep(10 * SECOND));
                int[] got = new int[1];
                c.sigaction(SIGUSR1, () -> got[0]++, 0, 0);
                c.TST_EXP_PASS(c.sys(__NR_kill, 0, SIGUSR1), "kill(0, SIGUSR1)");
                c.TST_EXP_VAL(got[0], 1, "the sender is in its group and got the signal");
                c.TST_EXP_VAL(c.waitpid(g), SIGUSR1, "the grandchild got it too");
            });
            t.TST_EXP_VAL(s, 0, "the group leader handled its signal");
        });
    }

    @Test
    void tgkill_errors() {
        Ltp.run(t -> {
            long me = t.sys(__NR_getpid);
            long tid = t.sys(__NR_gettid);
            t.TST_EXP_FAIL(t.sys(__NR_tgkill, 0, tid, 0), EINVAL, "tgid 0");
            t.TST_EXP_FAIL(t.sys(__NR_tgkill, -1, tid, 0), EINVAL, "tgid -1");
            t.TST_EXP_FAIL(t.sys(__NR_tgkill, me, 0, 0), EINVAL, "tid 0");
            t.TST_EXP_FAIL(t.sys(__NR_tgkill, me, -1, 0), EINVAL, "tid -1");
            t.TST_EXP_FAIL(t.sys(__NR_tgkill, me, tid, 65), EINVAL, "signal 65");
            t.TST_EXP_FAIL(t.sys(__NR_tgkill, me, 99999, 0), ESRCH, "a tid nobody has");
            long pid = t.fork(c -> c.c.nanosleep(10 * SECOND));
            t.TST_EXP_FAIL(t.sys(__NR_tgkill, pid, tid, 0), ESRCH, "a thread of another group");
            t.TST_EXP_PASS(t.sys(__NR_tgkill, me, tid, 0), "signal 0 to itself");
            t.TST_EXP_PASS(t.sys(__NR_tgkill, pid, pid, SIGTERM), "tgkill(child, child, SIGTERM)");
            t.TST_EXP_VAL(t.waitpid(pid), SIGTERM, "the child got SIGTERM");
        });
    }
}
