package org.jstap.sim.fs.ext2;

import java.nio.file.Path;
import org.jstap.sim.fs.ext2.layout.BlockWriter;
import org.jstap.sim.fs.ext2.layout.Mke2fs;
import org.jstap.sim.hw.DiskImage;
import org.jstap.sim.kernel.Errno;

/**
 * mke2fs for a disk image on the host, before a machine boots on it: {@link Mke2fs}'s layout
 * written straight into the image file. Inside a machine, {@code mkfs.ext2} writes the same
 * layout through /dev/vda.
 *
 * <pre>{@code
 * Mkfs.format(DiskImage.open(image));                  // 1 KiB blocks below 512 MiB
 * Mkfs.format(DiskImage.open(image), new Mkfs.Options(4096, 4096, "data", 1767225600L));
 * }</pre>
 */
public final class Mkfs {
    /**
     * @param blockSize   1024, 2048 or 4096; 0 picks as mke2fs does (1024 below 512 MiB)
     * @param inodeRatio  bytes of disk per inode (mke2fs's -i); 0 for 4096 (8192 from 512 MiB)
     * @param label       the volume name (up to 16 bytes), or ""
     * @param time        the creation time in seconds since the epoch, for reproducible images
     */
    public record Options(int blockSize, int inodeRatio, String label, long time) {
        public static Options defaults() {
            Mke2fs.Options d = Mke2fs.Options.defaults();
            return new Options(d.blockSize(), d.inodeRatio(), d.label(), d.time());
        }
    }

    private Mkfs() {}

    /** Formats {@code image} with the default options; 0 or -errno (EINVAL: too small, EIO). */
    public static int format(DiskImage image) {
        return format(image, Options.defaults());
    }

    /** Formats the raw image file {@code file}. */
    public static int format(Path file, Options opts) {
        return format(DiskImage.open(file), opts);
    }

    public static int format(DiskImage image, Options opts) {
        BlockWriter w = writer(image);
        Mke2fs fs = Mke2fs.plan(w.size(),
                new Mke2fs.Options(opts.blockSize(), opts.inodeRatio(), opts.label(), opts.time(), null));
        return fs == null ? -Errno.EINVAL : fs.format(w);
    }

    /** The image as a BlockWriter; its writes are whole sectors, as the layout's blocks are. */
    static BlockWriter writer(DiskImage image) {
        return new BlockWriter() {
            @Override
            public long size() {
                return image.sectors() * DiskImage.SECTOR_SIZE;
            }

            @Override
            public int write(long offset, byte[] data) {
                return image.write(offset / DiskImage.SECTOR_SIZE, data) ? 0 : -Errno.EIO;
            }

            @Override
            public int flush() {
                return image.flush() ? 0 : -Errno.EIO;
            }
        };
    }
}
