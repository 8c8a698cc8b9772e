package org.jstap.sim.fs.ext2;

import static org.jstap.sim.fs.ext2.layout.Ext2.*;
import static org.jstap.sim.fs.ext2.Inode.EXT2_SB;
import static org.jstap.sim.fs.ext2.Inode.ext2_get_block;

import java.nio.charset.StandardCharsets;
import org.jstap.sim.fs.DirContext;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.FileOperations;
import org.jstap.sim.fs.Inode;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/ext2/dir.c: directories as blocks of variable-length entries (inode, rec_len, name_len,
 * file_type, name). Every block is covered exactly by its entries' rec_len; a deleted entry is
 * merged into the one before it (or, first in its block, gets inode 0); a new one takes the
 * slack after an entry or a fresh block at the end.
 */
@LinuxFile("fs/ext2/dir.c")
public final class Dir {
    private Dir() {}

    /** Where an entry is: the disk block, its offset there, and the entry before it in the block (-1 if first). */
    record Entry(long block, int offset, int prev, long ino, int type) {}

    private static int nblocks(Inode dir) {
        return (int) (dir.i_size / EXT2_SB(dir).s_blocksize);
    }

    private static String name(byte[] b, int off) {
        return new String(b, off + 8, b[off + 6] & 0xff, StandardCharsets.ISO_8859_1);
    }

    /** ext2_check_folio's test of one entry: a rec_len that leaves the block or cannot hold the name is corruption. */
    private static boolean bad_entry(byte[] b, int off, int recLen, int bs) {
        return recLen < 12 || (recLen & 3) != 0 || off + recLen > bs || EXT2_DIR_REC_LEN(b[off + 6] & 0xff) > recLen;
    }

    /** ext2_find_entry: the entry for {@code name}, or null (with -errno in err[0] on an I/O error). */
    static Entry ext2_find_entry(Inode dir, String name, int[] err) {
        SbInfo sbi = EXT2_SB(dir);
        byte[] want = name.getBytes(StandardCharsets.ISO_8859_1);
        for (int n = 0; n < nblocks(dir); n++) {
            long block = ext2_get_block(dir, n, false);
            byte[] b = block <= 0 ? null : sbi.sb_bread(block);
            if (b == null) {
                err[0] = -Errno.EIO;
                return null;
            }
            int prev = -1;
            for (int off = 0; off < sbi.s_blocksize;) {
                int recLen = le16(b, off + 4);
                if (bad_entry(b, off, recLen, sbi.s_blocksize)) {
                    err[0] = -Errno.EIO;
                    return null;
                }
                long ino = le32(b, off);
                int nameLen = b[off + 6] & 0xff;
                if (ino != 0 && nameLen == want.length
                        && java.util.Arrays.equals(b, off + 8, off + 8 + nameLen, want, 0, want.length)) {
                    return new Entry(block, off, prev, ino, b[off + 7] & 0xff);
                }
                prev = off;
                off += recLen;
            }
        }
        return null;
    }

    /** ext2_inode_by_name: the inode number {@code name} names in {@code dir}; 0 if none, -errno on error. */
    static long ext2_inode_by_name(Inode dir, String name) {
        int[] err = new int[1];
        Entry e = ext2_find_entry(dir, name, err);
        return e == null ? err[0] : e.ino();
    }

    /** ext2_add_link: an entry {@code name -> inode} in {@code dir}; 0 or -errno (EEXIST, ENOSPC...). */
    static int ext2_add_link(Inode dir, String name, Inode inode) {
        SbInfo sbi = EXT2_SB(dir);
        byte[] nb = name.getBytes(StandardCharsets.ISO_8859_1);
        int need = EXT2_DIR_REC_LEN(nb.length);
        int bs = sbi.s_blocksize;
        for (int n = 0; n < nblocks(dir); n++) {
            long block = ext2_get_block(dir, n, false);
            byte[] b = block <= 0 ? null : sbi.sb_bread(block);
            if (b == null) {
                return -Errno.EIO;
            }
            for (int off = 0; off < bs;) {
                int recLen = le16(b, off + 4);
                if (bad_entry(b, off, recLen, sbi.s_blocksize)) {
                    return -Errno.EIO;
                }
                long ino = le32(b, off);
                int used = ino == 0 ? 0 : EXT2_DIR_REC_LEN(b[off + 6] & 0xff);
                if (ino != 0 && name(b, off).equals(name)) {
                    return -Errno.EEXIST;
                }
                if (recLen - used >= need) {
                    int at = off;
                    if (ino != 0) {
                        put16(b, off + 4, used);
                        at = off + used;
                    }
                    write_entry(b, at, recLen - (at - off), nb, inode);
                    sbi.mark_buffer_dirty(block);
                    dir.i_mtime = dir.i_ctime = sbi.kernel.vfs().inodes().current_time();
                    return 0;
                }
                off += recLen;
            }
        }
        // no room: a new block at the end of the directory
        long block = ext2_get_block(dir, nblocks(dir), true);
        if (block < 0) {
            return (int) block;
        }
        byte[] b = sbi.sb_getblk_zero(block);
        write_entry(b, 0, bs, nb, inode);
        dir.i_size += bs;
        dir.i_mtime = dir.i_ctime = sbi.kernel.vfs().inodes().current_time();
        return 0;
    }

