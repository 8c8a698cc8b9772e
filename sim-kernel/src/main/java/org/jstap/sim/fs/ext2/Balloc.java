package org.jstap.sim.fs.ext2;

import static org.jstap.sim.fs.ext2.layout.Ext2.*;

import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/ext2/balloc.c: data blocks from the groups' block bitmaps. A new block is looked for from
 * the goal on (just after the file's last block, or the start of its inode's group), group by
 * group; the counts in the group descriptor and the super block follow every change.
 */
@LinuxFile("fs/ext2/balloc.c")
public final class Balloc {
    private Balloc() {}

    /** ext2_new_block: a free block at or after {@code goal}, marked used; its number or -ENOSPC/-EIO. */
    static long ext2_new_block(SbInfo sbi, long goal) {
        if (goal < sbi.s_first_data_block || goal >= sbi.s_blocks_count) {
            goal = sbi.s_first_data_block;
        }
        int first = (int) ((goal - sbi.s_first_data_block) / sbi.s_blocks_per_group);
        int[] off = new int[1];
        for (int i = 0; i < sbi.s_groups_count; i++) {
            int g = (first + i) % sbi.s_groups_count;
            byte[] gd = sbi.ext2_get_group_desc(g, off);
            if (gd == null) {
                return -Errno.EIO;
            }
            if (le16(gd, off[0] + BG_FREE_BLOCKS_COUNT) == 0) {
                continue;
            }
            long bitmapBlock = le32(gd, off[0] + BG_BLOCK_BITMAP);
            byte[] bitmap = sbi.sb_bread(bitmapBlock);
            if (bitmap == null) {
                return -Errno.EIO;
            }
            int start = i == 0 ? (int) ((goal - sbi.s_first_data_block) % sbi.s_blocks_per_group) : 0;
            int bit = find_next_zero_bit(bitmap, sbi.blocks_in_group(g), start);
            if (bit < 0 && start > 0) {
                bit = find_next_zero_bit(bitmap, sbi.blocks_in_group(g), 0);
            }
            if (bit < 0) {
                continue;
            }
            set_bit(bitmap, bit);
            sbi.mark_buffer_dirty(bitmapBlock);
            group_adjust_blocks(sbi, g, -1);
            return sbi.ext2_group_first_block_no(g) + bit;
        }
        return -Errno.ENOSPC;
    }

    /** ext2_free_blocks: {@code count} blocks from {@code block} go back to their bitmaps. */
    static void ext2_free_blocks(SbInfo sbi, long block, int count) {
        int[] off = new int[1];
        for (long b = block; b < block + count; b++) {
            if (b < sbi.s_first_data_block || b >= sbi.s_blocks_count) {
                sbi.kernel.printk().pr_err("EXT2-fs (" + sbi.disk.disk_name + "): error: ext2_free_blocks: "
                        + "Freeing blocks not in datazone - block = " + b);
                continue;
            }
            int g = (int) ((b - sbi.s_first_data_block) / sbi.s_blocks_per_group);
            int bit = (int) ((b - sbi.s_first_data_block) % sbi.s_blocks_per_group);
            byte[] gd = sbi.ext2_get_group_desc(g, off);
            long bitmapBlock = le32(gd, off[0] + BG_BLOCK_BITMAP);
            byte[] bitmap = sbi.sb_bread(bitmapBlock);
            sbi.bforget(b);
            if (bitmap == null || !test_bit(bitmap, bit)) {
                sbi.kernel.printk().pr_err("EXT2-fs (" + sbi.disk.disk_name + "): error: ext2_free_blocks: "
                        + "bit already cleared for block " + b);
                continue;
            }
            clear_bit(bitmap, bit);
            sbi.mark_buffer_dirty(bitmapBlock);
            group_adjust_blocks(sbi, g, 1);
        }
    }

    /** group_adjust_blocks: the group's and the file system's free block counts move by {@code n}. */
    static void group_adjust_blocks(SbInfo sbi, int g, int n) {
        int[] off = new int[1];
        byte[] gd = sbi.ext2_get_group_desc(g, off);
        put16(gd, off[0] + BG_FREE_BLOCKS_COUNT, le16(gd, off[0] + BG_FREE_BLOCKS_COUNT) + n);
        sbi.mark_buffer_dirty(sbi.group_desc_block(g));
        byte[] es = sbi.es();
        int o = sbi.s_sb_offset;
        put32(es, o + S_FREE_BLOCKS_COUNT, le32(es, o + S_FREE_BLOCKS_COUNT) + n);
        sbi.mark_buffer_dirty(sbi.s_sbh_block);
    }

    /** ext2_count_free_blocks. */
    static long ext2_count_free_blocks(SbInfo sbi) {
        return le32(sbi.es(), sbi.s_sb_offset + S_FREE_BLOCKS_COUNT);
    }
}
