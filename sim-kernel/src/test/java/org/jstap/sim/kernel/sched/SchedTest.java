package org.jstap.sim.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.junit.jupiter.api.Test;

/** Kernel threads on the fair scheduler, in virtual time. */
class SchedTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void kthread_runsAndExits() {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        List<String> log = new ArrayList<>();
        TaskStruct t = k.kthread().kthread_create_on_cpu(() -> {
            log.add("ran as " + k.sched().current());
            k.sched().charge(1_000);
        }, 0, "kworker/0:1");
        k.sched().wake_up_process(t);
        k.run_until(() -> t.state() == TaskStruct.State.DEAD, SECOND);
        // the worker is kthreadd's child; it is gone, and the boot's kernel threads remain
        assertEquals(List.of("ran as kworker/0:1[" + t.pid + "]"), log);
        assertEquals(TaskStruct.State.DEAD, t.state());
        assertEquals(List.of("kthreadd", "kworker/0:0", "kworker/1:0", "ksoftirqd/0", "ksoftirqd/1"),
                k.pid().tasks().stream().filter(TaskStruct::is_kthread).map(TaskStruct::comm).toList());
    }

    @Test
    void twoCpuBoundTasks_shareOneCpuFairly() {
        Kernel k = Kernel.boot(new KernelConfig(1, 128, 0, ""));
        TaskStruct a = spinner(k, "spin-a");
        TaskStruct b = spinner(k, "spin-b");
        k.run_until(() -> false, k.timekeeping().ktime_get_ns() + SECOND);
        double share = (double) a.sumExecRuntime() / (a.sumExecRuntime() + b.sumExecRuntime());
        assertTrue(Math.abs(share - 0.5) < 0.1, "share of a: " + share);
        assertTrue(a.nivcsw() > 10 && b.nivcsw() > 10, a.nivcsw() + " " + b.nivcsw());
        assertTrue(k.sched().nr_switches(0) > 100, "switches: " + k.sched().nr_switches(0));
    }

    @Test
    void sleepingTask_wakesOnTimeBesideACpuHog() {
        Kernel k = Kernel.boot(new KernelConfig(1, 128, 0, ""));
        spinner(k, "hog");
        List<Long> wakes = new ArrayList<>();
        TaskStruct sleeper = k.kthread().kthread_create_on_cpu(() -> {
            for (int i = 0; i < 5; i++) {
                k.sched().msleep(10);
                wakes.add(k.timekeeping().ktime_get_ns());
                k.sched().charge(10_000);
            }
        }, 0, "sleeper");
        k.sched().wake_up_process(sleeper);
        long start = k.timekeeping().ktime_get_ns();
        k.run_until(() -> sleeper.state() == TaskStruct.State.DEAD, start + SECOND);
        assertEquals(5, wakes.size());
        for (int i = 1; i < wakes.size(); i++) {
            long gap = wakes.get(i) - wakes.get(i - 1);
            // at least the sleep, and within one slice of it although a hog shares the CPU
            assertTrue(gap >= 10_000_000 && gap <= 10_000_000 + Core.SLICE_NS + 4_000_000, "gap " + gap);
        }
        assertEquals(5, sleeper.nvcsw());
    }

    @Test
    void sameConfig_sameSchedule() {
        long[] runtimes = new long[2];
        for (int i = 0; i < 2; i++) {
            Kernel k = Kernel.boot(KernelConfig.defaults());
            TaskStruct a = spinner(k, "a");
            spinner(k, "b");
            k.run_until(() -> false, k.timekeeping().ktime_get_ns() + SECOND / 4);
            runtimes[i] = a.sumExecRuntime() * 1_000_003 + k.sched().nr_switches(0);
        }
        assertEquals(runtimes[0], runtimes[1]);
    }

    private static TaskStruct spinner(Kernel k, String name) {
        TaskStruct t = k.kthread().kthread_create_on_cpu(() -> {
            while (true) {
                k.sched().charge(100_000);
            }
        }, 0, name);
        k.sched().wake_up_process(t);
        return t;
    }

    @Test
    void powerOff_stopsEveryTasksHostThread() {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        TaskStruct sleeper = k.kthread().kthread_run(() -> k.sched().msleep(1_000_000), 1, "sleeper");
        k.run_until(() -> false, k.hardware().now() + 10_000_000L);
        assertTrue(k.sched().nr_threads() >= 7, "init, kthreadd, kworkers, ksoftirqds and the sleeper");
        k.kernel_power_off();
        assertEquals(0, k.sched().nr_threads());
        assertEquals(TaskStruct.State.DEAD, sleeper.state());
    }
}