    private static void write_entry(byte[] b, int off, int recLen, byte[] name, Inode inode) {
        put32(b, off, inode.i_ino);
        put16(b, off + 4, recLen);
        b[off + 6] = (byte) name.length;
        b[off + 7] = (byte) ext2_type_by_mode(inode.i_mode);
        System.arraycopy(name, 0, b, off + 8, name.length);
    }

    /** ext2_delete_entry: the entry goes (merged into the previous one, or emptied if first). */
    static void ext2_delete_entry(Inode dir, Entry e) {
        SbInfo sbi = EXT2_SB(dir);
        byte[] b = sbi.sb_bread(e.block());
        if (e.prev() >= 0) {
            put16(b, e.prev() + 4, le16(b, e.prev() + 4) + le16(b, e.offset() + 4));
        } else {
            put32(b, e.offset(), 0);
        }
        sbi.mark_buffer_dirty(e.block());
        dir.i_mtime = dir.i_ctime = sbi.kernel.vfs().inodes().current_time();
    }

    /** ext2_set_link: the entry now names {@code inode} (rename over a target, or a moved directory's ".."). */
    static void ext2_set_link(Inode dir, Entry e, Inode inode) {
        SbInfo sbi = EXT2_SB(dir);
        byte[] b = sbi.sb_bread(e.block());
        put32(b, e.offset(), inode.i_ino);
        b[e.offset() + 7] = (byte) ext2_type_by_mode(inode.i_mode);
        sbi.mark_buffer_dirty(e.block());
        dir.i_mtime = dir.i_ctime = sbi.kernel.vfs().inodes().current_time();
    }

    /** ext2_make_empty: a new directory's first block, "." and "..". */
    static int ext2_make_empty(Inode inode, Inode parent) {
        SbInfo sbi = EXT2_SB(inode);
        long block = ext2_get_block(inode, 0, true);
        if (block < 0) {
            return (int) block;
        }
        byte[] b = sbi.sb_getblk_zero(block);
        write_entry(b, 0, 12, new byte[] {'.'}, inode);
        write_entry(b, 12, sbi.s_blocksize - 12, new byte[] {'.', '.'}, parent);
        inode.i_size = sbi.s_blocksize;
        return 0;
    }

    /** ext2_empty_dir: nothing but "." and "..". */
    static boolean ext2_empty_dir(Inode dir) {
        SbInfo sbi = EXT2_SB(dir);
        for (int n = 0; n < nblocks(dir); n++) {
            long block = ext2_get_block(dir, n, false);
            byte[] b = block <= 0 ? null : sbi.sb_bread(block);
            if (b == null) {
                return false;
            }
            for (int off = 0; off < sbi.s_blocksize;) {
                int recLen = le16(b, off + 4);
                if (bad_entry(b, off, recLen, sbi.s_blocksize)) {
                    return false;
                }
                if (le32(b, off) != 0) {
                    String nm = name(b, off);
                    if (!nm.equals(".") && !nm.equals("..")) {
                        return false;
                    }
                }
                off += recLen;
            }
        }
        return true;
    }

    /** ext2_readdir: the entries from byte offset ctx.pos on ("." and ".." are on disk like any other). */
    static int ext2_readdir(File file, DirContext ctx) {
        Inode dir = file.f_inode;
        SbInfo sbi = EXT2_SB(dir);
        int bs = sbi.s_blocksize;
        while (ctx.pos < dir.i_size) {
            int n = (int) (ctx.pos / bs);
            long block = ext2_get_block(dir, n, false);
            byte[] b = block <= 0 ? null : sbi.sb_bread(block);
            if (b == null) {
                return -Errno.EIO;
            }
            // a position inside the block that is not an entry start (the directory changed): rescan from its start
            int off = 0;
            int want = (int) (ctx.pos % bs);
            while (off < want) {
                int recLen = le16(b, off + 4);
                if (bad_entry(b, off, recLen, sbi.s_blocksize)) {
                    return -Errno.EIO;
                }
                off += recLen;
            }
            for (; off < bs;) {
                int recLen = le16(b, off + 4);
                if (bad_entry(b, off, recLen, sbi.s_blocksize)) {
                    return -Errno.EIO;
                }
                long ino = le32(b, off);
                if (ino != 0 && !ctx.emit(name(b, off), ino, fs_ftype_to_dtype(b[off + 7] & 0xff))) {
                    return 0;
                }
                off += recLen;
                ctx.pos = (long) n * bs + off;
            }
        }
        return 0;
    }

    /** ext2_dir_operations. */
    static final FileOperations EXT2_DIR_OPERATIONS = new FileOperations() {
        @Override
        public int iterate_shared(File file, DirContext ctx) {
            return ext2_readdir(file, ctx);
        }

        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            return -Errno.EISDIR;
        }

        @Override
        public int fsync(File file) {
            return Super.ext2_sync_fs(file.f_inode.i_sb);
        }
    };
}
