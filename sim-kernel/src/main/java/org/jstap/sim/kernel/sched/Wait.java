package org.jstap.sim.kernel.sched;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;

/**
 * kernel/sched/wait.c: sleeping until a condition holds. A waiter queues itself, sets its
 * state, checks the condition and calls schedule(); {@code wake_up} makes the queued tasks
 * runnable to check again. An interruptible sleep ends early when a signal is pending.
 */
@LinuxFile("kernel/sched/wait.c")
public final class Wait {
    /** -ERESTARTSYS: the sleep was interrupted; the syscall restarts or fails with EINTR. */
    public static final int ERESTARTSYS = 512;

    private final Kernel kernel;

    public Wait(Kernel kernel) {
        this.kernel = kernel;
    }

    /** prepare_to_wait: queue the current task and set its state, before checking the condition. */
    public void prepare_to_wait(WaitQueueHead wq, TaskStruct.State state) {
        TaskStruct p = kernel.sched().current();
        if (!wq.head.contains(p)) {
            wq.head.add(p);
        }
        p.state = state;
    }

    /** finish_wait: running again, off the queue. */
    public void finish_wait(WaitQueueHead wq) {
        TaskStruct p = kernel.sched().current();
        p.state = TaskStruct.State.RUNNING;
        wq.head.remove(p);
    }

    /**
     * wait_event_interruptible: sleeps until {@code condition} holds (0) or a signal is pending
     * (-ERESTARTSYS).
     */
    public int wait_event_interruptible(WaitQueueHead wq, BooleanSupplier condition) {
        TaskStruct p = kernel.sched().current();
        try {
            while (true) {
                prepare_to_wait(wq, TaskStruct.State.INTERRUPTIBLE);
                if (condition.getAsBoolean()) {
                    return 0;
                }
                if (kernel.signal().signal_pending(p)) {
                    return -ERESTARTSYS;
                }
                kernel.sched().schedule();
            }
        } finally {
            finish_wait(wq);
        }
    }

    /** wait_event: as above, but only the condition ends the sleep. */
    public void wait_event(WaitQueueHead wq, BooleanSupplier condition) {
        try {
            while (true) {
                prepare_to_wait(wq, TaskStruct.State.UNINTERRUPTIBLE);
                if (condition.getAsBoolean()) {
                    return;
                }
                kernel.sched().schedule();
            }
        } finally {
            finish_wait(wq);
        }
    }

    /** __wake_up: every task sleeping on the queue becomes runnable. */
    public void wake_up(WaitQueueHead wq) {
        for (TaskStruct p : List.copyOf(wq.head)) {
            kernel.sched().wake_up_process(p);
        }
    }
}
