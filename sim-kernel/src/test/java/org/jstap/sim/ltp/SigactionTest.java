package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.kernel.Errno.*;
import static org.jstap.sim.kernel.signal.Signals.*;

import org.jstap.sim.arch.riscv.PtRegs;
import org.junit.jupiter.api.Test;

/** rt_sigaction, rt_sigprocmask and rt_sigreturn (LTP rt_sigaction01-03, rt_sigprocmask01-02, sigprocmask01). */
class SigactionTest {
    static final int S1 = 9;
    static final int A1 = 11;
    static final int SIG_BLOCK = 0;
    static final int SIG_UNBLOCK = 1;
    static final int SIG_SETMASK = 2;

    static long bit(int sig) {
        return 1L << (sig - 1);
    }

    /** A struct sigaction {handler, flags, mask} on the stack. */
    static long act(Ltp t, long handler, long flags, long mask) {
        long a = t.buf(24);
        t.cpu.sd(a, handler);
        t.cpu.sd(a + 8, flags);
        t.cpu.sd(a + 16, mask);
        return a;
    }

    static long setmask(Ltp t, int how, long mask) {
        long s = t.buf(8);
        t.cpu.sd(s, mask);
        return t.sys(__NR_rt_sigprocmask, how, s, 0, 8);
    }

