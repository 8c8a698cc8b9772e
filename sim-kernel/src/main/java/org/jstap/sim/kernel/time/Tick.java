package org.jstap.sim.kernel.time;

import org.jstap.sim.Kernel;

/**
 * kernel/time/tick-sched.c: the periodic tick on every CPU, an hrtimer every 1/HZ. CPU 0's tick
 * advances jiffies (do_timer); every CPU's tick runs update_process_times, which expires the
 * timer wheel and will drive scheduler_tick.
 */
@org.jstap.sim.kernel.LinuxFile("kernel/time/tick-sched.c")
public final class Tick {
    private final Kernel kernel;
    private final long periodNs;

    public Tick(Kernel kernel) {
        this.kernel = kernel;
        this.periodNs = 1_000_000_000L / kernel.params().hz();
    }

    /** tick_setup_sched_timer for each CPU, at boot. */
    public void tick_init() {
        for (int cpu = 0; cpu < kernel.sched().num_online_cpus(); cpu++) {
            int thisCpu = cpu;
            Hrtimer tick = new Hrtimer(t -> tick_sched_timer(t, thisCpu));
            kernel.hrtimers().hrtimer_start(tick, kernel.timekeeping().ktime_get_ns() + periodNs, cpu);
        }
    }

    boolean tick_sched_timer(Hrtimer timer, int cpu) {
        if (cpu == 0) {
            kernel.timekeeping().do_timer(1);
            // do_timer's calc_global_load: the load averages, every five seconds
            kernel.loadavg().calc_global_load();
        }
        update_process_times(cpu);
        timer.forward(periodNs);
        return true;
    }

    void update_process_times(int cpu) {
        // run_local_timers: the timer wheel runs in the TIMER softirq
        kernel.softirq().raise_softirq(org.jstap.sim.kernel.Softirq.TIMER_SOFTIRQ, cpu);
        kernel.sched().scheduler_tick(cpu);
        kernel.profile().profile_tick(cpu);
    }

    public long periodNs() {
        return periodNs;
    }
}
