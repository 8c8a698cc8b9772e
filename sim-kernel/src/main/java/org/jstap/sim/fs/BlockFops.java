package org.jstap.sim.fs;

import org.jstap.sim.Kernel;
import org.jstap.sim.block.GenDisk;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * block/fops.c (fs/block_dev.c before 5.15) and the generic part of block/ioctl.c: what a block
 * special file such as /dev/vda does once opened. {@code def_blk_fops} reads and writes the disk
 * at byte offsets through {@link Bdev} (so every transfer is a bio the block_rq_* tracepoints
 * see); a transfer that starts or ends inside a sector reads that sector first and writes it
 * back whole. There is no block device page cache: each call goes to the disk, which keeps the
 * file coherent with what a mounted file system reads, at the price of speed.
 *
 * <pre>{@code
 * fd = open("/dev/vda", O_RDWR);
 * ioctl(fd, BLKGETSIZE64, &bytes);          // the disk's size, as lseek(fd, 0, SEEK_END) gives it
 * pwrite(fd, buf, 100, 1000);               // read-modify-write of sectors 1 and 2
 * }</pre>
 */
@LinuxFile("block/fops.c")
public final class BlockFops {
    /** BLKGETSIZE: the size in 512-byte sectors, as an unsigned long. */
    public static final int BLKGETSIZE = 0x1260;
    /** BLKFLSBUF: write out and drop the device's buffers (nothing is buffered here). */
    public static final int BLKFLSBUF = 0x1261;
    /** BLKSSZGET: the logical sector size, as an int. */
    public static final int BLKSSZGET = 0x1268;
    /** BLKGETSIZE64: _IOR(0x12, 114, size_t), the size in bytes as a u64. */
    public static final int BLKGETSIZE64 = 0x80081272;
    private static final int SECTOR_SIZE = 512;

    private final Kernel kernel;

    BlockFops(Kernel kernel) {
        this.kernel = kernel;
    }

    /** def_blk_fops: the operations init_special_inode gives every block special file. */
    public final FileOperations DEF_BLK_FOPS = new FileOperations() {
        @Override
        public int open(Inode inode, File file) {
            return blkdev_open(inode, file);
        }

        @Override
        public long llseek(File file, long offset, int whence) {
            return blkdev_llseek(file, offset, whence);
        }

        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            return blkdev_read_iter(file, buf, off, len, ppos);
        }

        @Override
        public long write(File file, byte[] buf, int off, int len, long[] ppos) {
            return blkdev_write_iter(file, buf, off, len, ppos);
        }

        @Override
        public int fsync(File file) {
            return blkdev_fsync(file);
        }

