package org.jstap.sim.fs.ext2;

import static org.jstap.sim.fs.ext2.layout.Ext2.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jstap.sim.Kernel;
import org.jstap.sim.block.GenDisk;
import org.jstap.sim.fs.FileSystemType;
import org.jstap.sim.fs.SuperBlock;
import org.jstap.sim.fs.SuperOperations;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/ext2/super.c: the "ext2" file system type. Mounting reads the super block at byte 1024 of
 * the device named by the mount source (a block special file such as /dev/vda, looked up by its
 * i_rdev), checks magic and features, and reads the root inode; while mounted read-write the
 * on-disk state says "not clean" until umount. {@code sync_fs} writes back dirty pages, inodes,
 * bitmaps, group descriptors and the super block, then flushes the disk.
 *
 * <pre>{@code
 * mount("/dev/vda", "/mnt", "ext2", 0, NULL);    // from a program, after Mkfs.format(image)
 * }</pre>
 */
@LinuxFile("fs/ext2/super.c")
public final class Super implements FileSystemType {
    public static final long EXT2_SUPER_MAGIC_L = EXT2_SUPER_MAGIC;
    private static final int SUPPORTED_INCOMPAT = EXT2_FEATURE_INCOMPAT_FILETYPE;
    /** SPARSE_SUPER, LARGE_FILE and BTREE_DIR, as Linux's ext2 takes them. */
    private static final int SUPPORTED_RO_COMPAT = 0x0001 | 0x0002 | 0x0004;

    private final Kernel kernel;
    /** Mounted super blocks by device number (sget's search: a second mount shares the first). */
    private final Map<Integer, SuperBlock> byDev = new HashMap<>();

    public Super(Kernel kernel) {
        this.kernel = kernel;
    }

    /** init_ext2_fs: the type is registered (an fs initcall). */
    public int init_ext2_fs() {
        return kernel.vfs().filesystems().register_filesystem(this);
    }

    @Override
    public String name() {
        return "ext2";
    }

    @Override
    public int fs_flags() {
        return FS_REQUIRES_DEV;
    }

    /** ext2_mount -> mount_bdev: the device by name, then its super block (shared if mounted already). */
    @Override
    public SuperBlock mount(int flags, String devName, String data, int[] err) {
        int dev = kernel.vfs().bdev().lookup_bdev(devName);
        if (dev < 0) {
            err[0] = dev;
            return null;
        }
        GenDisk disk = kernel.vfs().bdev().blkdev_get_by_dev(dev);
        if (disk == null) {
            err[0] = -Errno.ENXIO;
            return null;
        }
        SuperBlock existing = byDev.get(dev);
        if (existing != null) {
            if (((existing.s_flags ^ flags) & SuperBlock.SB_RDONLY) != 0) {
                err[0] = -Errno.EBUSY;
                return null;
            }
            return existing;
        }
        SuperBlock sb = kernel.vfs().supers().alloc_super(this, dev);
        sb.s_flags = flags;
        int r = ext2_fill_super(sb, disk, data);
        if (r != 0) {
            kernel.vfs().supers().deactivate_super(sb);
            err[0] = r;
            return null;
        }
        byDev.put(dev, sb);
        return sb;
    }

    @Override
    public void kill_sb(SuperBlock sb) {
        byDev.values().remove(sb);
    }

    private void ext2_msg(GenDisk disk, String level, String msg) {
        String line = "EXT2-fs (" + disk.disk_name + "): " + level + ": " + msg;
        if (level.equals("error")) {
            kernel.printk().pr_err(line);
        } else {
            kernel.printk().pr_warn(line);
        }
    }

