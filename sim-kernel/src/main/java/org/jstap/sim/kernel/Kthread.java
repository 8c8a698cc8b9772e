package org.jstap.sim.kernel;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * kernel/kthread.c: kernel threads. {@code kthreadd} (pid 2) is the parent of every kernel thread;
 * {@code kthread_create_on_cpu} makes one bound to a CPU and leaves it asleep until
 * {@code wake_up_process}. (Linux queues the request for kthreadd to fork; here the thread is
 * made directly and given to kthreadd as its child, which is what ps and scripts see.)
 */
@LinuxFile("kernel/kthread.c")
public final class Kthread {
    private final Kernel kernel;
    private TaskStruct kthreadd;

    public Kthread(Kernel kernel) {
        this.kernel = kernel;
    }

    /** rest_init's kthreadd_task: set as soon as the task exists, before it first runs. */
    public void set_kthreadd_task(TaskStruct t) {
        kthreadd = t;
    }

    /**
     * kthreadd: the parent of kernel threads; it has nothing to do but exist. It ignores every
     * signal (ignore_signals), SIGCHLD included, so its children are reaped as they exit.
     */
    public void kthreadd() {
        kthreadd = kernel.sched().current();
        var sighand = kthreadd.sighand;
        if (sighand != null) {
            for (int sig = 1; sig <= org.jstap.sim.kernel.signal.Signals.NSIG; sig++) {
                sighand.action[sig] = new org.jstap.sim.kernel.signal.SigAction(
                        org.jstap.sim.kernel.signal.Signals.SIG_IGN, 0, 0, 0);
            }
        }
        while (true) {
            kernel.sched().current().set_current_state(TaskStruct.State.INTERRUPTIBLE);
            kernel.sched().schedule();
        }
    }

    /** The kthreadd task, once it has started. */
    public TaskStruct kthreadd_task() {
        return kthreadd;
    }

    /**
     * kthread_create_on_cpu: a kernel thread named {@code name} that will run {@code fn} on
     * {@code cpu}; asleep until woken. Null when no task could be made.
     */
    public TaskStruct kthread_create_on_cpu(Runnable fn, int cpu, String name) {
        TaskStruct current = kernel.sched().current();
        TaskStruct p = kernel.fork().copy_process(current, new Fork.CloneArgs(Fork.CLONE_VM | Fork.CLONE_FS
                | Fork.CLONE_FILES, org.jstap.sim.kernel.signal.Signals.SIGCHLD, 0, 0, 0, 0, fn, name));
        if (p == null) {
            return null;
        }
        if (kthreadd != null && p.real_parent != kthreadd) {
            if (p.real_parent != null) {
                p.real_parent.children.remove(p);
            }
            p.real_parent = kthreadd;
            p.parent = kthreadd;
            kthreadd.children.add(p);
        }
        kernel.sched().kthread_bind(p, cpu);
        kernel.trace().sched_process_fork(kthreadd, p);
        return p;
    }

    /** kthread_run: created and started. */
    public TaskStruct kthread_run(Runnable fn, int cpu, String name) {
        TaskStruct p = kthread_create_on_cpu(fn, cpu, name);
        if (p != null) {
            kernel.sched().wake_up_process(p);
        }
        return p;
    }
}
