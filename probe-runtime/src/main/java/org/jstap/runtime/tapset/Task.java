package org.jstap.runtime.tapset;

import org.jstap.runtime.Context;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * Context functions about where a probe fired: the CPU and the current task. In interrupt
 * context the current task is the one the CPU was running, or its idle task (swapper/N, pid 0),
 * as on Linux.
 */
public final class Task {
    private Task() {}

    private static TaskStruct current(Context c) {
        return c.kernel().sched().current_task(c.kernel().smp_processor_id());
    }

    @Function
    public static long cpu(Context c) {
        return c.kernel().smp_processor_id();
    }

    @Function
    public static String execname(Context c) {
        return current(c).comm();
    }

    @Function
    public static long pid(Context c) {
        return current(c).pid();
    }

    /** Kernel threads are their own thread group: tid equals pid. */
    @Function
    public static long tid(Context c) {
        return current(c).pid();
    }
}
