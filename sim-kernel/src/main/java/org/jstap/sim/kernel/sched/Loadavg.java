package org.jstap.sim.kernel.sched;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;

/**
 * kernel/sched/loadavg.c: the 1, 5 and 15 minute load averages of sysinfo(2), uptime and
 * /proc/loadavg. Every LOAD_FREQ (5 s) the number of active tasks (runnable or in an
 * uninterruptible sleep) is folded into three exponentially decaying averages, in fixed point
 * with 11 fractional bits, exactly as Linux computes them.
 */
@LinuxFile("kernel/sched/loadavg.c")
public final class Loadavg {
    /** FSHIFT and FIXED_1: the fixed-point format of avenrun. */
    public static final int FSHIFT = 11;
    public static final long FIXED_1 = 1L << FSHIFT;
    /** EXP_1, EXP_5, EXP_15: 1/exp(5s/1min), 1/exp(5s/5min), 1/exp(5s/15min) in fixed point. */
    static final long EXP_1 = 1884;
    static final long EXP_5 = 2014;
    static final long EXP_15 = 2037;

    private final Kernel kernel;
    /** LOAD_FREQ: 5 s and one tick, in jiffies (the extra tick keeps the sample off 5 s periodic work). */
    private final long loadFreq;
    /** avenrun[3]; guarded by the tick of CPU 0, its only writer. */
    private final long[] avenrun = new long[3];
    /** calc_load_update: the jiffy of the next sample. */
    private long calcLoadUpdate;

    public Loadavg(Kernel kernel) {
        this.kernel = kernel;
        this.loadFreq = 5L * kernel.params().hz() + 1;
        this.calcLoadUpdate = loadFreq;
    }

    /** calc_load: one step of the average: load * e + active * (1 - e), rounded up while it grows. */
    static long calc_load(long load, long exp, long active) {
        long newload = load * exp + active * (FIXED_1 - exp);
        if (active >= load) {
            newload += FIXED_1 - 1;
        }
        return newload / FIXED_1;
    }

    /** calc_global_load (from do_timer on each tick): samples once per LOAD_FREQ. */
    public void calc_global_load() {
        long jiffies = kernel.timekeeping().jiffies();
        if (jiffies < calcLoadUpdate) {
            return;
        }
        long active = calc_load_fold_active() * FIXED_1;
        avenrun[0] = calc_load(avenrun[0], EXP_1, active);
        avenrun[1] = calc_load(avenrun[1], EXP_5, active);
        avenrun[2] = calc_load(avenrun[2], EXP_15, active);
        calcLoadUpdate += loadFreq;
    }

    /** calc_load_fold_active, over all CPUs: tasks on the run queues plus those in uninterruptible sleep. */
    long calc_load_fold_active() {
        long active = 0;
        for (int cpu = 0; cpu < kernel.sched().num_online_cpus(); cpu++) {
            active += kernel.sched().nr_running(cpu);
        }
        for (TaskStruct t : kernel.pid().tasks()) {
            if (t.state == TaskStruct.State.UNINTERRUPTIBLE && t.exit_state == 0) {
                active++;
            }
        }
        return active;
    }

    /** get_avenrun: the averages shifted left by {@code shift} (sysinfo wants 16 fractional bits: shift 5). */
    public long[] get_avenrun(int shift) {
        return new long[] {avenrun[0] << shift, avenrun[1] << shift, avenrun[2] << shift};
    }
}
