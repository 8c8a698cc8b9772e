package org.jstap.sim.hw;

import java.util.function.LongSupplier;

/**
 * A per-CPU timer like RISC-V's CLINT {@code mtimecmp}: the kernel writes the compare register,
 * and when virtual time reaches it the device raises its interrupt line. Drivers reach it only
 * through {@link #write_compare}.
 */
public final class ClockEventDevice {
    private final int cpu;
    private final EventQueue events;
    private final LongSupplier now;
    private final InterruptController irqs;
    private final int irq;
    /** The armed compare event, or null. */
    private EventQueue.Event armed;

    public ClockEventDevice(int cpu, EventQueue events, LongSupplier now, InterruptController irqs, int irq) {
        this.cpu = cpu;
        this.events = events;
        this.now = now;
        this.irqs = irqs;
        this.irq = irq;
    }

    /** Programs the next interrupt at absolute virtual time {@code timeNs} (replacing any armed one). */
    public void write_compare(long timeNs) {
        if (armed != null) {
            armed.cancel();
        }
        armed = events.schedule(Math.max(timeNs, now.getAsLong()), () -> {
            armed = null;
            irqs.raise(irq, cpu);
        });
    }

    public int cpu() {
        return cpu;
    }
}
