package org.jstap.sim;

import java.nio.file.Files;
import java.nio.file.Path;

/** Programs of the host that some tests compare with (qemu-riscv64), found on PATH. */
public final class HostPrograms {
    private HostPrograms() {}

    /** The executable {@code name} on PATH, or null when the host has none. */
    public static Path find(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
