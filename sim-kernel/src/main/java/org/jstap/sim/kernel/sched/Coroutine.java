package org.jstap.sim.kernel.sched;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The context switch of the simulated machine: each task runs on its own virtual thread, and a
 * baton passes between the machine loop and the task, so exactly one of them runs at a time.
 * Hand-offs wait with a timeout: a task that never gives the baton back is a kernel bug reported
 * as such, not a hung machine.
 */
final class Coroutine {
    /** How long the machine waits for a task to yield, in host time. */
    private static final long HANDOFF_TIMEOUT_SECONDS = 30;

    private final Semaphore toTask = new Semaphore(0);
    private final Semaphore toMachine = new Semaphore(0);
    private final Thread thread;
    private volatile boolean finished;
    /** Set when the machine powers off: the task unwinds at its next hand-off instead of running on. */
    private volatile boolean killed;
    private volatile Throwable failure;

    Coroutine(String name, Runnable body) {
        this.thread = Thread.ofVirtual().name(name).unstarted(() -> {
            toTask.acquireUninterruptibly();
            try {
                if (killed) {
                    throw new TaskExit();
                }
                body.run();
            } catch (TaskExit done) {
                // do_task_dead: the normal end of a task
            } catch (Throwable t) {
                failure = t;
            } finally {
                finished = true;
                toMachine.release();
            }
        });
        thread.start();
    }

    /** Machine side: let the task run until it yields or ends. */
    void resume() {
        toTask.release();
        try {
            if (!toMachine.tryAcquire(HANDOFF_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("task " + thread.getName() + " did not yield within "
                        + HANDOFF_TIMEOUT_SECONDS + " s of host time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while task " + thread.getName() + " ran", e);
        }
    }

    /** Task side: give the CPU back to the machine until resumed. */
    void yieldToMachine() {
        if (killed) {
            throw new TaskExit();
        }
        toMachine.release();
        toTask.acquireUninterruptibly();
        if (killed) {
            throw new TaskExit();
        }
    }

    /**
     * Machine side, at power-off: the task's host thread unwinds (its stack sees TaskExit at the
     * point it last yielded) and ends, so a machine that is switched off holds no threads.
     */
    void kill() {
        if (finished) {
            return;
        }
        killed = true;
        resume();
    }

    boolean finished() {
        return finished;
    }

    /** The exception that ended the task's body, if any (an oops). */
    Throwable failure() {
        return failure;
    }
}
