package org.jstap.sim.kernel.time;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.jstap.sim.hw.Hardware;

/**
 * kernel/time/hrtimer.c: high-resolution timers, one queue per CPU. The CPU's clock event device
 * is always programmed to the earliest expiry; its interrupt runs {@link #hrtimer_interrupt}. The
 * periodic tick is itself an hrtimer, as in a tickless Linux kernel.
 */
@org.jstap.sim.kernel.LinuxFile("kernel/time/hrtimer.c")
public final class Hrtimers {
    private static final Comparator<Hrtimer> ORDER = Comparator.<Hrtimer>comparingLong(t -> t.expiresNs)
            .thenComparingLong(t -> t.sequence);

    private final Hardware hw;
    /** Where trace events go; set once the kernel is built (hrtimers exist before it). */
    private org.jstap.sim.kernel.trace.TraceEvents trace;
    /** Per-CPU hrtimer_cpu_base; guarded by the running thread. */
    private final List<PriorityQueue<Hrtimer>> bases = new ArrayList<>();
    private long nextSequence;

    public Hrtimers(Hardware hw) {
        this.hw = hw;
        for (int cpu = 0; cpu < hw.cpus(); cpu++) {
            bases.add(new PriorityQueue<>(ORDER));
        }
    }

    public void set_trace(org.jstap.sim.kernel.trace.TraceEvents events) {
        this.trace = events;
    }

    /** Arms {@code timer} to expire at absolute time {@code expires} (ns, CLOCK_MONOTONIC) on {@code cpu}. */
    public void hrtimer_start(Hrtimer timer, long expires, int cpu) {
        hrtimer_cancel(timer);
        timer.expiresNs = expires;
        timer.cpu = cpu;
        timer.sequence = nextSequence++;
        timer.queued = true;
        bases.get(cpu).add(timer);
        reprogram(cpu);
    }

    /** Removes a pending timer; true if it was pending. */
    public boolean hrtimer_cancel(Hrtimer timer) {
        if (!timer.queued) {
            return false;
        }
        bases.get(timer.cpu).remove(timer);
        timer.queued = false;
        reprogram(timer.cpu);
        return true;
    }

    /** The clock event interrupt of {@code cpu}: run every expired timer, then program the next. */
    public void hrtimer_interrupt(int cpu) {
        PriorityQueue<Hrtimer> base = bases.get(cpu);
        long now = hw.now();
        while (!base.isEmpty() && base.peek().expiresNs <= now) {
            Hrtimer t = base.poll();
            t.queued = false;
            if (trace != null) {
                trace.hrtimer_expire_entry(now, t.expiresNs);
            }
            if (t.function.expired(t) && !t.queued) {
                t.sequence = nextSequence++;
                t.queued = true;
                base.add(t);
            }
        }
        reprogram(cpu);
    }

    private void reprogram(int cpu) {
        PriorityQueue<Hrtimer> base = bases.get(cpu);
        if (!base.isEmpty()) {
            hw.timer(cpu).write_compare(base.peek().expiresNs);
        }
    }
}
