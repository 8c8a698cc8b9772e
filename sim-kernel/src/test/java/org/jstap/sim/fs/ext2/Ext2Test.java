package org.jstap.sim.fs.ext2;

import static org.jstap.sim.UserPrograms.console;
import static org.jstap.sim.UserPrograms.runUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.arch.riscv.UserCode;
import org.jstap.sim.arch.riscv.UserMode;
import org.jstap.sim.fs.BinfmtJava;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.hw.DiskImage;
import org.jstap.sim.kernel.trace.Tracepoints;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ext2 on the virtio disk, from user programs: a file written survives umount and mount, and a reboot. */
public class Ext2Test {
    /** Bigger than 12 direct + 256 single-indirect 1 KiB blocks, so the double indirect block is used. */
    static final int BIG = 300 * 1024 + 123;

    public static long str(Libc c, String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
        long a = c.push(b.length);
        c.cpu().write(a, b, 0, b.length);
        return a;
    }

    static long open(UserMode cpu, String path, int flags) {
        return cpu.ecall(SyscallTable.__NR_openat, Fcntl.AT_FDCWD, str(new Libc(cpu), path), flags, 0644);
    }

    public static String readAll(UserMode cpu, String path) {
        long fd = open(cpu, path, Fcntl.O_RDONLY);
        if (fd < 0) {
            return "E" + (-fd);
        }
        Libc c = new Libc(cpu);
        long buf = c.push(4096);
        StringBuilder out = new StringBuilder();
        byte[] b = new byte[4096];
        while (true) {
            long n = cpu.ecall(SyscallTable.__NR_read, fd, buf, 4096);
            if (n <= 0) {
                break;
            }
            cpu.read(buf, b, 0, (int) n);
            out.append(new String(b, 0, (int) n, StandardCharsets.ISO_8859_1));
        }
        cpu.ecall(SyscallTable.__NR_close, fd);
        return out.toString();
    }

