package org.jstap.sim.fs;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/libfs.c: the pieces simple in-memory file systems are built from. Their directories are
 * exactly their dentries (the dcache is the only index), so lookup finds nothing new and readdir
 * lists the positive children in the order they were made.
 */
@LinuxFile("fs/libfs.c")
public final class Libfs {
    private final Kernel kernel;

    Libfs(Kernel kernel) {
        this.kernel = kernel;
    }

    /** default_llseek: SEEK_SET/CUR/END on any file; negative results are EINVAL. */
    public static long default_llseek(File file, long offset, int whence) {
        long base = switch (whence) {
            case Fcntl.SEEK_SET -> 0;
            case Fcntl.SEEK_CUR -> file.f_pos;
            case Fcntl.SEEK_END -> file.f_inode.i_size;
            case Fcntl.SEEK_DATA -> {
                if (offset >= file.f_inode.i_size) {
                    yield Long.MIN_VALUE;
                }
                yield 0;
            }
            case Fcntl.SEEK_HOLE -> {
                if (offset >= file.f_inode.i_size) {
                    yield Long.MIN_VALUE;
                }
                yield file.f_inode.i_size - offset;
            }
            default -> Long.MIN_VALUE + 1;
        };
        if (base == Long.MIN_VALUE) {
            return -Errno.ENXIO;
        }
        if (base == Long.MIN_VALUE + 1) {
            return -Errno.EINVAL;
        }
        long pos = offset + base;
        if ((base > 0 && offset > Long.MAX_VALUE - base) || pos < 0) {
            return -Errno.EINVAL;
        }
        file.f_pos = pos;
        return pos;
    }

    /** simple_lookup: nothing exists that the dcache does not already know; the dentry stays negative. */
    public static int simple_lookup(Inode dir, Dentry dentry) {
        if (dentry.d_name.length() > Namei.NAME_MAX) {
            return -Errno.ENAMETOOLONG;
        }
        return 0;
    }

    /** dcache_readdir: ".", "..", then the positive children from ctx.pos - 2 on. */
    public static int dcache_readdir(File file, DirContext ctx) {
        if (!ctx.emit_dots(file)) {
            return 0;
        }
        var children = file.f_path.dentry().d_subdirs;
        for (int i = (int) ctx.pos - 2; i < children.size(); i++) {
            Dentry d = children.get(i);
            if (d.d_inode != null && !ctx.emit(d.d_name, d.d_inode.i_ino, Mode.dt_type(d.d_inode.i_mode))) {
                return 0;
            }
            ctx.pos = i + 3;
        }
        return 0;
    }

    /** simple_empty: a directory with no positive children. */
    public static boolean simple_empty(Dentry dentry) {
        for (Dentry d : dentry.d_subdirs) {
            if (d.d_inode != null) {
                return false;
            }
        }
        return true;
    }

    /** simple_link: one more name for the inode. */
    public int simple_link(Dentry old, Inode dir, Dentry dentry) {
        Inode inode = old.d_inode;
        inode.i_ctime = dir.i_ctime = dir.i_mtime = kernel.vfs().inodes().current_time();
        Inodes.inc_nlink(inode);
        kernel.vfs().dcache().d_add(dentry, inode);
        return 0;
    }

    /** simple_unlink: one name less. */
    public int simple_unlink(Inode dir, Dentry dentry) {
        Inode inode = dentry.d_inode;
        inode.i_ctime = dir.i_ctime = dir.i_mtime = kernel.vfs().inodes().current_time();
        kernel.vfs().inodes().drop_nlink(inode);
        return 0;
    }

    /** simple_rmdir: only an empty directory; its ".." link to the parent goes too. */
    public int simple_rmdir(Inode dir, Dentry dentry) {
        if (!simple_empty(dentry)) {
            return -Errno.ENOTEMPTY;
        }
        kernel.vfs().inodes().drop_nlink(dentry.d_inode);
        simple_unlink(dir, dentry);
        kernel.vfs().inodes().drop_nlink(dir);
        return 0;
    }

