package org.jstap.sim.kernel.time;

/** struct timer_list: a callback when jiffies reaches {@code expires}. */
public final class TimerList {
    final Runnable function;
    long expires;
    long sequence;
    boolean pending;

    public TimerList(Runnable function) {
        this.function = function;
    }

    public long expires() {
        return expires;
    }

    public boolean pending() {
        return pending;
    }
}
