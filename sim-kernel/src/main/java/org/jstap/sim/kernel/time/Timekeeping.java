package org.jstap.sim.kernel.time;

import org.jstap.sim.hw.Hardware;

/**
 * kernel/time/timekeeping.c: the clocks the kernel and scripts read, and jiffies. Time is virtual:
 * it moves only when the machine does work (charged by the cost model) or idles to its next
 * event, so every run of the same workload sees the same times.
 */
@org.jstap.sim.kernel.LinuxFile("kernel/time/timekeeping.c")
public final class Timekeeping {
    private final Hardware hw;
    /** CLOCK_REALTIME minus CLOCK_MONOTONIC: 0 (1970) until the RTC sets the clock at boot. */
    private long wallOffsetNs;
    /** jiffies_64: timer ticks since boot; only the tick of CPU 0 advances it (do_timer). */
    private long jiffies;

    public Timekeeping(Hardware hw) {
        this.hw = hw;
    }

    /** CLOCK_MONOTONIC in ns since boot. */
    public long ktime_get_ns() {
        return hw.now();
    }

    /** CLOCK_REALTIME in ns since the epoch. */
    public long ktime_get_real_ns() {
        return wallOffsetNs + hw.now();
    }

    /** do_settimeofday64: CLOCK_REALTIME becomes {@code ns} since the epoch from now on. */
    public void do_settimeofday64(long ns) {
        wallOffsetNs = ns - hw.now();
    }

    /** Charges {@code ns} of virtual time for work just done. */
    public void advance(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("time runs forward: " + ns);
        }
        hw.advance(ns);
    }

    /** do_timer: {@code ticks} more jiffies. */
    public void do_timer(long ticks) {
        jiffies += ticks;
    }

    public long jiffies() {
        return jiffies;
    }
}
