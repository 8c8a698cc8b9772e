package org.jstap.sim.kernel.irq;

import java.util.Map;
import java.util.TreeMap;
import org.jstap.sim.Kernel;

/**
 * kernel/irq/handle.c and irqdesc.c: the kernel's side of interrupts. Drivers register a
 * handler per line with {@link #request_irq} and give it back with {@link #free_irq}; the
 * controller enters through {@link #do_IRQ}, which counts per CPU (for /proc/interrupts), runs
 * the handler, then the softirqs.
 */
@org.jstap.sim.kernel.LinuxFile("kernel/irq/handle.c")
public final class Irq {
    /** irqreturn_t: the interrupt was not from this device. */
    public static final int IRQ_NONE = 0;
    /** irqreturn_t: the device raised it and the handler dealt with it. */
    public static final int IRQ_HANDLED = 1;

    /** An interrupt handler for a line that is always its device's, told the CPU it runs on. */
    @FunctionalInterface
    public interface Handler {
        void handle(int irq, int cpu);
    }

    /**
     * irq_handler_t: {@code irqreturn_t (*)(int irq, void *dev_id)}. A handler that finds its
     * device did not interrupt (a read cause register of 0) answers IRQ_NONE.
     */
    @FunctionalInterface
    public interface IrqHandler {
        int handle(int irq, Object dev_id);
    }

    private record Action(String name, IrqHandler handler, Object dev_id, long[] counts) {}

    private final Kernel kernel;
    private final int cpus;
    /** irq_desc by line; guarded by the running thread. */
    private final Map<Integer, Action> descs = new TreeMap<>();

    public Irq(Kernel kernel, int cpus) {
        this.kernel = kernel;
        this.cpus = cpus;
    }

    /**
     * Installs a handler that always handles its line and is told the CPU: 0, or -EBUSY if the
     * line has one. (An overload of the Linux signature below; each installs on its own, so a
     * probe on either sees a call once.)
     */
    public int request_irq(int irq, String name, Handler handler) {
        return setupIrq(irq, (i, dev_id) -> {
            handler.handle(i, kernel.smp_processor_id());
            return IRQ_HANDLED;
        }, name, null);
    }

    /**
     * request_irq: {@code handler} serves line {@code irq} for the device {@code dev_id} (what
     * it is called with, and what {@link #free_irq} names); 0, or -EBUSY if the line has a
     * handler (lines are not shared here, whatever {@code flags} say), -EINVAL without a handler.
     */
    public int request_irq(int irq, IrqHandler handler, long flags, String name, Object dev_id) {
        if (handler == null) {
            return -org.jstap.sim.kernel.Errno.EINVAL;
        }
        return setupIrq(irq, handler, name, dev_id);
    }

    /** __setup_irq: the action onto the line's descriptor, unless it has one. */
    private int setupIrq(int irq, IrqHandler handler, String name, Object dev_id) {
        if (descs.containsKey(irq)) {
            return -org.jstap.sim.kernel.Errno.EBUSY;
        }
        descs.put(irq, new Action(name, handler, dev_id, new long[cpus]));
        return 0;
    }

    /**
     * free_irq: the handler {@code dev_id} installed on {@code irq} is removed (its counts go
     * with it, as the line leaves /proc/interrupts); its name, or null with Linux's warning if
     * there was none.
     */
    public String free_irq(int irq, Object dev_id) {
        Action a = descs.get(irq);
        if (a == null || a.dev_id() != dev_id) {
            kernel.printk().pr_warn("Trying to free already-free IRQ " + irq);
            return null;
        }
        descs.remove(irq);
        return a.name();
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
            int ret = a.handler.handle(irq, a.dev_id());
            kernel.trace().irq_handler_exit(irq, ret);
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
