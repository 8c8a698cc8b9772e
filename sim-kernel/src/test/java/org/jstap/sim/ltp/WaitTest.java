package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.kernel.Errno.*;

import org.jstap.sim.kernel.Exit;
import org.jstap.sim.kernel.signal.Signals;
import org.junit.jupiter.api.Test;

/** wait4, exit and exit_group (LTP wait401-403, waitpid01-13, exit01-02, exit_group01). */
class WaitTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void wait4_errors() {
        Ltp.run(t -> {
            long st = t.buf(8);
            t.TST_EXP_FAIL(t.sys(__NR_wait4, -1, st, 0, 0), ECHILD, "wait4(-1) with no children");
            t.TST_EXP_FAIL(t.sys(__NR_wait4, -1, st, Exit.WNOHANG, 0), ECHILD, "WNOHANG with no children");
            t.TST_EXP_FAIL(t.sys(__NR_wait4, 1, st, 0, 0), ECHILD, "wait4 for itself");
            t.TST_EXP_FAIL(t.sys(__NR_wait4, 99999, st, 0, 0), ECHILD, "wait4 for a pid that is no child");
            t.TST_EXP_FAIL(t.sys(__NR_wait4, -1, st, 0x1000, 0), EINVAL, "wait4 with an unknown option");
            t.TST_EXP_FAIL(t.sys(__NR_wait4, -1, st, Exit.WEXITED, 0), EINVAL, "WEXITED is waitid's");
            t.TST_EXP_FAIL(t.sys(__NR_wait4, -1, st, Exit.WNOWAIT, 0), EINVAL, "WNOWAIT is waitid's");
            long pid = t.fork(c -> c.sys(__NR_exit_group, 0));
            t.TST_EXP_FAIL(t.sys(__NR_wait4, pid, Ltp.UNMAPPED, 0, 0), EFAULT, "status pointer unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_wait4, pid, st, 0, 0), ECHILD, "the EFAULT wait reaped the child");
        });
    }

    @Test
    void wait4_wnohang() {
        Ltp.run(t -> {
            long pid = t.fork(c -> c.c.nanosleep(SECOND));
            long st = t.buf(8);
            t.TST_EXP_VAL(t.sys(__NR_wait4, pid, st, Exit.WNOHANG, 0), 0, "WNOHANG while the child runs");
            t.TST_EXP_VAL(t.sys(__NR_wait4, -1, st, Exit.WNOHANG, 0), 0, "WNOHANG for any child");
            t.TST_EXP_VAL(t.sys(__NR_wait4, -1, st, 0, 0), pid, "the blocking wait reaps it");
            t.TST_EXP_VAL(t.u32(st), 0, "exit 0");
        });
    }

    @Test
    void wait4_statusMacros() {
        Ltp.run(t -> {
            int s = t.fork_and_wait(c -> c.sys(__NR_exit, 5));
            t.TST_EXP_EXPR(Ltp.WIFEXITED(s) && Ltp.WEXITSTATUS(s) == 5 && !Ltp.WIFSIGNALED(s),
                    "exit(5): WIFEXITED, WEXITSTATUS 5 (status " + Integer.toHexString(s) + ")");
            s = t.fork_and_wait(c -> c.sys(__NR_exit_group, 0x1ff));
            t.TST_EXP_VAL(s, 0xff00, "exit_group keeps the low 8 bits of the status");
            s = t.fork_and_wait(c -> {
                c.sys(__NR_kill, c.sys(__NR_getpid), Signals.SIGKILL);
                c.tst_res_fail("survived SIGKILL");
            });
            t.TST_EXP_EXPR(Ltp.WIFSIGNALED(s) && Ltp.WTERMSIG(s) == Signals.SIGKILL && !Ltp.WIFEXITED(s),
                    "SIGKILL: WIFSIGNALED, WTERMSIG 9 (status " + Integer.toHexString(s) + ")");
            s = t.fork_and_wait(c -> {
                c.cpu.ld(Ltp.UNMAPPED);
                c.tst_res_fail("survived a load from an unmapped page");
            });
            t.TST_EXP_VAL(s, Signals.SIGSEGV, "SIGSEGV, no core with RLIMIT_CORE 0");
            long a = t.fork(c -> c.c.nanosleep(10 * SECOND));
            long b = t.fork(c -> c.sys(__NR_exit_group, 9));
            t.TST_EXP_VAL(t.sys(__NR_wait4, -1, 0, 0, 0), b, "wait4(-1) reaps the child that ended, status NULL");
            t.TST_EXP_PASS(t.sys(__NR_kill, a, Signals.SIGTERM), "kill the sleeper");
            long st = t.buf(8);
            t.TST_EXP_VAL(t.sys(__NR_wait4, a, st, 0, 0), a, "wait4(pid)");
            t.TST_EXP_VAL(t.u32(st), Signals.SIGTERM, "WTERMSIG SIGTERM");
        });
    }

    @Test
    void exit_threadGroup() {
        Ltp.run(t -> {
            // exit_group ends every thread; the group's status is the one exit_group gave
            int s = t.fork_and_wait(c -> {
                c.cpu.set_reg(org.jstap.sim.arch.riscv.PtRegs.T0, c.cpu.text(cpu -> {
                    new org.jstap.sim.userland.Libc(cpu).nanosleep(10 * SECOND);
                    return 0;
                }));
                long f = org.jstap.sim.kernel.Fork.CLONE_VM | org.jstap.sim.kernel.Fork.CLONE_SIGHAND
                        | org.jstap.sim.kernel.Fork.CLONE_THREAD | org.jstap.sim.kernel.Fork.CLONE_FS
                        | org.jstap.sim.kernel.Fork.CLONE_FILES;
                long stack = c.buf(4096) + 4096;
                c.TST_EXP_POSITIVE(c.sys(__NR_clone, f, stack, 0, 0, 0), "clone a thread");
                c.sys(__NR_exit_group, 4);
            });
            t.TST_EXP_VAL(s, 0x400, "exit_group(4) of a two-thread process");
        });
    }
}
