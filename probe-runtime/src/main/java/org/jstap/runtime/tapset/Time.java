package org.jstap.runtime.tapset;

import org.jstap.runtime.Context;

/** Time context functions; all read the simulated machine's virtual clocks. */
public final class Time {
    private Time() {}

    @Function
    public static long gettimeofday_ns(Context c) {
        return c.kernel().timekeeping().ktime_get_real_ns();
    }

    @Function
    public static long gettimeofday_us(Context c) {
        return gettimeofday_ns(c) / 1_000;
    }

    @Function
    public static long gettimeofday_ms(Context c) {
        return gettimeofday_ns(c) / 1_000_000;
    }

    @Function
    public static long gettimeofday_s(Context c) {
        return gettimeofday_ns(c) / 1_000_000_000;
    }

    /** Nanoseconds since boot (CLOCK_MONOTONIC). */
    @Function
    public static long local_clock_ns(Context c) {
        return c.kernel().timekeeping().ktime_get_ns();
    }

    @Function
    public static long local_clock_us(Context c) {
        return local_clock_ns(c) / 1_000;
    }

    @Function
    public static long local_clock_ms(Context c) {
        return local_clock_ns(c) / 1_000_000;
    }

    @Function
    public static long jiffies(Context c) {
        return c.kernel().timekeeping().jiffies();
    }

    @Function(value = "HZ", pure = true)
    public static long hz(Context c) {
        return c.kernel().params().hz();
    }
}
