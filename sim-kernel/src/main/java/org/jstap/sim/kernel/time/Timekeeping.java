package org.jstap.sim.kernel.time;

/**
 * kernel/time/timekeeping.c: the virtual clock. Time only moves when the machine does work,
 * charged by the cost model, so every run of the same workload sees the same times.
 */
public final class Timekeeping {
    /** Nanoseconds since boot (CLOCK_MONOTONIC). Only the running CPU advances it. */
    private long monotonicNs;

    /** Wall time at boot: 2026-01-01T00:00:00Z, fixed so output never depends on the host clock. */
    public static final long BOOT_WALL_CLOCK_NS = 1_767_225_600L * 1_000_000_000L;

    public long ktime_get_ns() {
        return monotonicNs;
    }

    public long ktime_get_real_ns() {
        return BOOT_WALL_CLOCK_NS + monotonicNs;
    }

    /** Charges {@code ns} of virtual time for work just done. */
    public void advance(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("time runs forward: " + ns);
        }
        monotonicNs += ns;
    }
}
