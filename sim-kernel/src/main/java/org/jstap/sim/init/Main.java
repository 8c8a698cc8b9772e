package org.jstap.sim.init;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jstap.sim.Kernel;
import org.jstap.sim.hw.Hardware;
import org.jstap.sim.kernel.Kallsyms;
import org.jstap.sim.kernel.Fork;
import org.jstap.sim.kernel.Params;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.printk.Printk;
import org.jstap.sim.kernel.time.Clocksource;

/**
 * init/main.c: the boot path, {@code start_kernel -> rest_init -> kernel_init}. Each step is its
 * own method so a boot-time script can probe it by name. The command line is read here too:
 * {@code __setup} handlers take the parameters they know, the rest are meant for init.
 */
@org.jstap.sim.kernel.LinuxFile("init/main.c")
public final class Main {
    /** Virtual cost of one boot step; keeps dmesg timestamps moving as on real hardware. */
    private static final long BOOT_STEP_NS = 4_000;

    private final Kernel kernel;
    /** The {@code __setup("name=", fn)} table: handlers of the parameters the kernel itself reads. */
    private final Map<String, Consumer<String>> setupHandlers = new LinkedHashMap<>();
    private boolean initcallDebug;
    private String executeCommand;
    private String rootDevice;
    private String consoleName;
    private final List<String> argvInit = new ArrayList<>();
    private final List<String> envpInit = new ArrayList<>();

    public Main(Kernel kernel) {
        this.kernel = kernel;
        setupHandlers.put("init=", value -> executeCommand = value);
        setupHandlers.put("initcall_debug", value -> initcallDebug = true);
        setupHandlers.put("root=", value -> rootDevice = value);
        setupHandlers.put("console=", value -> consoleName = value);
        setupHandlers.put("quiet", value -> kernel.printk().set_console_loglevel(Printk.CONSOLE_LOGLEVEL_QUIET));
        setupHandlers.put("debug", value -> kernel.printk().set_console_loglevel(Printk.CONSOLE_LOGLEVEL_DEBUG));
        setupHandlers.put("loglevel=", this::loglevel);
        setupHandlers.put("maxcpus=", this::maxcpus);
        setupHandlers.put("nosmp", value -> kernel.sched().set_nr_online(1));
        setupHandlers.put("hostname=", this::early_hostname);
        setupHandlers.put("ip=", value -> kernel.net().ipv4().ipconfig().ip_auto_config_setup(value));
    }

    /** init/version.c's {@code hostname=}: the node name the machine boots with, cut to 64 bytes. */
    void early_hostname(String arg) {
        byte[] name = arg.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int max = org.jstap.sim.kernel.Utsname.__NEW_UTS_LEN;
        if (name.length > max) {
            kernel.printk().pr_warn("hostname parameter exceeds " + max + " characters and will be truncated");
        }
        kernel.utsname().setNodename(name, Math.min(name.length, max));
    }

    public void start_kernel() {
        // The banner comes first, as linux_banner does.
        kernel.printk().pr_notice(org.jstap.sim.fs.proc.Version.LINUX_BANNER);
        // Per-architecture setup: the emulated board, its memory map and CPUs.
        setup_arch();
        // The command line as given with --append.
        kernel.printk().pr_notice("Kernel command line: " + kernel.config().cmdline());
        parse_args(kernel.config().cmdline());
        // Memory: the page allocator takes over all RAM but the kernel image.
        mm_init();
        // The scheduler's classes (and the fair class's balancing softirq).
        sched_init();
        // Deferred work: the system workqueues, before anything can queue to them.
        workqueue_init_early();
        // Interrupt entry: the controller now delivers to do_IRQ.
        init_IRQ();
        // The timer wheel and the softirqs that run it and the tasklets.
        init_timers();
        softirq_init();
        // Timekeeping and the periodic tick on every CPU.
        time_init();
        // The tty layer's console: what comes in on ttyS0 goes to /dev/console's input.
        console_init();
        // The VFS caches, and rootfs mounted as the root of the tree.
        vfs_caches_init();
        // Everything after this runs in the first kernel thread.
        rest_init();
    }

