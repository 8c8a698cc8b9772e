package org.jstap.sim.kernel.sched;

/**
 * Thrown by do_task_dead to leave a task's code for good: it unwinds the task's host stack to
 * its coroutine, which then ends. Only the scheduler catches it.
 */
public final class TaskExit extends Error {
    TaskExit() {
        super(null, null, false, false);
    }
}
