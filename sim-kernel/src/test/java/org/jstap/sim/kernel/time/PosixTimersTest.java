package org.jstap.sim.kernel.time;

import static org.jstap.sim.UserPrograms.SECOND;
import static org.jstap.sim.kernel.time.PosixTimers.CLOCK_BOOTTIME;
import static org.jstap.sim.kernel.time.PosixTimers.CLOCK_MONOTONIC;
import static org.jstap.sim.kernel.time.PosixTimers.CLOCK_MONOTONIC_COARSE;
import static org.jstap.sim.kernel.time.PosixTimers.CLOCK_MONOTONIC_RAW;
import static org.jstap.sim.kernel.time.PosixTimers.CLOCK_PROCESS_CPUTIME_ID;
import static org.jstap.sim.kernel.time.PosixTimers.CLOCK_REALTIME;
import static org.jstap.sim.kernel.time.PosixTimers.CLOCK_REALTIME_COARSE;
import static org.jstap.sim.kernel.time.PosixTimers.CLOCK_TAI;
import static org.jstap.sim.kernel.time.PosixTimers.CLOCK_THREAD_CPUTIME_ID;

import org.jstap.sim.Ltp;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** clock_gettime(2) and clock_getres(2), as LTP's clock_gettime01-04 and clock_getres01 check them. */
class PosixTimersTest {
    private static final long MS = 1_000_000;
    /** 2026-01-01T00:00:00Z, where the board's RTC starts. */
    private static final long RTC_EPOCH = 1_767_225_600L;
    private static final long TICK = SECOND / 250;
    private static final int[] CLOCKS = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
        CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME,
        CLOCK_TAI};

    @Test
    void clockGettime_everyClock_givesAValidTimespec() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long tp = c.push(16);
            for (int clk : CLOCKS) {
                long r = c.clock_gettime(clk, tp);
                Ltp.expr(c, "clock_gettime(" + clk + ") = " + r + ", tv_nsec " + cpu.ld(tp + 8),
                        r == 0 && cpu.ld(tp) >= 0 && cpu.ld(tp + 8) >= 0 && cpu.ld(tp + 8) < SECOND);
            }
            return 0;
        });
        Ltp.assertAllPass(out, CLOCKS.length);
    }

    @Test
    void clockGettime_wallAndMonotonicClocks_agree() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            c.nanosleep(SECOND);
            long mono0 = c.clock_gettime_ns(CLOCK_MONOTONIC);
            long real = c.clock_gettime_ns(CLOCK_REALTIME);
            long raw = c.clock_gettime_ns(CLOCK_MONOTONIC_RAW);
            long boot = c.clock_gettime_ns(CLOCK_BOOTTIME);
            long tai = c.clock_gettime_ns(CLOCK_TAI);
            long realCoarse = c.clock_gettime_ns(CLOCK_REALTIME_COARSE);
            long monoCoarse = c.clock_gettime_ns(CLOCK_MONOTONIC_COARSE);
            long mono1 = c.clock_gettime_ns(CLOCK_MONOTONIC);
            // the RTC set the wall clock at boot, to the second
            Ltp.expr(c, "REALTIME - MONOTONIC is the RTC's 2026-01-01 (" + (real - mono0) + ")",
                    Math.abs(real - mono0 - RTC_EPOCH * SECOND) < SECOND);
            Ltp.expr(c, "MONOTONIC <= MONOTONIC_RAW <= BOOTTIME <= MONOTONIC",
                    mono0 <= raw && raw <= boot && boot <= mono1);
            Ltp.expr(c, "TAI - REALTIME is the TAI offset (0)", Math.abs(tai - real) < MS);
            Ltp.expr(c, "MONOTONIC_COARSE is at most a tick behind (" + (mono1 - monoCoarse) + ")",
                    monoCoarse <= mono1 && mono1 - monoCoarse <= TICK);
            Ltp.expr(c, "REALTIME_COARSE is at most a tick behind", realCoarse <= real + MS && real - realCoarse <= TICK);
            long before = c.clock_gettime_ns(CLOCK_MONOTONIC);
            c.nanosleep(250 * MS);
            long slept = c.clock_gettime_ns(CLOCK_MONOTONIC) - before;
            Ltp.expr(c, "a 250 ms sleep moves MONOTONIC by 250 ms (" + slept + ")", slept >= 250 * MS && slept < 251 * MS);
            return 0;
        });
        Ltp.assertAllPass(out, 6);
    }

    @Test
    void clockGettime_cpuClocks_countComputingNotSleeping() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long p0 = c.clock_gettime_ns(CLOCK_PROCESS_CPUTIME_ID);
            long t0 = c.clock_gettime_ns(CLOCK_THREAD_CPUTIME_ID);
            cpu.compute(100 * MS);
            long p1 = c.clock_gettime_ns(CLOCK_PROCESS_CPUTIME_ID);
            long t1 = c.clock_gettime_ns(CLOCK_THREAD_CPUTIME_ID);
            c.nanosleep(SECOND);
            long p2 = c.clock_gettime_ns(CLOCK_PROCESS_CPUTIME_ID);
            Ltp.expr(c, "100 ms of computing: PROCESS_CPUTIME +" + (p1 - p0), p1 - p0 >= 100 * MS && p1 - p0 < 101 * MS);
            Ltp.expr(c, "100 ms of computing: THREAD_CPUTIME +" + (t1 - t0), t1 - t0 >= 100 * MS && t1 - t0 < 101 * MS);
            Ltp.expr(c, "1 s of sleep: PROCESS_CPUTIME +" + (p2 - p1), p2 - p1 < MS);
            return 0;
        });
        Ltp.assertAllPass(out, 3);
    }

    @Test
    void clockGettime_anotherProcessesCpuClock_readsItsTimes() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long child = c.fork(ch -> {
                ch.compute(200 * MS);
                new Libc(ch).nanosleep(3600 * SECOND);
                return 0;
            });
            c.nanosleep(SECOND);
            int pid = (int) child;
            long sched = c.clock_gettime_ns(PosixCpuTimers.make_process_cpuclock(pid, PosixCpuTimers.CPUCLOCK_SCHED));
            long virt = c.clock_gettime_ns(PosixCpuTimers.make_process_cpuclock(pid, PosixCpuTimers.CPUCLOCK_VIRT));
            long prof = c.clock_gettime_ns(PosixCpuTimers.make_process_cpuclock(pid, PosixCpuTimers.CPUCLOCK_PROF));
            Ltp.eq(c, "child's VIRT clock (user time)", virt, 200 * MS);
            Ltp.expr(c, "child's PROF clock (user + system) " + prof, prof > virt && prof < 201 * MS);
            Ltp.eq(c, "child's SCHED clock is its PROF clock", sched, prof);
            Ltp.fail(c, "clock_gettime(child's thread clock)", c.clock_gettime(
                    PosixCpuTimers.make_thread_cpuclock(pid, PosixCpuTimers.CPUCLOCK_SCHED), c.push(16)), Errno.EINVAL);
            c.kill(child, 9);
            c.wait4(child, null, 0);
            Ltp.fail(c, "clock_gettime(reaped child's clock)", c.clock_gettime(
                    PosixCpuTimers.make_process_cpuclock(pid, PosixCpuTimers.CPUCLOCK_SCHED), c.push(16)), Errno.EINVAL);
            long own = c.clock_gettime_ns(PosixCpuTimers.make_process_cpuclock((int) c.getpid(), 2));
            Ltp.expr(c, "own process clock by pid", own > 0);
            return 0;
        });
        Ltp.assertAllPass(out, 6);
    }

    @Test
    void clockGettime_badClockOrPointer_isEinvalOrEfault() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long tp = c.push(16);
            for (int clk : new int[] {10, 12, 16, Integer.MAX_VALUE, -1, (~3 << 3) | 3,
                PosixTimers.CLOCK_REALTIME_ALARM, PosixTimers.CLOCK_BOOTTIME_ALARM}) {
                Ltp.fail(c, "clock_gettime(" + clk + ")", c.clock_gettime(clk, tp), Errno.EINVAL);
            }
            Ltp.fail(c, "clock_gettime(REALTIME, NULL)", c.clock_gettime(CLOCK_REALTIME, 0), Errno.EFAULT);
            Ltp.fail(c, "clock_gettime(MONOTONIC, 0x1)", c.clock_gettime(CLOCK_MONOTONIC, 1), Errno.EFAULT);
            Ltp.fail(c, "clock_gettime(PROCESS_CPUTIME_ID, unmapped)",
                    c.clock_gettime(CLOCK_PROCESS_CPUTIME_ID, 0x5000_0000L), Errno.EFAULT);
            // the clock is checked before the pointer
            Ltp.fail(c, "clock_gettime(10, 0x1)", c.clock_gettime(10, 1), Errno.EINVAL);
            return 0;
        });
        Ltp.assertAllPass(out, 12);
    }

    @Test
    void clockGetres_givesEachClocksResolution() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long res = c.push(16);
            int[] oneNs = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME, CLOCK_TAI,
                CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
            for (int clk : oneNs) {
                c.clock_getres(clk, res);
                Ltp.eq(c, "clock_getres(" + clk + ")", cpu.ld(res) * SECOND + cpu.ld(res + 8), 1);
            }
            for (int clk : new int[] {CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE,
                PosixCpuTimers.make_process_cpuclock(0, PosixCpuTimers.CPUCLOCK_PROF)}) {
                Ltp.pass(c, "clock_getres(" + clk + ")", c.clock_getres(clk, res));
                Ltp.eq(c, "resolution of " + clk + " is a tick", cpu.ld(res) * SECOND + cpu.ld(res + 8), TICK);
            }
            Ltp.pass(c, "clock_getres(MONOTONIC, NULL)", c.clock_getres(CLOCK_MONOTONIC, 0));
            return 0;
        });
        Ltp.assertAllPass(out, 7 + 6 + 1);
    }

    @Test
    void clockGetres_badClockOrPointer_isEinvalOrEfault() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long res = c.push(16);
            Ltp.fail(c, "clock_getres(10)", c.clock_getres(10, res), Errno.EINVAL);
            Ltp.fail(c, "clock_getres(-1)", c.clock_getres(-1, res), Errno.EINVAL);
            Ltp.fail(c, "clock_getres(10, NULL)", c.clock_getres(10, 0), Errno.EINVAL);
            Ltp.fail(c, "clock_getres(99999's clock)", c.clock_getres(
                    PosixCpuTimers.make_process_cpuclock(99999, PosixCpuTimers.CPUCLOCK_SCHED), res), Errno.EINVAL);
            Ltp.fail(c, "clock_getres(REALTIME, 0x1)", c.clock_getres(CLOCK_REALTIME, 1), Errno.EFAULT);
            return 0;
        });
        Ltp.assertAllPass(out, 5);
    }
}