    void setup_arch() {
        step();
        kernel.printk().pr_info("Machine model: jstap simulated " + Kernel.MACHINE + " board, "
                + kernel.config().cpus() + " CPUs, " + kernel.config().memoryMiB() + " MiB RAM");
    }

    /** Pages the kernel image takes at the start of RAM (4 MiB). */
    static final int KERNEL_IMAGE_PAGES = 1024;

    void mm_init() {
        step();
        var pages = kernel.page_alloc();
        pages.memblock_free_all(KERNEL_IMAGE_PAGES);
        long totalK = kernel.ram().frames() * 4;
        kernel.printk().pr_info(String.format("Memory: %dK/%dK available (%dK kernel code, %dK reserved)",
                pages.nr_free_pages() * 4, totalK, KERNEL_IMAGE_PAGES * 4L, pages.reserved_pages() * 4));
    }

    void vfs_caches_init() {
        step();
        kernel.vfs().vfs_caches_init();
    }

    void sched_init() {
        step();
        kernel.sched().sched_init();
    }

    void console_init() {
        step();
        kernel.console().console_init();
        kernel.tty_serial1().console_init();
    }

    void workqueue_init_early() {
        step();
        kernel.workqueue().workqueue_init_early();
    }

    void init_timers() {
        step();
        kernel.softirq().open_softirq(org.jstap.sim.kernel.Softirq.TIMER_SOFTIRQ, kernel.timers()::run_timer_softirq);
    }

    void softirq_init() {
        step();
        kernel.tasklets().softirq_init();
    }

    void init_IRQ() {
        step();
        kernel.hardware().interruptController().install(kernel.irq()::do_IRQ);
        kernel.irq().request_irq(Hardware.TIMER_IRQ, "riscv-timer",
                (irq, cpu) -> kernel.hrtimers().hrtimer_interrupt(cpu));
    }

    void time_init() {
        step();
        kernel.tick().tick_init();
        kernel.clocksource().__clocksource_register(new Clocksource.Source("riscv_clocksource", 300, -1L));
    }

    /**
     * rest_init: the first tasks. kernel_init becomes pid 1 (and later init), kthreadd pid 2; the
     * boot CPU then becomes the idle task.
     */
    void rest_init() {
        step();
        kernel.fork().kernel_clone(new Fork.CloneArgs(Fork.CLONE_FS, 0, 0, 0, 0, 0, this::kernel_init, "swapper/0"));
        TaskStruct init = kernel.pid().find_task_by_vpid(1);
        // pid 1 is a user-mode thread, not a kernel thread: it will exec init
        init.flags &= ~TaskStruct.PF_KTHREAD;
        init.signal.pgrp = 1;
        init.signal.session = 1;
        long pid = kernel.fork().kernel_thread(kernel.kthread()::kthreadd, "kthreadd", Fork.CLONE_FS | Fork.CLONE_FILES);
        // kthreadd_task = find_task_by_pid_ns(pid): the parent of every kernel thread from now on
        kernel.kthread().set_kthreadd_task(kernel.pid().find_task_by_vpid((int) pid));
        kthreaddDone = true;
    }

    private boolean kthreaddDone;
    private boolean systemRunning;
    private final org.jstap.sim.kernel.sched.WaitQueueHead kthreaddStarted = new org.jstap.sim.kernel.sched.WaitQueueHead();

