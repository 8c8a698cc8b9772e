package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.kernel.Errno.*;

import java.util.List;
import org.jstap.sim.kernel.signal.Signals;
import org.junit.jupiter.api.Test;

/** setsid, setpgid, getpgid and getsid (LTP setsid01, setpgid01-03, getpgid01-02, getsid01-02). */
class SessionTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void setsid_newSession() {
        Ltp.run(t -> {
            long pgrp = t.sys(__NR_getpgid, 0);
            long sid = t.sys(__NR_getsid, 0);
            int s = t.fork_and_wait(c -> {
                long me = c.sys(__NR_getpid);
                c.TST_EXP_VAL(c.sys(__NR_getpgid, 0), pgrp, "the child starts in its parent's group");
                c.TST_EXP_VAL(c.sys(__NR_getsid, 0), sid, "and session");
                c.TST_EXP_VAL(c.sys(__NR_setsid), me, "setsid returns the new session id");
                c.TST_EXP_VAL(c.sys(__NR_getsid, 0), me, "getsid(0)");
                c.TST_EXP_VAL(c.sys(__NR_getpgid, 0), me, "a new group too");
                c.TST_EXP_VAL(c.sys(__NR_getsid, me), me, "getsid(pid)");
                c.TST_EXP_FAIL(c.sys(__NR_setsid), EPERM, "a group leader cannot setsid");
                c.TST_EXP_FAIL(c.sys(__NR_setpgid, 0, 0), EPERM, "a session leader cannot change group");
            });
            t.TST_EXP_VAL(s, 0, "child");
            s = t.fork_and_wait(c -> {
                c.sys(__NR_setpgid, 0, 0);
                c.TST_EXP_FAIL(c.sys(__NR_setsid), EPERM, "the leader of a group cannot setsid");
            });
            t.TST_EXP_VAL(s, 0, "child");
        });
    }

    @Test
    void setpgid_errors() {
        Ltp.run(t -> {
            t.TST_EXP_FAIL(t.sys(__NR_getpgid, 99999), ESRCH, "getpgid of a pid nobody has");
            t.TST_EXP_FAIL(t.sys(__NR_getsid, 99999), ESRCH, "getsid of a pid nobody has");
            t.TST_EXP_FAIL(t.sys(__NR_setpgid, 99999, 0), ESRCH, "setpgid of a pid nobody has");
            t.TST_EXP_FAIL(t.sys(__NR_setpgid, 0, -1), EINVAL, "a negative pgid");
            long a = t.fork(c -> c.c.nanosleep(10 * SECOND));
            t.TST_EXP_PASS(t.sys(__NR_setpgid, a, 0), "the parent moves its child to a new group");
            t.TST_EXP_VAL(t.sys(__NR_getpgid, a), a, "getpgid(child)");
            t.TST_EXP_FAIL(t.sys(__NR_setpgid, a, 99999), EPERM, "a group that does not exist");
            long b = t.fork(c -> {
                c.sys(__NR_setsid);
                c.c.nanosleep(10 * SECOND);
            });
            t.c.nanosleep(SECOND / 10);
            t.TST_EXP_FAIL(t.sys(__NR_setpgid, b, 0), EPERM, "a child that leads its own session");
            long e = t.fork(c -> c.c.execve("/bin/sleep", List.of("sleep", "10"), List.of()));
            t.c.nanosleep(SECOND / 10);
            t.TST_EXP_FAIL(t.sys(__NR_setpgid, e, e), EACCES, "a child that has exec'd");
            int s = t.fork_and_wait(c -> c.TST_EXP_FAIL(c.sys(__NR_setpgid, 1, 1), ESRCH, "neither self nor child"));
            t.TST_EXP_VAL(s, 0, "child");
            for (long p : new long[] {a, b, e}) {
                t.sys(__NR_kill, p, Signals.SIGKILL);
                t.waitpid(p);
            }
        });
    }
}
