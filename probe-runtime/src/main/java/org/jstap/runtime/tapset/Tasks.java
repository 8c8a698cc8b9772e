package org.jstap.runtime.tapset;

import org.jstap.runtime.Context;
import org.jstap.runtime.StapError;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * stap's task tapset (task.stp): functions on a task pointer, which is the kernel address of its
 * task_struct ({@code kaddr()}, a slab slot), as {@code task_current()} returns it. A pointer
 * that names no task faults as a read of a bad kernel address would:
 * {@code ERROR: kernel read fault at 0x0000000000000010 near identifier 'task_pid' at t.stp:1:23}.
 *
 * <pre>probe begin { t = task_current(); printf("%s %d\n", task_execname(t), task_pid(t)) }</pre>
 */
public final class Tasks {
    private Tasks() {}

    /** __state values as include/linux/sched.h numbers them. */
    private static final long TASK_RUNNING = 0;
    private static final long TASK_INTERRUPTIBLE = 1;
    private static final long TASK_UNINTERRUPTIBLE = 2;
    private static final long TASK_STOPPED = 4;
    private static final long TASK_DEAD = 0x80;

    private static TaskStruct task(Context c, long task, String near) {
        TaskStruct t = c.kernel().pid().find_task_by_kaddr(task);
        if (t == null) {
            throw new StapError(String.format("kernel read fault at 0x%016x near %s", task, near));
        }
        return t;
    }

    /** task_current(): the current task's address (0 for a CPU's idle task, which has no slab slot). */
    @Function
    public static long task_current(Context c) {
        return c.current().kaddr();
    }

    /** task_pid(task): the process id (the thread group's). */
    @Function(near = true, pure = true)
    public static long task_pid(Context c, long task, String near) {
        return task(c, task, near).tgid();
    }

    /** task_tid(task): the thread id. */
    @Function(near = true, pure = true)
    public static long task_tid(Context c, long task, String near) {
        return task(c, task, near).pid();
    }

    /** task_ppid(task): the real parent's process id. */
    @Function(near = true, pure = true)
    public static long task_ppid(Context c, long task, String near) {
        return task(c, task, near).ppid();
    }

    /** task_parent(task): the real parent's address (0 when it has none). */
    @Function(near = true, pure = true)
    public static long task_parent(Context c, long task, String near) {
        TaskStruct parent = task(c, task, near).real_parent;
        return parent == null ? 0 : parent.kaddr();
    }

    @Function(near = true, pure = true)
    public static String task_execname(Context c, long task, String near) {
        return task(c, task, near).comm();
    }

    /** task_state(task): __state: 0 running, 1 interruptible, 2 uninterruptible, 4 stopped, 128 dead. */
    @Function(near = true, pure = true)
    public static long task_state(Context c, long task, String near) {
        return switch (task(c, task, near).state()) {
            case RUNNING -> TASK_RUNNING;
            case INTERRUPTIBLE -> TASK_INTERRUPTIBLE;
            case UNINTERRUPTIBLE -> TASK_UNINTERRUPTIBLE;
            case STOPPED -> TASK_STOPPED;
            case DEAD -> TASK_DEAD;
        };
    }

    @Function(near = true, pure = true)
    public static long task_uid(Context c, long task, String near) {
        var cred = task(c, task, near).cred;
        return cred == null ? 0 : cred.uid();
    }

    @Function(near = true, pure = true)
    public static long task_euid(Context c, long task, String near) {
        var cred = task(c, task, near).cred;
        return cred == null ? 0 : cred.euid();
    }

    @Function(near = true, pure = true)
    public static long task_gid(Context c, long task, String near) {
        var cred = task(c, task, near).cred;
        return cred == null ? 0 : cred.gid();
    }

    @Function(near = true, pure = true)
    public static long task_egid(Context c, long task, String near) {
        var cred = task(c, task, near).cred;
        return cred == null ? 0 : cred.egid();
    }

    /** pid2task(pid): the address of the task with that id, 0 when there is none. */
    @Function
    public static long pid2task(Context c, long pid) {
        TaskStruct t = pid < 0 || pid > Integer.MAX_VALUE ? null : c.kernel().pid().find_task_by_vpid((int) pid);
        return t == null ? 0 : t.kaddr();
    }

    /** pid2execname(pid): that task's name, "" when there is none. */
    @Function
    public static String pid2execname(Context c, long pid) {
        TaskStruct t = pid < 0 || pid > Integer.MAX_VALUE ? null : c.kernel().pid().find_task_by_vpid((int) pid);
        return t == null ? "" : t.comm();
    }
}