    /** kernel_init, the body of pid 1: finish booting, then become init. */
    void kernel_init() {
        step();
        kernel.waitq().wait_event(kthreaddStarted, () -> kthreaddDone);
        kernel_init_freeable();
        // SYSTEM_RUNNING: the boot is over once init starts
        systemRunning = true;
        if (executeCommand != null) {
            int ret = run_init_process(executeCommand);
            if (ret == 0) {
                return;
            }
            panic("Requested init " + executeCommand + " failed (error " + ret + ").");
        }
        for (String candidate : List.of("/sbin/init", "/etc/init", "/bin/init", "/bin/sh")) {
            if (run_init_process(candidate) == 0) {
                return;
            }
        }
        panic("No working init found.  Try passing init= option to kernel. See Linux "
                + "Documentation/admin-guide/init.rst for guidance.");
    }

    /** run_init_process: exec {@code filename} with init's arguments and environment. */
    int run_init_process(String filename) {
        List<String> argv = new ArrayList<>();
        argv.add(filename);
        argv.addAll(argvInit);
        List<String> envp = new ArrayList<>(List.of("HOME=/", "TERM=linux"));
        envp.addAll(envpInit);
        kernel.printk().printk(Printk.KERN_INFO, "Run " + filename + " as init process");
        return kernel.exec().kernel_execve(filename, argv, envp);
    }

    /** panic: the message, and pid 1 stops for good; the machine's timers keep running. */
    void panic(String message) {
        kernel.printk().printk(Printk.KERN_EMERG, "Kernel panic - not syncing: " + message);
        kernel.printk().printk(Printk.KERN_EMERG, "---[ end Kernel panic - not syncing: " + message + " ]---");
        while (true) {
            kernel.sched().current().set_current_state(TaskStruct.State.UNINTERRUPTIBLE);
            kernel.sched().schedule();
        }
    }

    /** Whether the boot is over: init is starting (or the boot has panicked). */
    public boolean booted() {
        return systemRunning;
    }

    void kernel_init_freeable() {
        // the kworkers start, and run whatever was queued while booting
        kernel.workqueue().workqueue_init();
        do_pre_smp_initcalls();
        smp_init();
        do_basic_setup();
        // CONFIG_DEVTMPFS_MOUNT: /dev is there before init runs
        kernel.devtmpfs().devtmpfs_mount();
        // /proc too, so programs find it without an fstab step
        kernel.proc().proc_mount();
        // the configuration's host shares (hostfs), now that the root is populated
        if (!kernel.config().shares().isEmpty()) {
            kernel.hostfs().hostfs_mount_shares();
        }
        console_on_rootfs();
    }

    /** smp_init: the secondary CPUs come up (those maxcpus= allows). */
    void smp_init() {
        int online = kernel.sched().num_online_cpus();
        kernel.printk().pr_info("smp: Bringing up secondary CPUs ...");
        kernel.printk().pr_info("smp: Brought up 1 node, " + online + (online == 1 ? " CPU" : " CPUs"));
    }

    void do_pre_smp_initcalls() {
        do_initcall_level(InitcallLevel.EARLY);
    }

    void do_basic_setup() {
        driver_init();
        do_initcalls();
    }

    /** driver_init: the driver core, here devtmpfs, which drivers' initcalls make nodes in. */
    void driver_init() {
        kernel.devtmpfs().devtmpfs_init();
    }

    /** console_on_rootfs: /dev/console becomes descriptors 0, 1 and 2 that init inherits. */
    void console_on_rootfs() {
        long fd = kernel.vfs().open().do_sys_open(org.jstap.sim.fs.Fcntl.AT_FDCWD, "/dev/console",
                org.jstap.sim.fs.Fcntl.O_RDWR | org.jstap.sim.fs.Fcntl.O_LARGEFILE, 0);
        if (fd < 0) {
            kernel.printk().pr_err("Warning: unable to open an initial console.");
            return;
        }
        kernel.vfs().files().__do_sys_dup(0);
        kernel.vfs().files().__do_sys_dup(0);
    }

    void do_initcalls() {
        for (InitcallLevel level : InitcallLevel.values()) {
            if (level != InitcallLevel.EARLY) {
                do_initcall_level(level);
            }
        }
    }

