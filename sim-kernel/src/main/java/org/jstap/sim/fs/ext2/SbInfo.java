package org.jstap.sim.fs.ext2;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jstap.sim.Kernel;
import org.jstap.sim.block.GenDisk;
import org.jstap.sim.fs.SuperBlock;
import org.jstap.sim.fs.ext2.layout.Ext2;

/**
 * struct ext2_sb_info with the pieces of the buffer cache (fs/buffer.c) ext2 uses: the geometry
 * read from the super block, the inodes in memory by number (the icache), and metadata blocks
 * (bitmaps, group descriptors, inode tables, indirect and directory blocks) as buffers that
 * {@link #sb_bread} reads once and {@link #sync_dirty_buffers} writes back. File data never goes
 * through here: it lives in the page cache.
 */
final class SbInfo {
    final Kernel kernel;
    final GenDisk disk;
    final SuperBlock sb;
    int s_blocksize;
    int s_inodes_per_group;
    int s_blocks_per_group;
    long s_first_data_block;
    long s_blocks_count;
    long s_inodes_count;
    int s_groups_count;
    int s_inode_size;
    int s_first_ino;
    int s_desc_per_block;
    int s_gdb_count;
    /** The block holding the super block, and where in it. */
    long s_sbh_block;
    int s_sb_offset;
    /** s_addr_per_block: block numbers in an indirect block. */
    int s_addr_per_block;
    final Map<Long, org.jstap.sim.fs.Inode> icache = new HashMap<>();
    /** Metadata buffers by block number; guarded by the machine's single running thread. */
    private final Map<Long, byte[]> buffers = new LinkedHashMap<>();
    private final Set<Long> dirty = new LinkedHashSet<>();

    SbInfo(Kernel kernel, GenDisk disk, SuperBlock sb) {
        this.kernel = kernel;
        this.disk = disk;
        this.sb = sb;
    }

    /** sb_bread: block {@code block}, read from the disk the first time; null on an I/O error. */
    byte[] sb_bread(long block) {
        byte[] b = buffers.get(block);
        if (b != null) {
            return b;
        }
        b = new byte[s_blocksize];
        if (kernel.vfs().bdev().bdev_read(disk, block * s_blocksize, b, 0, s_blocksize) != 0) {
            return null;
        }
        buffers.put(block, b);
        return b;
    }

    /** sb_getblk for a block about to be filled from scratch: zeroed, never read. */
    byte[] sb_getblk_zero(long block) {
        byte[] b = new byte[s_blocksize];
        buffers.put(block, b);
        dirty.add(block);
        return b;
    }

    void mark_buffer_dirty(long block) {
        dirty.add(block);
    }

    /** bforget: the block was freed; whatever its buffer held must not be written over new data. */
    void bforget(long block) {
        buffers.remove(block);
        dirty.remove(block);
    }

    /** sync_dirty_buffer for every dirty buffer, in block order; 0 or the first -errno. */
    int sync_dirty_buffers() {
        int err = 0;
        for (Long block : new java.util.TreeSet<>(dirty)) {
            byte[] b = buffers.get(block);
            dirty.remove(block);
            if (b == null) {
                continue;
            }
            int r = kernel.vfs().bdev().bdev_write(disk, block * s_blocksize, b, 0, s_blocksize);
            if (r != 0 && err == 0) {
                err = r;
            }
        }
        return err;
    }

    /** invalidate_bdev: the buffers go (after the last write at umount). */
    void invalidate_buffers() {
        buffers.clear();
        dirty.clear();
    }

    /** The super block's bytes (the buffer and the offset of byte 1024 in it). */
    byte[] es() {
        return sb_bread(s_sbh_block);
    }

    /** ext2_get_group_desc: the buffer holding group {@code g}'s descriptor; its offset in {@code off[0]}. */
    byte[] ext2_get_group_desc(int g, int[] off) {
        long block = s_first_data_block + 1 + g / s_desc_per_block;
        off[0] = (g % s_desc_per_block) * Ext2.EXT2_DESC_SIZE;
        return sb_bread(block);
    }

    long group_desc_block(int g) {
        return s_first_data_block + 1 + g / s_desc_per_block;
    }

    /** ext2_group_first_block_no. */
    long ext2_group_first_block_no(int g) {
        return s_first_data_block + (long) g * s_blocks_per_group;
    }

    /** Blocks in group {@code g} (the last one may be short). */
    int blocks_in_group(int g) {
        if (g == s_groups_count - 1) {
            return (int) (s_blocks_count - ext2_group_first_block_no(g));
        }
        return s_blocks_per_group;
    }
}
