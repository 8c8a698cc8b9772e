package org.jstap.sim.hw;

/**
 * An interrupt controller in the manner of a RISC-V PLIC: devices raise lines, and the
 * controller delivers each to the handler the kernel installed, on the CPU the line targets.
 */
public final class InterruptController {
    /** What the kernel installs: its entry for external interrupts (do_IRQ). */
    @FunctionalInterface
    public interface Handler {
        void interrupt(int irq, int cpu);
    }

    private Handler handler;

    public void install(Handler kernelEntry) {
        this.handler = kernelEntry;
    }

    /** A device asserts {@code irq} towards {@code cpu}. Lost if no kernel is listening yet. */
    public void raise(int irq, int cpu) {
        if (handler != null) {
            handler.interrupt(irq, cpu);
        }
    }
}
