package org.jstap.sim.fs;

import org.jstap.sim.Kernel;
import org.jstap.sim.block.Bio;
import org.jstap.sim.block.GenDisk;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.PageAlloc;

/**
 * block/bdev.c (fs/block_dev.c before 5.15): block devices as file systems see them. A mount
 * names its device by path; {@code lookup_bdev} turns that into the device number of the block
 * special file, {@code blkdev_get_by_dev} into the disk. {@code bdev_read}/{@code bdev_write} move
 * bytes between a buffer and the disk through the block layer ({@code submit_bio_wait}, so each
 * one is a request the block_rq_* tracepoints see) and must run in a task, which sleeps until
 * the device is done.
 *
 * <pre>{@code
 * int dev = kernel.vfs().bdev().lookup_bdev("/dev/vda");   // MKDEV(253, 0) or -errno
 * GenDisk disk = kernel.vfs().bdev().blkdev_get_by_dev(dev);
 * kernel.vfs().bdev().bdev_read(disk, 1024, buf, 0, 1024);
 * }</pre>
 */
@LinuxFile("block/bdev.c")
public final class Bdev {
    private static final int SECTOR_SIZE = 512;
    private static final int PAGE_SIZE = 4096;

    private final Kernel kernel;

    Bdev(Kernel kernel) {
        this.kernel = kernel;
    }

    /** lookup_bdev: the device number of the block special file {@code path}; -ENOTBLK, -ENOENT... */
    public int lookup_bdev(String path) {
        if (path == null || path.isEmpty()) {
            return -Errno.EINVAL;
        }
        Lookup l = kernel.vfs().namei().filename_lookup(Fcntl.AT_FDCWD, path, Namei.LOOKUP_FOLLOW);
        if (l.err() != 0) {
            return l.err();
        }
        Inode inode = l.path().inode();
        if (!Mode.S_ISBLK(inode.i_mode)) {
            return -Errno.ENOTBLK;
        }
        if ((l.path().mnt().mnt_flags & VfsMount.MNT_NODEV) != 0) {
            return -Errno.EACCES;
        }
        return inode.i_rdev;
    }

    /** blkdev_get_by_dev: the disk with device number {@code dev}, or null (ENXIO). */
    public GenDisk blkdev_get_by_dev(int dev) {
        return kernel.block().get_gendisk(dev);
    }

    /** Reads {@code len} bytes (a multiple of 512) at byte {@code pos} of the disk; 0 or -errno. */
    public int bdev_read(GenDisk disk, long pos, byte[] buf, int off, int len) {
        return bdev_rw(disk, Bio.REQ_OP_READ, pos, buf, off, len);
    }

    /** Writes {@code len} bytes (a multiple of 512) at byte {@code pos} of the disk; 0 or -errno. */
    public int bdev_write(GenDisk disk, long pos, byte[] buf, int off, int len) {
        return bdev_rw(disk, Bio.REQ_OP_WRITE, pos, buf, off, len);
    }

    /** blkdev_issue_flush: what was written is durable on the device. */
    public int blkdev_issue_flush(GenDisk disk) {
        return kernel.block().submit_bio_wait(new Bio(disk, Bio.REQ_OP_FLUSH, 0, 0, 0, null));
    }

    /** One bio per page of the transfer, each waited for (the data bounces through a kernel page). */
    private int bdev_rw(GenDisk disk, int op, long pos, byte[] buf, int off, int len) {
        if (pos % SECTOR_SIZE != 0 || len % SECTOR_SIZE != 0) {
            return -Errno.EINVAL;
        }
        long page = kernel.page_alloc().alloc_page(Gfp.GFP_KERNEL);
        if (page == PageAlloc.NO_PAGE) {
            return -Errno.ENOMEM;
        }
        long pa = PageAlloc.page_to_phys(page);
        try {
            for (int done = 0; done < len; done += PAGE_SIZE) {
                int n = Math.min(PAGE_SIZE, len - done);
                if (op == Bio.REQ_OP_WRITE) {
                    kernel.ram().write(pa, buf, off + done, n);
                }
                int r = kernel.block().submit_bio_wait(new Bio(disk, op, (pos + done) / SECTOR_SIZE, page, n, null));
                if (r != 0) {
                    return r;
                }
                if (op == Bio.REQ_OP_READ) {
                    kernel.ram().read(pa, buf, off + done, n);
                }
            }
            return 0;
        } finally {
            kernel.page_alloc().put_page(page);
        }
    }
}
