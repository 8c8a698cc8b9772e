package org.jstap.sim.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.Slub;

/**
 * kernel/pid.c: process ids. Numbers are handed out cyclically up to pid_max and, after a wrap,
 * from RESERVED_PIDS on, so a recently freed number is not reused at once. The table maps each
 * number to its task (find_task_by_vpid); each struct pid takes an object of the pid cache.
 */
@LinuxFile("kernel/pid.c")
public final class Pid {
    /** PID_MAX_DEFAULT. */
    public static final int PID_MAX_DEFAULT = 32768;
    /** After a wrap, allocation restarts here, above the daemons' low numbers. */
    public static final int RESERVED_PIDS = 300;

    private final Kernel kernel;
    private final Slub.KmemCache pidCache;
    /** The idr of pid numbers; guarded by the machine's single running thread (pidmap_lock). */
    private final TreeMap<Integer, TaskStruct> idr = new TreeMap<>();
    private final Map<Integer, Long> structPid = new HashMap<>();
    private int pidMax = PID_MAX_DEFAULT;
    private int last;

    public Pid(Kernel kernel) {
        this.kernel = kernel;
        this.pidCache = kernel.slab().kmem_cache_create("pid", 96);
    }

    /** alloc_pid: the next free number after the last one given, or -EAGAIN when all are taken. */
    public int alloc_pid() {
        int nr = next_free(last + 1, pidMax);
        if (nr < 0) {
            nr = next_free(last >= RESERVED_PIDS ? RESERVED_PIDS : 1, pidMax);
        }
        if (nr < 0) {
            return -Errno.EAGAIN;
        }
        long addr = kernel.slab().kmem_cache_alloc(pidCache, Gfp.GFP_KERNEL);
        if (addr == 0) {
            return -Errno.ENOMEM;
        }
        structPid.put(nr, addr);
        idr.put(nr, null);
        last = nr;
        return nr;
    }

    private int next_free(int from, int max) {
        for (int nr = Math.max(from, 1); nr < max; nr++) {
            if (!idr.containsKey(nr)) {
                return nr;
            }
        }
        return -1;
    }

    /** attach_pid: the number now finds {@code task}. */
    public void attach_pid(TaskStruct task) {
        idr.put(task.pid, task);
    }

    /** free_pid: the number may be given out again. */
    public void free_pid(int nr) {
        idr.remove(nr);
        Long addr = structPid.remove(nr);
        if (addr != null) {
            kernel.slab().kmem_cache_free(pidCache, addr);
        }
    }

    /** find_task_by_vpid: the task with this id, or null. */
    public TaskStruct find_task_by_vpid(int nr) {
        return nr <= 0 ? null : idr.get(nr);
    }

    /**
     * The task whose task_struct is at kernel address {@code kaddr} (its slab slot), or null: how a
     * tracer turns a task pointer back into the task. Walks the table, as for_each_process does.
     */
    public TaskStruct find_task_by_kaddr(long kaddr) {
        if (kaddr == 0) {
            return null;
        }
        for (TaskStruct t : idr.values()) {
            if (t != null && t.kaddr() == kaddr) {
                return t;
            }
        }
        return null;
    }

    /** Every task (every thread) alive or zombie, by pid. */
    public List<TaskStruct> tasks() {
        List<TaskStruct> out = new ArrayList<>();
        for (TaskStruct t : idr.values()) {
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** for_each_process: the thread-group leaders, by pid. */
    public List<TaskStruct> processes() {
        return tasks().stream().filter(TaskStruct::thread_group_leader).toList();
    }

    /** The number given out last (/proc/loadavg's last field). */
    public int last_pid() {
        return last;
    }

    /** Numbers in use. */
    public int nr_pids() {
        return idr.size();
    }

    public int pid_max() {
        return pidMax;
    }

    /** /proc/sys/kernel/pid_max. */
    public void set_pid_max(int max) {
        pidMax = max;
    }
}
