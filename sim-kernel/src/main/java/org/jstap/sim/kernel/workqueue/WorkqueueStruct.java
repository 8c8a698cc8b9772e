package org.jstap.sim.kernel.workqueue;

/** struct workqueue_struct: a named queue; its work runs in the per-CPU worker pools. */
public final class WorkqueueStruct {
    final String name;

    WorkqueueStruct(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }
}
