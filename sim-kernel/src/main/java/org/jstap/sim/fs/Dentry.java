package org.jstap.sim.fs;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.kernel.KernelObject;

/**
 * struct dentry: a name in a directory and the inode it names ({@code d_inode}), or the knowledge
 * that there is none (a negative dentry). Dentries form the tree path walks go down; the dcache
 * hash finds a child by parent and name. A dentry that something is mounted on is marked
 * {@link #DCACHE_MOUNTED}.
 */
public final class Dentry implements KernelObject {
    public static final int DCACHE_MOUNTED = 0x10000;
    public static final int DCACHE_DISCONNECTED = 0x20;

    public String d_name;
    public Dentry d_parent;
    public Inode d_inode;
    public final SuperBlock d_sb;
    public int d_flags;
    /** d_op: the file system's say on cached names (null: always valid). */
    public DentryOperations d_op;
    /** d_subdirs: the children, in the order they were made (what dcache_readdir lists). */
    public final List<Dentry> d_subdirs = new ArrayList<>();
    /** d_hash's chain in the dcache hash table. */
    Dentry hashNext;
    boolean hashed;
    /** Its dentry_cache slot: taken when the dentry enters the cache, so uncached negative lookups cost none. */
    long kaddr;

    Dentry(SuperBlock sb, Dentry parent, String name, long kaddr) {
        this.d_sb = sb;
        this.d_parent = parent == null ? this : parent;
        this.d_name = name;
        this.kaddr = kaddr;
    }

    public boolean is_root() {
        return d_parent == this;
    }

    public boolean is_negative() {
        return d_inode == null;
    }

    public boolean d_mountpoint() {
        return (d_flags & DCACHE_MOUNTED) != 0;
    }

    @Override
    public long kaddr() {
        return kaddr;
    }

    @Override
    public String toString() {
        return "dentry " + d_name;
    }
}
