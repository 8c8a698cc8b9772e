package org.jstap.sim.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.junit.jupiter.api.Test;

/** Tracepoints fire with their arguments while attached, and cost nothing once detached. */
class TracepointsTest {

    @Test
    void schedSwitch_reportsPrevAndNext() {
        Kernel k = Kernel.boot(new KernelConfig(1, 128, 0, ""));
        // let init and kthreadd settle into their sleeps first
        k.run_until(() -> false, k.timekeeping().ktime_get_ns() + 10_000_000L);
        List<String> switches = new ArrayList<>();
        Tracepoints.Probe probe = args -> switches.add(((TaskStruct) args[1]).comm() + "->"
                + ((TaskStruct) args[2]).comm());
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("sched_switch"), probe);
        TaskStruct t = k.kthread().kthread_create_on_cpu(() -> {
            k.sched().charge(1_000);
            k.sched().msleep(1);
            k.sched().charge(1_000);
        }, 0, "worker");
        k.sched().wake_up_process(t);
        k.run_until(() -> t.state() == TaskStruct.State.DEAD, k.timekeeping().ktime_get_ns() + 100_000_000L);
        assertEquals(List.of("swapper/0->worker", "worker->swapper/0", "swapper/0->worker", "worker->swapper/0"),
                switches);
        k.tracepoints().tracepoint_probe_unregister(Tracepoints.id("sched_switch"), probe);
    }

    @Test
    void softirqEntry_countsTimerSoftirqs() {
        Kernel k = Kernel.boot(new KernelConfig(2, 128, 0, ""));
        long[] timer = {0};
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("softirq_entry"), args -> {
            if ((Integer) args[0] == 1) {
                timer[0]++;
            }
        });
        k.run_until(() -> false, k.timekeeping().ktime_get_ns() + 100_000_000L);
        assertEquals(50, timer[0]);
    }

    @Test
    void events_areDeclaredWithLinuxNames() {
        List<String> names = Tracepoints.events().stream().map(java.lang.reflect.Method::getName).toList();
        assertTrue(names.containsAll(List.of("sched_switch", "sched_wakeup", "irq_handler_entry", "softirq_entry")),
                names.toString());
    }
}
