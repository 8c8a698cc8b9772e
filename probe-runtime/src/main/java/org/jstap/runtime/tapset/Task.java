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
        return c.current();
    }

    @Function
    public static long cpu(Context c) {
        return c.kernel().smp_processor_id();
    }

    @Function
    public static String execname(Context c) {
        return current(c).comm();
    }

    /** target(): the pid of the -c command (stap -x PID's too), 0 without one. */
    @Function
    public static long target(Context c) {
        return c.session().target();
    }

    /** module_name() (context.stp): the name of the script's module, as /proc/modules lists it. */
    @Function
    public static String module_name(Context c) {
        return c.session().moduleName();
    }

    /** ppid(): the parent process's id (0 for the idle task and pid 1). */
    @Function
    public static long ppid(Context c) {
        return current(c).ppid();
    }

    @Function
    public static long uid(Context c) {
        var cred = current(c).cred;
        return cred == null ? 0 : cred.uid();
    }

    @Function
    public static long euid(Context c) {
        var cred = current(c).cred;
        return cred == null ? 0 : cred.euid();
    }

    @Function
    public static long gid(Context c) {
        var cred = current(c).cred;
        return cred == null ? 0 : cred.gid();
    }

    @Function
    public static long egid(Context c) {
        var cred = current(c).cred;
        return cred == null ? 0 : cred.egid();
    }

    @Function
    public static long pid(Context c) {
        return current(c).pid();
    }

    /**
     * thread_indent(delta): {@code "%6d %s(%d):%s"} with the microseconds since this thread's first
     * indent, its name and tid, and two spaces per call level; a positive delta indents before,
     * a negative one after, as stap's call-graph scripts expect.
     */
    @Function
    public static String thread_indent(Context c, long delta) {
        TaskStruct t = current(c);
        long now = c.kernel().timekeeping().ktime_get_real_ns() / 1_000;
        long[] state = c.session().indent(t.pid(), now);
        long level = state[1] + Math.max(delta, 0);
        state[1] += delta;
        long width = Math.max(level - 1, 0);
        return c.clip(String.format("%6d %s(%d):%s", now - state[0], t.comm(), t.pid(), " ".repeat((int) width)));
    }

    /** Kernel threads are their own thread group: tid equals pid. */
    @Function
    public static long tid(Context c) {
        return current(c).pid();
    }
}
