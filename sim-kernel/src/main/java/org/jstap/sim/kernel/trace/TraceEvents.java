package org.jstap.sim.kernel.trace;

import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * The trace events of the kernel (include/trace/events/*.h): one method per event, named as in
 * Linux, whose parameters are the event's arguments. Kernel code calls these; scripts attach
 * with {@code kernel.trace("NAME")} and read the arguments as {@code $name}.
 */
public final class TraceEvents {
    private final Tracepoints tracepoints;
    private final int schedSwitch = Tracepoints.id("sched_switch");
    private final int schedWakeup = Tracepoints.id("sched_wakeup");
    private final int irqHandlerEntry = Tracepoints.id("irq_handler_entry");
    private final int irqHandlerExit = Tracepoints.id("irq_handler_exit");
    private final int softirqEntry = Tracepoints.id("softirq_entry");
    private final int softirqExit = Tracepoints.id("softirq_exit");
    private final int hrtimerExpireEntry = Tracepoints.id("hrtimer_expire_entry");
    private final int initcallLevel = Tracepoints.id("initcall_level");
    private final int initcallStart = Tracepoints.id("initcall_start");
    private final int initcallFinish = Tracepoints.id("initcall_finish");

    public TraceEvents(Tracepoints tracepoints) {
        this.tracepoints = tracepoints;
    }

    /** sched/sched_switch: {@code prev} leaves the CPU for {@code next}. */
    public void sched_switch(boolean preempt, TaskStruct prev, TaskStruct next) {
        if (tracepoints.enabled(schedSwitch)) {
            tracepoints.fire(schedSwitch, preempt, prev, next);
        }
    }

    /** sched/sched_wakeup: {@code p} became runnable on {@code target_cpu}. */
    public void sched_wakeup(TaskStruct p, int target_cpu) {
        if (tracepoints.enabled(schedWakeup)) {
            tracepoints.fire(schedWakeup, p, target_cpu);
        }
    }

    /** irq/irq_handler_entry. */
    public void irq_handler_entry(int irq, String name) {
        if (tracepoints.enabled(irqHandlerEntry)) {
            tracepoints.fire(irqHandlerEntry, irq, name);
        }
    }

    /** irq/irq_handler_exit. */
    public void irq_handler_exit(int irq, int ret) {
        if (tracepoints.enabled(irqHandlerExit)) {
            tracepoints.fire(irqHandlerExit, irq, ret);
        }
    }

    /** irq/softirq_entry: {@code vec} is the softirq number. */
    public void softirq_entry(int vec) {
        if (tracepoints.enabled(softirqEntry)) {
            tracepoints.fire(softirqEntry, vec);
        }
    }

    /** irq/softirq_exit. */
    public void softirq_exit(int vec) {
        if (tracepoints.enabled(softirqExit)) {
            tracepoints.fire(softirqExit, vec);
        }
    }

    /** timer/hrtimer_expire_entry: an hrtimer's function is about to run at {@code now}. */
    public void hrtimer_expire_entry(long now, long expires) {
        if (tracepoints.enabled(hrtimerExpireEntry)) {
            tracepoints.fire(hrtimerExpireEntry, now, expires);
        }
    }

    /** initcall/initcall_level: boot starts running the initcalls of {@code level}. */
    public void initcall_level(String level) {
        if (tracepoints.enabled(initcallLevel)) {
            tracepoints.fire(initcallLevel, level);
        }
    }

    /** initcall/initcall_start: the initcall {@code func} is called. */
    public void initcall_start(String func) {
        if (tracepoints.enabled(initcallStart)) {
            tracepoints.fire(initcallStart, func);
        }
    }

    /** initcall/initcall_finish: {@code func} returned {@code ret}. */
    public void initcall_finish(String func, int ret) {
        if (tracepoints.enabled(initcallFinish)) {
            tracepoints.fire(initcallFinish, func, ret);
        }
    }
}