    /** ext2_fill_super: the super block, the group descriptors' geometry, the root. */
    int ext2_fill_super(SuperBlock sb, GenDisk disk, String data) {
        byte[] raw = new byte[SUPER_SIZE];
        int r = kernel.vfs().bdev().bdev_read(disk, SUPER_OFFSET, raw, 0, SUPER_SIZE);
        if (r != 0) {
            ext2_msg(disk, "error", "unable to read superblock");
            return r;
        }
        if (le16(raw, S_MAGIC) != EXT2_SUPER_MAGIC) {
            ext2_msg(disk, "error", "can't find an ext2 filesystem on dev " + disk.disk_name + ".");
            return -Errno.EINVAL;
        }
        long log = le32(raw, S_LOG_BLOCK_SIZE);
        if (log > 2) {
            ext2_msg(disk, "error", "unsupported blocksize");
            return -Errno.EINVAL;
        }
        long rev = le32(raw, S_REV_LEVEL);
        long incompat = rev >= EXT2_DYNAMIC_REV ? le32(raw, S_FEATURE_INCOMPAT) : 0;
        long roCompat = rev >= EXT2_DYNAMIC_REV ? le32(raw, S_FEATURE_RO_COMPAT) : 0;
        if ((incompat & ~SUPPORTED_INCOMPAT) != 0) {
            ext2_msg(disk, "error", String.format("couldn't mount because of unsupported optional features (%x)",
                    incompat & ~SUPPORTED_INCOMPAT));
            return -Errno.EINVAL;
        }
        if ((roCompat & ~SUPPORTED_RO_COMPAT) != 0 && (sb.s_flags & SuperBlock.SB_RDONLY) == 0) {
            ext2_msg(disk, "error", String.format("couldn't mount RDWR because of unsupported optional features (%x)",
                    roCompat & ~SUPPORTED_RO_COMPAT));
            return -Errno.EINVAL;
        }
        SbInfo sbi = new SbInfo(kernel, disk, sb);
        sbi.s_blocksize = 1024 << log;
        sbi.s_sbh_block = SUPER_OFFSET / sbi.s_blocksize;
        sbi.s_sb_offset = SUPER_OFFSET % sbi.s_blocksize;
        sbi.s_inodes_count = le32(raw, S_INODES_COUNT);
        sbi.s_blocks_count = le32(raw, S_BLOCKS_COUNT);
        sbi.s_first_data_block = le32(raw, S_FIRST_DATA_BLOCK);
        sbi.s_blocks_per_group = (int) le32(raw, S_BLOCKS_PER_GROUP);
        sbi.s_inodes_per_group = (int) le32(raw, S_INODES_PER_GROUP);
        sbi.s_inode_size = rev >= EXT2_DYNAMIC_REV ? le16(raw, S_INODE_SIZE) : EXT2_GOOD_OLD_INODE_SIZE;
        sbi.s_first_ino = rev >= EXT2_DYNAMIC_REV ? (int) le32(raw, S_FIRST_INO) : EXT2_GOOD_OLD_FIRST_INO;
        sbi.s_addr_per_block = sbi.s_blocksize / 4;
        sbi.s_desc_per_block = sbi.s_blocksize / EXT2_DESC_SIZE;
        if (sbi.s_blocks_per_group == 0 || sbi.s_blocks_per_group > sbi.s_blocksize * 8
                || sbi.s_inodes_per_group == 0 || sbi.s_inodes_per_group > sbi.s_blocksize * 8
                || sbi.s_inode_size < EXT2_GOOD_OLD_INODE_SIZE || sbi.s_inode_size > sbi.s_blocksize
                || sbi.s_blocks_count * (sbi.s_blocksize / 512) > disk.get_capacity()) {
            ext2_msg(disk, "error", "corrupt or truncated superblock");
            return -Errno.EINVAL;
        }
        sbi.s_groups_count = (int) ((sbi.s_blocks_count - sbi.s_first_data_block + sbi.s_blocks_per_group - 1)
                / sbi.s_blocks_per_group);
        sbi.s_gdb_count = (sbi.s_groups_count + sbi.s_desc_per_block - 1) / sbi.s_desc_per_block;
        sb.s_fs_info = sbi;
        sb.s_blocksize = sbi.s_blocksize;
        sb.s_magic = EXT2_SUPER_MAGIC;
        int[] err = new int[1];
        var root = Inode.ext2_iget(sbi, EXT2_ROOT_INO, err);
        if (root == null || !root.is_dir() || root.i_size == 0) {
            ext2_msg(disk, "error", "corrupt root inode, run e2fsck");
            return root == null ? err[0] : -Errno.EINVAL;
        }
        sb.s_root = kernel.vfs().dcache().d_make_root(sb, root);
        sb.s_op = EXT2_SOPS;
        if ((sb.s_flags & SuperBlock.SB_RDONLY) == 0) {
            ext2_setup_super(sbi);
        }
        return 0;
    }

