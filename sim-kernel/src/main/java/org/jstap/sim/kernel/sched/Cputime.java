package org.jstap.sim.kernel.sched;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.signal.SignalStruct;

/**
 * kernel/sched/cputime.c: how a task's run time splits into user and system time. Accounting is
 * exact, as with CONFIG_VIRT_CPU_ACCOUNTING_GEN: user mode reports the time it computed
 * ({@link #account_user_time}), and everything else the task ran (syscalls, faults) is system
 * time, so utime + stime is always the scheduler's sum_exec_runtime. times(2), the CPU-time
 * clocks and wait4's rusage read these.
 */
@LinuxFile("kernel/sched/cputime.c")
public final class Cputime {
    /** struct task_cputime: user, system and total run time, in ns. */
    public record TaskCputime(long utime, long stime, long sum_exec_runtime) {}

    private Cputime() {}

    /** account_user_time: {@code ns} the task just spent in user mode. */
    public static void account_user_time(TaskStruct p, long ns) {
        p.utime += ns;
    }

    /**
     * task_sched_runtime (kernel/sched/core.c): the task's run time, including the slice it is
     * running now, which the scheduler adds to sum_exec_runtime only when the slice ends.
     */
    public static long task_sched_runtime(Kernel kernel, TaskStruct p) {
        long ns = p.sumExecRuntime;
        if (kernel.sched().current() == p) {
            ns += kernel.hardware().now() - p.execStart;
        }
        return ns;
    }

    /** task_cputime: one thread's times. */
    public static TaskCputime task_cputime(Kernel kernel, TaskStruct t) {
        long runtime = task_sched_runtime(kernel, t);
        return new TaskCputime(t.utime, runtime - t.utime, runtime);
    }

    /** thread_group_cputime: the process's times: its live threads' and the exited ones' kept in signal_struct. */
    public static TaskCputime thread_group_cputime(Kernel kernel, TaskStruct tsk) {
        SignalStruct sig = tsk.signal;
        long utime = sig.utime;
        long stime = sig.stime;
        long runtime = sig.sum_sched_runtime;
        for (TaskStruct t : sig.thread_head) {
            TaskCputime c = task_cputime(kernel, t);
            utime += c.utime();
            stime += c.stime();
            runtime += c.sum_exec_runtime();
        }
        return new TaskCputime(utime, stime, runtime);
    }

    /** __exit_signal's accounting: a thread leaving its group leaves its times to the process. */
    public static void accountExitedThread(Kernel kernel, TaskStruct t) {
        TaskCputime c = task_cputime(kernel, t);
        t.signal.utime += c.utime();
        t.signal.stime += c.stime();
        t.signal.sum_sched_runtime += c.sum_exec_runtime();
    }

    /** wait_task_zombie's accounting: the parent's cutime/cstime gain the reaped process's times and its children's. */
    public static void accountReapedChild(Kernel kernel, TaskStruct parent, TaskStruct child) {
        TaskCputime c = thread_group_cputime(kernel, child);
        parent.signal.cutime += c.utime() + child.signal.cutime;
        parent.signal.cstime += c.stime() + child.signal.cstime;
    }
}
