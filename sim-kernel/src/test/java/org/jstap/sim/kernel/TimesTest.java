package org.jstap.sim.kernel;

import static org.jstap.sim.UserPrograms.SECOND;

import org.jstap.sim.Ltp;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.kernel.time.PosixTimers;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** times(2), as LTP's times01-03 check it: user and system time, the children's, and the tick count. */
class TimesTest {
    private static final long MS = 1_000_000;

    /** struct tms at {@code buf}: utime, stime, cutime, cstime. */
    private static long[] tms(Libc c, long buf) {
        return new long[] {c.cpu().ld(buf), c.cpu().ld(buf + 8), c.cpu().ld(buf + 16), c.cpu().ld(buf + 24)};
    }

    @Test
    void times_null_returnsClockTicksSinceBoot() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long t0 = c.times(0);
            long mono0 = c.clock_gettime_ns(PosixTimers.CLOCK_MONOTONIC);
            c.nanosleep(2 * SECOND);
            long t1 = c.times(0);
            // USER_HZ is 100: two seconds are 200 ticks, give or take the tick in progress
            Ltp.expr(c, "200 ticks in 2 s (" + (t1 - t0) + ")", Math.abs(t1 - t0 - 200) <= 1);
            Ltp.expr(c, "ticks follow the monotonic clock", Math.abs(t0 - mono0 / (10 * MS)) <= 1);
            return 0;
        });
        Ltp.assertAllPass(out, 2);
    }

    @Test
    void times_userComputation_isUserTimeNotSystemTime() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long buf = c.push(32);
            c.times(buf);
            long[] before = tms(c, buf);
            cpu.compute(500 * MS);
            long r = c.times(buf);
            long[] after = tms(c, buf);
            Ltp.expr(c, "times(&buf) returns ticks (" + r + ")", r > 0);
            Ltp.eq(c, "tms_utime grew by", after[0] - before[0], 50);
            Ltp.expr(c, "tms_stime stays small (" + after[1] + ")", after[1] <= 2);
            Ltp.eq(c, "tms_cutime without children", after[2], 0);
            Ltp.eq(c, "tms_cstime without children", after[3], 0);
            return 0;
        });
        Ltp.assertAllPass(out, 5);
    }

    @Test
    void times_reapedChildren_countInCutime() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            c.fork(child -> {
                child.compute(300 * MS);
                // a grandchild reaped by the child counts for the child's parent too
                Libc cc = new Libc(child);
                cc.fork(grandchild -> {
                    grandchild.compute(200 * MS);
                    return 0;
                });
                cc.wait4(-1, null, 0);
                return 0;
            });
            long buf = c.push(32);
            c.times(buf);
            Ltp.eq(c, "tms_cutime before the child is reaped", tms(c, buf)[2], 0);
            c.wait4(-1, null, 0);
            c.times(buf);
            long[] t = tms(c, buf);
            Ltp.eq(c, "tms_cutime after wait", t[2], 50);
            Ltp.expr(c, "tms_cstime small (" + t[3] + ")", t[3] <= 2);
            Ltp.expr(c, "parent's own tms_utime small (" + t[0] + ")", t[0] <= 1);
            return 0;
        });
        Ltp.assertAllPass(out, 4);
    }

    @Test
    void times_agreesWithProcessCpuClock() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            cpu.compute(1234 * MS);
            long buf = c.push(32);
            c.times(buf);
            long[] t = tms(c, buf);
            long cpuNs = c.clock_gettime_ns(PosixTimers.CLOCK_PROCESS_CPUTIME_ID);
            Ltp.expr(c, "utime + stime = process CPU time in ticks (" + (t[0] + t[1]) + ", " + cpuNs + " ns)",
                    Math.abs(t[0] + t[1] - cpuNs / (10 * MS)) <= 1);
            return 0;
        });
        Ltp.assertAllPass(out, 1);
    }

    @Test
    void wait4_rusage_splitsUserAndSystemTime() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            c.fork(child -> {
                child.compute(700 * MS);
                // twenty page faults: system time
                Libc cc = new Libc(child);
                long mem = cc.mmap(0, 20 * 4096, 3, 0x22);
                for (int i = 0; i < 20; i++) {
                    child.sb(mem + i * 4096L, 1);
                }
                return 0;
            });
            long ru = c.push(144);
            c.cpu().ecall(SyscallTable.__NR_wait4, -1, 0, 0, ru);
            long utimeUs = cpu.ld(ru) * 1_000_000 + cpu.ld(ru + 8);
            long stimeUs = cpu.ld(ru + 16) * 1_000_000 + cpu.ld(ru + 24);
            Ltp.expr(c, "ru_utime is the child's 700 ms (" + utimeUs + " us)", utimeUs == 700_000);
            Ltp.expr(c, "ru_stime is its syscalls' and faults' time (" + stimeUs + " us)", stimeUs >= 8 && stimeUs < 1000);
            return 0;
        });
        Ltp.assertAllPass(out, 2);
    }

    @Test
    void times_badPointer_isEfault() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            Ltp.fail(c, "times(0x1)", c.times(1), Errno.EFAULT);
            Ltp.fail(c, "times(unmapped)", c.times(0x5000_0000L), Errno.EFAULT);
            return 0;
        });
        Ltp.assertAllPass(out, 2);
    }
}
