package org.jstap.sim.userland.bin;

import java.util.List;
import java.util.UUID;
import org.jstap.sim.fs.ext2.layout.BlockWriter;
import org.jstap.sim.fs.ext2.layout.Mke2fs;
import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stat;
import org.jstap.sim.userland.Stdio;

/**
 * /sbin/mkfs.ext2 (also /sbin/mke2fs), e2fsprogs' mke2fs for ext2: {@code mkfs.ext2 [-b
 * BLOCKSIZE] [-i BYTES-PER-INODE] [-L LABEL] [-q] [-F] [-t ext2] DEVICE}. The size comes from
 * BLKGETSIZE64 (st_size for an image file), the layout from {@link Mke2fs}, which this program
 * feeds a {@link BlockWriter} that pwrite64s to the open device and fsyncs it at the end; so the
 * program, like every other, only makes system calls. Unless -q it prints mke2fs's progress.
 */
public final class MkfsExt2 extends Program {
    private static final String VERSION = "mke2fs 1.47.0 (5-Feb-2023)";
    /** The user buffer writes go through. */
    private static final int BUF = 64 * 1024;

    @Override
    protected int main(Proc p) {
        String prog = p.name().substring(p.name().lastIndexOf('/') + 1);
        Getopt g = new Getopt(p, "b:i:L:qFt:");
        int blockSize = 0;
        int ratio = 0;
        String label = "";
        boolean quiet = false;
        for (int c; (c = g.next()) != -1;) {
            switch (c) {
                case 'b' -> {
                    blockSize = number(g.optarg());
                    if (blockSize <= 0 || !Mke2fs.valid_block_size(blockSize)) {
                        p.err().print(prog + ": invalid block size - " + g.optarg() + "\n");
                        return 1;
                    }
                }
                case 'i' -> {
                    ratio = number(g.optarg());
                    if (ratio < 1024 || ratio > 67108864) {
                        p.err().print(prog + ": invalid inode ratio " + g.optarg() + " (min 1024/max 67108864)\n");
                        return 1;
                    }
                }
                case 'L' -> label = g.optarg();
                case 'q' -> quiet = true;
                case 'F' -> { }
                case 't' -> {
                    if (!g.optarg().equals("ext2")) {
                        p.err().print("\nYour mke2fs.conf file does not define the " + g.optarg()
                                + " filesystem type.\nAborting...\n");
                        return 1;
                    }
                }
                default -> {
                    return usage(p, prog);
                }
            }
        }
        List<String> ops = g.operands();
        if (ops.size() != 1) {
            return usage(p, prog);
        }
        String dev = ops.get(0);
        if (!quiet) {
            p.err().print(VERSION + "\n");
        }
        Libc libc = p.libc;
        Stat st = new Stat();
        if (libc.stat(dev, st) == -Errno.ENOENT && !dev.startsWith("/dev/")) {
            p.err().print("The file " + dev + " does not exist and no size was specified.\n");
            return 1;
        }
        long fd = libc.open(dev, Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        if (fd < 0) {
            p.err().print(prog + ": " + Libc.strerror(fd) + " while trying to determine filesystem size\n");
            return 1;
        }
        try {
            return make(p, prog, dev, (int) fd, blockSize, ratio, label, quiet);
        } finally {
            libc.close((int) fd);
        }
    }

    private static int make(Proc p, String prog, String dev, int fd, int blockSize, int ratio, String label,
            boolean quiet) {
        Libc libc = p.libc;
        Stat st = new Stat();
        libc.fstat(fd, st);
        long size = (st.st_mode & Stat.S_IFMT) == Stat.S_IFBLK ? libc.blkgetsize64(fd) : st.st_size;
        if (size < 0) {
            p.err().print(prog + ": " + Libc.strerror(size) + " while trying to determine filesystem size\n");
            return 1;
        }
        if (size == 0) {
            p.err().print(prog + ": Device size reported to be zero.  Invalid partition specified, or\n"
                    + "\tpartition table wasn't reread after running fdisk, due to\n"
                    + "\ta modified partition being busy and in use.  You may need to reboot\n"
                    + "\tto re-read your partition table.\n");
            return 1;
        }
        if (mounted(libc, dev)) {
            p.err().print(dev + " is mounted; will not make a filesystem here!\n");
            return 1;
        }
        if (label.length() > 16) {
            label = label.substring(0, 16);
            p.err().print("Warning: label too long; will be truncated to '" + label + "'\n\n");
        }
        Mke2fs fs = Mke2fs.plan(size, new Mke2fs.Options(blockSize, ratio, label, now(libc), uuid(libc)));
        if (fs == null) {
            p.err().print(dev + ": Not enough space to build proposed filesystem while setting up superblock\n");
            return 1;
        }
        Stdio.Out out = p.out();
        if (!quiet) {
            out.print("Creating filesystem with " + fs.blocks + " " + fs.blockSize / 1024 + "k blocks and "
                    + fs.inodes + " inodes\n");
            out.print("Filesystem UUID: " + fs.uuid + "\n");
            out.print(backups(fs.backups()));
        }
        DeviceWriter w = new DeviceWriter(libc, fd, size);
        if (w.buf < 0) {
            p.err().print(prog + ": " + Libc.strerror(w.buf) + " while allocating buffers\n");
            return 1;
        }
        String[][] steps = {{"Allocating group tables: ", "while writing group tables"},
            {"Writing inode tables: ", "while writing inode tables"},
            {"Writing superblocks and filesystem accounting information: ", "while writing out and closing file system"}};
        for (int i = 0; i < steps.length; i++) {
            if (!quiet) {
                out.print(steps[i][0]);
                out.flush();
            }
            int r = switch (i) {
                case 0 -> fs.write_group_tables(w);
                case 1 -> fs.write_inode_tables(w);
                default -> fs.write_super_and_accounting(w);
            };
            if (r < 0) {
                out.flush();
                p.err().print("\n" + prog + ": " + Libc.strerror(r) + " " + steps[i][1] + "\n");
                return 1;
            }
            if (!quiet) {
                // mke2fs's progress meter leaves its last "done" padded over the counter it erased
                out.print(i < steps.length - 1 ? "done                            \n" : "done\n\n");
            }
        }
        return 0;
    }

    /** "Superblock backups stored on blocks: " and the list, wrapped at 72 columns as mke2fs's show_stats does. */
    static String backups(List<Long> blocks) {
        if (blocks.isEmpty()) {
            return "\n";
        }
        StringBuilder s = new StringBuilder("Superblock backups stored on blocks: ");
        int left = 0;
        for (int i = 0; i < blocks.size(); i++) {
            if (i > 0) {
                s.append(", ");
            }
            int need = Long.toString(blocks.get(i)).length() + 1;
            if (need > left) {
                s.append("\n\t");
                left = 72;
            }
            left -= need;
            s.append(blocks.get(i));
        }
        return s.append("\n\n").toString();
    }

    private static int usage(Proc p, String prog) {
        p.err().print("Usage: " + prog + " [-b block-size] [-i bytes-per-inode] [-L volume-label]\n"
                + "\t[-t fs-type] [-qF] device\n");
        return 1;
    }

    /** A number as strtoul reads it, or -1. */
    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether /proc/mounts names {@code dev} as a source. */
    private static boolean mounted(Libc libc, String dev) {
        long fd = libc.open("/proc/mounts", Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (fd < 0) {
            return false;
        }
        Stdio.In in = new Stdio.In(libc, (int) fd);
        boolean found = false;
        for (String line; (line = in.readLine()) != null;) {
            if (line.startsWith(dev + " ")) {
                found = true;
            }
        }
        in.release();
        libc.close((int) fd);
        return found;
    }

    private static long now(Libc libc) {
        long[] ts = new long[2];
        return libc.clock_gettime(Libc.CLOCK_REALTIME, ts) == 0 ? ts[0] : 0;
    }

    /** A random (version 4) UUID from getrandom(2), as libuuid makes one. */
    private static UUID uuid(Libc libc) {
        long a = libc.push(16);
        long r = libc.getrandom(a, 16, 0);
        byte[] b = new byte[16];
        if (r == 16) {
            libc.cpu().read(a, b, 0, 16);
        }
        libc.pop(a, 16);
        if (r != 16) {
            return null;
        }
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (b[i] & 0xff);
            lo = lo << 8 | (b[8 + i] & 0xff);
        }
        return new UUID(hi, lo);
    }

    /** The device as Mke2fs sees it: pwrite64 through one user buffer, fsync to finish. */
    private static final class DeviceWriter implements BlockWriter {
        private final Libc libc;
        private final int fd;
        private final long size;
        final long buf;

        DeviceWriter(Libc libc, int fd, long size) {
            this.libc = libc;
            this.fd = fd;
            this.size = size;
            this.buf = libc.mmap(0, BUF, 3, 0x22);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int write(long offset, byte[] data) {
            int done = 0;
            while (done < data.length) {
                int n = Math.min(BUF, data.length - done);
                libc.cpu().write(buf, data, done, n);
                long r = libc.pwrite64(fd, buf, n, offset + done);
                if (r == -Errno.EINTR) {
                    continue;
                }
                if (r <= 0) {
                    return r == 0 ? -Errno.EIO : (int) r;
                }
                done += (int) r;
            }
            return 0;
        }

        @Override
        public int flush() {
            return (int) libc.fsync(fd);
        }
    }
}
