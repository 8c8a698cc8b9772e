package org.jstap.sim.fs.ext2;

import static org.jstap.sim.fs.ext2.layout.Ext2.*;
import static org.jstap.sim.fs.ext2.Inode.EXT2_I;
import static org.jstap.sim.fs.ext2.Inode.EXT2_SB;
import static org.jstap.sim.fs.ext2.Inode.ext2_encode_dev;
import static org.jstap.sim.fs.ext2.Inode.ext2_evict_inode;
import static org.jstap.sim.fs.ext2.Inode.ext2_get_block;
import static org.jstap.sim.fs.ext2.Inode.ext2_iget;
import static org.jstap.sim.fs.ext2.Inode.ext2_set_inode_ops;
import static org.jstap.sim.fs.ext2.Inode.ext2_setattr;

import java.nio.charset.StandardCharsets;
import org.jstap.sim.fs.Dentry;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.fs.Iattr;
import org.jstap.sim.fs.Inode;
import org.jstap.sim.fs.InodeOperations;
import org.jstap.sim.fs.Inodes;
import org.jstap.sim.fs.Mode;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/ext2/namei.c (with symlink.c): the names in a directory: lookup, create, mknod, mkdir,
 * symlink (fast symlinks, up to 59 bytes, live in i_block), link, unlink, rmdir and rename, each
 * an entry change in the directory's blocks plus the link counts that go with it. The VFS
 * updates the dcache afterwards as it does for every file system.
 */
@LinuxFile("fs/ext2/namei.c")
public final class Namei {
    private Namei() {}

    /** ext2_lookup: the inode the name has on disk, entered in the dcache; a miss stays negative. */
    static int ext2_lookup(Inode dir, Dentry dentry) {
        if (dentry.d_name.length() > EXT2_NAME_LEN) {
            return -Errno.ENAMETOOLONG;
        }
        long ino = Dir.ext2_inode_by_name(dir, dentry.d_name);
        if (ino < 0) {
            return (int) ino;
        }
        if (ino == 0) {
            return 0;
        }
        int[] err = new int[1];
        Inode inode = ext2_iget(EXT2_SB(dir), ino, err);
        if (inode == null) {
            return err[0] == -Errno.ESTALE ? -Errno.EIO : err[0];
        }
        EXT2_SB(dir).kernel.vfs().dcache().d_add(dentry, inode);
        return 0;
    }

    /** ext2_new_inode's second half: the in-memory inode for a freshly allocated number. */
    static Inode ext2_new_inode(Inode dir, int mode, int[] err) {
        SbInfo sbi = EXT2_SB(dir);
        long ino = Ialloc.ext2_new_inode(sbi, dir, mode);
        if (ino < 0) {
            err[0] = (int) ino;
            return null;
        }
        Inode inode = sbi.kernel.vfs().inodes().new_inode(sbi.sb, ino, mode);
        if ((dir.i_mode & Mode.S_ISGID) != 0) {
            inode.i_gid = dir.i_gid;
            if (Mode.S_ISDIR(mode)) {
                inode.i_mode |= Mode.S_ISGID;
            }
        }
        InodeInfo ei = new InodeInfo();
        ei.i_block_group = (int) ((ino - 1) / sbi.s_inodes_per_group);
        ei.i_generation = (int) (ino * 2654435761L);
        inode.i_private = ei;
        inode.i_size = 0;
        inode.i_blocks = 0;
        sbi.icache.put(ino, inode);
        return inode;
    }

    /** The inode could not be given a name after all: its number and blocks go back. */
    private static void discard(Inode inode) {
        inode.i_nlink = 0;
        ext2_evict_inode(inode);
        inode.i_state |= Inode.I_FREEING;
    }

    /** ext2_add_nondir: the new inode gets its entry, and the dentry its inode. */
    private static int ext2_add_nondir(Inode dir, Dentry dentry, Inode inode) {
        int r = Dir.ext2_add_link(dir, dentry.d_name, inode);
        if (r != 0) {
            discard(inode);
            return r;
        }
        EXT2_SB(dir).kernel.vfs().dcache().d_add(dentry, inode);
        return 0;
    }

    static int ext2_create(Inode dir, Dentry dentry, int mode) {
        int[] err = new int[1];
        Inode inode = ext2_new_inode(dir, mode, err);
        if (inode == null) {
            return err[0];
        }
        ext2_set_inode_ops(EXT2_SB(dir), inode);
        return ext2_add_nondir(dir, dentry, inode);
    }

