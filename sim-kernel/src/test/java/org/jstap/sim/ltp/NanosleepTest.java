package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.kernel.Errno.*;
import static org.jstap.sim.kernel.signal.Signals.*;

import org.junit.jupiter.api.Test;

/** nanosleep(2) (LTP nanosleep01-04). */
class NanosleepTest {
    static final long SECOND = 1_000_000_000L;
    static final int CLOCK_MONOTONIC = 1;

    static long ts(Ltp t, long sec, long nsec) {
        long a = t.buf(16);
        t.cpu.sd(a, sec);
        t.cpu.sd(a + 8, nsec);
        return a;
    }

    @Test
    void nanosleep_errors() {
        Ltp.run(t -> {
            t.TST_EXP_FAIL(t.sys(__NR_nanosleep, ts(t, 0, SECOND), 0), EINVAL, "tv_nsec 1000000000");
            t.TST_EXP_FAIL(t.sys(__NR_nanosleep, ts(t, 0, -1), 0), EINVAL, "tv_nsec -1");
            t.TST_EXP_FAIL(t.sys(__NR_nanosleep, ts(t, -1, 0), 0), EINVAL, "tv_sec -1");
            t.TST_EXP_FAIL(t.sys(__NR_nanosleep, Ltp.UNMAPPED, 0), EFAULT, "req unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_nanosleep, Ltp.KERNEL_ADDR, 0), EFAULT, "req in kernel space");
        });
    }

    @Test
    void nanosleep_sleeps() {
        Ltp.run(t -> {
            long before = t.c.clock_gettime_ns(CLOCK_MONOTONIC);
            long rem = ts(t, 77, 77);
            t.TST_EXP_PASS(t.sys(__NR_nanosleep, ts(t, 0, 250_000_000), rem), "sleep 250 ms");
            long slept = t.c.clock_gettime_ns(CLOCK_MONOTONIC) - before;
            t.TST_EXP_EXPR(slept >= 250_000_000 && slept < 260_000_000, "slept 250 ms: " + slept);
            t.TST_EXP_EXPR(t.cpu.ld(rem) == 77 && t.cpu.ld(rem + 8) == 77, "rem untouched when not interrupted");
            t.TST_EXP_PASS(t.sys(__NR_nanosleep, ts(t, 0, 0), 0), "a zero sleep");
        });
    }

    @Test
    void nanosleep_eintrWithRemainingTime() {
        Ltp.run(t -> {
            long pid = t.fork(c -> {
                int[] got = new int[1];
                c.sigaction(SIGUSR1, () -> got[0]++, 0, 0);
                long rem = c.buf(16);
                c.TST_EXP_FAIL(c.sys(__NR_nanosleep, ts(c, 5, 0), rem), EINTR, "a handled signal interrupts");
                long left = c.cpu.ld(rem) * SECOND + c.cpu.ld(rem + 8);
                c.TST_EXP_EXPR(left > 3_900_000_000L && left < 4_100_000_000L, "about 4 s remain: " + left);
                c.TST_EXP_VAL(got[0], 1, "the handler ran");
            });
            t.c.nanosleep(SECOND);
            t.TST_EXP_PASS(t.sys(__NR_kill, pid, SIGUSR1), "signal the sleeper");
            t.TST_EXP_VAL(t.waitpid(pid), 0, "the sleeper exits normally");
            long s = t.fork(c -> c.c.nanosleep(5 * SECOND));
            t.c.nanosleep(SECOND);
            t.TST_EXP_PASS(t.sys(__NR_kill, s, SIGCHLD), "an ignored signal");
            long before = t.c.clock_gettime_ns(CLOCK_MONOTONIC);
            t.waitpid(s);
            long waited = t.c.clock_gettime_ns(CLOCK_MONOTONIC) - before;
            t.TST_EXP_EXPR(waited >= 3 * SECOND, "an ignored signal does not cut the sleep: " + waited);
        });
    }

    @Test
    void stoppedAndContinued_carriesOnToTheOriginalEnd_throughRestartSyscall() {
        Ltp.run(t -> {
            long start = t.c.clock_gettime_ns(CLOCK_MONOTONIC);
            long[] woke = new long[2];
            long pid = t.fork(c -> {
                c.TST_EXP_PASS(c.sys(__NR_nanosleep, ts(c, 2, 0), 0), "nanosleep of 2 s, stopped for 1 s on the way");
                woke[0] = c.c.clock_gettime_ns(CLOCK_MONOTONIC);
                c.TST_EXP_PASS(c.sys(__NR_clock_nanosleep, CLOCK_MONOTONIC, 0, ts(c, 2, 0), 0),
                        "clock_nanosleep of 2 s, stopped likewise");
                woke[1] = c.c.clock_gettime_ns(CLOCK_MONOTONIC);
            });
            for (int i = 0; i < 2; i++) {
                t.c.nanosleep(SECOND / 2);
                t.TST_EXP_PASS(t.sys(__NR_kill, pid, SIGSTOP), "stop the sleeper");
                t.c.nanosleep(SECOND);
                t.TST_EXP_PASS(t.sys(__NR_kill, pid, SIGCONT), "continue it");
                t.c.nanosleep(SECOND);
            }
            t.TST_EXP_VAL(t.waitpid(pid), 0, "the sleeper exits normally");
            long first = woke[0] - start;
            long second = woke[1] - woke[0];
            t.TST_EXP_EXPR(first >= 2 * SECOND && first < 2 * SECOND + SECOND / 10, "woke 2 s after it started: " + first);
            t.TST_EXP_EXPR(second >= 2 * SECOND && second < 2 * SECOND + SECOND / 10,
                    "clock_nanosleep too: " + second);
        });
    }

    @Test
    void restartSyscall_withNothingToCarryOn_isEintr() {
        Ltp.run(t -> t.TST_EXP_FAIL(t.sys(__NR_restart_syscall), EINTR, "do_no_restart_syscall"));
    }
}
