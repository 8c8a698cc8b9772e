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
 * @param nic       the board's e1000 network card, or null for none
 */
public record KernelConfig(int cpus, int memoryMiB, long seed, String cmdline, Path disk, List<Share> shares,
        Nic nic) {

    /** A host directory and where it appears in the machine ({@code --share HOSTDIR:/mnt}). */
    public record Share(Path hostDir, String mountPoint) {}

    /**
     * An e1000 on the board, in the machine that is host {@code host} of its network: its MAC
     * address follows from that index ({@code hw.E1000.mac_for_host}), so every host's differs.
     */
    public record Nic(int host) {
        public Nic {
            if (host < 0 || host > 0xffff) {
                throw new IllegalArgumentException("host index out of range: " + host);
            }
        }
    }

    public KernelConfig {
        shares = shares == null ? List.of() : List.copyOf(shares);
    }

    public KernelConfig(int cpus, int memoryMiB, long seed, String cmdline, Path disk, List<Share> shares) {
        this(cpus, memoryMiB, seed, cmdline, disk, shares, null);
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
        return new KernelConfig(cpus, memoryMiB, newSeed, cmdline, disk, shares, nic);
    }

    public KernelConfig withDisk(Path image) {
        return new KernelConfig(cpus, memoryMiB, seed, cmdline, image, shares, nic);
    }

    /** The same machine with an e1000 whose address is host {@code host}'s. */
    public KernelConfig withNic(int host) {
        return new KernelConfig(cpus, memoryMiB, seed, cmdline, disk, shares, new Nic(host));
    }

    /** The same machine with {@code more} appended to its command line. */
    public KernelConfig withAppend(String more) {
        String line = cmdline == null || cmdline.isEmpty() ? more : cmdline + " " + more;
        return new KernelConfig(cpus, memoryMiB, seed, line, disk, shares, nic);
    }

    /** One more share: {@code hostDir} mounted on {@code mountPoint} (made if missing) at boot. */
    public KernelConfig withShare(Path hostDir, String mountPoint) {
        var more = new java.util.ArrayList<>(shares);
        more.add(new Share(hostDir, mountPoint));
        return new KernelConfig(cpus, memoryMiB, seed, cmdline, disk, more, nic);
    }
}
