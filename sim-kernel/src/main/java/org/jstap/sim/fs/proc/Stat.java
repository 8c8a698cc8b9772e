package org.jstap.sim.fs.proc;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.Softirq;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * fs/proc/stat.c: /proc/stat: CPU times in USER_HZ ticks (a task's run time counts on the CPU
 * it is on now, as user time if it is a program, system time if a kernel thread), interrupts
 * per line, context switches, boot time, forks, and runnable and blocked tasks.
 */
@LinuxFile("fs/proc/stat.c")
public final class Stat {
    private Stat() {}

    static int nr_running(Kernel kernel) {
        int n = 0;
        for (int cpu = 0; cpu < kernel.config().cpus(); cpu++) {
            n += kernel.sched().nr_running(cpu);
        }
        return n;
    }

    public static String show_stat(Kernel kernel) {
        int cpus = kernel.config().cpus();
        long[] user = new long[cpus];
        long[] system = new long[cpus];
        int blocked = 0;
        for (TaskStruct t : kernel.pid().tasks()) {
            int cpu = Math.min(Math.max(t.cpu(), 0), cpus - 1);
            var times = org.jstap.sim.kernel.sched.Cputime.task_cputime(kernel, t);
            user[cpu] += times.utime();
            system[cpu] += times.stime();
            if (t.state() == TaskStruct.State.UNINTERRUPTIBLE && t.exit_state == 0 && !t.is_kthread()) {
                blocked++;
            }
        }
        long up = kernel.timekeeping().ktime_get_ns();
        StringBuilder lines = new StringBuilder();
        long su = 0;
        long ss = 0;
        long si = 0;
        for (int cpu = 0; cpu < cpus; cpu++) {
            long idle = kernel.sched().cpu_online(cpu) ? Math.max(0, up - user[cpu] - system[cpu]) : 0;
            su += user[cpu];
            ss += system[cpu];
            si += idle;
            lines.append(cpu_line("cpu" + cpu, user[cpu], system[cpu], idle));
        }
        StringBuilder m = new StringBuilder(cpu_line("cpu ", su, ss, si)).append(lines);
        long intr = 0;
        StringBuilder per = new StringBuilder();
        for (int irq = 0; irq < kernel.irq().nr_irqs(); irq++) {
            long n = kernel.irq().kstat_irqs(irq);
            intr += n;
            per.append(' ').append(n);
        }
        m.append("intr ").append(intr).append(per).append('\n');
        long ctxt = 0;
        for (int cpu = 0; cpu < cpus; cpu++) {
            ctxt += kernel.sched().nr_switches(cpu);
        }
        m.append("ctxt ").append(ctxt).append('\n');
        long boot = (kernel.timekeeping().ktime_get_real_ns() - up) / 1_000_000_000L;
        m.append("btime ").append(boot).append('\n');
        m.append("processes ").append(kernel.fork().total_forks()).append('\n');
        m.append("procs_running ").append(nr_running(kernel)).append('\n');
        m.append("procs_blocked ").append(blocked).append('\n');
        long sum = 0;
        StringBuilder soft = new StringBuilder();
        for (int nr = 0; nr < Softirq.nr_softirqs(); nr++) {
            long n = 0;
            for (int cpu = 0; cpu < cpus; cpu++) {
                n += kernel.softirq().count(cpu, nr);
            }
            sum += n;
            soft.append(' ').append(n);
        }
        m.append("softirq ").append(sum).append(soft).append('\n');
        return m.toString();
    }

    /** "cpuN user nice system idle iowait irq softirq steal guest guest_nice" in USER_HZ. */
    private static String cpu_line(String name, long user, long system, long idle) {
        return name + " " + Array.nsec_to_clock_t(user) + " 0 " + Array.nsec_to_clock_t(system) + " "
                + Array.nsec_to_clock_t(idle) + " 0 0 0 0 0 0\n";
    }
}
