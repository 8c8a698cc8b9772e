package org.jstap.sim.kernel;

import org.jstap.sim.Kernel;

/**
 * kernel/softirq.c: deferred work run on the way out of an interrupt. Each CPU keeps pending
 * bits; {@link #irq_exit} runs them in number order, as __do_softirq does.
 */
@org.jstap.sim.kernel.LinuxFile("kernel/softirq.c")
public final class Softirq {
    public static final int HI_SOFTIRQ = 0;
    public static final int TIMER_SOFTIRQ = 1;
    public static final int NET_TX_SOFTIRQ = 2;
    public static final int NET_RX_SOFTIRQ = 3;
    public static final int BLOCK_SOFTIRQ = 4;
    public static final int TASKLET_SOFTIRQ = 6;
    public static final int SCHED_SOFTIRQ = 7;
    public static final String[] NAMES = {"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL", "TASKLET",
        "SCHED", "HRTIMER", "RCU"};

    private final Kernel kernel;
    /** Pending bits per CPU; guarded by running with interrupts off. */
    private final int[] pending;
    /** Handled softirqs per CPU and number, for /proc/softirqs. */
    private final long[][] counts;

    public Softirq(Kernel kernel, int cpus) {
        this.kernel = kernel;
        this.pending = new int[cpus];
        this.counts = new long[cpus][NAMES.length];
    }

    public void raise_softirq(int nr, int cpu) {
        pending[cpu] |= 1 << nr;
    }

    /** irq_exit: leaving interrupt context, run what was raised. */
    public void irq_exit(int cpu) {
        while (pending[cpu] != 0) {
            int nr = Integer.numberOfTrailingZeros(pending[cpu]);
            pending[cpu] &= ~(1 << nr);
            counts[cpu][nr]++;
            kernel.trace().softirq_entry(nr);
            if (nr == TIMER_SOFTIRQ) {
                kernel.timers().run_timer_softirq();
            }
            kernel.trace().softirq_exit(nr);
        }
    }

    public long count(int cpu, int nr) {
        return counts[cpu][nr];
    }
}
