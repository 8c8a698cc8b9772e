package org.jstap.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.workqueue.DelayedWork;
import org.jstap.sim.kernel.workqueue.WorkStruct;
import org.junit.jupiter.api.Test;

/** Softirqs, ksoftirqd, tasklets and workqueues: who runs deferred work, where and when. */
class DeferredWorkTest {
    private static final int TEST_IRQ = 40;
    private static final long MS = 1_000_000;

    private final Kernel k = Kernel.boot(new KernelConfig(2, 64, 0, ""));
    private final List<String> log = new ArrayList<>();

    /** A device interrupt on {@code cpu} in {@code ns} from now. */
    private void interruptIn(long ns, int cpu) {
        k.hardware().events().schedule(k.hardware().now() + ns,
                () -> k.hardware().interruptController().raise(TEST_IRQ, cpu));
    }

    private void runFor(long ns) {
        k.run_until(() -> false, k.hardware().now() + ns);
    }

    private String where() {
        var t = k.sched().current();
        return (t == null ? "irq" : t.comm()) + "@cpu" + k.smp_processor_id();
    }

    @Test
    void tasklet_scheduledTwiceFromAnInterrupt_runsOnceInSoftirqOnThatCpu() {
        TaskletStruct t = new TaskletStruct("test_tasklet", () -> log.add("tasklet in " + where()
                + (k.softirq().in_interrupt(k.smp_processor_id()) ? " softirq" : " task")));
        k.irq().request_irq(TEST_IRQ, "test", (irq, cpu) -> {
            k.tasklets().tasklet_schedule(t);
            k.tasklets().tasklet_schedule(t);
        });
        long before = k.softirq().count(1, Softirq.TASKLET_SOFTIRQ);
        interruptIn(MS, 1);
        runFor(2 * MS);
        assertEquals(List.of("tasklet in irq@cpu1 softirq"), log);
        assertEquals(before + 1, k.softirq().count(1, Softirq.TASKLET_SOFTIRQ));
        assertEquals(1, t.runs());
    }

    @Test
    void softirqRaisedInTaskContext_runsInKsoftirqd() {
        k.softirq().open_softirq(Softirq.IRQ_POLL_SOFTIRQ, () -> log.add("irq_poll softirq in " + where()));
        var task = k.kthread().kthread_run(() -> k.softirq().raise_softirq(Softirq.IRQ_POLL_SOFTIRQ, 0), 0, "raiser");
        runFor(MS);
        assertEquals(List.of("irq_poll softirq in ksoftirqd/0@cpu0"), log);
        assertTrue(task.state() == org.jstap.sim.kernel.sched.TaskStruct.State.DEAD);
    }

    @Test
    void softirqRaisingItselfForever_isHandedToKsoftirqd_andTheMachineGoesOn() {
        int[] runs = {0};
        k.softirq().open_softirq(Softirq.IRQ_POLL_SOFTIRQ, () -> {
            if (++runs[0] < 100) {
                k.softirq().raise_softirq(Softirq.IRQ_POLL_SOFTIRQ, k.smp_processor_id());
            }
            if (runs[0] == Softirq.MAX_SOFTIRQ_RESTART + 1) {
                log.add("round 11 in " + where());
            }
        });
        k.irq().request_irq(TEST_IRQ, "test", (irq, cpu) -> k.softirq().raise_softirq(Softirq.IRQ_POLL_SOFTIRQ, cpu));
        interruptIn(MS, 0);
        runFor(10 * MS);
        assertEquals(100, runs[0]);
        assertEquals(List.of("round 11 in ksoftirqd/0@cpu0"), log);
    }

    @Test
    void work_queuedFromAnInterrupt_runsInTheKworkerAndMaySleep() {
        WorkStruct work = new WorkStruct("test_work_fn", () -> {
            log.add("work in " + where() + " at " + k.hardware().now() / MS + "ms");
            k.sched().msleep(3);
            log.add("woke at " + k.hardware().now() / MS + "ms");
        });
        k.irq().request_irq(TEST_IRQ, "test", (irq, cpu) -> {
            log.add("queued " + k.workqueue().schedule_work(work) + ", again " + k.workqueue().schedule_work(work));
        });
        long start = k.hardware().now() / MS;
        interruptIn(MS, 1);
        runFor(10 * MS);
        assertEquals(List.of("queued true, again false", "work in kworker/1:0@cpu1 at " + (start + 1) + "ms",
                "woke at " + (start + 4) + "ms"), log);
        assertEquals(1, work.runs());
    }

    @Test
    void flushWork_waitsForTheWork_andDelayedWorkWaitsItsJiffies() {
        DelayedWork late = new DelayedWork("late_fn", () -> log.add("late at jiffy " + k.timekeeping().jiffies()));
        WorkStruct slow = new WorkStruct("slow_fn", () -> {
            k.sched().msleep(5);
            log.add("slow done");
        });
        var waiter = k.kthread().kthread_run(() -> {
            long j = k.timekeeping().jiffies();
            log.add("delay from jiffy " + j);
            k.workqueue().schedule_delayed_work(late, 10);
            k.workqueue().schedule_work(slow);
            assertTrue(k.workqueue().flush_work(slow));
            log.add("flushed");
            k.sched().msleep(60);
            log.add("slept");
        }, 0, "waiter");
        runFor(100 * MS);
        long from = Long.parseLong(log.get(0).substring("delay from jiffy ".length()));
        assertEquals(List.of("delay from jiffy " + from, "slow done", "flushed", "late at jiffy " + (from + 10),
                "slept"), log);
        assertEquals(org.jstap.sim.kernel.sched.TaskStruct.State.DEAD, waiter.state());
    }

    @Test
    void flushDelayedWork_runsItNow() {
        DelayedWork late = new DelayedWork("late_fn", () -> log.add("late at jiffy " + k.timekeeping().jiffies()));
        k.kthread().kthread_run(() -> {
            log.add("from jiffy " + k.timekeeping().jiffies());
            k.workqueue().schedule_delayed_work(late, 100);
            assertTrue(k.workqueue().flush_delayed_work(late));
            log.add("flushed");
        }, 0, "flusher");
        runFor(10 * MS);
        String from = log.get(0).substring("from ".length());
        assertEquals(List.of("from " + from, "late at " + from, "flushed"), log);
    }

    @Test
    void cancelWorkSync_keepsAPendingWorkFromRunning() {
        DelayedWork never = new DelayedWork("never_fn", () -> log.add("ran"));
        k.kthread().kthread_run(() -> {
            k.workqueue().schedule_delayed_work(never, 5);
            log.add("cancelled " + k.workqueue().cancel_work_sync(never));
        }, 0, "canceller");
        runFor(50 * MS);
        assertEquals(List.of("cancelled true"), log);
        assertFalse(never.pending());
    }

    @Test
    void procSoftirqs_countsPerCpu() {
        runFor(100 * MS);
        String text = k.softirq().proc_softirqs();
        assertTrue(text.startsWith("                    CPU0       CPU1\n")
                || text.startsWith("          CPU0       CPU1\n"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+TIMER:\\s+\\d+\\s+\\d+")), text);
    }
}
