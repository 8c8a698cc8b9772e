package org.jstap.sim.kernel;

/**
 * struct tasklet_struct: a function a driver defers from its interrupt handler to the TASKLET
 * (or HI) softirq. Scheduled at most once at a time; never runs on two CPUs at once.
 */
public final class TaskletStruct {
    final Runnable func;
    final String name;
    /** TASKLET_STATE_SCHED: queued to run. */
    boolean scheduled;
    /** TASKLET_STATE_RUN: running now. */
    boolean running;
    /** tasklet_disable nesting: a disabled tasklet stays queued but is not run. */
    int disabled;
    long runs;

    /** tasklet_init / DECLARE_TASKLET: {@code name} is what traces show for {@code func}. */
    public TaskletStruct(String name, Runnable func) {
        this.name = name;
        this.func = func;
    }

    public String name() {
        return name;
    }

    /** How many times the tasklet has run. */
    public long runs() {
        return runs;
    }

    public boolean scheduled() {
        return scheduled;
    }
}
