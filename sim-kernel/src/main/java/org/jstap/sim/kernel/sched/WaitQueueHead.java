package org.jstap.sim.kernel.sched;

import java.util.ArrayList;
import java.util.List;

/** wait_queue_head_t: the tasks sleeping until something happens, in the order they went to sleep. */
public final class WaitQueueHead {
    final List<TaskStruct> head = new ArrayList<>();

    public boolean waitqueue_active() {
        return !head.isEmpty();
    }
}
