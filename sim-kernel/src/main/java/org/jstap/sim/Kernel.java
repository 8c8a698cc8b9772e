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
    private final org.jstap.sim.hw.Ram ram;
    private final org.jstap.sim.hw.Mmu mmu;
    private final org.jstap.sim.mm.PageAlloc pageAlloc;
    private final org.jstap.sim.mm.Slub slab;
    private final org.jstap.sim.arch.riscv.Pgtable pgtable;
    private final org.jstap.sim.mm.Memory memory;
    private final org.jstap.sim.mm.Mmap mmap;
    private final org.jstap.sim.arch.riscv.Fault fault;
    private final org.jstap.sim.arch.riscv.Uaccess uaccess;
    private final org.jstap.sim.kernel.Pid pid;
    private final org.jstap.sim.kernel.Fork fork;
    private final org.jstap.sim.kernel.Exit exit;
    private final org.jstap.sim.kernel.signal.Signal signal;
    private final org.jstap.sim.kernel.sched.Wait wait;
    private final org.jstap.sim.kernel.Kthread kthread;
    private final org.jstap.sim.kernel.Sys sys;
    private final org.jstap.sim.drivers.tty.Console console;
    private final org.jstap.sim.kernel.time.HrtimerNanosleep nanosleep;
    private final org.jstap.sim.fs.Initramfs initramfs = new org.jstap.sim.fs.Initramfs();
    private final org.jstap.sim.fs.Exec exec;
    private final org.jstap.sim.fs.BinfmtJava binfmtJava;
    private final org.jstap.sim.arch.riscv.Traps traps;

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
        this.ram = new org.jstap.sim.hw.Ram((long) config.memoryMiB() << 20);
        this.mmu = new org.jstap.sim.hw.Mmu(ram);
        this.pageAlloc = new org.jstap.sim.mm.PageAlloc(this, ram);
        this.slab = new org.jstap.sim.mm.Slub(this, pageAlloc, config.cpus());
        this.pgtable = new org.jstap.sim.arch.riscv.Pgtable(ram, pageAlloc);
        this.memory = new org.jstap.sim.mm.Memory(this, pageAlloc, pgtable);
        this.mmap = new org.jstap.sim.mm.Mmap(this, pgtable, memory);
        this.fault = new org.jstap.sim.arch.riscv.Fault(this);
        this.uaccess = new org.jstap.sim.arch.riscv.Uaccess(this);
        this.pid = new org.jstap.sim.kernel.Pid(this);
        this.fork = new org.jstap.sim.kernel.Fork(this);
        this.exit = new org.jstap.sim.kernel.Exit(this);
        this.signal = new org.jstap.sim.kernel.signal.Signal(this);
        this.wait = new org.jstap.sim.kernel.sched.Wait(this);
        this.kthread = new org.jstap.sim.kernel.Kthread(this);
        this.sys = new org.jstap.sim.kernel.Sys(this);
        this.console = new org.jstap.sim.drivers.tty.Console(this);
        this.nanosleep = new org.jstap.sim.kernel.time.HrtimerNanosleep(this);
        this.exec = new org.jstap.sim.fs.Exec(this, initramfs);
        this.binfmtJava = new org.jstap.sim.fs.BinfmtJava(this);
        this.traps = new org.jstap.sim.arch.riscv.Traps(this);
        this.fork.set_user_start(traps::ret_from_fork);
        org.jstap.sim.userland.Userland.install(initramfs, binfmtJava);
        register_initcalls();
    }

    /** What the initcall sections hold: each subsystem's boot-time setup, at its level. */
    private void register_initcalls() {
        initcalls.register(org.jstap.sim.init.InitcallLevel.FS, "init_java_binfmt", () -> {
            exec.register_binfmt(binfmtJava);
            return 0;
        });
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
        // the boot goes on in kernel_init (pid 1) until it starts init
        run_until(main::booted, Long.MAX_VALUE);
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

    public org.jstap.sim.hw.Ram ram() {
        return ram;
    }

    public org.jstap.sim.hw.Mmu mmu() {
        return mmu;
    }

    public org.jstap.sim.mm.PageAlloc page_alloc() {
        return pageAlloc;
    }

    public org.jstap.sim.mm.Slub slab() {
        return slab;
    }

    public org.jstap.sim.arch.riscv.Pgtable pgtable() {
        return pgtable;
    }

    public org.jstap.sim.mm.Memory memory() {
        return memory;
    }

    public org.jstap.sim.mm.Mmap mmap() {
        return mmap;
    }

    public org.jstap.sim.arch.riscv.Fault fault() {
        return fault;
    }

    public org.jstap.sim.arch.riscv.Uaccess uaccess() {
        return uaccess;
    }

    public org.jstap.sim.kernel.Pid pid() {
        return pid;
    }

    public org.jstap.sim.kernel.Fork fork() {
        return fork;
    }

    public org.jstap.sim.kernel.Exit exit() {
        return exit;
    }

    public org.jstap.sim.kernel.signal.Signal signal() {
        return signal;
    }

    public org.jstap.sim.kernel.sched.Wait waitq() {
        return wait;
    }

    public org.jstap.sim.kernel.Kthread kthread() {
        return kthread;
    }

    public org.jstap.sim.kernel.Sys sys() {
        return sys;
    }

    /** The console init's descriptors 0-2 write to. */
    public org.jstap.sim.drivers.tty.Console console() {
        return console;
    }

    public org.jstap.sim.kernel.time.HrtimerNanosleep nanosleep() {
        return nanosleep;
    }

    public org.jstap.sim.fs.Initramfs initramfs() {
        return initramfs;
    }

    public org.jstap.sim.fs.Exec exec() {
        return exec;
    }

    public org.jstap.sim.fs.BinfmtJava binfmt_java() {
        return binfmtJava;
    }

    public org.jstap.sim.arch.riscv.Traps traps() {
        return traps;
    }

    /** An exception escaped kernel code running for {@code task}: the oops report in dmesg. */
    public void oops(Throwable bug, org.jstap.sim.kernel.sched.TaskStruct task) {
        printk.printk(org.jstap.sim.kernel.printk.Printk.KERN_ALERT, "Oops: " + bug + " [#1] SMP");
        printk.printk(org.jstap.sim.kernel.printk.Printk.KERN_ALERT, "CPU: " + currentCpu + " PID: " + task.pid
                + " Comm: " + task.comm + " " + RELEASE);
        printk.printk(org.jstap.sim.kernel.printk.Printk.KERN_ALERT, "Call Trace:");
        for (StackTraceElement e : bug.getStackTrace()) {
            if (e.getClassName().startsWith("org.jstap.sim.")) {
                printk.printk(org.jstap.sim.kernel.printk.Printk.KERN_ALERT, " [<" + e.getMethodName() + ">] "
                        + e.getFileName() + ":" + e.getLineNumber());
            }
        }
    }
}
