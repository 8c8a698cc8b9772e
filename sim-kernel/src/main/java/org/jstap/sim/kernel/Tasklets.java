package org.jstap.sim.kernel;

import java.util.ArrayDeque;
import org.jstap.sim.Kernel;

/**
 * The tasklet half of kernel/softirq.c: per-CPU lists of scheduled tasklets, run by the
 * TASKLET_SOFTIRQ (and the HI_SOFTIRQ for {@code tasklet_hi_schedule}) on the CPU that
 * scheduled them.
 */
@LinuxFile("kernel/softirq.c")
public final class Tasklets {
    private final Kernel kernel;
    /** tasklet_vec and tasklet_hi_vec, per CPU. */
    private final ArrayDeque<TaskletStruct>[] normal;
    private final ArrayDeque<TaskletStruct>[] hi;

    @SuppressWarnings("unchecked")
    public Tasklets(Kernel kernel, int cpus) {
        this.kernel = kernel;
        this.normal = new ArrayDeque[cpus];
        this.hi = new ArrayDeque[cpus];
        for (int cpu = 0; cpu < cpus; cpu++) {
            normal[cpu] = new ArrayDeque<>();
            hi[cpu] = new ArrayDeque<>();
        }
    }

    /** softirq_init: the tasklet softirqs get their actions. */
    public void softirq_init() {
        kernel.softirq().open_softirq(Softirq.TASKLET_SOFTIRQ, () -> tasklet_action(normal));
        kernel.softirq().open_softirq(Softirq.HI_SOFTIRQ, () -> tasklet_action(hi));
    }

    /** tasklet_schedule: run {@code t} soon on this CPU, unless it is already scheduled. */
    public void tasklet_schedule(TaskletStruct t) {
        schedule(t, normal, Softirq.TASKLET_SOFTIRQ);
    }

    /** tasklet_hi_schedule: the same, at the highest softirq priority. */
    public void tasklet_hi_schedule(TaskletStruct t) {
        schedule(t, hi, Softirq.HI_SOFTIRQ);
    }

    private void schedule(TaskletStruct t, ArrayDeque<TaskletStruct>[] lists, int softirq) {
        if (t.scheduled) {
            return;
        }
        t.scheduled = true;
        int cpu = kernel.smp_processor_id();
        lists[cpu].addLast(t);
        kernel.softirq().raise_softirq(softirq, cpu);
    }

    /** tasklet_disable: the tasklet may stay scheduled but does not run until enabled. */
    public void tasklet_disable(TaskletStruct t) {
        t.disabled++;
    }

    public void tasklet_enable(TaskletStruct t) {
        t.disabled--;
    }

    /** tasklet_kill: unschedules {@code t}; it will not run again unless rescheduled. */
    public void tasklet_kill(TaskletStruct t) {
        for (int cpu = 0; cpu < normal.length; cpu++) {
            normal[cpu].remove(t);
            hi[cpu].remove(t);
        }
        t.scheduled = false;
    }

    /** tasklet_action: every tasklet on this CPU's list runs once; a disabled one is put back. */
    private void tasklet_action(ArrayDeque<TaskletStruct>[] lists) {
        int cpu = kernel.smp_processor_id();
        ArrayDeque<TaskletStruct> list = lists[cpu];
        int n = list.size();
        for (int i = 0; i < n; i++) {
            TaskletStruct t = list.pollFirst();
            if (t.disabled > 0) {
                list.addLast(t);
                kernel.softirq().raise_softirq(lists == hi ? Softirq.HI_SOFTIRQ : Softirq.TASKLET_SOFTIRQ, cpu);
                continue;
            }
            t.scheduled = false;
            t.running = true;
            try {
                kernel.trace().tasklet_entry(t.name);
                t.runs++;
                t.func.run();
                kernel.trace().tasklet_exit(t.name);
            } finally {
                t.running = false;
            }
        }
    }
}
