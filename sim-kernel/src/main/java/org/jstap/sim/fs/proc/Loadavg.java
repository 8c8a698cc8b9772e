package org.jstap.sim.fs.proc;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/proc/loadavg.c: the scheduler's 1, 5 and 15 minute load averages (rounded as Linux rounds
 * them, adding FIXED_1/200 first), runnable/total threads and the last pid given out.
 */
@LinuxFile("fs/proc/loadavg.c")
public final class Loadavg {
    private Loadavg() {}

    private static long LOAD_INT(long x) {
        return x >> org.jstap.sim.kernel.sched.Loadavg.FSHIFT;
    }

    private static long LOAD_FRAC(long x) {
        return LOAD_INT((x & (org.jstap.sim.kernel.sched.Loadavg.FIXED_1 - 1)) * 100);
    }

    public static String loadavg_proc_show(Kernel kernel) {
        long[] avnrun = kernel.loadavg().get_avenrun(0);
        StringBuilder out = new StringBuilder();
        for (long raw : avnrun) {
            long a = raw + org.jstap.sim.kernel.sched.Loadavg.FIXED_1 / 200;
            out.append(LOAD_INT(a)).append('.').append(String.format("%02d", LOAD_FRAC(a))).append(' ');
        }
        return out + "" + Stat.nr_running(kernel) + "/" + kernel.sched().nr_threads() + " "
                + kernel.pid().last_pid() + "\n";
    }
}
