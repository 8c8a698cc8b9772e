package org.jstap.sim.fs;

/**
 * struct dentry_operations: what a file system whose names can change behind the VFS's back
 * (procfs: processes come and go) says about a cached dentry. A super block's {@code s_d_op}
 * is given to every dentry made under it.
 */
public interface DentryOperations {
    /** d_revalidate: whether the cached dentry still names what it did; false makes the walk look it up again. */
    default boolean d_revalidate(Dentry dentry) {
        return true;
    }
}