    void do_initcall_level(InitcallLevel level) {
        kernel.trace().initcall_level(level.linuxName());
        if (initcallDebug) {
            kernel.printk().printk(Printk.KERN_DEBUG, "initcall level " + level.linuxName());
        }
        for (Initcalls.Initcall call : kernel.initcalls().at(level)) {
            do_one_initcall(call);
        }
    }

    /** Calls one initcall; with {@code initcall_debug} its start, result and duration go to dmesg. */
    int do_one_initcall(Initcalls.Initcall call) {
        String symbol = call.name() + "+0x0/0x" + Long.toHexString(Kallsyms.SYMBOL_SIZE);
        long start = kernel.timekeeping().ktime_get_ns();
        if (initcallDebug) {
            kernel.printk().printk(Printk.KERN_DEBUG, "calling  " + symbol + " @ 1");
        }
        kernel.trace().initcall_start(call.name());
        int ret = call.fn().getAsInt();
        kernel.trace().initcall_finish(call.name(), ret);
        if (initcallDebug) {
            long usecs = (kernel.timekeeping().ktime_get_ns() - start) / 1000;
            kernel.printk().printk(Printk.KERN_DEBUG, "initcall " + symbol + " returned " + ret + " after "
                    + usecs + " usecs");
        }
        return ret;
    }

    /**
     * The command line: each parameter goes to its {@code __setup} handler; a dotted one
     * ({@code module.param}) belongs to a module; the rest, and all after {@code --}, are passed
     * to init as arguments or, with an {@code =}, as environment.
     */
    void parse_args(String cmdline) {
        List<String> unknown = new ArrayList<>();
        boolean forInit = false;
        for (Params.Param p : Params.parse_args(cmdline)) {
            if (forInit) {
                argvInit.add(p.toString());
            } else if (p.name().equals("--") && p.value() == null) {
                forInit = true;
            } else if (!obsolete_checksetup(p) && !p.name().contains(".")) {
                unknown.add(p.toString());
                (p.value() == null ? argvInit : envpInit).add(p.toString());
            }
        }
        if (!unknown.isEmpty()) {
            kernel.printk().pr_notice("Unknown kernel command line parameters \"" + String.join(" ", unknown)
                    + "\", will be passed to user space.");
        }
    }

    boolean obsolete_checksetup(Params.Param p) {
        Consumer<String> handler = setupHandlers.get(p.value() == null ? p.name() : p.name() + "=");
        if (handler == null) {
            return false;
        }
        handler.accept(p.value());
        return true;
    }

    /** {@code maxcpus=N}: bring up at most N CPUs; the rest stay offline. */
    private void maxcpus(String value) {
        try {
            kernel.sched().set_nr_online(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            kernel.printk().pr_warn("Malformed early option 'maxcpus'");
        }
    }

    /** {@code loglevel=N}: the console log level, 0 to 15; anything else is ignored with a warning. */
    private void loglevel(String value) {
        try {
            int level = Integer.parseInt(value);
            if (level >= 0 && level <= 15) {
                kernel.printk().set_console_loglevel(level);
                return;
            }
        } catch (NumberFormatException e) {
            // falls through to the warning
        }
        kernel.printk().pr_warn("Malformed early option 'loglevel'");
    }

    /** {@code init=}: the program to run as init, or null for the default search. */
    public String execute_command() {
        return executeCommand;
    }

    /** {@code root=}: the root device named on the command line, or null. */
    public String root_device() {
        return rootDevice;
    }

    /** {@code console=}: the console named on the command line, or null. */
    public String console_name() {
        return consoleName;
    }

    /** The arguments init will get after its name: unknown parameters without '=' and all after "--". */
    public List<String> argv_init() {
        return List.copyOf(argvInit);
    }

    /** The environment init will get: unknown parameters with '='. */
    public List<String> envp_init() {
        return List.copyOf(envpInit);
    }

    private void step() {
        kernel.timekeeping().advance(BOOT_STEP_NS);
    }
}