        @Override
        public long unlocked_ioctl(File file, int cmd, long arg) {
            return blkdev_ioctl(file, cmd, arg);
        }
    };

    /** blkdev_open: ENXIO when no disk has the node's number; the disk is the file's private data. */
    public int blkdev_open(Inode inode, File file) {
        GenDisk disk = kernel.vfs().bdev().blkdev_get_by_dev(inode.i_rdev);
        if (disk == null) {
            return -Errno.ENXIO;
        }
        file.private_data = disk;
        return 0;
    }

    private static GenDisk disk(File file) {
        return (GenDisk) file.private_data;
    }

    /** bdev_nr_bytes: the disk's size in bytes. */
    static long bdev_nr_bytes(GenDisk disk) {
        return disk.get_capacity() * SECTOR_SIZE;
    }

    /** blkdev_llseek (fixed_size_llseek): SEEK_END is the disk's size; no offset past it (EINVAL). */
    public long blkdev_llseek(File file, long offset, int whence) {
        long size = bdev_nr_bytes(disk(file));
        long pos;
        switch (whence) {
            case Fcntl.SEEK_SET -> pos = offset;
            case Fcntl.SEEK_CUR -> pos = file.f_pos + offset;
            case Fcntl.SEEK_END -> pos = size + offset;
            case Fcntl.SEEK_DATA -> {
                if (offset < 0 || offset >= size) {
                    return -Errno.ENXIO;
                }
                pos = offset;
            }
            case Fcntl.SEEK_HOLE -> {
                if (offset < 0 || offset >= size) {
                    return -Errno.ENXIO;
                }
                pos = size;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
        if (pos < 0 || pos > size) {
            return -Errno.EINVAL;
        }
        file.f_pos = pos;
        return pos;
    }

    /** blkdev_read_iter: up to the end of the disk (0 there), through whole sectors. */
    public long blkdev_read_iter(File file, byte[] buf, int off, int len, long[] ppos) {
        GenDisk disk = disk(file);
        long pos = ppos[0];
        long size = bdev_nr_bytes(disk);
        if (pos >= size || len == 0) {
            return 0;
        }
        int count = (int) Math.min(len, size - pos);
        long start = pos & -SECTOR_SIZE;
        long end = (pos + count + SECTOR_SIZE - 1) & -SECTOR_SIZE;
        byte[] bounce = new byte[(int) (end - start)];
        int r = kernel.vfs().bdev().bdev_read(disk, start, bounce, 0, bounce.length);
        if (r < 0) {
            return r;
        }
        System.arraycopy(bounce, (int) (pos - start), buf, off, count);
        ppos[0] = pos + count;
        return count;
    }

    /**
     * blkdev_write_iter: ENOSPC from the end of the disk on, a shorter write up to it; the
     * sectors a write covers only in part are read first (read-modify-write).
     */
    public long blkdev_write_iter(File file, byte[] buf, int off, int len, long[] ppos) {
        GenDisk disk = disk(file);
        long pos = ppos[0];
        long size = bdev_nr_bytes(disk);
        if (len == 0) {
            return 0;
        }
        if (pos >= size) {
            return -Errno.ENOSPC;
        }
        int count = (int) Math.min(len, size - pos);
        long start = pos & -SECTOR_SIZE;
        long end = (pos + count + SECTOR_SIZE - 1) & -SECTOR_SIZE;
        byte[] bounce = new byte[(int) (end - start)];
        Bdev bdev = kernel.vfs().bdev();
        boolean headPartial = pos != start;
        if (headPartial) {
            int r = bdev.bdev_read(disk, start, bounce, 0, SECTOR_SIZE);
            if (r < 0) {
                return r;
            }
        }
        // the last sector, unless it is the first one and was just read
        if ((pos + count) % SECTOR_SIZE != 0 && !(headPartial && end - start == SECTOR_SIZE)) {
            int r = bdev.bdev_read(disk, end - SECTOR_SIZE, bounce, bounce.length - SECTOR_SIZE, SECTOR_SIZE);
            if (r < 0) {
                return r;
            }
        }
        System.arraycopy(buf, off, bounce, (int) (pos - start), count);
        int r = bdev.bdev_write(disk, start, bounce, 0, bounce.length);
        if (r < 0) {
            return r;
        }
        ppos[0] = pos + count;
        return count;
    }

    /** blkdev_fsync: writes are not buffered, so a cache flush on the device is all there is to do. */
    public int blkdev_fsync(File file) {
        return kernel.vfs().bdev().blkdev_issue_flush(disk(file));
    }

    /** blkdev_ioctl: the size and sector size queries; other commands are ENOTTY. */
    public long blkdev_ioctl(File file, int cmd, long arg) {
        GenDisk disk = disk(file);
        return switch (cmd) {
            case BLKGETSIZE64 -> kernel.uaccess().put_user(bdev_nr_bytes(disk), arg);
            case BLKGETSIZE -> kernel.uaccess().put_user(disk.get_capacity(), arg);
            case BLKSSZGET -> {
                byte[] b = {(byte) SECTOR_SIZE, (byte) (SECTOR_SIZE >> 8), 0, 0};
                yield kernel.uaccess().copy_to_user(arg, b, 0, 4) != 0 ? -Errno.EFAULT : 0;
            }
            case BLKFLSBUF -> blkdev_fsync(file);
            default -> -Errno.ENOTTY;
        };
    }
}
