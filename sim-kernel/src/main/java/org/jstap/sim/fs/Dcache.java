package org.jstap.sim.fs;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.Slub;

/**
 * fs/dcache.c: the directory entry cache. Dentries hang in a hash table of hlist chains keyed by
 * parent and name ({@code d_hash}), so a path walk finds a cached child without asking the file
 * system; {@code d_lookup} is that search, {@code d_add} enters a looked-up dentry, {@code d_delete}
 * makes it negative, {@code d_move} renames it.
 */
@LinuxFile("fs/dcache.c")
public final class Dcache {
    /** d_hash_shift: 2^10 chains, plenty for a machine of this size. */
    static final int D_HASH_SHIFT = 10;

    private final Kernel kernel;
    private final Slub.KmemCache dentryCache;
    private final Dentry[] dentry_hashtable = new Dentry[1 << D_HASH_SHIFT];
    private long nrDentry;

    Dcache(Kernel kernel) {
        this.kernel = kernel;
        this.dentryCache = kernel.slab().kmem_cache_create("dentry", 192);
    }

    private static int d_hash(Dentry parent, String name) {
        int h = System.identityHashCode(parent) * 31 + name.hashCode();
        return (h ^ (h >>> D_HASH_SHIFT) ^ (h >>> 20)) & ((1 << D_HASH_SHIFT) - 1);
    }

    /** d_alloc: a new, unhashed, negative dentry {@code name} under {@code parent}. */
    public Dentry d_alloc(Dentry parent, String name) {
        Dentry d = new Dentry(parent.d_sb, parent, name, 0);
        d.d_op = parent.d_sb.s_d_op;
        return d;
    }

    /** d_make_root: the root dentry of a new super block, for {@code root}. */
    public Dentry d_make_root(SuperBlock sb, Inode root) {
        long kaddr = kernel.slab().kmem_cache_alloc(dentryCache, Gfp.GFP_KERNEL);
        nrDentry++;
        Dentry d = new Dentry(sb, null, "/", kaddr);
        d.d_inode = root;
        d.hashed = true;
        return d;
    }

    /** d_lookup: the hashed child {@code name} of {@code parent}, or null. */
    public Dentry d_lookup(Dentry parent, String name) {
        for (Dentry d = dentry_hashtable[d_hash(parent, name)]; d != null; d = d.hashNext) {
            if (d.d_parent == parent && d.d_name.equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** d_rehash: enter the dentry in the hash and its parent's children. */
    public void d_rehash(Dentry d) {
        if (d.hashed) {
            return;
        }
        if (d.kaddr == 0) {
            d.kaddr = kernel.slab().kmem_cache_alloc(dentryCache, Gfp.GFP_KERNEL);
            nrDentry++;
        }
        int h = d_hash(d.d_parent, d.d_name);
        d.hashNext = dentry_hashtable[h];
        dentry_hashtable[h] = d;
        d.hashed = true;
        if (!d.d_parent.d_subdirs.contains(d)) {
            d.d_parent.d_subdirs.add(d);
        }
    }

    /** d_invalidate: a cached name that is no longer true leaves the hash, its subtree with it. */
    public void d_invalidate(Dentry d) {
        for (Dentry child : java.util.List.copyOf(d.d_subdirs)) {
            d_invalidate(child);
        }
        d_delete(d);
    }

    /** d_instantiate: the dentry now names {@code inode}. */
    public void d_instantiate(Dentry d, Inode inode) {
        d.d_inode = inode;
    }

    /** d_add: instantiate (inode may be null: a negative entry) and hash. */
    public void d_add(Dentry d, Inode inode) {
        d_instantiate(d, inode);
        d_rehash(d);
    }

    /** __d_drop: out of the hash, so lookups no longer find it. */
    public void d_drop(Dentry d) {
        if (!d.hashed) {
            return;
        }
        int h = d_hash(d.d_parent, d.d_name);
        Dentry prev = null;
        for (Dentry x = dentry_hashtable[h]; x != null; prev = x, x = x.hashNext) {
            if (x == d) {
                if (prev == null) {
                    dentry_hashtable[h] = x.hashNext;
                } else {
                    prev.hashNext = x.hashNext;
                }
                break;
            }
        }
        d.hashNext = null;
        d.hashed = false;
        d.d_parent.d_subdirs.remove(d);
    }

    /** d_delete: the name is gone; the dentry leaves the cache (its inode may live on in open files). */
    public void d_delete(Dentry d) {
        d_drop(d);
        if (d.kaddr != 0) {
            kernel.slab().kmem_cache_free(dentryCache, d.kaddr);
            d.kaddr = 0;
            nrDentry--;
        }
    }

    /** d_move: {@code d} is renamed to {@code name} under {@code newParent}. */
    public void d_move(Dentry d, Dentry newParent, String name) {
        d_drop(d);
        d.d_parent = newParent;
        d.d_name = name;
        d_rehash(d);
    }

    /** d_exchange: two dentries swap places (RENAME_EXCHANGE). */
    public void d_exchange(Dentry a, Dentry b) {
        Dentry pa = a.d_parent;
        String na = a.d_name;
        d_drop(a);
        d_drop(b);
        a.d_parent = b.d_parent;
        a.d_name = b.d_name;
        b.d_parent = pa;
        b.d_name = na;
        d_rehash(a);
        d_rehash(b);
    }

    /** Cached dentries (nr_dentry of /proc/sys/fs/dentry-state). */
    public long nr_dentry() {
        return nrDentry;
    }

    /**
     * d_path: the name of {@code path} as seen from {@code root}, crossing mounts upward; a
     * dentry that has been unlinked gets " (deleted)".
     */
    public static String d_path(Path path, Path root) {
        StringBuilder out = new StringBuilder();
        VfsMount mnt = path.mnt();
        Dentry d = path.dentry();
        boolean deleted = !d.is_root() && !d.hashed;
        while (true) {
            if (d == root.dentry() && mnt == root.mnt()) {
                break;
            }
            if (d == mnt.mnt_root) {
                if (mnt.mnt_parent == mnt) {
                    break;
                }
                d = mnt.mnt_mountpoint;
                mnt = mnt.mnt_parent;
                continue;
            }
            out.insert(0, "/" + d.d_name);
            d = d.d_parent;
        }
        String s = out.length() == 0 ? "/" : out.toString();
        return deleted ? s + " (deleted)" : s;
    }
}
