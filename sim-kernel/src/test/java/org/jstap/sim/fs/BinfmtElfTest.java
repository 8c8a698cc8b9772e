package org.jstap.sim.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.UserPrograms;
import org.jstap.sim.arch.riscv.UserMode;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** binfmt_elf: static riscv64 programs from the C userland run on the hart. */
class BinfmtElfTest {
    /** Runs {@code path} with {@code argv} from a Java init; the console shows "status N" after it. */
    static Kernel spawn(String path, List<String> argv) {
        return spawn(new org.jstap.sim.KernelConfig(2, 64, 0, ""), path, argv);
    }

    static Kernel spawn(org.jstap.sim.KernelConfig config, String path, List<String> argv) {
        return UserPrograms.run(config, (UserMode cpu) -> {
            Libc c = new Libc(cpu);
            long pid = c.fork(child -> new Libc(child).execve(path, argv, List.of("PATH=/bin", "HOME=/")));
            int[] status = new int[1];
            c.wait4(pid, status, 0);
            c.write(1, "status " + status[0] + "\n");
            return 0;
        }, "status ");
    }

    @Test
    void hello_printsAndExitsZero() {
        Kernel k = spawn("/usr/bin/hello", List.of("hello"));
        String console = UserPrograms.console(k);
        assertTrue(console.contains("hello, world\nstatus 0\n"), console);
    }

    @Test
    void hello_fromAHostfsShare_readsItsPagesFromTheHost() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("share");
        java.nio.file.Path file = dir.resolve("hello");
        try {
            java.nio.file.Files.write(file, org.jstap.sim.userland.ElfPrograms.program("hello"));
            file.toFile().setExecutable(true);
            Kernel k = spawn(new org.jstap.sim.KernelConfig(2, 64, 0, "").withShare(dir, "/mnt"), "/mnt/hello",
                    List.of("hello"));
            String console = UserPrograms.console(k);
            assertTrue(console.contains("hello, world\nstatus 0\n"), console);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    @Test
    void execve_notRiscv_isEnoexec() {
        Kernel k = UserPrograms.run((UserMode cpu) -> {
            Libc c = new Libc(cpu);
            long fd = c.openat(-100, "/tmp/x86", 0x41, 0755);
            byte[] elf = new byte[64];
            elf[0] = 0x7f;
            elf[1] = 'E';
            elf[2] = 'L';
            elf[3] = 'F';
            elf[4] = 2;
            elf[5] = 1;
            elf[16] = 2;
            elf[18] = 62;
            c.write((int) fd, new String(elf, java.nio.charset.StandardCharsets.ISO_8859_1));
            c.close((int) fd);
            c.write(1, "r " + c.execve("/tmp/x86", List.of("x86"), List.of()) + "\n");
            return 0;
        }, "r ");
        assertEquals(true, UserPrograms.console(k).contains("r -8\n"), UserPrograms.console(k));
    }
}
