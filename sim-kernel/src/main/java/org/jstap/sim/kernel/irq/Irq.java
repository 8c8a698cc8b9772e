package org.jstap.sim.kernel.irq;

import java.util.Map;
import java.util.TreeMap;
import org.jstap.sim.Kernel;

/**
 * kernel/irq/handle.c and irqdesc.c: the kernel's side of interrupts. Drivers register a
 * handler per line with {@link #request_irq}; the controller enters through {@link #do_IRQ},
 * which counts per CPU (for /proc/interrupts), runs the handler, then the softirqs.
 */
@org.jstap.sim.kernel.LinuxFile("kernel/irq/handle.c")
public final class Irq {
    /** An interrupt handler, as irq_handler_t. */
    @FunctionalInterface
    public interface Handler {
        void handle(int irq, int cpu);
    }

    private record Action(String name, Handler handler, long[] counts) {}

    private final Kernel kernel;
    private final int cpus;
    /** irq_desc by line; guarded by the running thread. */
    private final Map<Integer, Action> descs = new TreeMap<>();

    public Irq(Kernel kernel, int cpus) {
        this.kernel = kernel;
        this.cpus = cpus;
    }

    /** Installs a handler: 0, or -EBUSY if the line has one. */
    public int request_irq(int irq, String name, Handler handler) {
        if (descs.containsKey(irq)) {
            return -org.jstap.sim.kernel.Errno.EBUSY;
        }
        descs.put(irq, new Action(name, handler, new long[cpus]));
        return 0;
    }

    /** The entry the interrupt controller calls. */
    public void do_IRQ(int irq, int cpu) {
        Action a = descs.get(irq);
        if (a == null) {
            kernel.printk().pr_err("unexpected IRQ trap at vector " + irq);
            return;
        }
        int previous = kernel.set_processor_id(cpu);
        kernel.softirq().irq_enter(cpu);
        try {
            a.counts[cpu]++;
            kernel.trace().irq_handler_entry(irq, a.name());
            a.handler.handle(irq, cpu);
            kernel.trace().irq_handler_exit(irq, 1);
        } finally {
            kernel.softirq().irq_exit(cpu);
            kernel.set_processor_id(previous);
        }
    }

    /** kstat_irqs: the interrupts line {@code irq} has taken, on all CPUs (0 for an unused line). */
    public long kstat_irqs(int irq) {
        Action a = descs.get(irq);
        long n = 0;
        if (a != null) {
            for (long c : a.counts) {
                n += c;
            }
        }
        return n;
    }

    /** nr_irqs: one more than the highest line with a handler. */
    public int nr_irqs() {
        return descs.isEmpty() ? 0 : ((TreeMap<Integer, Action>) descs).lastKey() + 1;
    }

    /** /proc/interrupts. */
    public String proc_interrupts() {
        StringBuilder out = new StringBuilder("    ");
        for (int cpu = 0; cpu < cpus; cpu++) {
            out.append(String.format("       CPU%d", cpu));
        }
        out.append('\n');
        for (var e : descs.entrySet()) {
            out.append(String.format("%3d:", e.getKey()));
            for (long c : e.getValue().counts) {
                out.append(String.format(" %10d", c));
            }
            out.append("  RISC-V INTC  ").append(e.getValue().name()).append('\n');
        }
        return out.toString();
    }
}
