package org.jstap.sim.fs;

import static org.jstap.sim.UserPrograms.console;
import static org.jstap.sim.UserPrograms.runUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.arch.riscv.UserCode;
import org.jstap.sim.kernel.trace.Tracepoints;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /dev/vda opened as a file: byte offsets onto the disk through the block layer (block/fops.c). */
class BlockFopsTest {
    private static final long SIZE = 1L << 20;

    private static Kernel boot(Path img, UserCode program, List<String> issued) {
        Kernel k = Kernel.create(new KernelConfig(1, 64, 0, "init=/bin/t", img));
        k.binfmt_java().register_program("t", program);
        k.initramfs().add("/bin/t", BinfmtJava.executable("t"));
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("block_rq_issue"), a -> issued.add(a[3] + " " + a[1]));
        k.start_kernel();
        runUntil(k, "done\n");
        return k;
    }

    private static Path image(Path dir) throws Exception {
        Path img = dir.resolve("disk.img");
        byte[] b = new byte[(int) SIZE];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i / 512);
        }
        Files.write(img, b);
        return img;
    }

    @Test
    void blkgetsize64_andSeekEnd_giveTheDiskSize(@TempDir Path dir) throws Exception {
        List<String> issued = new ArrayList<>();
        Kernel k = boot(image(dir), cpu -> {
            Libc c = new Libc(cpu);
            int fd = (int) c.open("/dev/vda", Libc.O_RDWR, 0);
            long a = c.push(8);
            c.write(1, "size64=" + c.blkgetsize64(fd) + "\n");
            c.write(1, "ssz=" + c.ioctl(fd, Libc.BLKSSZGET, a) + "," + (cpu.ld(a) & 0xffffffffL) + "\n");
            c.write(1, "bad-ioctl=" + c.ioctl(fd, 0x1234, a) + "\n");
            c.write(1, "end=" + c.lseek(fd, 0, Libc.SEEK_END) + "\n");
            c.write(1, "past=" + c.lseek(fd, SIZE + 1, Libc.SEEK_SET) + "\n");
            c.write(1, "done\n");
            return 0;
        }, issued);
        String out = console(k);
        k.kernel_power_off();
        for (String want : new String[] {"size64=" + SIZE + "\n", "ssz=0,512\n", "bad-ioctl=-25\n",
                "end=" + SIZE + "\n", "past=-22\n"}) {
            assertTrue(out.contains(want), want + " in:\n" + out);
        }
    }

    @Test
    void pwrite_ofPartSectors_readsModifiesAndWrites(@TempDir Path dir) throws Exception {
        Path img = image(dir);
        List<String> issued = new ArrayList<>();
        Kernel k = boot(img, cpu -> {
            Libc c = new Libc(cpu);
            int fd = (int) c.open("/dev/vda", Libc.O_RDWR, 0);
            long buf = c.push(1024);
            cpu.write(buf, "XYZ".getBytes(), 0, 3);
            c.write(1, "pwrite=" + c.pwrite64(fd, buf, 3, 511) + "\n");
            c.write(1, "pread=" + c.pread64(fd, buf, 4, 510) + ":" + (char) cpu.lbu(buf + 1) + (char) cpu.lbu(buf + 2)
                    + (char) cpu.lbu(buf + 3) + cpu.lbu(buf) + "\n");
            c.write(1, "at-end-read=" + c.pread64(fd, buf, 512, SIZE) + "\n");
            c.write(1, "at-end-write=" + c.pwrite64(fd, buf, 512, SIZE) + "\n");
            c.write(1, "past-end-write=" + c.pwrite64(fd, buf, 512, SIZE + 4096) + "\n");
            c.write(1, "short-write=" + c.pwrite64(fd, buf, 1024, SIZE - 100) + "\n");
            c.lseek(fd, SIZE - 10, Libc.SEEK_SET);
            c.write(1, "short-read=" + c.read(fd, buf, 1024) + "\n");
            c.write(1, "fsync=" + c.fsync(fd) + "\n");
            c.write(1, "done\n");
            return 0;
        }, issued);
        String out = console(k);
        k.kernel_power_off();
        for (String want : new String[] {"pwrite=3\n", "pread=4:XYZ0\n", "at-end-read=0\n", "at-end-write=-28\n",
                "past-end-write=-28\n", "short-write=100\n", "short-read=10\n", "fsync=0\n"}) {
            assertTrue(out.contains(want), want + " in:\n" + out);
        }
        assertTrue(issued.stream().anyMatch(s -> s.startsWith("W ")), issued.toString());
        assertTrue(issued.stream().anyMatch(s -> s.startsWith("R ")), issued.toString());
        byte[] got = new byte[1024];
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "r")) {
            f.readFully(got);
        }
        byte[] want = new byte[1024];
        for (int i = 0; i < want.length; i++) {
            want[i] = (byte) (i / 512);
        }
        want[511] = 'X';
        want[512] = 'Y';
        want[513] = 'Z';
        assertArrayEquals(want, got);
    }
}
