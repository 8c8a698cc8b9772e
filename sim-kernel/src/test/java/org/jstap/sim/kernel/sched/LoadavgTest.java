package org.jstap.sim.kernel.sched;

import static org.jstap.sim.UserPrograms.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jstap.sim.Ltp;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** The load averages, as sysinfo(2) reports them (16 fractional bits). */
class LoadavgTest {
    private static final long MS = 1_000_000;

    @Test
    void calcLoad_oneStep_decaysTowardsTheActiveCount() {
        // one active task, from idle: 1 - 1884/2048 of FIXED_1, rounded up while rising
        assertEquals(164, Loadavg.calc_load(0, Loadavg.EXP_1, Loadavg.FIXED_1));
        // no active task: the average decays, rounding down
        assertEquals(1884, Loadavg.calc_load(2048, Loadavg.EXP_1, 0));
        assertEquals(2048, Loadavg.calc_load(2048, Loadavg.EXP_15, Loadavg.FIXED_1));
    }

    @Test
    void sysinfo_loads_followTwoBusyTasks() {
        String out = Ltp.run(cpu -> {
            Libc c = new Libc(cpu);
            long info = c.push(112);
            c.sysinfo(info);
            Ltp.eq(c, "load1 at boot", cpu.ld(info + 8), 0);
            long[] pids = new long[2];
            for (int i = 0; i < 2; i++) {
                pids[i] = c.fork(child -> {
                    for (int n = 0; n < 4200; n++) {
                        child.compute(10 * MS);
                    }
                    return 0;
                });
            }
            // eight samples (every 5.004 s) of two running tasks: 2 * (1 - e^(-40 s / period))
            c.nanosleep(41 * SECOND);
            c.sysinfo(info);
            double[] want = {2 * (1 - Math.exp(-40.03 / 60)), 2 * (1 - Math.exp(-40.03 / 300)),
                2 * (1 - Math.exp(-40.03 / 900))};
            for (int i = 0; i < 3; i++) {
                double load = cpu.ld(info + 8 + 8L * i) / 65536.0;
                Ltp.expr(c, String.format("load %d is %.3f, expected about %.3f", i, load, want[i]),
                        Math.abs(load - want[i]) < 0.01);
            }
            for (long pid : pids) {
                c.kill(pid, 9);
                c.wait4(pid, null, 0);
            }
            return 0;
        });
        Ltp.assertAllPass(out, 4);
    }
}