    /** simple_rename: link counts follow directories moving between parents; a replaced target loses its name. */
    public int simple_rename(Inode oldDir, Dentry old, Inode newDir, Dentry target, int flags) {
        boolean isDir = old.d_inode.is_dir();
        if ((flags & Fcntl.RENAME_EXCHANGE) != 0) {
            boolean targetDir = target.d_inode.is_dir();
            if (isDir != targetDir && oldDir != newDir) {
                if (isDir) {
                    kernel.vfs().inodes().drop_nlink(oldDir);
                    Inodes.inc_nlink(newDir);
                } else {
                    kernel.vfs().inodes().drop_nlink(newDir);
                    Inodes.inc_nlink(oldDir);
                }
            }
            return 0;
        }
        if (target.d_inode != null) {
            if (target.d_inode.is_dir()) {
                if (!isDir) {
                    return -Errno.EISDIR;
                }
                if (!simple_empty(target)) {
                    return -Errno.ENOTEMPTY;
                }
                kernel.vfs().inodes().drop_nlink(target.d_inode);
                kernel.vfs().inodes().drop_nlink(newDir);
            } else if (isDir) {
                return -Errno.ENOTDIR;
            }
            kernel.vfs().inodes().drop_nlink(target.d_inode);
        }
        if (isDir && oldDir != newDir) {
            kernel.vfs().inodes().drop_nlink(oldDir);
            Inodes.inc_nlink(newDir);
        }
        long now = kernel.vfs().inodes().current_time();
        oldDir.i_ctime = oldDir.i_mtime = newDir.i_ctime = newDir.i_mtime = old.d_inode.i_ctime = now;
        return 0;
    }

    /** simple_setattr: the change applied to the in-memory inode; a size change truncates the cache. */
    public int simple_setattr(Dentry dentry, Iattr a) {
        Inode inode = dentry.d_inode;
        if ((a.ia_valid & Iattr.ATTR_SIZE) != 0) {
            if (!Mode.S_ISREG(inode.i_mode)) {
                return -Errno.EINVAL;
            }
            if (a.ia_size < inode.i_size) {
                kernel.vfs().filemap().truncate_inode_pages(inode.i_mapping, a.ia_size);
            }
            inode.i_size = a.ia_size;
        }
        setattr_copy(inode, a);
        return 0;
    }

    /** setattr_copy: the plain fields of a change. */
    public static void setattr_copy(Inode inode, Iattr a) {
        if ((a.ia_valid & Iattr.ATTR_UID) != 0) {
            inode.i_uid = a.ia_uid;
        }
        if ((a.ia_valid & Iattr.ATTR_GID) != 0) {
            inode.i_gid = a.ia_gid;
        }
        if ((a.ia_valid & Iattr.ATTR_MODE) != 0) {
            inode.i_mode = (inode.i_mode & Mode.S_IFMT) | (a.ia_mode & Mode.S_IALLUGO);
        }
        if ((a.ia_valid & Iattr.ATTR_ATIME) != 0) {
            inode.i_atime = a.ia_atime;
        }
        if ((a.ia_valid & Iattr.ATTR_MTIME) != 0) {
            inode.i_mtime = a.ia_mtime;
        }
        if ((a.ia_valid & Iattr.ATTR_CTIME) != 0) {
            inode.i_ctime = a.ia_ctime;
        }
    }

    /** The directory file operations of a dcache-only file system (simple_dir_operations). */
    public static final FileOperations SIMPLE_DIR_OPERATIONS = new FileOperations() {
        @Override
        public int iterate_shared(File file, DirContext ctx) {
            return dcache_readdir(file, ctx);
        }

        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            return -Errno.EISDIR;
        }

        @Override
        public int fsync(File file) {
            return 0;
        }
    };

    /** A read-only file whose content is produced when it is opened (simple_read_from_buffer on a snapshot). */
    public static long simple_read_from_buffer(byte[] data, byte[] buf, int off, int len, long[] ppos) {
        long pos = ppos[0];
        if (pos < 0) {
            return -Errno.EINVAL;
        }
        if (pos >= data.length) {
            return 0;
        }
        int n = (int) Math.min(len, data.length - pos);
        System.arraycopy(data, (int) pos, buf, off, n);
        ppos[0] = pos + n;
        return n;
    }
}
