package org.jstap.sim.init;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jstap.sim.Kernel;
import org.jstap.sim.hw.Hardware;
import org.jstap.sim.kernel.Kallsyms;
import org.jstap.sim.kernel.Params;
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
    }

    public void start_kernel() {
        // The banner comes first, as linux_banner does.
        kernel.printk().pr_notice("Linux version " + Kernel.RELEASE + " (jstap@sim) (javac) #1 SMP "
                + Kernel.MACHINE);
        // Per-architecture setup: the emulated board, its memory map and CPUs.
        setup_arch();
        // The command line as given with --append.
        kernel.printk().pr_notice("Kernel command line: " + kernel.config().cmdline());
        parse_args(kernel.config().cmdline());
        // Interrupt entry: the controller now delivers to do_IRQ.
        init_IRQ();
        // Timekeeping and the periodic tick on every CPU.
        time_init();
        // Everything after this runs in the first kernel thread.
        rest_init();
    }

    void setup_arch() {
        step();
        kernel.printk().pr_info("Machine model: jstap simulated " + Kernel.MACHINE + " board, "
                + kernel.config().cpus() + " CPUs, " + kernel.config().memoryMiB() + " MiB RAM");
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

    void rest_init() {
        step();
        kernel_init();
    }

    void kernel_init() {
        step();
        kernel_init_freeable();
    }

    void kernel_init_freeable() {
        do_pre_smp_initcalls();
        do_basic_setup();
    }

    void do_pre_smp_initcalls() {
        do_initcall_level(InitcallLevel.EARLY);
    }

    void do_basic_setup() {
        do_initcalls();
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
