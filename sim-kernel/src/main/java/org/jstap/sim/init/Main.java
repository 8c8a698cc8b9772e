package org.jstap.sim.init;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.time.Timekeeping;

/**
 * init/main.c: the boot path, {@code start_kernel -> rest_init -> kernel_init}. Each step is its
 * own method so a boot-time script can probe it by name.
 */
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
        // Everything after this runs in the first kernel thread.
        rest_init();
    }

    void setup_arch() {
        step();
        kernel.printk().pr_info("Machine model: jstap simulated " + Kernel.MACHINE + " board, "
                + kernel.config().cpus() + " CPUs, " + kernel.config().memoryMiB() + " MiB RAM");
    }

    void rest_init() {
        step();
        kernel_init();
    }

    void kernel_init() {
        step();
    }

    private void step() {
        Timekeeping clock = kernel.timekeeping();
        clock.advance(BOOT_STEP_NS);
    }
}
