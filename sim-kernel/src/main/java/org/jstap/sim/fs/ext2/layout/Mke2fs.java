package org.jstap.sim.fs.ext2.layout;

import static org.jstap.sim.fs.ext2.layout.Ext2.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What mke2fs computes and writes, with no kernel behind it: an empty ext2 file system
 * (revision 1, 128-byte inodes, FILETYPE and SPARSE_SUPER) with a root directory and
 * lost+found, laid out as mke2fs lays it out: in each group the super block backup and group
 * descriptor copy (groups 0, 1, 3^n, 5^n, 7^n), the block bitmap, the inode bitmap and the
 * inode table. {@code e2fsck -fn} accepts the result. Both the kernel tests' image formatter
 * ({@code fs.ext2.Mkfs}) and the {@code mkfs.ext2} program use it, so the user program holds
 * no kernel object: it only supplies a {@link BlockWriter}.
 *
 * <pre>{@code
 * Mke2fs fs = Mke2fs.plan(writer.size(), Mke2fs.Options.defaults());   // null: too small
 * int err = fs.format(writer);                                         // 0 or -errno
 * }</pre>
 *
 * The three steps of {@link #format} are public so that a program can report each one, as
 * mke2fs prints "Allocating group tables: done" and the rest.
 */
public final class Mke2fs {
    /** The most bytes one write carries (an inode table goes in pieces). */
    private static final int MAX_WRITE = 256 * 1024;

    /**
     * @param blockSize   1024, 2048 or 4096; 0 picks as mke2fs does (1024 below 512 MiB)
     * @param inodeRatio  bytes of disk per inode (mke2fs's -i); 0 for 4096 (8192 from 512 MiB)
     * @param label       the volume name (up to 16 bytes), or ""
     * @param time        the creation time in seconds since the epoch
     * @param uuid        the file system's UUID, or null for one derived from the others (reproducible images)
     */
    public record Options(int blockSize, int inodeRatio, String label, long time, UUID uuid) {
        public static Options defaults() {
            // 2026-01-01T00:00:00Z, when the machine's RTC starts
            return new Options(0, 0, "", 1767225600L, null);
        }
    }

    /** Where one block group's metadata lies. */
    private record Group(long start, int blocks, long blockBitmap, long inodeBitmap, long inodeTable, int used,
            int usedInodes) {}

    public final int blockSize;
    /** s_blocks_count: blocks of the file system (the device may have a few more). */
    public final long blocks;
    public final long inodes;
    public final int inodesPerGroup;
    public final int blocksPerGroup;
    public final UUID uuid;
    private final long firstData;
    private final int gdb;
    private final int itb;
    private final int time;
    private final String label;
    private final List<Group> groups = new ArrayList<>();
    private final byte[][] gdt;
    private long freeBlocks;
    private long rootBlock;
    private long lfBlock;

    /** Whether {@code blockSize} is one the file system takes (0 means "pick one"). */
    public static boolean valid_block_size(int blockSize) {
        return blockSize == 0 || blockSize == 1024 || blockSize == 2048 || blockSize == 4096;
    }

    /** The layout of a file system on {@code bytes} of device, or null when they are too few (or the block size is bad). */
    public static Mke2fs plan(long bytes, Options opts) {
        if (!valid_block_size(opts.blockSize())) {
            return null;
        }
        int bs = opts.blockSize() != 0 ? opts.blockSize() : bytes < 512L << 20 ? 1024 : 4096;
        int ratio = opts.inodeRatio() != 0 ? opts.inodeRatio() : bytes < 512L << 20 ? 4096 : 8192;
        long blocks = Math.min(bytes / bs, 0xffffffffL);
        long firstData = bs == 1024 ? 1 : 0;
        int bpg = bs * 8;
        int groups = (int) ((blocks - firstData + bpg - 1) / bpg);
        if (groups < 1) {
            return null;
        }
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
            return null;
        }
        return new Mke2fs(bs, blocks, firstData, groups, gdb, ipg, itb, opts);
    }

    private Mke2fs(int bs, long blocks, long firstData, int ngroups, int gdb, int ipg, int itb, Options opts) {
        this.blockSize = bs;
        this.blocks = blocks;
        this.firstData = firstData;
        this.gdb = gdb;
        this.inodesPerGroup = ipg;
        this.itb = itb;
        this.blocksPerGroup = bs * 8;
        this.inodes = (long) ipg * ngroups;
        this.time = (int) opts.time();
        this.label = opts.label();
        this.uuid = opts.uuid() != null ? opts.uuid() : UUID.nameUUIDFromBytes(
                (blocks + ":" + opts.time() + ":" + opts.label()).getBytes(StandardCharsets.ISO_8859_1));
        int descPerBlock = bs / EXT2_DESC_SIZE;
        gdt = new byte[gdb][bs];
        for (int g = 0; g < ngroups; g++) {
            long start = firstData + (long) g * blocksPerGroup;
            int inGroup = (int) (g == ngroups - 1 ? blocks - start : blocksPerGroup);
            int used = ext2_bg_has_super(g) ? 1 + gdb : 0;
            long blockBitmap = start + used;
            used += 2 + itb;
            if (g == 0) {
                // the root directory's and lost+found's blocks follow group 0's inode table
                rootBlock = start + used;
                lfBlock = rootBlock + 1;
                used += 2;
            }
            int usedInodes = g == 0 ? EXT2_GOOD_OLD_FIRST_INO : 0;
            Group grp = new Group(start, inGroup, blockBitmap, blockBitmap + 1, blockBitmap + 2, used, usedInodes);
            groups.add(grp);
            freeBlocks += inGroup - used;
            byte[] d = gdt[g / descPerBlock];
            int o = (g % descPerBlock) * EXT2_DESC_SIZE;
            put32(d, o + BG_BLOCK_BITMAP, grp.blockBitmap());
            put32(d, o + BG_INODE_BITMAP, grp.inodeBitmap());
            put32(d, o + BG_INODE_TABLE, grp.inodeTable());
            put16(d, o + BG_FREE_BLOCKS_COUNT, inGroup - used);
            put16(d, o + BG_FREE_INODES_COUNT, ipg - usedInodes);
            put16(d, o + BG_USED_DIRS_COUNT, g == 0 ? 2 : 0);
        }
    }

    public int groups() {
        return groups.size();
    }

    /** The blocks holding super block backups (groups 1, 3^n, 5^n, 7^n), as mke2fs lists them. */
    public List<Long> backups() {
        List<Long> out = new ArrayList<>();
        for (int g = 1; g < groups.size(); g++) {
            if (ext2_bg_has_super(g)) {
                out.add(groups.get(g).start());
            }
        }
        return out;
    }

    /** Every step: 0 or the first -errno. */
    public int format(BlockWriter w) {
        int r = write_group_tables(w);
        if (r == 0) {
            r = write_inode_tables(w);
        }
        if (r == 0) {
            r = write_super_and_accounting(w);
        }
        return r;
    }

    /** "Allocating group tables": each group's block and inode bitmaps. */
    public int write_group_tables(BlockWriter w) {
        int bs = blockSize;
        for (Group g : groups) {
            byte[] bmap = new byte[bs];
            for (int i = 0; i < g.used(); i++) {
                set_bit(bmap, i);
            }
            // the bits past the end of a short last group are set, as the kernel expects
            for (int i = g.blocks(); i < bs * 8; i++) {
                set_bit(bmap, i);
            }
            byte[] imap = new byte[bs];
            for (int i = 0; i < g.usedInodes(); i++) {
                set_bit(imap, i);
            }
            for (int i = inodesPerGroup; i < bs * 8; i++) {
                set_bit(imap, i);
            }
            int r = write(w, g.blockBitmap(), bmap);
            if (r == 0) {
                r = write(w, g.inodeBitmap(), imap);
            }
            if (r != 0) {
                return r;
            }
        }
        return 0;
    }

    /** "Writing inode tables": zeroed tables, group 0's holding the root (2) and lost+found (11). */
    public int write_inode_tables(BlockWriter w) {
        int perWrite = Math.max(1, MAX_WRITE / blockSize);
        for (int gi = 0; gi < groups.size(); gi++) {
            Group g = groups.get(gi);
            for (int first = 0; first < itb; first += perWrite) {
                int n = Math.min(perWrite, itb - first);
                byte[] b = new byte[n * blockSize];
                if (gi == 0) {
                    inode(b, first, n, EXT2_ROOT_INO, 040755, 3, rootBlock);
                    inode(b, first, n, EXT2_GOOD_OLD_FIRST_INO, 040700, 2, lfBlock);
                }
                int r = w.write((g.inodeTable() + first) * blockSize, b);
                if (r != 0) {
                    return r;
                }
            }
        }
        return 0;
    }

    /** "Writing superblocks and filesystem accounting information": super blocks, descriptors, directories, flush. */
    public int write_super_and_accounting(BlockWriter w) {
        int bs = blockSize;
        byte[] es = super_block();
        for (int g = 0; g < groups.size(); g++) {
            if (!ext2_bg_has_super(g)) {
                continue;
            }
            put16(es, S_BLOCK_GROUP_NR, g);
            byte[] sbBlock = new byte[bs];
            long start = groups.get(g).start();
            int r;
            if (g == 0) {
                // byte 1024 of the disk: block 1 with 1 KiB blocks, offset 1024 in block 0 otherwise
                System.arraycopy(es, 0, sbBlock, bs == 1024 ? 0 : 1024, SUPER_SIZE);
                r = write(w, bs == 1024 ? 1 : 0, sbBlock);
            } else {
                System.arraycopy(es, 0, sbBlock, 0, SUPER_SIZE);
                r = write(w, start, sbBlock);
            }
            for (int i = 0; i < gdb && r == 0; i++) {
                r = write(w, start + 1 + i, gdt[i]);
            }
            if (r != 0) {
                return r;
            }
        }
        byte[] root = new byte[bs];
        dirent(root, 0, 12, EXT2_ROOT_INO, ".");
        dirent(root, 12, 12, EXT2_ROOT_INO, "..");
        dirent(root, 24, bs - 24, EXT2_GOOD_OLD_FIRST_INO, "lost+found");
        byte[] lf = new byte[bs];
        dirent(lf, 0, 12, EXT2_GOOD_OLD_FIRST_INO, ".");
        dirent(lf, 12, bs - 12, EXT2_ROOT_INO, "..");
        int r = write(w, rootBlock, root);
        if (r == 0) {
            r = write(w, lfBlock, lf);
        }
        return r != 0 ? r : w.flush();
    }

    private byte[] super_block() {
        byte[] es = new byte[SUPER_SIZE];
        int logBlock = Integer.numberOfTrailingZeros(blockSize >> 10);
        put32(es, S_INODES_COUNT, inodes);
        put32(es, S_BLOCKS_COUNT, blocks);
        put32(es, S_R_BLOCKS_COUNT, blocks / 20);
        put32(es, S_FREE_BLOCKS_COUNT, freeBlocks);
        put32(es, S_FREE_INODES_COUNT, inodes - EXT2_GOOD_OLD_FIRST_INO);
        put32(es, S_FIRST_DATA_BLOCK, firstData);
        put32(es, S_LOG_BLOCK_SIZE, logBlock);
        put32(es, S_LOG_FRAG_SIZE, logBlock);
        put32(es, S_BLOCKS_PER_GROUP, blocksPerGroup);
        put32(es, S_FRAGS_PER_GROUP, blocksPerGroup);
        put32(es, S_INODES_PER_GROUP, inodesPerGroup);
        put32(es, S_WTIME, time);
        put16(es, S_MAX_MNT_COUNT, 0xffff);
        put16(es, S_MAGIC, EXT2_SUPER_MAGIC);
        put16(es, S_STATE, EXT2_VALID_FS);
        put16(es, S_ERRORS, EXT2_ERRORS_CONTINUE);
        put32(es, S_LASTCHECK, time);
        put32(es, S_REV_LEVEL, EXT2_DYNAMIC_REV);
        put32(es, S_FIRST_INO, EXT2_GOOD_OLD_FIRST_INO);
        put16(es, S_INODE_SIZE, EXT2_GOOD_OLD_INODE_SIZE);
        put32(es, S_FEATURE_INCOMPAT, EXT2_FEATURE_INCOMPAT_FILETYPE);
        put32(es, S_FEATURE_RO_COMPAT, EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER);
        for (int i = 0; i < 8; i++) {
            es[S_UUID + i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            es[S_UUID + 8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        byte[] name = label.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(name, 0, es, S_VOLUME_NAME, Math.min(16, name.length));
        es[S_DEF_HASH_VERSION] = 1;
        return es;
    }

    /** Puts inode {@code ino} (a directory of one block) into the table piece of {@code n} blocks from block {@code first}. */
    private void inode(byte[] b, int first, int n, int ino, int mode, int links, long block) {
        long off = (long) (ino - 1) * EXT2_GOOD_OLD_INODE_SIZE - (long) first * blockSize;
        if (off < 0 || off >= (long) n * blockSize) {
            return;
        }
        int o = (int) off;
        put16(b, o + I_MODE, mode);
        put32(b, o + I_SIZE, blockSize);
        put32(b, o + I_ATIME, time);
        put32(b, o + I_CTIME, time);
        put32(b, o + I_MTIME, time);
        put16(b, o + I_LINKS_COUNT, links);
        put32(b, o + I_BLOCKS, blockSize / 512);
        put32(b, o + I_BLOCK, block);
    }

    private static void dirent(byte[] b, int off, int recLen, long ino, String name) {
        put32(b, off, ino);
        put16(b, off + 4, recLen);
        b[off + 6] = (byte) name.length();
        b[off + 7] = (byte) EXT2_FT_DIR;
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(n, 0, b, off + 8, n.length);
    }

    private int write(BlockWriter w, long block, byte[] data) {
        return w.write(block * blockSize, data);
    }
}
