package org.jstap.sim.kernel.time;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * kernel/time/timer.c: the jiffies-based timer wheel ({@code add_timer}, {@code mod_timer},
 * {@code del_timer}), expired by the TIMER softirq after each tick. One queue stands in for the
 * wheel's levels; expiry order is by jiffies, then by when the timer was added.
 */
@org.jstap.sim.kernel.LinuxFile("kernel/time/timer.c")
public final class Timers {
    private final Timekeeping timekeeping;
    /** Pending timers; guarded by the running thread (the base lock in Linux). */
    private final PriorityQueue<TimerList> pending = new PriorityQueue<>(
            Comparator.<TimerList>comparingLong(t -> t.expires).thenComparingLong(t -> t.sequence));
    private long nextSequence;

    public Timers(Timekeeping timekeeping) {
        this.timekeeping = timekeeping;
    }

    public void mod_timer(TimerList timer, long expires) {
        del_timer(timer);
        timer.expires = expires;
        timer.sequence = nextSequence++;
        timer.pending = true;
        pending.add(timer);
    }

    public void add_timer(TimerList timer) {
        mod_timer(timer, timer.expires);
    }

    public boolean del_timer(TimerList timer) {
        if (!timer.pending) {
            return false;
        }
        pending.remove(timer);
        timer.pending = false;
        return true;
    }

    /** run_timer_softirq: call every timer whose time has come. */
    public void run_timer_softirq() {
        long now = timekeeping.jiffies();
        while (!pending.isEmpty() && pending.peek().expires <= now) {
            TimerList t = pending.poll();
            t.pending = false;
            t.function.run();
        }
    }
}
