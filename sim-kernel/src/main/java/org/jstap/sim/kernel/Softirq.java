package org.jstap.sim.kernel;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * kernel/softirq.c: deferred work. Each CPU keeps pending bits; {@link #irq_exit} runs them in
 * number order on the way out of an interrupt, as {@code __do_softirq} does, for a bounded number
 * of rounds; what is still pending then, or what was raised outside interrupt context, is left
 * to the CPU's {@code ksoftirqd/N} thread.
 */
@LinuxFile("kernel/softirq.c")
public final class Softirq {
    public static final int HI_SOFTIRQ = 0;
    public static final int TIMER_SOFTIRQ = 1;
    public static final int NET_TX_SOFTIRQ = 2;
    public static final int NET_RX_SOFTIRQ = 3;
    public static final int BLOCK_SOFTIRQ = 4;
    public static final int IRQ_POLL_SOFTIRQ = 5;
    public static final int TASKLET_SOFTIRQ = 6;
    public static final int SCHED_SOFTIRQ = 7;
    public static final int HRTIMER_SOFTIRQ = 8;
    public static final int RCU_SOFTIRQ = 9;
    public static final String[] NAMES = {"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL", "TASKLET",
        "SCHED", "HRTIMER", "RCU"};
    /** MAX_SOFTIRQ_RESTART: rounds __do_softirq makes before handing over to ksoftirqd. */
    static final int MAX_SOFTIRQ_RESTART = 10;
    /** Virtual cost of one ksoftirqd round (the actions' own work is charged by them). */
    private static final long SOFTIRQ_NS = 200;

    private final Kernel kernel;
    /** softirq_vec: the action of each softirq number. */
    private final Runnable[] vec = new Runnable[NAMES.length];
    /** Pending bits per CPU; guarded by running with interrupts off. */
    private final int[] pending;
    /** Interrupt nesting per CPU (the hardirq and softirq parts of preempt_count). */
    private final int[] hardirqCount;
    private final int[] softirqCount;
    /** Handled softirqs per CPU and number, for /proc/softirqs. */
    private final long[][] counts;
    private final TaskStruct[] ksoftirqd;

    public Softirq(Kernel kernel, int cpus) {
        this.kernel = kernel;
        this.pending = new int[cpus];
        this.hardirqCount = new int[cpus];
        this.softirqCount = new int[cpus];
        this.counts = new long[cpus][NAMES.length];
        this.ksoftirqd = new TaskStruct[cpus];
    }

    /** open_softirq: installs the action of softirq {@code nr}. */
    public void open_softirq(int nr, Runnable action) {
        vec[nr] = action;
    }

    /** raise_softirq: marks {@code nr} pending on {@code cpu}; outside an interrupt, ksoftirqd will run it. */
    public void raise_softirq(int nr, int cpu) {
        pending[cpu] |= 1 << nr;
        // in_interrupt() is a macro in Linux: read the counts here rather than call it
        if (hardirqCount[cpu] == 0 && softirqCount[cpu] == 0) {
            wakeup_softirqd(cpu);
        }
    }

    /**
     * __raise_softirq_irqoff: marks {@code nr} pending on {@code cpu} and nothing more; it runs at
     * the next irq_exit or local_bh_enable (or when ksoftirqd next looks).
     */
    public void __raise_softirq_irqoff(int nr, int cpu) {
        pending[cpu] |= 1 << nr;
    }

    /**
     * local_bh_disable: softirqs do not run on this CPU until the matching local_bh_enable (the
     * task is not preempted meanwhile: it is in softirq context as far as in_interrupt goes).
     */
    public void local_bh_disable() {
        softirqCount[kernel.smp_processor_id()]++;
    }

    /** local_bh_enable: the matching end; what was raised meanwhile runs now, outside an interrupt. */
    public void local_bh_enable() {
        int cpu = kernel.smp_processor_id();
        if (--softirqCount[cpu] < 0) {
            throw new IllegalStateException("kernel BUG: local_bh_enable without local_bh_disable on CPU " + cpu);
        }
        if (hardirqCount[cpu] == 0 && softirqCount[cpu] == 0 && pending[cpu] != 0) {
            __do_softirq(cpu);
        }
    }

    /** in_softirq(): softirqs are running or disabled on {@code cpu}. */
    public boolean in_softirq(int cpu) {
        return softirqCount[cpu] > 0;
    }

    /** in_interrupt(): in a hardware interrupt handler or running softirqs on {@code cpu}. */
    public boolean in_interrupt(int cpu) {
        return hardirqCount[cpu] > 0 || softirqCount[cpu] > 0;
    }

    /** in_irq(): in a hardware interrupt handler on {@code cpu}. */
    public boolean in_irq(int cpu) {
        return hardirqCount[cpu] > 0;
    }

    /** irq_enter: a hardware interrupt begins on {@code cpu}. */
    public void irq_enter(int cpu) {
        hardirqCount[cpu]++;
    }

    /** irq_exit: leaving interrupt context, run what was raised (unless nested in a softirq). */
    public void irq_exit(int cpu) {
        hardirqCount[cpu]--;
        if (hardirqCount[cpu] == 0 && softirqCount[cpu] == 0 && pending[cpu] != 0) {
            __do_softirq(cpu);
        }
    }

    /** __do_softirq: runs the pending softirqs, again while more are raised, up to the restart limit. */
    void __do_softirq(int cpu) {
        softirqCount[cpu]++;
        try {
            for (int round = 0; round < MAX_SOFTIRQ_RESTART && pending[cpu] != 0; round++) {
                int now = pending[cpu];
                pending[cpu] = 0;
                while (now != 0) {
                    int nr = Integer.numberOfTrailingZeros(now);
                    now &= ~(1 << nr);
                    counts[cpu][nr]++;
                    kernel.trace().softirq_entry(nr);
                    if (vec[nr] != null) {
                        vec[nr].run();
                    }
                    kernel.trace().softirq_exit(nr);
                }
            }
        } finally {
            softirqCount[cpu]--;
        }
        if (pending[cpu] != 0) {
            wakeup_softirqd(cpu);
        }
    }

    // ---------------------------------------------------------------- ksoftirqd

    /** spawn_ksoftirqd (an early initcall): one ksoftirqd/N per online CPU. */
    public int spawn_ksoftirqd() {
        for (int cpu = 0; cpu < kernel.sched().num_online_cpus(); cpu++) {
            int thisCpu = cpu;
            ksoftirqd[cpu] = kernel.kthread().kthread_create_on_cpu(() -> run_ksoftirqd(thisCpu), cpu,
                    "ksoftirqd/" + cpu);
            kernel.sched().wake_up_process(ksoftirqd[cpu]);
        }
        return 0;
    }

    private void wakeup_softirqd(int cpu) {
        TaskStruct t = ksoftirqd[cpu];
        if (t != null && t.state() != TaskStruct.State.RUNNING) {
            kernel.sched().wake_up_process(t);
        }
    }

    /** run_ksoftirqd: the thread's loop; it sleeps while nothing is pending on its CPU. */
    void run_ksoftirqd(int cpu) {
        TaskStruct self = kernel.sched().current();
        while (true) {
            self.set_current_state(TaskStruct.State.INTERRUPTIBLE);
            if (pending[cpu] == 0) {
                kernel.sched().schedule();
                continue;
            }
            self.set_current_state(TaskStruct.State.RUNNING);
            int previous = kernel.set_processor_id(cpu);
            try {
                __do_softirq(cpu);
            } finally {
                kernel.set_processor_id(previous);
            }
            kernel.sched().charge(SOFTIRQ_NS);
        }
    }

    /** The ksoftirqd thread of {@code cpu}, once spawned. */
    public TaskStruct ksoftirqd(int cpu) {
        return ksoftirqd[cpu];
    }

    /** NR_SOFTIRQS. */
    public static int nr_softirqs() {
        return NAMES.length;
    }

    public long count(int cpu, int nr) {
        return counts[cpu][nr];
    }

    /** /proc/softirqs. */
    public String proc_softirqs() {
        StringBuilder out = new StringBuilder("          ");
        for (int cpu = 0; cpu < counts.length; cpu++) {
            out.append(String.format("%-11s", "CPU" + cpu));
        }
        out.setLength(out.toString().stripTrailing().length());
        out.append('\n');
        for (int nr = 0; nr < NAMES.length; nr++) {
            out.append(String.format("%12s:", NAMES[nr]));
            for (long[] perCpu : counts) {
                out.append(String.format(" %10d", perCpu[nr]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
