package org.jstap.sim.fs;

/** struct path: a dentry as seen through one mount (the same dentry may be mounted in two places). */
public record Path(VfsMount mnt, Dentry dentry) {
    public Inode inode() {
        return dentry.d_inode;
    }
}
