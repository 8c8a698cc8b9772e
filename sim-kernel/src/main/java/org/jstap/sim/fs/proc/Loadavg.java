package org.jstap.sim.fs.proc;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/proc/loadavg.c: the load averages (not computed yet: 0.00), runnable/total threads and
 * the last pid given out.
 */
@LinuxFile("fs/proc/loadavg.c")
public final class Loadavg {
    private Loadavg() {}

    public static String loadavg_proc_show(Kernel kernel) {
        return "0.00 0.00 0.00 " + Stat.nr_running(kernel) + "/" + kernel.sched().nr_threads() + " "
                + kernel.pid().last_pid() + "\n";
    }
}
