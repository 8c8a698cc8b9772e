package org.jstap.sim;

import java.nio.file.Path;
import java.util.List;

/**
 * How to build a machine and boot its kernel. The defaults are what {@code bin/jstap} uses.
 *
 * <pre>{@code
 * KernelConfig c = KernelConfig.defaults().withDisk(Path.of("disk.img")).withShare(Path.of("/srv/data"), "/mnt");
 * }</pre>
 *
 * @param cpus      virtual CPUs ({@code --cpus})
 * @param memoryMiB physical RAM in MiB ({@code --mem})
 * @param seed      fixes every choice the machine makes ({@code --seed})
 * @param cmdline   the kernel command line ({@code --append})
 * @param disk      a raw disk image for the virtio block device ({@code --disk}), or null for none
 * @param shares    host directories mounted as hostfs at boot, once the root is populated
 */
public record KernelConfig(int cpus, int memoryMiB, long seed, String cmdline, Path disk, List<Share> shares) {

    /** A host directory and where it appears in the machine ({@code --share HOSTDIR:/mnt}). */
    public record Share(Path hostDir, String mountPoint) {}

    public KernelConfig {
        shares = shares == null ? List.of() : List.copyOf(shares);
    }

    public KernelConfig(int cpus, int memoryMiB, long seed, String cmdline, Path disk) {
        this(cpus, memoryMiB, seed, cmdline, disk, List.of());
    }

    public KernelConfig(int cpus, int memoryMiB, long seed, String cmdline) {
        this(cpus, memoryMiB, seed, cmdline, null, List.of());
    }

    public static KernelConfig defaults() {
        return new KernelConfig(2, 128, 0, "console=ttyS0 root=/dev/ram0 quiet");
    }

    public KernelConfig withSeed(long newSeed) {
        return new KernelConfig(cpus, memoryMiB, newSeed, cmdline, disk, shares);
    }

    public KernelConfig withDisk(Path image) {
        return new KernelConfig(cpus, memoryMiB, seed, cmdline, image, shares);
    }

    /** One more share: {@code hostDir} mounted on {@code mountPoint} (made if missing) at boot. */
    public KernelConfig withShare(Path hostDir, String mountPoint) {
        var more = new java.util.ArrayList<>(shares);
        more.add(new Share(hostDir, mountPoint));
        return new KernelConfig(cpus, memoryMiB, seed, cmdline, disk, more);
    }
}
