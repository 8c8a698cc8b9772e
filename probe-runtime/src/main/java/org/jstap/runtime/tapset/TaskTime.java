package org.jstap.runtime.tapset;

import org.jstap.runtime.Context;
import org.jstap.sim.kernel.sched.Cputime;

/**
 * stap's task_time tapset: the user and system CPU time of the current task. The kernel accounts
 * exactly (as with CONFIG_VIRT_CPU_ACCOUNTING_GEN), so a cputime here is a count of nanoseconds
 * and the system time grows inside a syscall while it runs; {@code cputime_to_*} convert it.
 *
 * <pre>probe syscall.getpid { t = task_stime() } probe syscall.getpid.return { println(task_stime() - t) }</pre>
 */
public final class TaskTime {
    private TaskTime() {}

    /** task_utime(): the current thread's user time, in cputime units (ns). */
    @Function
    public static long task_utime(Context c) {
        return Cputime.task_cputime(c.kernel(), c.current()).utime();
    }

    /** task_stime(): the current thread's system time, including the slice it is running now. */
    @Function
    public static long task_stime(Context c) {
        return Cputime.task_cputime(c.kernel(), c.current()).stime();
    }

    @Function(pure = true)
    public static long cputime_to_msecs(long cputime) {
        return cputime / 1_000_000;
    }

    @Function(pure = true)
    public static long cputime_to_usecs(long cputime) {
        return cputime / 1_000;
    }

    /** msecs_to_string(ms): {@code "1m2.345s"}, as stap prints times. */
    @Function(pure = true)
    public static String msecs_to_string(long msecs) {
        long m = msecs / 60_000;
        long rest = msecs % 60_000;
        return String.format("%dm%d.%03ds", m, rest / 1000, rest % 1000);
    }

    @Function(pure = true)
    public static String cputime_to_string(long cputime) {
        return msecs_to_string(cputime_to_msecs(cputime));
    }

    /** task_time_string(): {@code "usr: 0m0.001s, sys: 0m0.000s"} for the current thread. */
    @Function
    public static String task_time_string(Context c) {
        return "usr: " + cputime_to_string(task_utime(c)) + ", sys: " + cputime_to_string(task_stime(c));
    }
}
