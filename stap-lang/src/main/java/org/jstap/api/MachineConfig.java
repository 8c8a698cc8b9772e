package org.jstap.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jstap.sim.KernelConfig;

/**
 * The machine a test boots: CPUs, memory, seed, kernel command line, files added to its root file
 * system (through its initramfs, as a distribution adds files to an image) and host directories
 * shared into it. Immutable; each {@code with...} returns a new configuration. The defaults are
 * {@code bin/jstap}'s: 2 CPUs, 128 MiB, seed 0, {@code console=ttyS0 root=/dev/ram0 quiet}.
 *
 * <pre>{@code
 * MachineConfig config = MachineConfig.defaults().withCpus(4).withSeed(7)
 *         .withFile("/etc/motd", "hello\n")
 *         .withShare(Path.of("target/data"), "/mnt");
 * try (Machine m = Machine.boot(config)) { ... }
 * }</pre>
 */
public record MachineConfig(int cpus, int memoryMiB, long seed, String cmdline, Map<String, byte[]> files,
                            List<KernelConfig.Share> shares) {

    public MachineConfig {
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1: " + cpus);
        }
        if (memoryMiB < 1) {
            throw new IllegalArgumentException("memoryMiB must be at least 1: " + memoryMiB);
        }
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        shares = List.copyOf(shares);
    }

    public static MachineConfig defaults() {
        KernelConfig k = KernelConfig.defaults();
        return new MachineConfig(k.cpus(), k.memoryMiB(), k.seed(), k.cmdline(), Map.of(), List.of());
    }

    public MachineConfig withCpus(int n) {
        return new MachineConfig(n, memoryMiB, seed, cmdline, files, shares);
    }

    public MachineConfig withMemoryMiB(int mib) {
        return new MachineConfig(cpus, mib, seed, cmdline, files, shares);
    }

    public MachineConfig withSeed(long s) {
        return new MachineConfig(cpus, memoryMiB, s, cmdline, files, shares);
    }

    /** Replaces the kernel command line. */
    public MachineConfig withCmdline(String line) {
        return new MachineConfig(cpus, memoryMiB, seed, line, files, shares);
    }

    /** Adds parameters to the kernel command line, as {@code --append} does. */
    public MachineConfig withAppend(String more) {
        return withCmdline(cmdline.isEmpty() ? more : cmdline + " " + more);
    }

    /**
     * A file in the root file system, with its parent directories; executable when it starts
     * with {@code #!}. {@code path} is absolute.
     */
    public MachineConfig withFile(String path, byte[] content) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        Map<String, byte[]> more = new LinkedHashMap<>(files);
        more.put(path, content.clone());
        return new MachineConfig(cpus, memoryMiB, seed, cmdline, more, shares);
    }

    public MachineConfig withFile(String path, String content) {
        return withFile(path, content.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A host directory mounted (hostfs) on {@code mountPoint} at boot, as {@code --share DIR:/mnt}. */
    public MachineConfig withShare(Path hostDir, String mountPoint) {
        List<KernelConfig.Share> more = new ArrayList<>(shares);
        more.add(new KernelConfig.Share(hostDir, mountPoint));
        return new MachineConfig(cpus, memoryMiB, seed, cmdline, files, more);
    }

    KernelConfig kernelConfig() {
        return new KernelConfig(cpus, memoryMiB, seed, cmdline, null, shares);
    }
}
