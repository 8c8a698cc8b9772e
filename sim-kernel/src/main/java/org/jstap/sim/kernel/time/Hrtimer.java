package org.jstap.sim.kernel.time;

/**
 * struct hrtimer: a callback at an absolute CLOCK_MONOTONIC time. The callback's return says
 * whether to re-arm ({@link #forward} first moves the expiry), as HRTIMER_RESTART does.
 */
public final class Hrtimer {
    /** The timer function; true for HRTIMER_RESTART (after calling {@link #forward}). */
    @FunctionalInterface
    public interface Function {
        boolean expired(Hrtimer timer);
    }

    final Function function;
    /** Expiry in ns; guarded by the hrtimer base of its CPU. */
    long expiresNs;
    int cpu;
    long sequence;
    boolean queued;

    public Hrtimer(Function function) {
        this.function = function;
    }

    public long expires() {
        return expiresNs;
    }

    /** hrtimer_forward: move the expiry on by {@code intervalNs}. */
    public void forward(long intervalNs) {
        expiresNs += intervalNs;
    }

    public boolean active() {
        return queued;
    }
}
