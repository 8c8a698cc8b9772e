package org.jstap.sim.kernel.time;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * kernel/time/time.c: gettimeofday(2), the kernel's timezone, and moving struct timespec between
 * user memory and nanoseconds for the clock syscalls. User structures are the 64-bit ones:
 * struct __kernel_timespec {tv_sec, tv_nsec} and struct __kernel_old_timeval {tv_sec, tv_usec},
 * two longs each.
 */
@LinuxFile("kernel/time/time.c")
public final class Time {
    public static final long NSEC_PER_SEC = 1_000_000_000L;
    /** KTIME_MAX and KTIME_SEC_MAX: where times in ns saturate. */
    public static final long KTIME_MAX = Long.MAX_VALUE;
    public static final long KTIME_SEC_MAX = KTIME_MAX / NSEC_PER_SEC;
    /** sizeof(struct __kernel_timespec), of struct __kernel_old_timeval, of struct timezone. */
    public static final int TIMESPEC_SIZE = 16;
    public static final int TIMEVAL_SIZE = 16;
    public static final int TIMEZONE_SIZE = 8;

    /** USER_HZ (include/asm-generic/param.h): the tick rate user space sees in clock_t values. */
    public static final int USER_HZ = 100;

    private final Kernel kernel;
    /** sys_tz: minutes west of Greenwich and the DST type, as settimeofday(2) would set them (none set: UTC). */
    private int tzMinuteswest;
    private int tzDsttime;

    public Time(Kernel kernel) {
        this.kernel = kernel;
    }

    /** A struct timespec as read from user memory (not yet checked). */
    public record Timespec64(long tv_sec, long tv_nsec) {
        /** timespec64_valid: no negative seconds, nanoseconds below a second. */
        public boolean valid() {
            return tv_sec >= 0 && Long.compareUnsigned(tv_nsec, NSEC_PER_SEC) < 0;
        }

        /** timespec64_to_ktime: ns, saturating at KTIME_MAX. */
        public long to_ns() {
            return tv_sec >= KTIME_SEC_MAX ? KTIME_MAX : tv_sec * NSEC_PER_SEC + tv_nsec;
        }
    }

    /** nsec_to_clock_t: ns as clock_t, in USER_HZ ticks. */
    public static long nsec_to_clock_t(long ns) {
        return Long.divideUnsigned(ns, NSEC_PER_SEC / USER_HZ);
    }

    /** jiffies_64_to_clock_t: kernel ticks (HZ) as USER_HZ ticks, through TICK_NSEC. */
    public static long jiffies_64_to_clock_t(long jiffies, int hz) {
        long tickNsec = (NSEC_PER_SEC + hz / 2) / hz;
        return jiffies * tickNsec / (NSEC_PER_SEC / USER_HZ);
    }

    /** get_timespec64: the struct at {@code uaddr}, or null if it cannot be read (EFAULT). */
    public Timespec64 get_timespec64(long uaddr) {
        byte[] raw = new byte[TIMESPEC_SIZE];
        if (kernel.uaccess().copy_from_user(raw, 0, uaddr, TIMESPEC_SIZE) != 0) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        return new Timespec64(b.getLong(0), b.getLong(8));
    }

    /** put_timespec64: {@code ns} as a struct timespec at {@code uaddr}; 0 or -EFAULT. */
    public int put_timespec64(long ns, long uaddr) {
        return putPair(ns / NSEC_PER_SEC, ns % NSEC_PER_SEC, uaddr);
    }

    private int putPair(long first, long second, long uaddr) {
        byte[] raw = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(first).putLong(second).array();
        return kernel.uaccess().copy_to_user(uaddr, raw, 0, 16) != 0 ? -Errno.EFAULT : 0;
    }

    /** gettimeofday(2): CLOCK_REALTIME in microseconds, and sys_tz; either pointer may be NULL. */
    public long __do_sys_gettimeofday(long tv, long tz) {
        if (tv != 0) {
            long ns = kernel.timekeeping().ktime_get_real_ns();
            if (putPair(ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / 1000, tv) != 0) {
                return -Errno.EFAULT;
            }
        }
        if (tz != 0) {
            byte[] raw = ByteBuffer.allocate(TIMEZONE_SIZE).order(ByteOrder.LITTLE_ENDIAN).putInt(tzMinuteswest)
                    .putInt(tzDsttime).array();
            if (kernel.uaccess().copy_to_user(tz, raw, 0, TIMEZONE_SIZE) != 0) {
                return -Errno.EFAULT;
            }
        }
        return 0;
    }
}
