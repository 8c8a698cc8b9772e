package org.jstap.sim.hw;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.KernelConfig;

/**
 * The emulated board: CPUs' timers, the interrupt controller and the event queue that orders
 * everything in virtual time. The kernel reaches devices only through their registers.
 */
public final class Hardware {
    /** IRQ number of the per-CPU timer (RISC-V's supervisor timer interrupt). */
    public static final int TIMER_IRQ = 5;

    private final EventQueue events = new EventQueue();
    private final InterruptController irqs = new InterruptController();
    private final List<ClockEventDevice> timers = new ArrayList<>();
    /** Virtual time in ns; moves only when the machine does work or waits for the next event. */
    private long nowNs;

    public Hardware(KernelConfig config) {
        for (int cpu = 0; cpu < config.cpus(); cpu++) {
            timers.add(new ClockEventDevice(cpu, events, this::now, irqs, TIMER_IRQ));
        }
    }

    public long now() {
        return nowNs;
    }

    /** The CPU did {@code ns} of work. */
    public void advance(long ns) {
        nowNs += ns;
    }

    public EventQueue events() {
        return events;
    }

    public InterruptController interruptController() {
        return irqs;
    }

    public ClockEventDevice timer(int cpu) {
        return timers.get(cpu);
    }

    public int cpus() {
        return timers.size();
    }

    /**
     * Runs the next hardware event, first moving time forward to it (the CPUs are idle until then).
     * False when nothing is scheduled before {@code deadlineNs}.
     */
    public boolean step(long deadlineNs) {
        long next = events.peekTime();
        if (next > deadlineNs) {
            if (deadlineNs != Long.MAX_VALUE && deadlineNs > nowNs) {
                nowNs = deadlineNs;
            }
            return false;
        }
        EventQueue.Event e = events.poll();
        nowNs = Math.max(nowNs, e.timeNs);
        e.action.run();
        return true;
    }
}
