package org.jstap.sim;

import org.jstap.sim.init.Main;
import org.jstap.sim.kernel.module.ModuleLoader;
import org.jstap.sim.kernel.printk.Printk;
import org.jstap.sim.kernel.relay.Relay;
import org.jstap.sim.kernel.time.Timekeeping;

/**
 * One simulated machine and the kernel running on it. Several may exist in one JVM; nothing in
 * the kernel is static, every subsystem reaches the others through this object.
 *
 * <pre>{@code
 * Kernel k = Kernel.boot(KernelConfig.defaults());
 * k.printk().dmesg().forEach(System.out::println);
 * }</pre>
 */
public final class Kernel {
    /** {@code uname -r}. */
    public static final String RELEASE = "6.1.0-jstap";
    /** {@code uname -m}. */
    public static final String MACHINE = "riscv64";

    private final KernelConfig config;
    private final Timekeeping timekeeping;
    private final Printk printk;
    private final Relay relay;
    private final ModuleLoader modules;
    private final Main main;

    private Kernel(KernelConfig config) {
        this.config = config;
        this.timekeeping = new Timekeeping();
        this.printk = new Printk(timekeeping);
        this.relay = new Relay();
        this.modules = new ModuleLoader(this);
        this.main = new Main(this);
    }

    /** Builds the machine and runs the boot path up to the point where init would start. */
    public static Kernel boot(KernelConfig config) {
        Kernel kernel = new Kernel(config);
        kernel.main.start_kernel();
        return kernel;
    }

    public KernelConfig config() {
        return config;
    }

    public Timekeeping timekeeping() {
        return timekeeping;
    }

    public Printk printk() {
        return printk;
    }

    public Relay relay() {
        return relay;
    }

    public ModuleLoader modules() {
        return modules;
    }
}
