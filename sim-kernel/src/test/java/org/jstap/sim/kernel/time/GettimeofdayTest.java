package org.jstap.sim.kernel.time;

import static org.jstap.sim.UserPrograms.SECOND;

import org.jstap.sim.Ltp;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** gettimeofday(2), as LTP's gettimeofday01-02 check it. */
class GettimeofdayTest {

    @Test
    void gettimeofday_tv_isTheRealTimeInMicroseconds() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long tv = c.push(16);
            long before = c.clock_gettime_ns(PosixTimers.CLOCK_REALTIME);
            Ltp.pass(c, "gettimeofday(&tv, NULL)", c.gettimeofday(tv, 0));
            long after = c.clock_gettime_ns(PosixTimers.CLOCK_REALTIME);
            long us = cpu.ld(tv) * 1_000_000 + cpu.ld(tv + 8);
            Ltp.expr(c, "tv_usec below a second (" + cpu.ld(tv + 8) + ")", cpu.ld(tv + 8) >= 0 && cpu.ld(tv + 8) < 1_000_000);
            Ltp.expr(c, "tv between two CLOCK_REALTIME readings", before / 1000 <= us && us <= after / 1000);
            c.nanosleep(2 * SECOND);
            c.gettimeofday(tv, 0);
            long later = cpu.ld(tv) * 1_000_000 + cpu.ld(tv + 8);
            Ltp.expr(c, "2 s later, 2e6 us more (" + (later - us) + ")", later - us >= 2_000_000 && later - us < 2_001_000);
            return 0;
        });
        Ltp.assertAllPass(out, 4);
    }

    @Test
    void gettimeofday_tz_isUtcAndEitherPointerMayBeNull() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long tz = c.push(8);
            cpu.sd(tz, -1);
            Ltp.pass(c, "gettimeofday(NULL, &tz)", c.gettimeofday(0, tz));
            Ltp.eq(c, "tz_minuteswest and tz_dsttime", cpu.ld(tz), 0);
            Ltp.pass(c, "gettimeofday(NULL, NULL)", c.gettimeofday(0, 0));
            return 0;
        });
        Ltp.assertAllPass(out, 3);
    }

    @Test
    void gettimeofday_badPointer_isEfault() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long ok = c.push(16);
            Ltp.fail(c, "gettimeofday(0x1, NULL)", c.gettimeofday(1, 0), Errno.EFAULT);
            Ltp.fail(c, "gettimeofday(unmapped, NULL)", c.gettimeofday(0x5000_0000L, 0), Errno.EFAULT);
            Ltp.fail(c, "gettimeofday(&tv, 0x1)", c.gettimeofday(ok, 1), Errno.EFAULT);
            return 0;
        });
        Ltp.assertAllPass(out, 3);
    }
}
