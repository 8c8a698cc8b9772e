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
    /** CLOCK_MONOTONIC at the last tick (tk->xtime after update_wall_time): what the coarse clocks read. */
    private long coarseNs;
    /** tk->tai_offset: CLOCK_TAI minus CLOCK_REALTIME, 0 until adjtimex(ADJ_TAI) sets the leap seconds. */
    private long taiOffsetNs;

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

    /**
     * do_timer: {@code ticks} more jiffies. The coarse clocks move on here too, as update_wall_time
     * moves them from the same tick in Linux.
     */
    public void do_timer(long ticks) {
        jiffies += ticks;
        coarseNs = hw.now();
    }

    /** ktime_get_coarse_ns: CLOCK_MONOTONIC_COARSE, the monotonic time of the last tick. */
    public long ktime_get_coarse_ns() {
        return coarseNs;
    }

    /** ktime_get_coarse_real_ns: CLOCK_REALTIME_COARSE. */
    public long ktime_get_coarse_real_ns() {
        return wallOffsetNs + coarseNs;
    }

    /** ktime_get_boottime_ns: CLOCK_BOOTTIME, monotonic time plus time suspended; the machine never suspends. */
    public long ktime_get_boottime_ns() {
        return ktime_get_ns();
    }

    /** ktime_get_raw_ns: CLOCK_MONOTONIC_RAW, free of NTP's frequency corrections; nothing corrects this clock. */
    public long ktime_get_raw_ns() {
        return ktime_get_ns();
    }

    /** ktime_get_clocktai_ns: CLOCK_TAI, the real time plus the TAI offset. */
    public long ktime_get_clocktai_ns() {
        return ktime_get_real_ns() + taiOffsetNs;
    }

    public long jiffies() {
        return jiffies;
    }
}
