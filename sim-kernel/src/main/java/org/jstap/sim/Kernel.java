package org.jstap.sim;

import java.util.function.BooleanSupplier;
import org.jstap.sim.hw.Hardware;
import org.jstap.sim.init.Main;
import org.jstap.sim.kernel.Softirq;
import org.jstap.sim.kernel.irq.Irq;
import org.jstap.sim.kernel.module.ModuleLoader;
import org.jstap.sim.kernel.printk.Printk;
import org.jstap.sim.kernel.relay.Relay;
import org.jstap.sim.kernel.time.Hrtimers;
import org.jstap.sim.kernel.time.Tick;
import org.jstap.sim.kernel.time.Timekeeping;
import org.jstap.sim.kernel.time.Timers;

/**
 * One simulated machine and the kernel running on it. Several may exist in one JVM; nothing in
 * the kernel is static, every subsystem reaches the others through this object.
 *
 * <pre>{@code
 * Kernel k = Kernel.boot(KernelConfig.defaults());
 * k.run_until(() -> false, 1_000_000_000L);   // one virtual second
 * k.printk().dmesg().forEach(System.out::println);
 * }</pre>
 */
public final class Kernel {
    /** {@code uname -r}. */
    public static final String RELEASE = "6.1.0-jstap";
    /** {@code uname -m}. */
    public static final String MACHINE = "riscv64";

    private final KernelConfig config;
    private final KernelParams params = KernelParams.DEFAULTS;
    private final Hardware hardware;
    private final Timekeeping timekeeping;
    private final Hrtimers hrtimers;
    private final Timers timers;
    private final Softirq softirq;
    private final Irq irq;
    private final Tick tick;
    private final Printk printk;
    private final org.jstap.sim.kernel.time.Clocksource clocksource;
    private final org.jstap.sim.init.Initcalls initcalls = new org.jstap.sim.init.Initcalls();
    private final Relay relay;
    private final ModuleLoader modules;
    private final Main main;
    private final org.jstap.sim.kernel.kprobes.Kprobes kprobes;
    private final org.jstap.sim.kernel.sched.Core sched;
    private final org.jstap.sim.kernel.Profile profile = new org.jstap.sim.kernel.Profile(this);
    private final org.jstap.sim.kernel.trace.Tracepoints tracepoints = new org.jstap.sim.kernel.trace.Tracepoints();
    private final org.jstap.sim.kernel.trace.TraceEvents trace = new org.jstap.sim.kernel.trace.TraceEvents(tracepoints);

    /** The kernel whose code this host thread is running, for probes to tell kernels apart. */
    private static final ThreadLocal<Kernel> CURRENT = new ThreadLocal<>();

    private Kernel(KernelConfig config) {
        this.config = config;
        this.hardware = new Hardware(config);
        this.timekeeping = new Timekeeping(hardware);
        this.hrtimers = new Hrtimers(hardware);
        this.timers = new Timers(timekeeping);
        this.softirq = new Softirq(this, config.cpus());
        this.irq = new Irq(this, config.cpus());
        this.tick = new Tick(this);
        this.printk = new Printk(timekeeping);
        this.clocksource = new org.jstap.sim.kernel.time.Clocksource(printk);
        this.relay = new Relay();
        this.modules = new ModuleLoader(this);
        this.main = new Main(this);
        this.kprobes = new org.jstap.sim.kernel.kprobes.Kprobes(this);
        this.sched = new org.jstap.sim.kernel.sched.Core(this, config.cpus());
        this.hrtimers.set_trace(trace);
        register_initcalls();
    }

    /** What the initcall sections hold: each subsystem's boot-time setup, at its level. */
    private void register_initcalls() {
        initcalls.register(org.jstap.sim.init.InitcallLevel.CORE, "init_jiffies_clocksource",
                clocksource::init_jiffies_clocksource);
        initcalls.register(org.jstap.sim.init.InitcallLevel.FS, "clocksource_done_booting",
                clocksource::clocksource_done_booting);
    }

