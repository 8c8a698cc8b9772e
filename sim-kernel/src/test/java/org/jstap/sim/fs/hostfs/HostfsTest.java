package org.jstap.sim.fs.hostfs;

import static org.jstap.sim.UserPrograms.console;
import static org.jstap.sim.UserPrograms.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.fs.ext2.Ext2Test;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host directory shared into the machine at boot: reads, writes and name operations land on the host. */
class HostfsTest {
    @Test
    void share_mountedAtBoot_readsAndChangesTheHostDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("from-host.txt"), "hello from the host\n");
        Files.createDirectory(dir.resolve("full"));
        Files.writeString(dir.resolve("full/x"), "x");
        KernelConfig config = new KernelConfig(1, 64, 0, "").withShare(dir, "/mnt/host");
        Kernel k = run(config, cpu -> {
            Libc c = new Libc(cpu);
            c.write(1, "read=" + Ext2Test.readAll(cpu, "/mnt/host/from-host.txt"));
            Ext2Test.writeFile(cpu, "/mnt/host/from-guest.txt", "written in the machine\n");
            c.write(1, "mkdir=" + cpu.ecall(SyscallTable.__NR_mkdirat, Fcntl.AT_FDCWD, Ext2Test.str(c, "/mnt/host/sub"), 0755) + "\n");
            c.write(1, "exists=" + cpu.ecall(SyscallTable.__NR_mkdirat, Fcntl.AT_FDCWD, Ext2Test.str(c, "/mnt/host/sub"), 0755) + "\n");
            c.write(1, "rename=" + cpu.ecall(SyscallTable.__NR_renameat2, Fcntl.AT_FDCWD, Ext2Test.str(c, "/mnt/host/from-guest.txt"),
                    Fcntl.AT_FDCWD, Ext2Test.str(c, "/mnt/host/sub/moved.txt"), 0) + "\n");
            c.write(1, "notempty=" + cpu.ecall(SyscallTable.__NR_unlinkat, Fcntl.AT_FDCWD, Ext2Test.str(c, "/mnt/host/full"),
                    Fcntl.AT_REMOVEDIR) + "\n");
            c.write(1, "missing=" + Ext2Test.readAll(cpu, "/mnt/host/nope") + "\n");
            c.write(1, "ls=" + Ext2Test.ls(cpu, "/mnt/host") + "\n");
            Ext2Test.writeFile(cpu, "/mnt/host/gone", "g");
            c.write(1, "unlink=" + cpu.ecall(SyscallTable.__NR_unlinkat, Fcntl.AT_FDCWD, Ext2Test.str(c, "/mnt/host/gone"), 0) + "\n");
            c.write(1, "done\n");
            return 0;
        }, "done\n");
        String out = console(k);
        k.kernel_power_off();
        for (String want : new String[] {"read=hello from the host\n", "mkdir=0\n", "exists=-17\n", "rename=0\n",
                "notempty=-39\n", "missing=E2\n", "ls=[., .., from-host.txt, full, sub]\n", "unlink=0\n"}) {
            assertTrue(out.contains(want), want + " in:\n" + out + String.join("\n", k.printk().dmesg()));
        }
        assertEquals("written in the machine\n", Files.readString(dir.resolve("sub/moved.txt"), StandardCharsets.ISO_8859_1));
        assertFalse(Files.exists(dir.resolve("gone")));
        assertTrue(String.join("\n", k.printk().dmesg()).contains("hostfs: " + dir.toAbsolutePath() + " mounted on /mnt/host"));
    }
}
