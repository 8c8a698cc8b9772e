package org.jstap.sim.init;

import org.jstap.sim.Kernel;
import org.jstap.sim.hw.Hardware;

/**
 * init/main.c: the boot path, {@code start_kernel -> rest_init -> kernel_init}. Each step is its
 * own method so a boot-time script can probe it by name.
 */
@org.jstap.sim.kernel.LinuxFile("init/main.c")
public final class Main {
    /** Virtual cost of one boot step; keeps dmesg timestamps moving as on real hardware. */
    private static final long BOOT_STEP_NS = 4_000;

    private final Kernel kernel;

    public Main(Kernel kernel) {
        this.kernel = kernel;
    }

    public void start_kernel() {
        // The banner comes first, as linux_banner does.
        kernel.printk().pr_notice("Linux version " + Kernel.RELEASE + " (jstap@sim) (javac) #1 SMP "
                + Kernel.MACHINE);
        // Per-architecture setup: the emulated board, its memory map and CPUs.
        setup_arch();
        // The command line as given with --append.
        kernel.printk().pr_notice("Kernel command line: " + kernel.config().cmdline());
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
        kernel.printk().pr_info("clocksource: riscv_clocksource: mask: 0xffffffffffffffff, HZ=" + kernel.params().hz());
    }

    void rest_init() {
        step();
        kernel_init();
    }

    void kernel_init() {
        step();
    }

    private void step() {
        kernel.timekeeping().advance(BOOT_STEP_NS);
    }
}
