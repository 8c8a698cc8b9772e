package org.jstap.sim.userland;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jstap.sim.fs.Initramfs;

/**
 * The machine's programs written in C (sources and Makefile in sim-kernel/src/main/c): static
 * riscv64 ELF executables kept as resources, listed in the resource folder's INDEX, installed in
 * /usr/bin. They run unmodified on the hart through binfmt_elf.
 *
 * <pre>{@code
 * ElfPrograms.install(kernel.initramfs());   // then: /usr/bin/hello
 * }</pre>
 */
public final class ElfPrograms {
    /** Where the programs are installed. */
    public static final String DIR = "/usr/bin/";
    private static final String RESOURCES = "/org/jstap/sim/userland/elf/";

    private ElfPrograms() {}

    static void install(Initramfs files) {
        for (String name : names()) {
            files.add(DIR + name, program(name), 0755);
        }
    }

    /** The programs' names, as INDEX lists them. */
    public static java.util.List<String> names() {
        return new String(read("INDEX"), StandardCharsets.ISO_8859_1).lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
    }

    /** The ELF file of program {@code name}. */
    public static byte[] program(String name) {
        return read(name);
    }

    private static byte[] read(String resource) {
        try (InputStream in = ElfPrograms.class.getResourceAsStream(RESOURCES + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
