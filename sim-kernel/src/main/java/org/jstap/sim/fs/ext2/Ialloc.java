package org.jstap.sim.fs.ext2;

import static org.jstap.sim.fs.ext2.layout.Ext2.*;

import org.jstap.sim.fs.Inode;
import org.jstap.sim.fs.Mode;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/ext2/ialloc.c: inode numbers from the groups' inode bitmaps. Directories go to the group
 * with the most free inodes (spreading the tree, as find_group_orlov roughly does), other files
 * stay in their directory's group when it has room.
 */
@LinuxFile("fs/ext2/ialloc.c")
public final class Ialloc {
    private Ialloc() {}

    /** ext2_new_inode: a free inode number for a new file of {@code mode} in {@code dir}; it or -errno. */
    static long ext2_new_inode(SbInfo sbi, Inode dir, int mode) {
        int[] off = new int[1];
        int parentGroup = ((InodeInfo) dir.i_private).i_block_group;
        int group = -1;
        if (Mode.S_ISDIR(mode)) {
            int best = -1;
            for (int g = 0; g < sbi.s_groups_count; g++) {
                byte[] gd = sbi.ext2_get_group_desc(g, off);
                int free = le16(gd, off[0] + BG_FREE_INODES_COUNT);
                if (free > best) {
                    best = free;
                    group = g;
                }
            }
            if (best <= 0) {
                return -Errno.ENOSPC;
            }
        }
        for (int i = 0; i < sbi.s_groups_count; i++) {
            int g = group >= 0 ? group : (parentGroup + i) % sbi.s_groups_count;
            byte[] gd = sbi.ext2_get_group_desc(g, off);
            if (gd == null) {
                return -Errno.EIO;
            }
            if (le16(gd, off[0] + BG_FREE_INODES_COUNT) == 0) {
                if (group >= 0) {
                    return -Errno.ENOSPC;
                }
                continue;
            }
            long bitmapBlock = le32(gd, off[0] + BG_INODE_BITMAP);
            byte[] bitmap = sbi.sb_bread(bitmapBlock);
            if (bitmap == null) {
                return -Errno.EIO;
            }
            int from = g == 0 ? sbi.s_first_ino - 1 : 0;
            int bit = find_next_zero_bit(bitmap, sbi.s_inodes_per_group, from);
            if (bit < 0) {
                continue;
            }
            set_bit(bitmap, bit);
            sbi.mark_buffer_dirty(bitmapBlock);
            adjust(sbi, g, -1, Mode.S_ISDIR(mode) ? 1 : 0);
            return (long) g * sbi.s_inodes_per_group + bit + 1;
        }
        return -Errno.ENOSPC;
    }

    /** ext2_free_inode: the inode's number goes back to its bitmap. */
    static void ext2_free_inode(SbInfo sbi, Inode inode) {
        long ino = inode.i_ino;
        if (ino < sbi.s_first_ino || ino > sbi.s_inodes_count) {
            sbi.kernel.printk().pr_err("EXT2-fs (" + sbi.disk.disk_name + "): error: ext2_free_inode: reserved or nonexistent inode " + ino);
            return;
        }
        int g = (int) ((ino - 1) / sbi.s_inodes_per_group);
        int bit = (int) ((ino - 1) % sbi.s_inodes_per_group);
        int[] off = new int[1];
        byte[] gd = sbi.ext2_get_group_desc(g, off);
        long bitmapBlock = le32(gd, off[0] + BG_INODE_BITMAP);
        byte[] bitmap = sbi.sb_bread(bitmapBlock);
        if (bitmap == null || !test_bit(bitmap, bit)) {
            sbi.kernel.printk().pr_err("EXT2-fs (" + sbi.disk.disk_name + "): error: ext2_free_inode: bit already cleared for inode " + ino);
            return;
        }
        clear_bit(bitmap, bit);
        sbi.mark_buffer_dirty(bitmapBlock);
        adjust(sbi, g, 1, Mode.S_ISDIR(inode.i_mode) ? -1 : 0);
    }

    private static void adjust(SbInfo sbi, int g, int freeInodes, int dirs) {
        int[] off = new int[1];
        byte[] gd = sbi.ext2_get_group_desc(g, off);
        put16(gd, off[0] + BG_FREE_INODES_COUNT, le16(gd, off[0] + BG_FREE_INODES_COUNT) + freeInodes);
        put16(gd, off[0] + BG_USED_DIRS_COUNT, le16(gd, off[0] + BG_USED_DIRS_COUNT) + dirs);
        sbi.mark_buffer_dirty(sbi.group_desc_block(g));
        byte[] es = sbi.es();
        int o = sbi.s_sb_offset;
        put32(es, o + S_FREE_INODES_COUNT, le32(es, o + S_FREE_INODES_COUNT) + freeInodes);
        sbi.mark_buffer_dirty(sbi.s_sbh_block);
    }
}
