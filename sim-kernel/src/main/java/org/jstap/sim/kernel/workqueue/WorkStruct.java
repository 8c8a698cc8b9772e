package org.jstap.sim.kernel.workqueue;

/** struct work_struct: a function to run later in a kworker thread (process context, may sleep). */
public class WorkStruct {
    final String name;
    final Runnable func;
    /** WORK_STRUCT_PENDING: queued and not yet started. */
    boolean pending;
    /** Being run by a worker now. */
    boolean running;
    long runs;

    /** INIT_WORK: {@code name} is what traces show for {@code func}. */
    public WorkStruct(String name, Runnable func) {
        this.name = name;
        this.func = func;
    }

    public String name() {
        return name;
    }

    public boolean pending() {
        return pending;
    }

    /** How many times the work has run. */
    public long runs() {
        return runs;
    }
}
