package org.jstap.sim.fs.proc;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;

/** fs/proc/uptime.c: seconds since boot and seconds the CPUs have spent idle, to the hundredth. */
@LinuxFile("fs/proc/uptime.c")
public final class Uptime {
    private Uptime() {}

    /** Idle time of all CPUs: what the online CPUs' time since boot was not spent running tasks. */
    static long idle_ns(Kernel kernel, long uptime) {
        long busy = 0;
        for (TaskStruct t : kernel.pid().tasks()) {
            busy += t.sumExecRuntime();
        }
        return Math.max(0, uptime * kernel.sched().num_online_cpus() - busy);
    }

    public static String uptime_proc_show(Kernel kernel) {
        long up = kernel.timekeeping().ktime_get_ns();
        long idle = idle_ns(kernel, up);
        return String.format("%d.%02d %d.%02d\n", up / 1_000_000_000L, up % 1_000_000_000L / 10_000_000L,
                idle / 1_000_000_000L, idle % 1_000_000_000L / 10_000_000L);
    }
}
