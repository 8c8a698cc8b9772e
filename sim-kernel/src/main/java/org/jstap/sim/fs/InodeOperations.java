package org.jstap.sim.fs;

import org.jstap.sim.kernel.Errno;

/**
 * struct inode_operations: what is done to names in a directory and to an inode itself. The
 * defaults answer as Linux does for a NULL method (EPERM for creating where the file system
 * cannot, ENOTDIR for lookups in a non-directory).
 */
public interface InodeOperations {
    /** A file with no name operations at all (a regular file's or device's inode). */
    InodeOperations NONE = new InodeOperations() {};

    /** lookup: fill {@code dentry} (d_add with an inode, or leave it negative); 0 or -errno. */
    default int lookup(Inode dir, Dentry dentry) {
        return -Errno.ENOTDIR;
    }

    default int create(Inode dir, Dentry dentry, int mode) {
        return -Errno.EACCES;
    }

    default int mkdir(Inode dir, Dentry dentry, int mode) {
        return -Errno.EPERM;
    }

    default int mknod(Inode dir, Dentry dentry, int mode, int dev) {
        return -Errno.EPERM;
    }

    default int symlink(Inode dir, Dentry dentry, String target) {
        return -Errno.EPERM;
    }

    default int link(Dentry old, Inode dir, Dentry dentry) {
        return -Errno.EPERM;
    }

    default int unlink(Inode dir, Dentry dentry) {
        return -Errno.EPERM;
    }

    default int rmdir(Inode dir, Dentry dentry) {
        return -Errno.EPERM;
    }

    /** rename: {@code old} in {@code oldDir} becomes {@code target} in {@code newDir}; the VFS moves the dentry. */
    default int rename(Inode oldDir, Dentry old, Inode newDir, Dentry target, int flags) {
        return -Errno.EPERM;
    }

    /** get_link: a symlink's target, or null (-EINVAL for readlink: not a link). */
    default String get_link(Dentry dentry, Inode inode) {
        return inode.i_link;
    }

    /**
     * A "magic" link that leads straight to a place rather than through a name (procfs's
     * /proc/PID/fd/N and cwd: nd_jump_link); null for ordinary symlinks.
     */
    default Path jump_link(Dentry dentry, Inode inode) {
        return null;
    }

    /** setattr: apply a chmod, chown, truncate or time change; 0 or -errno. */
    default int setattr(Dentry dentry, Iattr attr) {
        return -Errno.EPERM;
    }
}
