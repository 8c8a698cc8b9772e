package org.jstap.sim.kernel.workqueue;

import org.jstap.sim.kernel.time.TimerList;

/** struct delayed_work: a work item queued when its timer expires. */
public final class DelayedWork extends WorkStruct {
    TimerList timer;
    WorkqueueStruct wq;
    int cpu;

    /** INIT_DELAYED_WORK. */
    public DelayedWork(String name, Runnable func) {
        super(name, func);
    }
}
