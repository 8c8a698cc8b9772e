package org.jstap.sim.fs.ext2;

import static org.jstap.sim.fs.ext2.layout.Ext2.*;

import java.nio.charset.StandardCharsets;
import org.jstap.sim.fs.AddressSpaceOperations;
import org.jstap.sim.fs.Dentry;
import org.jstap.sim.fs.Iattr;
import org.jstap.sim.fs.InodeOperations;
import org.jstap.sim.fs.Libfs;
import org.jstap.sim.fs.Mode;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/ext2/inode.c: inodes between the inode table and memory ({@code ext2_iget},
 * {@code ext2_write_inode}), the map from a file's blocks to the disk's ({@code ext2_get_block}:
 * twelve direct pointers, then single, double and triple indirect blocks), truncation, and the
 * address space operations that move page cache pages to and from those blocks with bios.
 * (The VFS inode is {@code org.jstap.sim.fs.Inode}; this class only holds ext2's functions.)
 */
@LinuxFile("fs/ext2/inode.c")
public final class Inode {
    private Inode() {}

    static SbInfo EXT2_SB(org.jstap.sim.fs.Inode inode) {
        return (SbInfo) inode.i_sb.s_fs_info;
    }

    static InodeInfo EXT2_I(org.jstap.sim.fs.Inode inode) {
        return (InodeInfo) inode.i_private;
    }

    /** The block of the inode table holding inode {@code ino}, and its offset in {@code off[0]}; -errno if none. */
    private static long inode_location(SbInfo sbi, long ino, int[] off) {
        if ((ino != EXT2_ROOT_INO && ino < sbi.s_first_ino) || ino > sbi.s_inodes_count) {
            return -Errno.EINVAL;
        }
        int g = (int) ((ino - 1) / sbi.s_inodes_per_group);
        long index = (ino - 1) % sbi.s_inodes_per_group;
        int[] gdOff = new int[1];
        byte[] gd = sbi.ext2_get_group_desc(g, gdOff);
        if (gd == null) {
            return -Errno.EIO;
        }
        long byteInTable = index * sbi.s_inode_size;
        off[0] = (int) (byteInTable % sbi.s_blocksize);
        return le32(gd, gdOff[0] + BG_INODE_TABLE) + byteInTable / sbi.s_blocksize;
    }

    /** ext2_iget: inode {@code ino} from the icache or the inode table; null with the error in err[0]. */
    static org.jstap.sim.fs.Inode ext2_iget(SbInfo sbi, long ino, int[] err) {
        org.jstap.sim.fs.Inode cached = sbi.icache.get(ino);
        if (cached != null && (cached.i_state & org.jstap.sim.fs.Inode.I_FREEING) == 0) {
            return cached;
        }
        int[] off = new int[1];
        long block = inode_location(sbi, ino, off);
        if (block < 0) {
            err[0] = (int) block;
            return null;
        }
        byte[] b = sbi.sb_bread(block);
        if (b == null) {
            err[0] = -Errno.EIO;
            return null;
        }
        int o = off[0];
        int mode = le16(b, o + I_MODE);
        int links = le16(b, o + I_LINKS_COUNT);
        if (links == 0 && mode == 0) {
            err[0] = -Errno.ESTALE;
            return null;
        }
        org.jstap.sim.fs.Inode inode = sbi.kernel.vfs().inodes().new_inode(sbi.sb, ino, mode);
        InodeInfo ei = new InodeInfo();
        inode.i_private = ei;
        inode.i_uid = le16(b, o + I_UID) | le16(b, o + I_UID_HIGH) << 16;
        inode.i_gid = le16(b, o + I_GID) | le16(b, o + I_GID_HIGH) << 16;
        inode.i_nlink = links;
        inode.i_size = le32(b, o + I_SIZE);
        if (Mode.S_ISREG(mode)) {
            inode.i_size |= le32(b, o + I_SIZE_HIGH) << 32;
        }
        inode.i_atime = le32(b, o + I_ATIME) * 1_000_000_000L;
        inode.i_ctime = le32(b, o + I_CTIME) * 1_000_000_000L;
        inode.i_mtime = le32(b, o + I_MTIME) * 1_000_000_000L;
        ei.i_dtime = le32(b, o + I_DTIME);
        ei.i_blocks = le32(b, o + I_BLOCKS);
        inode.i_blocks = ei.i_blocks;
        ei.i_flags = (int) le32(b, o + I_FLAGS);
        ei.i_generation = (int) le32(b, o + I_GENERATION);
        ei.i_block_group = (int) ((ino - 1) / sbi.s_inodes_per_group);
        for (int i = 0; i < EXT2_N_BLOCKS; i++) {
            ei.i_data[i] = le32(b, o + I_BLOCK + 4 * i);
        }
        int r = ext2_set_inode_ops(sbi, inode);
        if (r != 0) {
            err[0] = r;
            return null;
        }
        sbi.icache.put(ino, inode);
        return inode;
    }

    /** The operations for the inode's type; a symlink's target is read into i_link. */
    static int ext2_set_inode_ops(SbInfo sbi, org.jstap.sim.fs.Inode inode) {
        InodeInfo ei = EXT2_I(inode);
        int mode = inode.i_mode;
        if (Mode.S_ISREG(mode)) {
            inode.i_op = Namei.EXT2_FILE_INODE_OPERATIONS;
            inode.i_fop = File.EXT2_FILE_OPERATIONS;
            inode.i_mapping.a_ops = EXT2_AOPS;
        } else if (Mode.S_ISDIR(mode)) {
            inode.i_op = Namei.EXT2_DIR_INODE_OPERATIONS;
            inode.i_fop = Dir.EXT2_DIR_OPERATIONS;
        } else if (Mode.S_ISLNK(mode)) {
            inode.i_op = Namei.EXT2_SYMLINK_INODE_OPERATIONS;
            if (ext2_inode_is_fast_symlink(inode)) {
                byte[] raw = new byte[EXT2_N_BLOCKS * 4];
                for (int i = 0; i < EXT2_N_BLOCKS; i++) {
                    put32(raw, 4 * i, ei.i_data[i]);
                }
                inode.i_link = new String(raw, 0, (int) Math.min(inode.i_size, raw.length), StandardCharsets.ISO_8859_1);
            } else {
                byte[] b = ei.i_data[0] == 0 ? null : sbi.sb_bread(ei.i_data[0]);
                if (b == null) {
                    return -Errno.EIO;
                }
                inode.i_link = new String(b, 0, (int) Math.min(inode.i_size, b.length), StandardCharsets.ISO_8859_1);
            }
        } else {
            int rdev;
            if (ei.i_data[0] != 0) {
                // old_decode_dev
                rdev = org.jstap.sim.fs.Super.MKDEV((int) (ei.i_data[0] >>> 8) & 0xff, (int) ei.i_data[0] & 0xff);
            } else {
                // new_decode_dev
                long d = ei.i_data[1];
                rdev = org.jstap.sim.fs.Super.MKDEV((int) ((d & 0xfff00) >>> 8), (int) ((d & 0xff) | ((d >>> 12) & 0xfff00)));
            }
            inode.i_op = Namei.EXT2_SPECIAL_INODE_OPERATIONS;
            sbi.kernel.vfs().init_special_inode(inode, mode, rdev);
        }
        return 0;
    }

    /** ext2_inode_is_fast_symlink: the target is in i_block, no data block. */
    static boolean ext2_inode_is_fast_symlink(org.jstap.sim.fs.Inode inode) {
        return Mode.S_ISLNK(inode.i_mode) && EXT2_I(inode).i_blocks == 0;
    }

    /** A device number in i_block, as ext2 stores it (old format when it fits). */
    static void ext2_encode_dev(org.jstap.sim.fs.Inode inode, int dev) {
        InodeInfo ei = EXT2_I(inode);
        int major = org.jstap.sim.fs.Super.MAJOR(dev);
        int minor = org.jstap.sim.fs.Super.MINOR(dev);
        if (major < 256 && minor < 256) {
            ei.i_data[0] = (major << 8) | minor;
            ei.i_data[1] = 0;
        } else {
            ei.i_data[0] = 0;
            ei.i_data[1] = (minor & 0xff) | ((long) major << 8) | ((long) (minor & ~0xff) << 12);
            ei.i_data[2] = 0;
        }
    }

    /** ext2_write_inode: the in-memory inode into its inode table block (a dirty buffer if it changed). */
    static int ext2_write_inode(SbInfo sbi, org.jstap.sim.fs.Inode inode) {
        InodeInfo ei = EXT2_I(inode);
        int[] off = new int[1];
        long block = inode_location(sbi, inode.i_ino, off);
        if (block < 0) {
            return (int) block;
        }
        byte[] b = sbi.sb_bread(block);
        if (b == null) {
            return -Errno.EIO;
        }
        byte[] raw = new byte[EXT2_GOOD_OLD_INODE_SIZE];
        put16(raw, I_MODE, inode.i_mode);
        put16(raw, I_UID, inode.i_uid & 0xffff);
        put16(raw, I_UID_HIGH, inode.i_uid >>> 16);
        put16(raw, I_GID, inode.i_gid & 0xffff);
        put16(raw, I_GID_HIGH, inode.i_gid >>> 16);
        put32(raw, I_SIZE, inode.i_size);
        if (Mode.S_ISREG(inode.i_mode)) {
            put32(raw, I_SIZE_HIGH, inode.i_size >>> 32);
        }
        put32(raw, I_ATIME, inode.i_atime / 1_000_000_000L);
        put32(raw, I_CTIME, inode.i_ctime / 1_000_000_000L);
        put32(raw, I_MTIME, inode.i_mtime / 1_000_000_000L);
        put32(raw, I_DTIME, ei.i_dtime);
        put16(raw, I_LINKS_COUNT, Math.max(0, inode.i_nlink));
        put32(raw, I_BLOCKS, ei.i_blocks);
        put32(raw, I_FLAGS, ei.i_flags);
        put32(raw, I_GENERATION, ei.i_generation);
        for (int i = 0; i < EXT2_N_BLOCKS; i++) {
            put32(raw, I_BLOCK + 4 * i, ei.i_data[i]);
        }
        if (!java.util.Arrays.equals(raw, 0, raw.length, b, off[0], off[0] + raw.length)) {
            System.arraycopy(raw, 0, b, off[0], raw.length);
            sbi.mark_buffer_dirty(block);
        }
        return 0;
    }

    // ---------------------------------------------------------------- block map

    /** ext2_block_to_path: the indices at each level for file block {@code block}; its depth, 0 if too big. */
    static int ext2_block_to_path(SbInfo sbi, long block, int[] offsets) {
        long apb = sbi.s_addr_per_block;
        if (block < EXT2_NDIR_BLOCKS) {
            offsets[0] = (int) block;
            return 1;
        }
        block -= EXT2_NDIR_BLOCKS;
        if (block < apb) {
            offsets[0] = EXT2_IND_BLOCK;
            offsets[1] = (int) block;
            return 2;
        }
        block -= apb;
        if (block < apb * apb) {
            offsets[0] = EXT2_DIND_BLOCK;
            offsets[1] = (int) (block / apb);
            offsets[2] = (int) (block % apb);
            return 3;
        }
        block -= apb * apb;
        if (block < apb * apb * apb) {
            offsets[0] = EXT2_TIND_BLOCK;
            offsets[1] = (int) (block / (apb * apb));
            offsets[2] = (int) ((block / apb) % apb);
            offsets[3] = (int) (block % apb);
            return 4;
        }
        return 0;
    }

    /**
     * ext2_get_block: the disk block behind file block {@code iblock}; 0 for a hole unless
     * {@code create}, which allocates it (and any indirect blocks on the way); -errno on failure.
     */
    static long ext2_get_block(org.jstap.sim.fs.Inode inode, long iblock, boolean create) {
        SbInfo sbi = EXT2_SB(inode);
        InodeInfo ei = EXT2_I(inode);
        int[] offsets = new int[4];
        int depth = ext2_block_to_path(sbi, iblock, offsets);
        if (depth == 0) {
            return -Errno.EFBIG;
        }
        long nr = ei.i_data[offsets[0]];
        if (nr == 0) {
            if (!create) {
                return 0;
            }
            nr = alloc_block(sbi, inode, depth > 1);
            if (nr < 0) {
                return nr;
            }
            ei.i_data[offsets[0]] = nr;
        }
        for (int level = 1; level < depth; level++) {
            byte[] ind = sbi.sb_bread(nr);
            if (ind == null) {
                return -Errno.EIO;
            }
            long parent = nr;
            nr = le32(ind, offsets[level] * 4);
            if (nr == 0) {
                if (!create) {
                    return 0;
                }
                nr = alloc_block(sbi, inode, level < depth - 1);
                if (nr < 0) {
                    return nr;
                }
                put32(ind, offsets[level] * 4, nr);
                sbi.mark_buffer_dirty(parent);
            }
        }
        return nr;
    }

    /** ext2_alloc_branch's step: one block near the file's last one; an indirect block starts zeroed. */
    private static long alloc_block(SbInfo sbi, org.jstap.sim.fs.Inode inode, boolean indirect) {
        InodeInfo ei = EXT2_I(inode);
        long goal = ei.last_alloc != 0 ? ei.last_alloc + 1
                : sbi.ext2_group_first_block_no(ei.i_block_group);
        long nr = Balloc.ext2_new_block(sbi, goal);
        if (nr < 0) {
            return nr;
        }
        ei.last_alloc = nr;
        ei.i_blocks += sbi.s_blocksize / 512;
        inode.i_blocks = ei.i_blocks;
        if (indirect) {
            sbi.sb_getblk_zero(nr);
        }
        return nr;
    }

    /** ext2_truncate_blocks: the blocks past the first {@code size} bytes go back to the bitmaps. */
    static void ext2_truncate_blocks(org.jstap.sim.fs.Inode inode, long size) {
        SbInfo sbi = EXT2_SB(inode);
        InodeInfo ei = EXT2_I(inode);
        if (!(Mode.S_ISREG(inode.i_mode) || Mode.S_ISDIR(inode.i_mode) || Mode.S_ISLNK(inode.i_mode))
                || ext2_inode_is_fast_symlink(inode)) {
            return;
        }
        long from = (size + sbi.s_blocksize - 1) / sbi.s_blocksize;
        for (int i = 0; i < EXT2_NDIR_BLOCKS; i++) {
            if (i >= from && ei.i_data[i] != 0) {
                free_data(sbi, ei, ei.i_data[i]);
                ei.i_data[i] = 0;
            }
        }
        long apb = sbi.s_addr_per_block;
        long base = EXT2_NDIR_BLOCKS;
        long span = apb;
        for (int level = 1; level <= 3; level++) {
            int slot = EXT2_IND_BLOCK + level - 1;
            if (ei.i_data[slot] != 0 && free_branches(sbi, ei, ei.i_data[slot], level, base, from)) {
                ei.i_data[slot] = 0;
            }
            base += span;
            span *= apb;
        }
        inode.i_blocks = ei.i_blocks;
        ei.last_alloc = 0;
    }

    private static void free_data(SbInfo sbi, InodeInfo ei, long block) {
        Balloc.ext2_free_blocks(sbi, block, 1);
        ei.i_blocks -= sbi.s_blocksize / 512;
    }

    /**
     * ext2_free_branches: frees the file blocks {@code >= from} under indirect block {@code nr}
     * (covering file blocks from {@code base}, {@code level} levels deep); true if nothing is
     * left under it, in which case it was freed too.
     */
    private static boolean free_branches(SbInfo sbi, InodeInfo ei, long nr, int level, long base, long from) {
        byte[] b = sbi.sb_bread(nr);
        if (b == null) {
            return false;
        }
        long childSpan = 1;
        for (int i = 1; i < level; i++) {
            childSpan *= sbi.s_addr_per_block;
        }
        boolean empty = true;
        boolean changed = false;
        for (int i = 0; i < sbi.s_addr_per_block; i++) {
            long child = le32(b, 4 * i);
            if (child == 0) {
                continue;
            }
            long childBase = base + i * childSpan;
            if (childBase + childSpan <= from) {
                empty = false;
                continue;
            }
            if (level == 1) {
                free_data(sbi, ei, child);
                put32(b, 4 * i, 0);
                changed = true;
            } else if (free_branches(sbi, ei, child, level - 1, childBase, from)) {
                put32(b, 4 * i, 0);
                changed = true;
            } else {
                empty = false;
            }
        }
        if (empty) {
            free_data(sbi, ei, nr);
            return true;
        }
        if (changed) {
            sbi.mark_buffer_dirty(nr);
        }
        return false;
    }

    /** ext2_evict_inode: with no links left, the blocks and the inode are freed (i_dtime set). */
    static void ext2_evict_inode(org.jstap.sim.fs.Inode inode) {
        SbInfo sbi = EXT2_SB(inode);
        if (inode.i_nlink > 0) {
            sbi.icache.remove(inode.i_ino);
            return;
        }
        InodeInfo ei = EXT2_I(inode);
        sbi.kernel.vfs().filemap().truncate_inode_pages(inode.i_mapping, 0);
        inode.i_mapping.dirty.clear();
        ei.i_dtime = sbi.kernel.vfs().inodes().current_time() / 1_000_000_000L;
        ext2_truncate_blocks(inode, 0);
        inode.i_size = 0;
        inode.i_nlink = 0;
        ext2_write_inode(sbi, inode);
        Ialloc.ext2_free_inode(sbi, inode);
        sbi.icache.remove(inode.i_ino);
    }

    /** ext2_setattr: attribute changes, a size change freeing the blocks past the new end. */
    static int ext2_setattr(Dentry dentry, Iattr a) {
        org.jstap.sim.fs.Inode inode = dentry.d_inode;
        if ((a.ia_valid & Iattr.ATTR_SIZE) != 0) {
            if (!Mode.S_ISREG(inode.i_mode)) {
                return -Errno.EINVAL;
            }
            SbInfo sbi = EXT2_SB(inode);
            sbi.kernel.vfs().filemap().truncate_inode_pages(inode.i_mapping, a.ia_size);
            inode.i_size = a.ia_size;
            ext2_truncate_blocks(inode, a.ia_size);
        }
        Libfs.setattr_copy(inode, a);
        return 0;
    }

    // ---------------------------------------------------------------- address space

    /** ext2_aops: page cache pages to and from the file's blocks, as bios on the disk. */
    static final AddressSpaceOperations EXT2_AOPS = new AddressSpaceOperations() {
        /** ext2_read_folio (mpage_read_folio): each mapped block of the page is read; holes stay zero. */
        @Override
        public int read_folio(org.jstap.sim.fs.Inode inode, long index, byte[] buf) {
            return page_io(inode, index, buf, false);
        }

        /** ext2_writepage (block_write_full_page): blocks are allocated as needed, then written. */
        @Override
        public int writepage(org.jstap.sim.fs.Inode inode, long index, byte[] buf) {
            return page_io(inode, index, buf, true);
        }
    };

    /**
     * The blocks under page {@code index} up to i_size (allocated when writing, holes left 0 when
     * reading), then their I/O in runs; 0 or -errno.
     */
    private static int page_io(org.jstap.sim.fs.Inode inode, long index, byte[] buf, boolean write) {
        SbInfo sbi = EXT2_SB(inode);
        int bs = sbi.s_blocksize;
        int per = buf.length / bs;
        long[] phys = new long[per];
        for (int j = 0; j < per; j++) {
            long lblk = index * per + j;
            if (lblk * bs >= inode.i_size) {
                break;
            }
            phys[j] = ext2_get_block(inode, lblk, write);
            if (phys[j] < 0) {
                return (int) phys[j];
            }
        }
        return runs(sbi, phys, buf, write);
    }

    /** One bio per run of consecutive disk blocks (mpage's merging); 0 entries are skipped. */
    private static int runs(SbInfo sbi, long[] phys, byte[] buf, boolean write) {
        int bs = sbi.s_blocksize;
        int j = 0;
        while (j < phys.length) {
            if (phys[j] == 0) {
                j++;
                continue;
            }
            int k = j + 1;
            while (k < phys.length && phys[k] == phys[k - 1] + 1) {
                k++;
            }
            var bdev = sbi.kernel.vfs().bdev();
            int r = write ? bdev.bdev_write(sbi.disk, phys[j] * bs, buf, j * bs, (k - j) * bs)
                    : bdev.bdev_read(sbi.disk, phys[j] * bs, buf, j * bs, (k - j) * bs);
            if (r != 0) {
                return r;
            }
            j = k;
        }
        return 0;
    }
}