    /** The CPU running kernel code now (interrupt handler or task); 0 outside both. */
    private int currentCpu;

    /** smp_processor_id(). */
    public int smp_processor_id() {
        return currentCpu;
    }

    /** Switches the CPU the running code is on; returns the previous one, to restore. */
    public int set_processor_id(int cpu) {
        int previous = currentCpu;
        currentCpu = cpu;
        return previous;
    }

    /** Marks this host thread as running this kernel's code (a task's thread, when it starts). */
    public void bind_current_thread() {
        CURRENT.set(this);
    }

    /** The kernel running on this thread (set while it boots or runs), or null. */
    public static Kernel current() {
        return CURRENT.get();
    }

    /** Builds the machine and runs the boot path up to the point where init would start. */
    public static Kernel boot(KernelConfig config) {
        Kernel kernel = create(config);
        kernel.start_kernel();
        return kernel;
    }

    /**
     * The machine powered on with its kernel loaded but not started: probes can be attached before
     * {@link #start_kernel} runs, to trace the boot itself ({@code jstap --boot}).
     */
    public static Kernel create(KernelConfig config) {
        return new Kernel(config);
    }

    /** Jumps to the kernel's entry: init/main.c start_kernel and the rest of boot. */
    public void start_kernel() {
        Kernel previous = CURRENT.get();
        CURRENT.set(this);
        try {
            main.start_kernel();
        } finally {
            CURRENT.set(previous);
        }
    }

    /**
     * Lets the machine run (today: idle CPUs serving timer interrupts) until {@code done} holds or
     * virtual time reaches {@code deadlineNs}. Returns true if {@code done} ended it.
     */
    public boolean run_until(BooleanSupplier done, long deadlineNs) {
        Kernel previous = CURRENT.get();
        CURRENT.set(this);
        try {
            while (!done.getAsBoolean()) {
                long now = hardware.now();
                long nextEvent = hardware.events().peekTime();
                if (nextEvent > now && sched.has_runnable()) {
                    if (now >= deadlineNs) {
                        return false;
                    }
                    // CPUs with work run until the next interrupt is due
                    sched.run_one(Math.min(nextEvent, deadlineNs));
                    continue;
                }
                if (!hardware.step(deadlineNs)) {
                    return done.getAsBoolean();
                }
            }
            return true;
        } finally {
            CURRENT.set(previous);
        }
    }

    public KernelConfig config() {
        return config;
    }

    public KernelParams params() {
        return params;
    }

    public Hardware hardware() {
        return hardware;
    }

    public Timekeeping timekeeping() {
        return timekeeping;
    }

    public Hrtimers hrtimers() {
        return hrtimers;
    }

    public Timers timers() {
        return timers;
    }

    public Softirq softirq() {
        return softirq;
    }

    public Irq irq() {
        return irq;
    }

    public Tick tick() {
        return tick;
    }

    public Printk printk() {
        return printk;
    }

    public org.jstap.sim.kernel.time.Clocksource clocksource() {
        return clocksource;
    }

    public org.jstap.sim.init.Initcalls initcalls() {
        return initcalls;
    }

    /** init/main.c: the boot path and what it read from the command line. */
    public Main init() {
        return main;
    }

    public Relay relay() {
        return relay;
    }

    public org.jstap.sim.kernel.kprobes.Kprobes kprobes() {
        return kprobes;
    }

    public org.jstap.sim.kernel.sched.Core sched() {
        return sched;
    }

    public org.jstap.sim.kernel.Profile profile() {
        return profile;
    }

    public org.jstap.sim.kernel.trace.Tracepoints tracepoints() {
        return tracepoints;
    }

    /** The trace events kernel code emits (trace_sched_switch() and friends). */
    public org.jstap.sim.kernel.trace.TraceEvents trace() {
        return trace;
    }

    public ModuleLoader modules() {
        return modules;
    }
}