    static String pattern(int len) {
        StringBuilder s = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            s.append((char) ('a' + (i * 7 + i / 1024) % 26));
        }
        return s.toString();
    }

    public static void writeFile(UserMode cpu, String path, String data) {
        long fd = open(cpu, path, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC);
        Libc c = new Libc(cpu);
        long buf = c.push(4096);
        byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
        for (int off = 0; off < b.length; off += 4096) {
            int n = Math.min(4096, b.length - off);
            cpu.write(buf, b, off, n);
            cpu.ecall(SyscallTable.__NR_write, fd, buf, n);
        }
        cpu.ecall(SyscallTable.__NR_close, fd);
    }

    static long mount(UserMode cpu) {
        Libc c = new Libc(cpu);
        return cpu.ecall(SyscallTable.__NR_mount, str(c, "/dev/vda"), str(c, "/mnt"), str(c, "ext2"), 0, 0);
    }

    static long umount(UserMode cpu) {
        return cpu.ecall(SyscallTable.__NR_umount2, str(new Libc(cpu), "/mnt"), 0);
    }

    /** getdents64 names of a directory, in disk order. */
    public static List<String> ls(UserMode cpu, String path) {
        long fd = open(cpu, path, Fcntl.O_RDONLY | Fcntl.O_DIRECTORY);
        Libc c = new Libc(cpu);
        long buf = c.push(4096);
        List<String> names = new ArrayList<>();
        while (true) {
            long n = cpu.ecall(SyscallTable.__NR_getdents64, fd, buf, 4096);
            if (n <= 0) {
                break;
            }
            byte[] b = new byte[(int) n];
            cpu.read(buf, b, 0, (int) n);
            for (int off = 0; off < n;) {
                int reclen = (b[off + 16] & 0xff) | (b[off + 17] & 0xff) << 8;
                int end = off + 19;
                while (b[end] != 0) {
                    end++;
                }
                names.add(new String(b, off + 19, end - off - 19, StandardCharsets.ISO_8859_1));
                off += reclen;
            }
        }
        cpu.ecall(SyscallTable.__NR_close, fd);
        return names;
    }

    static String readlink(UserMode cpu, String path) {
        Libc c = new Libc(cpu);
        long buf = c.push(256);
        long n = cpu.ecall(SyscallTable.__NR_readlinkat, Fcntl.AT_FDCWD, str(c, path), buf, 256);
        if (n < 0) {
            return "E" + (-n);
        }
        byte[] b = new byte[(int) n];
        cpu.read(buf, b, 0, (int) n);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static Path image(Path dir, long bytes) throws IOException {
        Path img = dir.resolve("ext2.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(bytes);
        }
        assertEquals(0, Mkfs.format(DiskImage.open(img)));
        return img;
    }

    static Kernel boot(Path img, UserCode program, List<String> issued) {
        Kernel k = Kernel.create(new KernelConfig(1, 64, 0, "init=/bin/t", img));
        k.binfmt_java().register_program("t", program);
        k.initramfs().add("/bin/t", BinfmtJava.executable("t"));
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("block_rq_issue"), a -> issued.add(a[3] + " " + a[1]));
        k.start_kernel();
        runUntil(k, "done\n");
        return k;
    }

    /** e2fsck -fn on the host, when it has one: the image is a clean, consistent ext2. */
    public static void fsck(Path img) throws Exception {
        Path e2fsck = Path.of("/usr/sbin/e2fsck");
        Assumptions.assumeTrue(Files.isExecutable(e2fsck), "no e2fsck on this host");
        Process p = new ProcessBuilder(e2fsck.toString(), "-fn", img.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void mkfs_makesAnImageE2fsckAccepts(@TempDir Path dir) throws Exception {
        fsck(image(dir, 20L << 20));
        Path big = dir.resolve("big.img");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(600L << 20);
        }
        assertEquals(0, Mkfs.format(DiskImage.open(big)));
        fsck(big);
    }

    @Test
    void fileWritten_survivesUmountAndMount_andAReboot(@TempDir Path dir) throws Exception {
        Path img = image(dir, 16L << 20);
        String big = pattern(BIG);
        String longTarget = "/a/rather/long/symlink/target/that/does/not/fit/in/the/sixty/bytes/of/i_block";
        List<String> issued = new ArrayList<>();
        Kernel k = boot(img, cpu -> {
            Libc c = new Libc(cpu);
            c.write(1, "mount=" + mount(cpu) + "\n");
            c.write(1, "mkdir=" + cpu.ecall(SyscallTable.__NR_mkdirat, Fcntl.AT_FDCWD, str(c, "/mnt/dir"), 0755) + "\n");
            writeFile(cpu, "/mnt/dir/hello", "hello, ext2\n");
            writeFile(cpu, "/mnt/big", big);
            writeFile(cpu, "/mnt/gone", "x");
            writeFile(cpu, "/mnt/old", "moved\n");
            for (int i = 0; i < 60; i++) {
                writeFile(cpu, "/mnt/dir/file-with-a-longish-name-" + i, "n" + i);
            }
            cpu.ecall(SyscallTable.__NR_symlinkat, str(c, "dir/hello"), Fcntl.AT_FDCWD, str(c, "/mnt/fast"));
            cpu.ecall(SyscallTable.__NR_symlinkat, str(c, longTarget), Fcntl.AT_FDCWD, str(c, "/mnt/slow"));
            cpu.ecall(SyscallTable.__NR_linkat, Fcntl.AT_FDCWD, str(c, "/mnt/dir/hello"), Fcntl.AT_FDCWD,
                    str(c, "/mnt/hardlink"), 0);
            c.write(1, "unlink=" + cpu.ecall(SyscallTable.__NR_unlinkat, Fcntl.AT_FDCWD, str(c, "/mnt/gone"), 0) + "\n");
            c.write(1, "rename=" + cpu.ecall(SyscallTable.__NR_renameat2, Fcntl.AT_FDCWD, str(c, "/mnt/old"),
                    Fcntl.AT_FDCWD, str(c, "/mnt/dir/new"), 0) + "\n");
            cpu.ecall(SyscallTable.__NR_mkdirat, Fcntl.AT_FDCWD, str(c, "/mnt/empty"), 0755);
            c.write(1, "rmdir=" + cpu.ecall(SyscallTable.__NR_unlinkat, Fcntl.AT_FDCWD, str(c, "/mnt/empty"),
                    Fcntl.AT_REMOVEDIR) + "\n");
            c.write(1, "notempty=" + cpu.ecall(SyscallTable.__NR_unlinkat, Fcntl.AT_FDCWD, str(c, "/mnt/dir"),
                    Fcntl.AT_REMOVEDIR) + "\n");
            c.write(1, "umount=" + umount(cpu) + "\n");
            c.write(1, "after-umount=" + readAll(cpu, "/mnt/dir/hello") + "\n");
            c.write(1, "remount=" + mount(cpu) + "\n");
            c.write(1, "hello=" + readAll(cpu, "/mnt/dir/hello"));
            c.write(1, "big=" + readAll(cpu, "/mnt/big").equals(big) + "\n");
            c.write(1, "hardlink=" + readAll(cpu, "/mnt/hardlink"));
            c.write(1, "new=" + readAll(cpu, "/mnt/dir/new"));
            c.write(1, "old=" + readAll(cpu, "/mnt/old") + "\n");
            c.write(1, "gone=" + readAll(cpu, "/mnt/gone") + "\n");
            c.write(1, "fast=" + readlink(cpu, "/mnt/fast") + " via=" + readAll(cpu, "/mnt/fast"));
            c.write(1, "slow=" + readlink(cpu, "/mnt/slow") + "\n");
            c.write(1, "root=" + ls(cpu, "/mnt") + "\n");
            c.write(1, "dir=" + ls(cpu, "/mnt/dir").size() + "\n");
            c.write(1, "n59=" + readAll(cpu, "/mnt/dir/file-with-a-longish-name-59") + "\n");
            c.write(1, "final-umount=" + umount(cpu) + "\n");
            c.write(1, "done\n");
            return 0;
        }, issued);
        String out = console(k);
        k.kernel_power_off();
        for (String want : new String[] {"mount=0\n", "mkdir=0\n", "unlink=0\n", "rename=0\n", "rmdir=0\n",
                "notempty=-39\n", "umount=0\n", "after-umount=E2\n", "remount=0\n", "hello=hello, ext2\n",
                "big=true\n", "hardlink=hello, ext2\n", "new=moved\n", "old=E2\n", "gone=E2\n",
                "fast=dir/hello via=hello, ext2\n", "slow=" + longTarget + "\n",
                "root=[., .., lost+found, dir, big, fast, slow, hardlink]\n", "dir=64\n", "n59=n59\n",
                "final-umount=0\n"}) {
            assertTrue(out.contains(want), want + " in:\n" + out + String.join("\n", k.printk().dmesg()));
        }
        assertTrue(issued.stream().anyMatch(s -> s.startsWith("W ")), issued.toString());
        assertTrue(issued.stream().anyMatch(s -> s.startsWith("R ")), issued.toString());
        fsckIfPresent(img);

        // a second machine booted on the same image sees the data
        List<String> issued2 = new ArrayList<>();
        Kernel k2 = boot(img, cpu -> {
            Libc c = new Libc(cpu);
            c.write(1, "mount=" + mount(cpu) + "\n");
            c.write(1, "hello=" + readAll(cpu, "/mnt/dir/hello"));
            c.write(1, "big=" + readAll(cpu, "/mnt/big").equals(big) + "\n");
            c.write(1, "done\n");
            return 0;
        }, issued2);
        String out2 = console(k2);
        k2.kernel_power_off();
        assertTrue(out2.contains("mount=0\nhello=hello, ext2\nbig=true\n"), out2);
    }

    private static void fsckIfPresent(Path img) throws Exception {
        if (Files.isExecutable(Path.of("/usr/sbin/e2fsck"))) {
            fsck(img);
        }
    }
}
