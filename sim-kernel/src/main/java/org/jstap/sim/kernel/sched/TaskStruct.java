package org.jstap.sim.kernel.sched;

/**
 * struct task_struct: a schedulable task. Fields are guarded by the runqueue of {@link #cpu}
 * (here: by holding the machine's single baton).
 */
public final class TaskStruct {
    /** Task states, as TASK_RUNNING etc. */
    public enum State { RUNNING, INTERRUPTIBLE, DEAD }

    final int pid;
    final String comm;
    final Runnable fn;
    State state = State.RUNNING;
    int cpu;
    /** CFS virtual runtime and real run time, in ns. */
    long vruntime;
    long sumExecRuntime;
    /** When it last resumed on its CPU, for run-time accounting. */
    long execStart;
    /** When it was last switched in: its slice is measured from here. */
    long sliceStart;
    /** Voluntary and involuntary context switches (nvcsw, nivcsw). */
    long nvcsw;
    long nivcsw;
    boolean onRq;
    Coroutine coroutine;

    TaskStruct(int pid, String comm, Runnable fn, int cpu) {
        this.pid = pid;
        this.comm = comm;
        this.fn = fn;
        this.cpu = cpu;
    }

    public int pid() {
        return pid;
    }

    public String comm() {
        return comm;
    }

    public State state() {
        return state;
    }

    public int cpu() {
        return cpu;
    }

    public long sumExecRuntime() {
        return sumExecRuntime;
    }

    public long nvcsw() {
        return nvcsw;
    }

    public long nivcsw() {
        return nivcsw;
    }

    @Override
    public String toString() {
        return comm + "[" + pid + "]";
    }
}
