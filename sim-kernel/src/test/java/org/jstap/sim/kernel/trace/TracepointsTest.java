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
    void id_ofEveryEventTraceEventsFires_isAnEvent() throws Exception {
        // each TraceEvents field holds the id its trace_*() call fires; -1 would throw at the first hit
        TraceEvents events = new TraceEvents(new Tracepoints());
        List<String> unresolved = new ArrayList<>();
        for (java.lang.reflect.Field f : TraceEvents.class.getDeclaredFields()) {
            if (f.getType() == int.class && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                if (f.getInt(events) < 0) {
                    unresolved.add(f.getName());
                }
            }
        }
        assertEquals(List.of(), unresolved);
        assertTrue(Tracepoints.id("kmalloc") >= 0 && Tracepoints.id("kfree") >= 0);
        assertEquals(-1, Tracepoints.id("kmalloc_enabled"), "the enabled checks are not events");
    }

    @Test
    void kmalloc_carriesTheCallSiteOfAPipe() {
        Kernel k = Kernel.boot(new KernelConfig(1, 128, 0, ""));
        List<String> sites = new ArrayList<>();
        Tracepoints.Probe probe = args -> {
            String site = org.jstap.sim.kernel.Kallsyms.symbols().stream()
                    .filter(s -> s.address() == (Long) args[0]).map(s -> s.name()).findFirst().orElse("?");
            sites.add(site + " " + args[2] + "/" + args[3]);
        };
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("kmalloc"), probe);
        TaskStruct t = k.kthread().kthread_create_on_cpu(() -> k.vfs().pipe().create_pipe_files(0), 0, "piper");
        k.sched().wake_up_process(t);
        k.run_until(() -> t.state() == TaskStruct.State.DEAD, k.timekeeping().ktime_get_ns() + 100_000_000L);
        k.tracepoints().tracepoint_probe_unregister(Tracepoints.id("kmalloc"), probe);
        assertEquals(List.of("alloc_pipe_info 168/192", "alloc_pipe_info 640/1024"), sites);
    }

    @Test
    void events_areDeclaredWithLinuxNames() {
        List<String> names = Tracepoints.events().stream().map(java.lang.reflect.Method::getName).toList();
        assertTrue(names.containsAll(List.of("sched_switch", "sched_wakeup", "irq_handler_entry", "softirq_entry")),
                names.toString());
    }
}
