package org.jstap.sim;

import java.nio.file.Path;

/**
 * How to build a machine and boot its kernel. The defaults are what {@code bin/jstap} uses.
 *
 * @param cpus      virtual CPUs ({@code --cpus})
 * @param memoryMiB physical RAM in MiB ({@code --mem})
 * @param seed      fixes every choice the machine makes ({@code --seed})
 * @param cmdline   the kernel command line ({@code --append})
 * @param disk      a raw disk image for the virtio block device ({@code --disk}), or null for none
 */
public record KernelConfig(int cpus, int memoryMiB, long seed, String cmdline, Path disk) {

    public KernelConfig(int cpus, int memoryMiB, long seed, String cmdline) {
        this(cpus, memoryMiB, seed, cmdline, null);
    }

    public static KernelConfig defaults() {
        return new KernelConfig(2, 128, 0, "console=ttyS0 root=/dev/ram0 quiet");
    }

    public KernelConfig withSeed(long newSeed) {
        return new KernelConfig(cpus, memoryMiB, newSeed, cmdline, disk);
    }

    public KernelConfig withDisk(Path image) {
        return new KernelConfig(cpus, memoryMiB, seed, cmdline, image);
    }
}
