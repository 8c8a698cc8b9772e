package org.jstap.sim;

/**
 * How to build a machine and boot its kernel. The defaults are what {@code bin/jstap} uses.
 *
 * @param cpus     virtual CPUs ({@code --cpus})
 * @param memoryMiB physical RAM in MiB ({@code --mem})
 * @param seed     fixes every choice the machine makes ({@code --seed})
 * @param cmdline  the kernel command line ({@code --append})
 */
public record KernelConfig(int cpus, int memoryMiB, long seed, String cmdline) {

    public static KernelConfig defaults() {
        return new KernelConfig(2, 128, 0, "console=ttyS0 root=/dev/ram0");
    }

    public KernelConfig withSeed(long newSeed) {
        return new KernelConfig(cpus, memoryMiB, newSeed, cmdline);
    }
}
