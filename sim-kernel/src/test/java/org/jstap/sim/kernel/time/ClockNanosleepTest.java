package org.jstap.sim.kernel.time;

import static org.jstap.sim.UserPrograms.SECOND;
import static org.jstap.sim.kernel.time.PosixTimers.CLOCK_BOOTTIME;
import static org.jstap.sim.kernel.time.PosixTimers.CLOCK_MONOTONIC;
import static org.jstap.sim.kernel.time.PosixTimers.CLOCK_PROCESS_CPUTIME_ID;
import static org.jstap.sim.kernel.time.PosixTimers.CLOCK_REALTIME;
import static org.jstap.sim.kernel.time.PosixTimers.TIMER_ABSTIME;

import org.jstap.sim.Ltp;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.signal.Signals;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** clock_nanosleep(2), as LTP's clock_nanosleep01-04 check it. */
class ClockNanosleepTest {
    private static final long MS = 1_000_000;

    /** A child that sends {@code sig} to the caller after {@code ns}, then exits. */
    private static void signal_after(Libc c, long ns, int sig) {
        long parent = c.getpid();
        c.fork(child -> {
            Libc cc = new Libc(child);
            cc.nanosleep(ns);
            cc.kill(parent, sig);
            return 0;
        });
    }

    @Test
    void clockNanosleep_relative_sleepsTheInterval() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            for (int clk : new int[] {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME, PosixTimers.CLOCK_TAI}) {
                long t0 = c.clock_gettime_ns(CLOCK_MONOTONIC);
                long r = c.clock_nanosleep_ns(clk, 0, 100 * MS);
                long slept = c.clock_gettime_ns(CLOCK_MONOTONIC) - t0;
                Ltp.pass(c, "clock_nanosleep(" + clk + ", 0, 100 ms)", r);
                Ltp.expr(c, "slept " + slept + " ns", slept >= 100 * MS && slept < 101 * MS);
            }
            return 0;
        });
        Ltp.assertAllPass(out, 8);
    }

    @Test
    void clockNanosleep_absolute_wakesAtTheTime() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            for (int clk : new int[] {CLOCK_MONOTONIC, CLOCK_REALTIME}) {
                long target = c.clock_gettime_ns(clk) + 300 * MS;
                Ltp.pass(c, "clock_nanosleep(" + clk + ", TIMER_ABSTIME, now + 300 ms)",
                        c.clock_nanosleep_ns(clk, TIMER_ABSTIME, target));
                long now = c.clock_gettime_ns(clk);
                Ltp.expr(c, "woke " + (now - target) + " ns after the target", now >= target && now - target < MS);
            }
            long t0 = c.clock_gettime_ns(CLOCK_MONOTONIC);
            Ltp.pass(c, "clock_nanosleep(MONOTONIC, TIMER_ABSTIME, the past)",
                    c.clock_nanosleep_ns(CLOCK_MONOTONIC, TIMER_ABSTIME, t0 / 2));
            Ltp.expr(c, "a time already past does not sleep", c.clock_gettime_ns(CLOCK_MONOTONIC) - t0 < MS);
            return 0;
        });
        Ltp.assertAllPass(out, 6);
    }

    @Test
    void clockNanosleep_handledSignal_isEintrWithTheTimeLeft() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            c.sigaction(Signals.SIGUSR1, h -> 0, 0, 0);
            signal_after(c, 100 * MS, Signals.SIGUSR1);
            long req = c.push(16);
            long rem = c.push(16);
            cpu.sd(req, 1);
            cpu.sd(req + 8, 0);
            Ltp.fail(c, "clock_nanosleep(MONOTONIC, 0, 1 s, &rem)",
                    c.clock_nanosleep(CLOCK_MONOTONIC, 0, req, rem), Errno.EINTR);
            long left = cpu.ld(rem) * SECOND + cpu.ld(rem + 8);
            Ltp.expr(c, "rem is what was left (" + left + ")", left > 899 * MS && left <= 900 * MS);
            c.wait4(-1, null, 0);

            signal_after(c, 100 * MS, Signals.SIGUSR1);
            cpu.sd(rem, 77);
            cpu.sd(req, c.clock_gettime_ns(CLOCK_MONOTONIC) / SECOND + 5);
            Ltp.fail(c, "clock_nanosleep(MONOTONIC, TIMER_ABSTIME, now + 5 s, &rem)",
                    c.clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, req, rem), Errno.EINTR);
            Ltp.eq(c, "rem untouched by an absolute sleep", cpu.ld(rem), 77);
            c.wait4(-1, null, 0);

            signal_after(c, 100 * MS, Signals.SIGUSR1);
            cpu.sd(req, 1);
            cpu.sd(req + 8, 0);
            Ltp.fail(c, "interrupted with rem = 0x1", c.clock_nanosleep(CLOCK_MONOTONIC, 0, req, 1), Errno.EFAULT);
            c.wait4(-1, null, 0);
            return 0;
        });
        Ltp.assertAllPass(out, 5);
    }

    @Test
    void clockNanosleep_stoppedAndContinued_absoluteSleepRestartsToTheSameTime() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long parent = c.getpid();
            c.fork(child -> {
                Libc cc = new Libc(child);
                cc.nanosleep(100 * MS);
                cc.kill(parent, Signals.SIGSTOP);
                cc.nanosleep(100 * MS);
                cc.kill(parent, Signals.SIGCONT);
                return 0;
            });
            long target = c.clock_gettime_ns(CLOCK_MONOTONIC) + SECOND;
            Ltp.pass(c, "clock_nanosleep(MONOTONIC, TIMER_ABSTIME, now + 1 s) across SIGSTOP/SIGCONT",
                    c.clock_nanosleep_ns(CLOCK_MONOTONIC, TIMER_ABSTIME, target));
            long now = c.clock_gettime_ns(CLOCK_MONOTONIC);
            Ltp.expr(c, "woke at the target (" + (now - target) + ")", now >= target && now - target < MS);
            return 0;
        });
        Ltp.assertAllPass(out, 2);
    }

    @Test
    void clockNanosleep_onAnotherProcessesCpuClock_wakesWhenItHasRun() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long child = c.fork(ch -> {
                for (int i = 0; i < 300; i++) {
                    ch.compute(MS);
                }
                new Libc(ch).nanosleep(3600 * SECOND);
                return 0;
            });
            int clock = PosixCpuTimers.make_process_cpuclock((int) child, PosixCpuTimers.CPUCLOCK_SCHED);
            long start = c.clock_gettime_ns(clock);
            Ltp.pass(c, "clock_nanosleep(child's CPU clock, 0, 100 ms)", c.clock_nanosleep_ns(clock, 0, 100 * MS));
            long ran = c.clock_gettime_ns(clock) - start;
            // CPU timers are checked at the tick: at most a tick late
            Ltp.expr(c, "the child ran 100 ms meanwhile (" + ran + ")", ran >= 100 * MS && ran <= 104 * MS);
            c.kill(child, 9);
            c.wait4(child, null, 0);
            return 0;
        });
        Ltp.assertAllPass(out, 2);
    }

    @Test
    void clockNanosleep_ownProcessCpuClock_sleepsUntilASignal() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            c.sigaction(Signals.SIGUSR1, h -> 0, 0, 0);
            signal_after(c, 2 * SECOND, Signals.SIGUSR1);
            long t0 = c.clock_gettime_ns(CLOCK_MONOTONIC);
            // nothing else in the process runs, so its CPU time cannot reach the target
            Ltp.fail(c, "clock_nanosleep(PROCESS_CPUTIME_ID, 0, 10 ms)",
                    c.clock_nanosleep_ns(CLOCK_PROCESS_CPUTIME_ID, 0, 10 * MS), Errno.EINTR);
            long slept = c.clock_gettime_ns(CLOCK_MONOTONIC) - t0;
            Ltp.expr(c, "slept until the signal (" + slept + ")", slept >= 2 * SECOND && slept < 2 * SECOND + 5 * MS);
            return 0;
        });
        Ltp.assertAllPass(out, 2);
    }

    @Test
    void clockNanosleep_badArguments_areEinvalEopnotsuppEfault() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long req = c.push(16);
            cpu.sd(req, 0);
            cpu.sd(req + 8, 1000);
            Ltp.fail(c, "clock_nanosleep(10)", c.clock_nanosleep(10, 0, req, 0), Errno.EINVAL);
            Ltp.fail(c, "clock_nanosleep(-1)", c.clock_nanosleep(-1, 0, req, 0), Errno.EINVAL);
            for (int clk : new int[] {PosixTimers.CLOCK_THREAD_CPUTIME_ID, PosixTimers.CLOCK_MONOTONIC_RAW,
                PosixTimers.CLOCK_REALTIME_COARSE, PosixTimers.CLOCK_MONOTONIC_COARSE}) {
                Ltp.fail(c, "clock_nanosleep(" + clk + ")", c.clock_nanosleep(clk, 0, req, 0), Errno.EOPNOTSUPP);
            }
            Ltp.fail(c, "clock_nanosleep(own thread clock)", c.clock_nanosleep(
                    PosixCpuTimers.make_thread_cpuclock(0, PosixCpuTimers.CPUCLOCK_SCHED), 0, req, 0), Errno.EINVAL);
            Ltp.fail(c, "clock_nanosleep(99999's clock)", c.clock_nanosleep(
                    PosixCpuTimers.make_process_cpuclock(99999, PosixCpuTimers.CPUCLOCK_SCHED), 0, req, 0), Errno.EINVAL);
            Ltp.fail(c, "clock_nanosleep(MONOTONIC, 0, 0x1)", c.clock_nanosleep(CLOCK_MONOTONIC, 0, 1, 0), Errno.EFAULT);
            Ltp.fail(c, "clock_nanosleep(MONOTONIC, 0, unmapped)",
                    c.clock_nanosleep(CLOCK_MONOTONIC, 0, 0x5000_0000L, 0), Errno.EFAULT);
            long[][] bad = {{0, 1_000_000_000L}, {0, -1}, {-1, 0}};
            for (long[] ts : bad) {
                cpu.sd(req, ts[0]);
                cpu.sd(req + 8, ts[1]);
                Ltp.fail(c, "clock_nanosleep({" + ts[0] + ", " + ts[1] + "})",
                        c.clock_nanosleep(CLOCK_MONOTONIC, 0, req, 0), Errno.EINVAL);
            }
            return 0;
        });
        Ltp.assertAllPass(out, 2 + 4 + 2 + 2 + 3);
    }
}
