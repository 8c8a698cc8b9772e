package org.jstap.sim.drivers.char_;

import org.jstap.sim.Kernel;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.FileOperations;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * drivers/char/mem.c: the memory devices of major 1: /dev/null (reads end at once, writes vanish),
 * /dev/zero (zeros), /dev/full (writes fail with ENOSPC), /dev/random and /dev/urandom (bytes from
 * the kernel's generator, seeded by the machine's seed so runs repeat), /dev/kmsg (writes become
 * kernel messages).
 */
@LinuxFile("drivers/char/mem.c")
public final class Mem {
    public static final int MEM_MAJOR = 1;

    private final Kernel kernel;

    public Mem(Kernel kernel) {
        this.kernel = kernel;
    }

    private static class NullOps implements FileOperations {
        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            return 0;
        }

        @Override
        public long write(File file, byte[] buf, int off, int len, long[] ppos) {
            return len;
        }

        @Override
        public long llseek(File file, long offset, int whence) {
            file.f_pos = 0;
            return 0;
        }
    }

    private final FileOperations nullFops = new NullOps();

    private final FileOperations zeroFops = new NullOps() {
        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            java.util.Arrays.fill(buf, off, off + len, (byte) 0);
            return len;
        }
    };

    private final FileOperations fullFops = new NullOps() {
        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            java.util.Arrays.fill(buf, off, off + len, (byte) 0);
            return len;
        }

        @Override
        public long write(File file, byte[] buf, int off, int len, long[] ppos) {
            return -Errno.ENOSPC;
        }
    };

    private final FileOperations randomFops = new NullOps() {
        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            byte[] r = new byte[len];
            kernel.random().get_random_bytes(r);
            System.arraycopy(r, 0, buf, off, len);
            return len;
        }
    };

    private final FileOperations kmsgFops = new NullOps() {
        @Override
        public long write(File file, byte[] buf, int off, int len, long[] ppos) {
            String line = new String(buf, off, len, java.nio.charset.StandardCharsets.ISO_8859_1).stripTrailing();
            kernel.printk().pr_info(line);
            return len;
        }

        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            return -Errno.EINVAL;
        }
    };

    /** chr_dev_init: the devices and their /dev nodes (devtmpfs). */
    public int chr_dev_init() {
        var cd = kernel.vfs().chrdev();
        Object[][] devlist = {{3, "null", nullFops, 0666}, {5, "zero", zeroFops, 0666}, {7, "full", fullFops, 0666},
            {8, "random", randomFops, 0666}, {9, "urandom", randomFops, 0666}, {11, "kmsg", kmsgFops, 0644}};
        for (Object[] d : devlist) {
            int minor = (Integer) d[0];
            int r = cd.register_chrdev(MEM_MAJOR, minor, 1, "mem", (FileOperations) d[2]);
            if (r != 0) {
                return r;
            }
            kernel.devtmpfs().devtmpfs_create_node((String) d[1], (Integer) d[3], MEM_MAJOR, minor);
        }
        return 0;
    }
}
