package org.jstap.sim.fs.ext2;

import static org.jstap.sim.fs.ext2.Ext2.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jstap.sim.hw.DiskImage;

/**
 * mke2fs for the disk image: an empty ext2 file system (revision 1, 128-byte inodes, FILETYPE
 * and SPARSE_SUPER) with a root directory and lost+found, laid out as mke2fs lays it out: in
 * each group the super block backup and group descriptor copy (groups 0, 1, 3^n, 5^n, 7^n),
 * the block bitmap, the inode bitmap and the inode table. {@code e2fsck -fn} accepts the result.
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
            // 2026-01-01T00:00:00Z, when the machine's RTC starts
            return new Options(0, 0, "", 1767225600L);
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
        long bytes = image.sectors() * DiskImage.SECTOR_SIZE;
        int bs = opts.blockSize() != 0 ? opts.blockSize() : bytes < 512L << 20 ? 1024 : 4096;
        if (bs != 1024 && bs != 2048 && bs != 4096) {
            return -22;
        }
        int ratio = opts.inodeRatio() != 0 ? opts.inodeRatio() : bytes < 512L << 20 ? 4096 : 8192;
        long blocks = Math.min(bytes / bs, 0xffffffffL);
        long firstData = bs == 1024 ? 1 : 0;
        int bpg = bs * 8;
        int groups = (int) ((blocks - firstData + bpg - 1) / bpg);
        int descPerBlock = bs / EXT2_DESC_SIZE;
        int gdb = (groups + descPerBlock - 1) / descPerBlock;
        int inodesPerBlock = bs / EXT2_GOOD_OLD_INODE_SIZE;
        long wantInodes = Math.max(16, bytes / ratio);
        int ipg = (int) ((wantInodes + groups - 1) / groups);
        ipg = Math.max(ipg, 16);
        ipg = (ipg + inodesPerBlock - 1) / inodesPerBlock * inodesPerBlock;
        ipg = (ipg + 7) / 8 * 8;
        ipg = Math.min(ipg, bpg);
        int itb = ipg / inodesPerBlock;
        // a last group too small for its own metadata and some data is left off
        long last = blocks - firstData - (long) (groups - 1) * bpg;
        int lastOverhead = (ext2_bg_has_super(groups - 1) ? 1 + gdb : 0) + 2 + itb;
        if (groups > 1 && last < lastOverhead + 50) {
            groups--;
            blocks = firstData + (long) groups * bpg;
            gdb = (groups + descPerBlock - 1) / descPerBlock;
        }
        if (groups < 1 || blocks - firstData < (1 + gdb + 2 + itb + 2 + 16)) {
            return -22;
        }
        long inodes = (long) ipg * groups;
        int t = (int) opts.time();

        byte[][] gdt = new byte[gdb][bs];
        long freeBlocksTotal = 0;
        long rootBlock = 0;
        long lfBlock = 0;
        for (int g = 0; g < groups; g++) {
            long start = firstData + (long) g * bpg;
            int inGroup = (int) (g == groups - 1 ? blocks - start : bpg);
            int used = 0;
            if (ext2_bg_has_super(g)) {
                used += 1 + gdb;
            }
            long blockBitmap = start + used;
            long inodeBitmap = blockBitmap + 1;
            long inodeTable = inodeBitmap + 1;
            used += 2 + itb;
            byte[] bmap = new byte[bs];
            for (int i = 0; i < used; i++) {
                set_bit(bmap, i);
            }
            if (g == 0) {
                rootBlock = start + used;
                lfBlock = start + used + 1;
                set_bit(bmap, used);
                set_bit(bmap, used + 1);
                used += 2;
            }
            for (int i = inGroup; i < bs * 8; i++) {
                set_bit(bmap, i);
            }
            byte[] imap = new byte[bs];
            int usedInodes = g == 0 ? EXT2_GOOD_OLD_FIRST_INO : 0;
            for (int i = 0; i < usedInodes; i++) {
                set_bit(imap, i);
            }
            for (int i = ipg; i < bs * 8; i++) {
                set_bit(imap, i);
            }
            if (!write(image, blockBitmap, bs, bmap) || !write(image, inodeBitmap, bs, imap)) {
                return -5;
            }
            byte[] zero = new byte[bs];
            for (int i = 0; i < itb; i++) {
                if (!write(image, inodeTable + i, bs, zero)) {
                    return -5;
                }
            }
            int freeBlocks = inGroup - used;
            freeBlocksTotal += freeBlocks;
            byte[] d = gdt[g / descPerBlock];
            int o = (g % descPerBlock) * EXT2_DESC_SIZE;
            put32(d, o + BG_BLOCK_BITMAP, blockBitmap);
            put32(d, o + BG_INODE_BITMAP, inodeBitmap);
            put32(d, o + BG_INODE_TABLE, inodeTable);
            put16(d, o + BG_FREE_BLOCKS_COUNT, freeBlocks);
            put16(d, o + BG_FREE_INODES_COUNT, ipg - usedInodes);
            put16(d, o + BG_USED_DIRS_COUNT, g == 0 ? 2 : 0);
        }

        byte[] es = new byte[SUPER_SIZE];
        put32(es, S_INODES_COUNT, inodes);
        put32(es, S_BLOCKS_COUNT, blocks);
        put32(es, S_R_BLOCKS_COUNT, blocks / 20);
        put32(es, S_FREE_BLOCKS_COUNT, freeBlocksTotal);
        put32(es, S_FREE_INODES_COUNT, inodes - EXT2_GOOD_OLD_FIRST_INO);
        put32(es, S_FIRST_DATA_BLOCK, firstData);
        put32(es, S_LOG_BLOCK_SIZE, Integer.numberOfTrailingZeros(bs >> 10));
        put32(es, S_LOG_FRAG_SIZE, Integer.numberOfTrailingZeros(bs >> 10));
        put32(es, S_BLOCKS_PER_GROUP, bpg);
        put32(es, S_FRAGS_PER_GROUP, bpg);
        put32(es, S_INODES_PER_GROUP, ipg);
        put32(es, S_WTIME, t);
        put16(es, S_MAX_MNT_COUNT, 0xffff);
        put16(es, S_MAGIC, EXT2_SUPER_MAGIC);
        put16(es, S_STATE, EXT2_VALID_FS);
        put16(es, S_ERRORS, EXT2_ERRORS_CONTINUE);
        put32(es, S_LASTCHECK, t);
        put32(es, S_REV_LEVEL, EXT2_DYNAMIC_REV);
        put32(es, S_FIRST_INO, EXT2_GOOD_OLD_FIRST_INO);
        put16(es, S_INODE_SIZE, EXT2_GOOD_OLD_INODE_SIZE);
        put32(es, S_FEATURE_INCOMPAT, EXT2_FEATURE_INCOMPAT_FILETYPE);
        put32(es, S_FEATURE_RO_COMPAT, EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER);
        java.util.UUID uuid = java.util.UUID.nameUUIDFromBytes(
                (blocks + ":" + opts.time() + ":" + opts.label()).getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < 8; i++) {
            es[S_UUID + i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            es[S_UUID + 8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        byte[] label = opts.label().getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(label, 0, es, S_VOLUME_NAME, Math.min(16, label.length));
        es[S_DEF_HASH_VERSION] = 1;

        // super block and descriptor copies
        for (int g = 0; g < groups; g++) {
            if (!ext2_bg_has_super(g)) {
                continue;
            }
            long start = firstData + (long) g * bpg;
            put16(es, S_BLOCK_GROUP_NR, g);
            byte[] sbBlock = new byte[bs];
            if (g == 0) {
                // byte 1024 of the disk: block 1 with 1 KiB blocks, offset 1024 in block 0 otherwise
                System.arraycopy(es, 0, sbBlock, bs == 1024 ? 0 : 1024, SUPER_SIZE);
                if (!write(image, bs == 1024 ? 1 : 0, bs, sbBlock)) {
                    return -5;
                }
            } else {
                System.arraycopy(es, 0, sbBlock, 0, SUPER_SIZE);
                if (!write(image, start, bs, sbBlock)) {
                    return -5;
                }
            }
            for (int i = 0; i < gdb; i++) {
                if (!write(image, start + 1 + i, bs, gdt[i])) {
                    return -5;
                }
            }
        }

        // the root directory (inode 2) and lost+found (inode 11)
        byte[] root = new byte[bs];
        dirent(root, 0, 12, EXT2_ROOT_INO, ".", EXT2_FT_DIR);
        dirent(root, 12, 12, EXT2_ROOT_INO, "..", EXT2_FT_DIR);
        dirent(root, 24, bs - 24, EXT2_GOOD_OLD_FIRST_INO, "lost+found", EXT2_FT_DIR);
        byte[] lf = new byte[bs];
        dirent(lf, 0, 12, EXT2_GOOD_OLD_FIRST_INO, ".", EXT2_FT_DIR);
        dirent(lf, 12, bs - 12, EXT2_ROOT_INO, "..", EXT2_FT_DIR);
        if (!write(image, rootBlock, bs, root) || !write(image, lfBlock, bs, lf)) {
            return -5;
        }
        long table = le32(gdt[0], BG_INODE_TABLE);
        // inodes 1..inodesPerBlock are in the table's first block; 11 may be in the second (1 KiB: 8 per block)
        writeInode(image, bs, table, EXT2_ROOT_INO, 040755, 3, bs, rootBlock, t);
        writeInode(image, bs, table, EXT2_GOOD_OLD_FIRST_INO, 040700, 2, bs, lfBlock, t);
        return image.flush() ? 0 : -5;
    }

    private static void writeInode(DiskImage image, int bs, long table, int ino, int mode, int links, long size,
            long block, int t) {
        int perBlock = bs / EXT2_GOOD_OLD_INODE_SIZE;
        long blk = table + (ino - 1) / perBlock;
        int off = ((ino - 1) % perBlock) * EXT2_GOOD_OLD_INODE_SIZE;
        byte[] b = new byte[bs];
        image.read(blk * bs / DiskImage.SECTOR_SIZE, b);
        put16(b, off + I_MODE, mode);
        put32(b, off + I_SIZE, size);
        put32(b, off + I_ATIME, t);
        put32(b, off + I_CTIME, t);
        put32(b, off + I_MTIME, t);
        put16(b, off + I_LINKS_COUNT, links);
        put32(b, off + I_BLOCKS, bs / 512);
        put32(b, off + I_BLOCK, block);
        write(image, blk, bs, b);
    }

    private static void dirent(byte[] b, int off, int recLen, long ino, String name, int type) {
        put32(b, off, ino);
        put16(b, off + 4, recLen);
        b[off + 6] = (byte) name.length();
        b[off + 7] = (byte) type;
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(n, 0, b, off + 8, n.length);
    }

    private static boolean write(DiskImage image, long block, int bs, byte[] data) {
        return image.write(block * bs / DiskImage.SECTOR_SIZE, data);
    }
}