    static int ext2_mknod(Inode dir, Dentry dentry, int mode, int dev) {
        int[] err = new int[1];
        Inode inode = ext2_new_inode(dir, mode, err);
        if (inode == null) {
            return err[0];
        }
        if (Mode.S_ISREG(mode)) {
            ext2_set_inode_ops(EXT2_SB(dir), inode);
        } else {
            inode.i_op = EXT2_SPECIAL_INODE_OPERATIONS;
            EXT2_SB(dir).kernel.vfs().init_special_inode(inode, mode, dev);
            ext2_encode_dev(inode, dev);
        }
        return ext2_add_nondir(dir, dentry, inode);
    }

    static int ext2_symlink(Inode dir, Dentry dentry, String target) {
        SbInfo sbi = EXT2_SB(dir);
        byte[] t = target.getBytes(StandardCharsets.ISO_8859_1);
        if (t.length + 1 > sbi.s_blocksize) {
            return -Errno.ENAMETOOLONG;
        }
        int[] err = new int[1];
        Inode inode = ext2_new_inode(dir, Mode.S_IFLNK | 0777, err);
        if (inode == null) {
            return err[0];
        }
        InodeInfo ei = EXT2_I(inode);
        inode.i_op = EXT2_SYMLINK_INODE_OPERATIONS;
        if (t.length < EXT2_N_BLOCKS * 4) {
            // fast symlink: the target in i_block itself
            byte[] raw = new byte[EXT2_N_BLOCKS * 4];
            System.arraycopy(t, 0, raw, 0, t.length);
            for (int i = 0; i < EXT2_N_BLOCKS; i++) {
                ei.i_data[i] = le32(raw, 4 * i);
            }
        } else {
            long block = ext2_get_block(inode, 0, true);
            if (block < 0) {
                discard(inode);
                return (int) block;
            }
            byte[] b = sbi.sb_getblk_zero(block);
            System.arraycopy(t, 0, b, 0, t.length);
        }
        inode.i_size = t.length;
        inode.i_link = target;
        return ext2_add_nondir(dir, dentry, inode);
    }

    static int ext2_link(Dentry old, Inode dir, Dentry dentry) {
        Inode inode = old.d_inode;
        inode.i_ctime = EXT2_SB(dir).kernel.vfs().inodes().current_time();
        Inodes.inc_nlink(inode);
        int r = Dir.ext2_add_link(dir, dentry.d_name, inode);
        if (r != 0) {
            inode.i_nlink--;
            return r;
        }
        EXT2_SB(dir).kernel.vfs().dcache().d_add(dentry, inode);
        return 0;
    }

    static int ext2_mkdir(Inode dir, Dentry dentry, int mode) {
        int[] err = new int[1];
        Inode inode = ext2_new_inode(dir, Mode.S_IFDIR | mode, err);
        if (inode == null) {
            return err[0];
        }
        ext2_set_inode_ops(EXT2_SB(dir), inode);
        inode.i_nlink = 2;
        int r = Dir.ext2_make_empty(inode, dir);
        if (r == 0) {
            r = Dir.ext2_add_link(dir, dentry.d_name, inode);
        }
        if (r != 0) {
            discard(inode);
            return r;
        }
        Inodes.inc_nlink(dir);
        EXT2_SB(dir).kernel.vfs().dcache().d_add(dentry, inode);
        return 0;
    }

    static int ext2_unlink(Inode dir, Dentry dentry) {
        int[] err = new int[1];
        Dir.Entry e = Dir.ext2_find_entry(dir, dentry.d_name, err);
        if (e == null) {
            return err[0] != 0 ? err[0] : -Errno.ENOENT;
        }
        Dir.ext2_delete_entry(dir, e);
        Inode inode = dentry.d_inode;
        inode.i_ctime = dir.i_ctime;
        EXT2_SB(dir).kernel.vfs().inodes().drop_nlink(inode);
        return 0;
    }

    static int ext2_rmdir(Inode dir, Dentry dentry) {
        Inode inode = dentry.d_inode;
        if (!Dir.ext2_empty_dir(inode)) {
            return -Errno.ENOTEMPTY;
        }
        int r = ext2_unlink(dir, dentry);
        if (r != 0) {
            return r;
        }
        inode.i_size = 0;
        inode.i_nlink = 0;
        EXT2_SB(dir).kernel.vfs().inodes().drop_nlink(dir);
        return 0;
    }

