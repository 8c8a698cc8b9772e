package org.jstap.sim.kernel.sched;

import static org.jstap.sim.UserPrograms.SECOND;
import static org.jstap.sim.UserPrograms.run;
import static org.jstap.sim.UserPrograms.runUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** CFS on one CPU: a task that always computes and one that computes and sleeps share it fairly. */
class FairnessTest {
    private static final long MS = 1_000_000;

    @Test
    void cpuBoundAndSleepingTask_getEqualSharesWithinTenPercent() {
        long[] pids = new long[2];
        Kernel k = run(new KernelConfig(1, 64, 0, ""), cpu -> {
            Libc c = new Libc(cpu);
            pids[0] = c.fork(hog -> {
                while (true) {
                    hog.compute(MS);
                }
            });
            pids[1] = c.fork(sleeper -> {
                Libc s = new Libc(sleeper);
                while (true) {
                    sleeper.compute(2 * MS);
                    s.nanosleep(2 * MS);
                }
            });
            c.write(1, "started\n");
            c.nanosleep(3600 * SECOND);
            return 0;
        }, "started");
        TaskStruct hog = k.pid().find_task_by_vpid((int) pids[0]);
        TaskStruct sleeper = k.pid().find_task_by_vpid((int) pids[1]);
        long hog0 = hog.sumExecRuntime();
        long sleeper0 = sleeper.sumExecRuntime();
        k.run_until(() -> false, k.timekeeping().ktime_get_ns() + 2 * SECOND);
        double hogShare = (hog.sumExecRuntime() - hog0) / (double) (2 * SECOND);
        double sleeperShare = (sleeper.sumExecRuntime() - sleeper0) / (double) (2 * SECOND);
        String shares = String.format("hog %.3f sleeper %.3f", hogShare, sleeperShare);
        // each wants at least half the CPU; CFS must give each its half, within 10%
        assertTrue(Math.abs(hogShare - 0.5) <= 0.05 && Math.abs(sleeperShare - 0.5) <= 0.05, shares);
        assertTrue(hogShare + sleeperShare > 0.97, shares);
    }

    @Test
    void loadBalancer_pullsAWaitingTaskToAnIdleCpu() {
        long[] spinners = new long[2];
        Kernel k = run(new KernelConfig(2, 64, 0, ""), cpu -> {
            Libc c = new Libc(cpu);
            for (int i = 1; i <= 4; i++) {
                int n = i;
                long pid = c.fork(child -> {
                    // the odd children leave at once, so both spinners end up on one CPU's queue
                    while (n % 2 == 0) {
                        child.compute(MS);
                    }
                    return 0;
                });
                if (n % 2 == 0) {
                    spinners[n / 2 - 1] = pid;
                }
            }
            c.write(1, "started\n");
            c.nanosleep(3600 * SECOND);
            return 0;
        }, "started");
        java.util.List<String> moves = new java.util.ArrayList<>();
        k.tracepoints().tracepoint_probe_register(org.jstap.sim.kernel.trace.Tracepoints.id("sched_migrate_task"),
                args -> moves.add(((TaskStruct) args[0]).pid + " " + args[1] + "->" + args[2]));
        k.run_until(() -> false, k.timekeeping().ktime_get_ns() + SECOND);
        TaskStruct a = k.pid().find_task_by_vpid((int) spinners[0]);
        TaskStruct b = k.pid().find_task_by_vpid((int) spinners[1]);
        assertTrue(a.cpu() != b.cpu(), "spinners on CPUs " + a.cpu() + " and " + b.cpu());
        assertEquals(1, a.nr_migrations() + b.nr_migrations());
        assertEquals(1, moves.size(), moves.toString());
        assertTrue(a.sumExecRuntime() > 0 && b.sumExecRuntime() > 0);
    }
}
