package org.jstap.sim.fs.ramfs;

import org.jstap.sim.Kernel;
import org.jstap.sim.fs.Dentry;
import org.jstap.sim.fs.DirContext;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.FileOperations;
import org.jstap.sim.fs.FileSystemType;
import org.jstap.sim.fs.Iattr;
import org.jstap.sim.fs.Inode;
import org.jstap.sim.fs.InodeOperations;
import org.jstap.sim.fs.Inodes;
import org.jstap.sim.fs.Libfs;
import org.jstap.sim.fs.Mode;
import org.jstap.sim.fs.SuperBlock;
import org.jstap.sim.fs.SuperOperations;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/ramfs/inode.c and file-mmu.c: a file system that is nothing but the page cache and the
 * dcache. Files keep their data in cached pages that are never written anywhere; directories are
 * their dentries. The root file system (rootfs), tmpfs and ramfs mounts are all this, by name.
 */
@LinuxFile("fs/ramfs/inode.c")
public final class Ramfs implements FileSystemType {
    public static final long RAMFS_MAGIC = 0x858458f6L;
    public static final long TMPFS_MAGIC = 0x01021994L;

    private final Kernel kernel;
    private final String name;
    private final Libfs libfs;

    public Ramfs(Kernel kernel, String name) {
        this.kernel = kernel;
        this.name = name;
        this.libfs = kernel.vfs().libfs();
    }

    @Override
    public String name() {
        return name;
    }

    /** ramfs_fill_super: a fresh super block whose root is an empty directory (mode 0755, or data's mode=). */
    @Override
    public SuperBlock mount(int flags, String devName, String data, int[] err) {
        SuperBlock sb = kernel.vfs().supers().alloc_super(this, 0);
        sb.s_flags = flags;
        sb.s_magic = name.equals("ramfs") ? RAMFS_MAGIC : TMPFS_MAGIC;
        sb.s_blocksize = 4096;
        sb.s_op = new SuperOperations() {
            @Override
            public long[] statfs(SuperBlock s) {
                long total = kernel.page_alloc().totalram_pages() / 2;
                long used = 0;
                return new long[] {total, total - used, total - used, 0, 0};
            }
        };
        int mode = Mode.S_IFDIR | 0755;
        if (data != null) {
            for (String opt : data.split(",")) {
                if (opt.startsWith("mode=")) {
                    try {
                        mode = Mode.S_IFDIR | (Integer.parseInt(opt.substring(5), 8) & Mode.S_IALLUGO);
                    } catch (NumberFormatException e) {
                        err[0] = -org.jstap.sim.kernel.Errno.EINVAL;
                        return null;
                    }
                }
            }
        }
        Inode root = ramfs_get_inode(sb, null, mode, 0);
        sb.s_root = kernel.vfs().dcache().d_make_root(sb, root);
        return sb;
    }

    /** ramfs_get_inode: a new inode of the kind {@code mode} says, with ramfs's operations. */
    public Inode ramfs_get_inode(SuperBlock sb, Inode dir, int mode, int dev) {
        Inode inode = kernel.vfs().inodes().new_inode(sb, sb.get_next_ino(), mode);
        if (dir != null && (dir.i_mode & Mode.S_ISGID) != 0) {
            inode.i_gid = dir.i_gid;
            if (Mode.S_ISDIR(mode)) {
                inode.i_mode |= Mode.S_ISGID;
            }
        }
        switch (mode & Mode.S_IFMT) {
            case Mode.S_IFREG -> {
                inode.i_op = fileInodeOps;
                inode.i_fop = RAMFS_FILE_OPERATIONS;
            }
            case Mode.S_IFDIR -> {
                inode.i_op = dirInodeOps;
                inode.i_fop = Libfs.SIMPLE_DIR_OPERATIONS;
                // "." in itself
                Inodes.inc_nlink(inode);
            }
            case Mode.S_IFLNK -> inode.i_op = fileInodeOps;
            default -> kernel.vfs().init_special_inode(inode, mode, dev);
        }
        return inode;
    }

    /** ramfs_file_operations: reads and writes through the page cache. */
    final FileOperations RAMFS_FILE_OPERATIONS = new FileOperations() {
        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            return kernel.vfs().filemap().filemap_read(file, buf, off, len, ppos);
        }

        @Override
        public long write(File file, byte[] buf, int off, int len, long[] ppos) {
            return kernel.vfs().filemap().generic_perform_write(file, buf, off, len, ppos);
        }

        @Override
        public int fsync(File file) {
            return 0;
        }

        @Override
        public int iterate_shared(File file, DirContext ctx) {
            return -org.jstap.sim.kernel.Errno.ENOTDIR;
        }
    };

    private final InodeOperations fileInodeOps = new InodeOperations() {
        @Override
        public int setattr(Dentry dentry, Iattr attr) {
            return libfs.simple_setattr(dentry, attr);
        }
    };

    /** ramfs_dir_inode_operations. */
    private final InodeOperations dirInodeOps = new InodeOperations() {
        @Override
        public int lookup(Inode dir, Dentry dentry) {
            return Libfs.simple_lookup(dir, dentry);
        }

        @Override
        public int mknod(Inode dir, Dentry dentry, int mode, int dev) {
            return ramfs_mknod(dir, dentry, mode, dev);
        }

        @Override
        public int create(Inode dir, Dentry dentry, int mode) {
            return ramfs_mknod(dir, dentry, mode | Mode.S_IFREG, 0);
        }

        @Override
        public int mkdir(Inode dir, Dentry dentry, int mode) {
            int r = ramfs_mknod(dir, dentry, mode | Mode.S_IFDIR, 0);
            if (r == 0) {
                Inodes.inc_nlink(dir);
            }
            return r;
        }

        @Override
        public int symlink(Inode dir, Dentry dentry, String target) {
            if (target.length() >= 4096) {
                return -org.jstap.sim.kernel.Errno.ENAMETOOLONG;
            }
            Inode inode = ramfs_get_inode(dir.i_sb, dir, Mode.S_IFLNK | 0777, 0);
            inode.i_link = target;
            inode.i_size = target.length();
            kernel.vfs().dcache().d_add(dentry, inode);
            dir.i_mtime = dir.i_ctime = kernel.vfs().inodes().current_time();
            return 0;
        }

        @Override
        public int link(Dentry old, Inode dir, Dentry dentry) {
            return libfs.simple_link(old, dir, dentry);
        }

        @Override
        public int unlink(Inode dir, Dentry dentry) {
            return libfs.simple_unlink(dir, dentry);
        }

        @Override
        public int rmdir(Inode dir, Dentry dentry) {
            return libfs.simple_rmdir(dir, dentry);
        }

        @Override
        public int rename(Inode oldDir, Dentry old, Inode newDir, Dentry target, int flags) {
            return libfs.simple_rename(oldDir, old, newDir, target, flags);
        }

        @Override
        public int setattr(Dentry dentry, Iattr attr) {
            return libfs.simple_setattr(dentry, attr);
        }
    };

    /** ramfs_mknod: a new inode entered under its name. */
    int ramfs_mknod(Inode dir, Dentry dentry, int mode, int dev) {
        Inode inode = ramfs_get_inode(dir.i_sb, dir, mode, dev);
        kernel.vfs().dcache().d_add(dentry, inode);
        dir.i_mtime = dir.i_ctime = kernel.vfs().inodes().current_time();
        return 0;
    }
}