    static int ext2_rename(Inode oldDir, Dentry old, Inode newDir, Dentry target, int flags) {
        if ((flags & ~Fcntl.RENAME_NOREPLACE) != 0) {
            return -Errno.EINVAL;
        }
        SbInfo sbi = EXT2_SB(oldDir);
        var inodes = sbi.kernel.vfs().inodes();
        int[] err = new int[1];
        Inode inode = old.d_inode;
        Dir.Entry oldEntry = Dir.ext2_find_entry(oldDir, old.d_name, err);
        if (oldEntry == null) {
            return err[0] != 0 ? err[0] : -Errno.ENOENT;
        }
        boolean isDir = inode.is_dir();
        Dir.Entry dotdot = null;
        if (isDir && oldDir != newDir) {
            dotdot = Dir.ext2_find_entry(inode, "..", err);
            if (dotdot == null) {
                return -Errno.EIO;
            }
        }
        Inode victim = target.d_inode;
        if (victim != null) {
            if (victim.is_dir() && !isDir) {
                return -Errno.EISDIR;
            }
            if (!victim.is_dir() && isDir) {
                return -Errno.ENOTDIR;
            }
            if (isDir && !Dir.ext2_empty_dir(victim)) {
                return -Errno.ENOTEMPTY;
            }
            Dir.Entry newEntry = Dir.ext2_find_entry(newDir, target.d_name, err);
            if (newEntry == null) {
                return -Errno.EIO;
            }
            Dir.ext2_set_link(newDir, newEntry, inode);
            victim.i_ctime = inodes.current_time();
            if (isDir) {
                victim.i_nlink = 0;
                inodes.drop_nlink(newDir);
            } else {
                inodes.drop_nlink(victim);
            }
        } else {
            int r = Dir.ext2_add_link(newDir, target.d_name, inode);
            if (r != 0) {
                return r;
            }
            if (isDir && oldDir != newDir) {
                Inodes.inc_nlink(newDir);
            }
        }
        // the old entry moved if the new one went into the same block before it
        oldEntry = Dir.ext2_find_entry(oldDir, old.d_name, err);
        if (oldEntry != null) {
            Dir.ext2_delete_entry(oldDir, oldEntry);
        }
        inode.i_ctime = inodes.current_time();
        if (dotdot != null) {
            Dir.ext2_set_link(inode, dotdot, newDir);
            inodes.drop_nlink(oldDir);
        }
        return 0;
    }

    /** ext2_dir_inode_operations. */
    static final InodeOperations EXT2_DIR_INODE_OPERATIONS = new InodeOperations() {
        @Override
        public int lookup(Inode dir, Dentry dentry) {
            return ext2_lookup(dir, dentry);
        }

        @Override
        public int create(Inode dir, Dentry dentry, int mode) {
            return ext2_create(dir, dentry, mode);
        }

        @Override
        public int mknod(Inode dir, Dentry dentry, int mode, int dev) {
            return ext2_mknod(dir, dentry, mode, dev);
        }

        @Override
        public int mkdir(Inode dir, Dentry dentry, int mode) {
            return ext2_mkdir(dir, dentry, mode);
        }

        @Override
        public int symlink(Inode dir, Dentry dentry, String target) {
            return ext2_symlink(dir, dentry, target);
        }

        @Override
        public int link(Dentry old, Inode dir, Dentry dentry) {
            return ext2_link(old, dir, dentry);
        }

        @Override
        public int unlink(Inode dir, Dentry dentry) {
            return ext2_unlink(dir, dentry);
        }

        @Override
        public int rmdir(Inode dir, Dentry dentry) {
            return ext2_rmdir(dir, dentry);
        }

        @Override
        public int rename(Inode oldDir, Dentry old, Inode newDir, Dentry target, int flags) {
            return ext2_rename(oldDir, old, newDir, target, flags);
        }

        @Override
        public int setattr(Dentry dentry, Iattr attr) {
            return ext2_setattr(dentry, attr);
        }
    };

    /** ext2_file_inode_operations. */
    static final InodeOperations EXT2_FILE_INODE_OPERATIONS = new InodeOperations() {
        @Override
        public int setattr(Dentry dentry, Iattr attr) {
            return ext2_setattr(dentry, attr);
        }
    };

    /** ext2_fast_symlink_inode_operations / ext2_symlink_inode_operations: the target is in i_link. */
    static final InodeOperations EXT2_SYMLINK_INODE_OPERATIONS = new InodeOperations() {
        @Override
        public int setattr(Dentry dentry, Iattr attr) {
            return ext2_setattr(dentry, attr);
        }
    };

    /** ext2_special_inode_operations. */
    static final InodeOperations EXT2_SPECIAL_INODE_OPERATIONS = new InodeOperations() {
        @Override
        public int setattr(Dentry dentry, Iattr attr) {
            return ext2_setattr(dentry, attr);
        }
    };
}
