package org.jstap.sim;

import java.util.function.BooleanSupplier;
import org.jstap.sim.arch.riscv.Fault;
import org.jstap.sim.arch.riscv.Pgtable;
import org.jstap.sim.arch.riscv.Traps;
import org.jstap.sim.arch.riscv.Uaccess;
import org.jstap.sim.drivers.tty.Console;
import org.jstap.sim.fs.BinfmtJava;
import org.jstap.sim.fs.Exec;
import org.jstap.sim.fs.Initramfs;
import org.jstap.sim.hw.Hardware;
import org.jstap.sim.hw.Mmu;
import org.jstap.sim.hw.Ram;
import org.jstap.sim.init.InitcallLevel;
import org.jstap.sim.init.Initcalls;
import org.jstap.sim.init.Main;
import org.jstap.sim.kernel.Exit;
import org.jstap.sim.kernel.Fork;
import org.jstap.sim.kernel.Kthread;
import org.jstap.sim.kernel.Pid;
import org.jstap.sim.kernel.Profile;
import org.jstap.sim.arch.riscv.Io;
import org.jstap.sim.block.BlkMq;
import org.jstap.sim.drivers.block.VirtioBlk;
import org.jstap.sim.drivers.rtc.RtcGoldfish;
import org.jstap.sim.drivers.tty.serial.Serial8250;
import org.jstap.sim.kernel.Softirq;
import org.jstap.sim.kernel.Tasklets;
import org.jstap.sim.kernel.workqueue.Workqueue;
import org.jstap.sim.kernel.Sys;
import org.jstap.sim.kernel.irq.Irq;
import org.jstap.sim.kernel.kprobes.Kprobes;
import org.jstap.sim.kernel.module.ModuleLoader;
import org.jstap.sim.kernel.printk.Printk;
import org.jstap.sim.kernel.relay.Relay;
import org.jstap.sim.kernel.sched.Core;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.sched.Wait;
import org.jstap.sim.kernel.signal.Signal;
import org.jstap.sim.kernel.time.Clocksource;
import org.jstap.sim.kernel.time.HrtimerNanosleep;
import org.jstap.sim.kernel.time.Hrtimers;
import org.jstap.sim.kernel.time.Tick;
import org.jstap.sim.kernel.time.Timekeeping;
import org.jstap.sim.kernel.time.Timers;
import org.jstap.sim.kernel.trace.TraceEvents;
import org.jstap.sim.kernel.trace.Tracepoints;
import org.jstap.sim.mm.Memory;
import org.jstap.sim.mm.Mmap;
import org.jstap.sim.mm.OomKill;
import org.jstap.sim.mm.PageAlloc;
import org.jstap.sim.mm.Slub;
import org.jstap.sim.userland.Userland;
import org.jstap.sim.drivers.char_.Random;
import org.jstap.sim.kernel.Utsname;
import org.jstap.sim.kernel.futex.FutexSyscalls;
import org.jstap.sim.kernel.sched.Loadavg;
import org.jstap.sim.kernel.time.PosixTimers;
import org.jstap.sim.kernel.time.Time;
import org.jstap.sim.mm.Madvise;

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
    private final Io io;
    private final Serial8250 serial;
    private final Serial8250 serial1;
    private final Console console1;
    private final RtcGoldfish rtc;
    private final BlkMq block;
    private final VirtioBlk virtioBlk;
    private final Tasklets tasklets;
    private final Workqueue workqueue;
    private final Irq irq;
    private final Tick tick;
    private final Printk printk;
    private final Clocksource clocksource;
    private final Initcalls initcalls = new Initcalls();
    private final Relay relay;
    private final ModuleLoader modules;
    private final Main main;
    private final Kprobes kprobes;
    private final Core sched;
    private final Profile profile = new Profile(this);
    private final Tracepoints tracepoints = new Tracepoints();
    private final TraceEvents trace = new TraceEvents(tracepoints);
    private final Ram ram;
    private final Mmu mmu;
    private final PageAlloc pageAlloc;
    private final Slub slab;
    private final Pgtable pgtable;
    private final org.jstap.sim.arch.riscv.Tlbflush tlbflush;
    private final Memory memory;
    private final Mmap mmap;
    private final OomKill oom;
    private final Fault fault;
    private final Uaccess uaccess;
    private final Pid pid;
    private final Fork fork;
    private final Exit exit;
    private final Signal signal;
    private final Wait wait;
    private final Kthread kthread;
    private final Sys sys;
    private final Console console;
    private final HrtimerNanosleep nanosleep;
    private final Initramfs initramfs = new Initramfs();
    private final org.jstap.sim.fs.Vfs vfs;
    private final org.jstap.sim.init.InitramfsUnpack initramfsUnpack;
    private final org.jstap.sim.drivers.base.Devtmpfs devtmpfs;
    private final org.jstap.sim.drivers.char_.Mem mem;
    private final org.jstap.sim.kernel.Umh umh;
    private final org.jstap.sim.kernel.printk.Syslog syslog;
    private final Exec exec;
    private final org.jstap.sim.fs.hostfs.Hostfs hostfs;
    private final BinfmtJava binfmtJava;
    private final org.jstap.sim.fs.proc.Root proc;
    private final Traps traps;
    private final Utsname utsname = new Utsname();
    private final Random random;
    private final Loadavg loadavg;
    private final Time time;
    private final PosixTimers posixTimers;
    private final Madvise madvise;
    private final FutexSyscalls futex;
    private final org.jstap.sim.net.core.Net net;
    private final org.jstap.sim.drivers.net.e1000.E1000Main e1000;

    /** The kernel whose code this host thread is running, for probes to tell kernels apart. */
    private static final ThreadLocal<Kernel> CURRENT = new ThreadLocal<>();

    private Kernel(KernelConfig config) {
        this.config = config;
        this.hardware = new Hardware(config);
        this.timekeeping = new Timekeeping(hardware);
        this.hrtimers = new Hrtimers(hardware);
        this.timers = new Timers(timekeeping);
        this.softirq = new Softirq(this, config.cpus());
        this.io = new Io(hardware.mmio());
        this.serial = new Serial8250(this, io, 0);
        this.serial1 = new Serial8250(this, io, 1);
        this.rtc = new RtcGoldfish(this, io);
        this.block = new BlkMq(this);
        this.virtioBlk = new VirtioBlk(this, io);
        this.tasklets = new Tasklets(this, config.cpus());
        this.workqueue = new Workqueue(this, config.cpus());
        this.irq = new Irq(this, config.cpus());
        this.tick = new Tick(this);
        this.printk = new Printk(timekeeping);
        this.clocksource = new Clocksource(printk);
        this.relay = new Relay();
        this.modules = new ModuleLoader(this);
        this.main = new Main(this);
        this.kprobes = new Kprobes(this);
        this.sched = new Core(this, config.cpus());
        this.hrtimers.set_trace(trace);
        this.ram = hardware.ram();
        this.mmu = new Mmu(ram);
        this.pageAlloc = new PageAlloc(this, ram);
        this.slab = new Slub(this, pageAlloc, config.cpus());
        this.pgtable = new Pgtable(ram, pageAlloc);
        this.tlbflush = new org.jstap.sim.arch.riscv.Tlbflush(hardware);
        this.memory = new Memory(this, pageAlloc, pgtable);
        this.mmap = new Mmap(this, pgtable, memory);
        this.oom = new OomKill(this);
        this.pageAlloc.set_oom(oom::out_of_memory);
        this.fault = new Fault(this);
        this.uaccess = new Uaccess(this);
        this.pid = new Pid(this);
        this.fork = new Fork(this);
        this.exit = new Exit(this);
        this.signal = new Signal(this);
        this.wait = new Wait(this);
        this.kthread = new Kthread(this);
        this.sys = new Sys(this);
        this.console = new Console(this, serial, 0);
        this.console1 = new Console(this, serial1, 1);
        this.nanosleep = new HrtimerNanosleep(this);
        this.vfs = new org.jstap.sim.fs.Vfs(this);
        this.initramfsUnpack = new org.jstap.sim.init.InitramfsUnpack(this);
        this.devtmpfs = new org.jstap.sim.drivers.base.Devtmpfs(this);
        this.mem = new org.jstap.sim.drivers.char_.Mem(this);
        this.exec = new Exec(this);
        this.umh = new org.jstap.sim.kernel.Umh(this);
        this.syslog = new org.jstap.sim.kernel.printk.Syslog(this);
        this.hostfs = new org.jstap.sim.fs.hostfs.Hostfs(this);
        this.binfmtJava = new BinfmtJava(this);
        this.random = new Random(this);
        this.loadavg = new Loadavg(this);
        this.time = new Time(this);
        this.posixTimers = new PosixTimers(this);
        this.madvise = new Madvise(this);
        this.futex = new FutexSyscalls(this);
        this.net = new org.jstap.sim.net.core.Net(this);
        this.traps = new Traps(this);
        this.fork.set_user_start(traps::ret_from_fork);
        Userland.install(initramfs, binfmtJava);
        this.proc = new org.jstap.sim.fs.proc.Root(this);
        this.e1000 = new org.jstap.sim.drivers.net.e1000.E1000Main(this, io);
        register_initcalls();
    }

    /** What the initcall sections hold: each subsystem's boot-time setup, at its level. */
    private void register_initcalls() {
        initcalls.register(InitcallLevel.EARLY, "spawn_ksoftirqd", softirq::spawn_ksoftirqd);
        initcalls.register(InitcallLevel.CORE, "init_jiffies_clocksource",
                clocksource::init_jiffies_clocksource);
        // net/socket.c links after kernel/
        initcalls.register(InitcallLevel.CORE, "sock_init", net.sockets()::sock_init);
        initcalls.register(InitcallLevel.FS, "clocksource_done_booting",
                clocksource::clocksource_done_booting);
        initcalls.register(InitcallLevel.DEVICE, "serial8250_init", () -> {
            int r = serial.serial8250_init();
            return r != 0 ? r : serial1.serial8250_init();
        });
        initcalls.register(InitcallLevel.SUBSYS, "net_dev_init", net.dev()::net_dev_init);
        initcalls.register(InitcallLevel.DEVICE, "goldfish_rtc_probe", rtc::goldfish_rtc_probe);
        initcalls.register(InitcallLevel.DEVICE, "virtio_blk_init", virtioBlk::virtio_blk_init);
        initcalls.register(InitcallLevel.DEVICE, "e1000_init_module", e1000::e1000_init_module);
        initcalls.register(InitcallLevel.LATE, "rtc_hctosys", rtc::rtc_hctosys);
        initcalls.register(InitcallLevel.LATE, "ip_auto_config", net.ipv4().ipconfig()::ip_auto_config);
        initcalls.register(InitcallLevel.CORE, "init_elf_binfmt", () -> {
            exec.register_binfmt(new org.jstap.sim.fs.BinfmtElf(this));
            return 0;
        });
        initcalls.register(InitcallLevel.FS, "init_java_binfmt", () -> {
            exec.register_binfmt(binfmtJava);
            return 0;
        });
        initcalls.register(InitcallLevel.FS, "init_script_binfmt", () -> {
            exec.register_binfmt(new org.jstap.sim.fs.BinfmtScript(this));
            return 0;
        });
        initcalls.register(InitcallLevel.FS, "chr_dev_init", mem::chr_dev_init);
        initcalls.register(InitcallLevel.FS, "proc_root_init", proc::proc_root_init);
        initcalls.register(InitcallLevel.FS, "init_ext2_fs", new org.jstap.sim.fs.ext2.Super(this)::init_ext2_fs);
        initcalls.register(InitcallLevel.FS, "init_hostfs", hostfs::init_hostfs);
        // net/ipv4 links before net/unix; both after proc_root_init, which makes /proc/net
        initcalls.register(InitcallLevel.FS, "inet_init", net.ipv4().af_inet()::inet_init);
        initcalls.register(InitcallLevel.FS, "af_unix_init", net.unix()::af_unix_init);
        // rootfs_initcall: after the fs level proper
        initcalls.register(InitcallLevel.FS, "populate_rootfs", initramfsUnpack::populate_rootfs);
        initcalls.register(InitcallLevel.DEVICE, "tty_init", () -> {
            int r = console.tty_init();
            return r != 0 ? r : console1.tty_init();
        });
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
        enter_start_kernel();
        // the boot goes on in kernel_init (pid 1) until it starts init
        run_until(main::booted, Long.MAX_VALUE);
    }

    /**
     * The boot CPU's part of start_kernel, up to rest_init: the rest of the boot runs in pid 1 and
     * needs the machine loop. {@link Cluster} calls this for each of its machines and then runs
     * them together until every one has booted ({@code init().booted()}).
     */
    public void enter_start_kernel() {
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

    /** Register access for drivers (readl/writel). */
    public Io io() {
        return io;
    }

    /** The 8250 driver of ttyS0. */
    public Serial8250 serial() {
        return serial;
    }

    public RtcGoldfish rtc() {
        return rtc;
    }

    /** The block layer. */
    public BlkMq block() {
        return block;
    }

    public VirtioBlk virtio_blk() {
        return virtioBlk;
    }

    public Tasklets tasklets() {
        return tasklets;
    }

    public Workqueue workqueue() {
        return workqueue;
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

    public Clocksource clocksource() {
        return clocksource;
    }

    public Initcalls initcalls() {
        return initcalls;
    }

    /** init/main.c: the boot path and what it read from the command line. */
    public Main init() {
        return main;
    }

    public Relay relay() {
        return relay;
    }

    public Kprobes kprobes() {
        return kprobes;
    }

    public Core sched() {
        return sched;
    }

    public Profile profile() {
        return profile;
    }

    public Tracepoints tracepoints() {
        return tracepoints;
    }

    /** The trace events kernel code emits (trace_sched_switch() and friends). */
    public TraceEvents trace() {
        return trace;
    }

    public ModuleLoader modules() {
        return modules;
    }

    public Ram ram() {
        return ram;
    }

    public Mmu mmu() {
        return mmu;
    }

    public PageAlloc page_alloc() {
        return pageAlloc;
    }

    public Slub slab() {
        return slab;
    }

    /** The harts' TLB shootdowns (sfence.vma). */
    public org.jstap.sim.arch.riscv.Tlbflush tlbflush() {
        return tlbflush;
    }

    public Pgtable pgtable() {
        return pgtable;
    }

    public Memory memory() {
        return memory;
    }

    public Mmap mmap() {
        return mmap;
    }

    public OomKill oom() {
        return oom;
    }

    public Fault fault() {
        return fault;
    }

    public Uaccess uaccess() {
        return uaccess;
    }

    public Pid pid() {
        return pid;
    }

    public Fork fork() {
        return fork;
    }

    public Exit exit() {
        return exit;
    }

    public Signal signal() {
        return signal;
    }

    public Wait waitq() {
        return wait;
    }

    public Kthread kthread() {
        return kthread;
    }

    public Sys sys() {
        return sys;
    }

    /** The terminal on serial port 1, ttyS1 (a -c command's stderr). */
    public Console tty_serial1() {
        return console1;
    }

    /** The console init's descriptors 0-2 write to. */
    public Console console() {
        return console;
    }

    public HrtimerNanosleep nanosleep() {
        return nanosleep;
    }

    /** The virtual file system: caches, mounts and the file syscalls. */
    public org.jstap.sim.fs.Vfs vfs() {
        return vfs;
    }

    /** procfs (fs/proc/root.c). */
    public org.jstap.sim.fs.proc.Root proc() {
        return proc;
    }

    /** fs/hostfs: host directories in the machine; the configuration's shares are mounted at boot. */
    public org.jstap.sim.fs.hostfs.Hostfs hostfs() {
        return hostfs;
    }

    public org.jstap.sim.drivers.base.Devtmpfs devtmpfs() {
        return devtmpfs;
    }

    /** syslog(2): the kernel log for dmesg and klogd. */
    public org.jstap.sim.kernel.printk.Syslog syslog() {
        return syslog;
    }

    /** call_usermodehelper: user programs started by the kernel (jstap -c). */
    public org.jstap.sim.kernel.Umh umh() {
        return umh;
    }

    public Initramfs initramfs() {
        return initramfs;
    }

    public Exec exec() {
        return exec;
    }

    public BinfmtJava binfmt_java() {
        return binfmtJava;
    }

    public Traps traps() {
        return traps;
    }

    /** The machine's names (init_uts_ns): what uname reports and sethostname changes. */
    public Utsname utsname() {
        return utsname;
    }

    /** The random number generator (drivers/char/random.c). */
    public Random random() {
        return random;
    }

    public Loadavg loadavg() {
        return loadavg;
    }

    /** kernel/time/time.c: gettimeofday and the timespec helpers. */
    public Time time() {
        return time;
    }

    public PosixTimers posix_timers() {
        return posixTimers;
    }

    public Madvise madvise() {
        return madvise;
    }

    public FutexSyscalls futex() {
        return futex;
    }

    /** The network stack: init_net's devices and the net/core, net/sched and net/ethernet subsystems. */
    public org.jstap.sim.net.core.Net net() {
        return net;
    }

    /** The e1000 driver (drivers/net/ethernet/intel/e1000): eth0 on a board with the NIC. */
    public org.jstap.sim.drivers.net.e1000.E1000Main e1000() {
        return e1000;
    }

    /**
     * kernel_power_off: the machine is switched off and every task's host thread ends. Nothing
     * runs on this machine afterwards; its state can still be read.
     */
    public void kernel_power_off() {
        Kernel previous = CURRENT.get();
        CURRENT.set(this);
        try {
            sched.power_off();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** An exception escaped kernel code running for {@code task}: the oops report in dmesg. */
    public void oops(Throwable bug, TaskStruct task) {
        printk.printk(Printk.KERN_ALERT, "Oops: " + bug + " [#1] SMP");
        printk.printk(Printk.KERN_ALERT, "CPU: " + currentCpu + " PID: " + task.pid
                + " Comm: " + task.comm + " " + RELEASE);
        printk.printk(Printk.KERN_ALERT, "Call Trace:");
        for (StackTraceElement e : bug.getStackTrace()) {
            if (e.getClassName().startsWith("org.jstap.sim.")) {
                printk.printk(Printk.KERN_ALERT, " [<" + e.getMethodName() + ">] "
                        + e.getFileName() + ":" + e.getLineNumber());
            }
        }
    }
}