    @Test
    void rt_sigaction_errors() {
        Ltp.run(t -> {
            long ign = act(t, SIG_IGN, 0, 0);
            long old = t.buf(24);
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigaction, SIGKILL, ign, 0, 8), EINVAL, "SIGKILL");
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigaction, SIGSTOP, ign, 0, 8), EINVAL, "SIGSTOP");
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigaction, 0, ign, 0, 8), EINVAL, "signal 0");
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigaction, 65, ign, 0, 8), EINVAL, "signal 65");
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigaction, 65, 0, old, 8), EINVAL, "signal 65, query only");
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigaction, SIGUSR1, ign, 0, 4), EINVAL, "sigsetsize 4");
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigaction, SIGUSR1, ign, 0, 16), EINVAL, "sigsetsize 16");
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigaction, SIGUSR1, Ltp.UNMAPPED, 0, 8), EFAULT, "act unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigaction, SIGUSR1, 0, Ltp.UNMAPPED, 8), EFAULT, "oldact unmapped");
            t.TST_EXP_PASS(t.sys(__NR_rt_sigaction, SIGKILL, 0, old, 8), "SIGKILL's action may be read");
            t.TST_EXP_VAL(t.cpu.ld(old), SIG_DFL, "SIGKILL is SIG_DFL");
            t.TST_EXP_PASS(t.sys(__NR_rt_sigaction, 64, ign, 0, 8), "signal 64 is valid");
        });
    }

    @Test
    void rt_sigaction_oldAction() {
        Ltp.run(t -> {
            long h = t.cpu.text(cpu -> 0);
            long mask = bit(SIGUSR2) | bit(SIGKILL) | bit(SIGSTOP);
            t.TST_EXP_PASS(t.sys(__NR_rt_sigaction, SIGUSR1, act(t, h, SA_RESTART, mask), 0, 8), "install a handler");
            long old = t.buf(24);
            t.TST_EXP_PASS(t.sys(__NR_rt_sigaction, SIGUSR1, act(t, SIG_IGN, 0, 0), old, 8), "replace it");
            t.TST_EXP_VAL(t.cpu.ld(old), h, "old sa_handler");
            t.TST_EXP_VAL(t.cpu.ld(old + 8), SA_RESTART, "old sa_flags");
            t.TST_EXP_VAL(t.cpu.ld(old + 16), bit(SIGUSR2), "old sa_mask, without SIGKILL and SIGSTOP");
            t.TST_EXP_PASS(t.sys(__NR_rt_sigaction, SIGUSR1, 0, old, 8), "query");
            t.TST_EXP_VAL(t.cpu.ld(old), SIG_IGN, "now SIG_IGN");
            t.TST_EXP_PASS(t.sys(__NR_kill, t.sys(__NR_getpid), SIGUSR1), "an ignored signal is discarded");
        });
    }

    @Test
    void rt_sigprocmask_semantics() {
        Ltp.run(t -> {
            long s = t.buf(8);
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigprocmask, 3, s, 0, 8), EINVAL, "how 3");
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigprocmask, -1, s, 0, 8), EINVAL, "how -1");
            t.TST_EXP_PASS(t.sys(__NR_rt_sigprocmask, 3, 0, s, 8), "how is not looked at without a set");
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigprocmask, SIG_BLOCK, s, 0, 4), EINVAL, "sigsetsize 4");
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigprocmask, SIG_BLOCK, Ltp.UNMAPPED, 0, 8), EFAULT, "set unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_rt_sigprocmask, SIG_BLOCK, 0, Ltp.UNMAPPED, 8), EFAULT, "oldset unmapped");
            t.TST_EXP_VAL(t.sigmask(), 0, "init starts with nothing blocked");
            t.TST_EXP_PASS(setmask(t, SIG_BLOCK, bit(SIGUSR1)), "SIG_BLOCK SIGUSR1");
            t.TST_EXP_PASS(setmask(t, SIG_BLOCK, bit(SIGUSR2)), "SIG_BLOCK SIGUSR2");
            t.TST_EXP_VAL(t.sigmask(), bit(SIGUSR1) | bit(SIGUSR2), "SIG_BLOCK adds");
            t.TST_EXP_PASS(setmask(t, SIG_UNBLOCK, bit(SIGUSR1)), "SIG_UNBLOCK SIGUSR1");
            t.TST_EXP_VAL(t.sigmask(), bit(SIGUSR2), "SIG_UNBLOCK removes");
            t.TST_EXP_PASS(setmask(t, SIG_SETMASK, bit(SIGTERM)), "SIG_SETMASK SIGTERM");
            t.TST_EXP_VAL(t.sigmask(), bit(SIGTERM), "SIG_SETMASK replaces");
            long old = t.buf(8);
            t.cpu.sd(s, -1L);
            t.TST_EXP_PASS(t.sys(__NR_rt_sigprocmask, SIG_SETMASK, s, old, 8), "block everything");
            t.TST_EXP_VAL(t.cpu.ld(old), bit(SIGTERM), "the old mask comes back");
            t.TST_EXP_VAL(t.sigmask(), -1L & ~(bit(SIGKILL) | bit(SIGSTOP)), "SIGKILL and SIGSTOP cannot be blocked");
            setmask(t, SIG_SETMASK, 0);
            int st = t.fork_and_wait(c -> {
                setmask(c, SIG_SETMASK, -1L);
                c.sys(__NR_kill, c.sys(__NR_getpid), SIGKILL);
                c.tst_res_fail("a blocked SIGKILL did not kill");
            });
            t.TST_EXP_VAL(st, SIGKILL, "SIGKILL gets through a full mask");
        });
    }

    @Test
    void rt_sigprocmask_pendingDeliveredOnUnblock() {
        Ltp.run(t -> {
            int[] got = new int[1];
            t.TST_EXP_PASS(t.sigaction(SIGUSR1, () -> got[0]++, 0, 0), "handle SIGUSR1");
            t.TST_EXP_PASS(setmask(t, SIG_BLOCK, bit(SIGUSR1)), "block SIGUSR1");
            t.TST_EXP_PASS(t.sys(__NR_kill, t.sys(__NR_getpid), SIGUSR1), "send it");
            t.TST_EXP_PASS(t.sys(__NR_kill, t.sys(__NR_getpid), SIGUSR1), "send it again");
            t.TST_EXP_VAL(got[0], 0, "not delivered while blocked");
            t.TST_EXP_PASS(setmask(t, SIG_UNBLOCK, bit(SIGUSR1)), "unblock");
            t.TST_EXP_VAL(got[0], 1, "delivered once (standard signals do not queue) on unblock");
        });
    }

    @Test
    void rt_sigreturn_resumesInterruptedCode() {
        Ltp.run(t -> {
            long[] inHandler = new long[3];
            t.TST_EXP_PASS(t.c.sigaction(SIGUSR1, cpu -> {
                long hsp = cpu.sp();
                inHandler[0] = cpu.reg(PtRegs.A0);
                inHandler[1] = t.sigmask();
                cpu.set_sp(hsp);
                cpu.set_reg(S1, 0xdead);
                cpu.set_reg(A1, 0xbeef);
                inHandler[2]++;
                return 0;
            }, 0, bit(SIGUSR2)), "handler with sa_mask SIGUSR2");
            t.cpu.set_reg(S1, 0x1234);
            long sp = t.cpu.sp();
            long r = t.sys(__NR_kill, t.sys(__NR_getpid), SIGUSR1);
            long spAfter = t.cpu.sp();
            long s1After = t.cpu.reg(S1);
            t.TST_EXP_PASS(r, "kill returns 0 after the handler");
            t.TST_EXP_VAL(inHandler[2], 1, "the handler ran");
            t.TST_EXP_VAL(inHandler[0], SIGUSR1, "the handler's a0 is the signal");
            t.TST_EXP_VAL(inHandler[1], bit(SIGUSR1) | bit(SIGUSR2), "in the handler: the signal and sa_mask blocked");
            t.TST_EXP_VAL(t.sigmask(), 0, "rt_sigreturn restored the mask");
            t.TST_EXP_VAL(s1After, 0x1234, "rt_sigreturn restored s1");
            t.TST_EXP_VAL(spAfter, sp, "rt_sigreturn restored sp");
        });
    }
}