    /** ext2_setup_super: a read-write mount counts itself and marks the file system in use. */
    private void ext2_setup_super(SbInfo sbi) {
        byte[] es = sbi.es();
        int o = sbi.s_sb_offset;
        int state = le16(es, o + S_STATE);
        if ((state & EXT2_VALID_FS) == 0) {
            ext2_msg(sbi.disk, "warning", "mounting unchecked fs, running e2fsck is recommended");
        } else if ((state & EXT2_ERROR_FS) != 0) {
            ext2_msg(sbi.disk, "warning", "mounting fs with errors, running e2fsck is recommended");
        }
        put16(es, o + S_STATE, state & ~EXT2_VALID_FS);
        put16(es, o + S_MNT_COUNT, le16(es, o + S_MNT_COUNT) + 1);
        put32(es, o + S_MTIME, kernel.vfs().inodes().current_time() / 1_000_000_000L);
        sbi.mark_buffer_dirty(sbi.s_sbh_block);
        ext2_sync_super(sbi);
    }

    /** ext2_sync_super: the super block's write time, then every dirty buffer, then a flush. */
    static int ext2_sync_super(SbInfo sbi) {
        byte[] es = sbi.es();
        put32(es, sbi.s_sb_offset + S_WTIME, sbi.kernel.vfs().inodes().current_time() / 1_000_000_000L);
        sbi.mark_buffer_dirty(sbi.s_sbh_block);
        int r = sbi.sync_dirty_buffers();
        int f = sbi.kernel.vfs().bdev().blkdev_issue_flush(sbi.disk);
        return r != 0 ? r : f;
    }

    /**
     * ext2_sync_fs: dirty pages of every inode in memory (their blocks are allocated now), the
     * inodes into the inode table, then the metadata buffers and the super block.
     */
    static int ext2_sync_fs(SuperBlock sb) {
        SbInfo sbi = (SbInfo) sb.s_fs_info;
        if ((sb.s_flags & SuperBlock.SB_RDONLY) != 0) {
            return 0;
        }
        int err = 0;
        List<org.jstap.sim.fs.Inode> inodes = List.copyOf(sbi.icache.values());
        for (var inode : inodes) {
            int r = sbi.kernel.vfs().filemap().filemap_write_and_wait(inode.i_mapping);
            if (r != 0 && err == 0) {
                err = r;
            }
        }
        for (var inode : inodes) {
            if ((inode.i_state & org.jstap.sim.fs.Inode.I_FREEING) == 0) {
                int r = Inode.ext2_write_inode(sbi, inode);
                if (r != 0 && err == 0) {
                    err = r;
                }
            }
        }
        int r = ext2_sync_super(sbi);
        return err != 0 ? err : r;
    }

    /** ext2_put_super: the last sync, the state back to clean, and the caches go. */
    static void ext2_put_super(SuperBlock sb) {
        SbInfo sbi = (SbInfo) sb.s_fs_info;
        if (sbi == null) {
            return;
        }
        if ((sb.s_flags & SuperBlock.SB_RDONLY) == 0 && sbi.s_blocksize != 0) {
            ext2_sync_fs(sb);
            byte[] es = sbi.es();
            put16(es, sbi.s_sb_offset + S_STATE, le16(es, sbi.s_sb_offset + S_STATE) | EXT2_VALID_FS);
            sbi.mark_buffer_dirty(sbi.s_sbh_block);
            ext2_sync_super(sbi);
        }
        for (var inode : List.copyOf(sbi.icache.values())) {
            sbi.kernel.vfs().filemap().truncate_inode_pages(inode.i_mapping, 0);
        }
        sbi.icache.clear();
        sbi.invalidate_buffers();
    }

    /** ext2_sops. */
    static final SuperOperations EXT2_SOPS = new SuperOperations() {
        @Override
        public int sync_fs(SuperBlock sb) {
            return ext2_sync_fs(sb);
        }

        @Override
        public void put_super(SuperBlock sb) {
            ext2_put_super(sb);
        }

        @Override
        public void evict_inode(org.jstap.sim.fs.Inode inode) {
            Inode.ext2_evict_inode(inode);
        }

        /** ext2_statfs: blocks, free, free to non-root, inodes, free inodes. */
        @Override
        public long[] statfs(SuperBlock sb) {
            SbInfo sbi = (SbInfo) sb.s_fs_info;
            byte[] es = sbi.es();
            int o = sbi.s_sb_offset;
            long free = le32(es, o + S_FREE_BLOCKS_COUNT);
            long reserved = le32(es, o + S_R_BLOCKS_COUNT);
            return new long[] {sbi.s_blocks_count, free, Math.max(0, free - reserved), sbi.s_inodes_count,
                    le32(es, o + S_FREE_INODES_COUNT)};
        }
    };
}
