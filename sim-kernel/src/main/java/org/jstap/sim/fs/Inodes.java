package org.jstap.sim.fs;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.Slub;

/**
 * fs/inode.c: making and ending inodes. {@code new_inode} takes a slot in inode_cache;
 * {@code iput} drops a user, and the inode is evicted (its pages and storage freed) once it has
 * neither links nor users.
 */
@LinuxFile("fs/inode.c")
public final class Inodes {
    private final Kernel kernel;
    private final Slub.KmemCache inodeCache;
    private long nrInodes;

    Inodes(Kernel kernel) {
        this.kernel = kernel;
        this.inodeCache = kernel.slab().kmem_cache_create("inode_cache", 600);
    }

    /** new_inode with inode_init_owner: owned by the caller's fs ids, times set to now. */
    public Inode new_inode(SuperBlock sb, long ino, int mode) {
        long kaddr = kernel.slab().kmem_cache_alloc(inodeCache, Gfp.GFP_KERNEL);
        nrInodes++;
        Inode i = new Inode(sb, ino, kaddr);
        i.i_mode = mode;
        var current = kernel.sched().current();
        if (current != null && current.cred != null) {
            i.i_uid = current.cred.fsuid();
            i.i_gid = current.cred.fsgid();
        }
        i.i_nlink = 1;
        long now = current_time();
        i.i_atime = i.i_mtime = i.i_ctime = now;
        i.i_op = InodeOperations.NONE;
        i.i_fop = new FileOperations() {};
        return i;
    }

    /** current_time: the real-time clock, for inode times. */
    public long current_time() {
        return kernel.timekeeping().ktime_get_real_ns();
    }

    /** ihold. */
    public void ihold(Inode inode) {
        inode.i_count++;
    }

    /** iput: one user less; an inode with no links and no users is evicted. */
    public void iput(Inode inode) {
        inode.i_count--;
        iput_final_check(inode);
    }

    /** After a link is dropped: evict if nothing holds the inode any more. */
    public void iput_final_check(Inode inode) {
        if (inode.i_count <= 0 && inode.i_nlink <= 0 && (inode.i_state & Inode.I_FREEING) == 0) {
            evict(inode);
        }
    }

    private void evict(Inode inode) {
        inode.i_sb.s_op.evict_inode(inode);
        kernel.vfs().filemap().truncate_inode_pages(inode.i_mapping, 0);
        kernel.slab().kmem_cache_free(inodeCache, inode.kaddr);
        nrInodes--;
        inode.i_state |= Inode.I_FREEING;
    }

    /** Inodes with dirty pages, per super block, in the order they were dirtied (the writeback lists). */
    private final java.util.Map<SuperBlock, java.util.LinkedHashSet<Inode>> dirty = new java.util.IdentityHashMap<>();

    /** __mark_inode_dirty: the inode has pages to write back. */
    public void mark_inode_dirty(Inode inode) {
        dirty.computeIfAbsent(inode.i_sb, k -> new java.util.LinkedHashSet<>()).add(inode);
    }

    /** The dirty inodes of {@code sb}, taken off the list for writeback. */
    public java.util.List<Inode> dirty_inodes(SuperBlock sb) {
        var set = dirty.remove(sb);
        return set == null ? java.util.List.of() : java.util.List.copyOf(set);
    }

    /** Inodes allocated (nr_inodes of /proc/sys/fs/inode-nr). */
    public long nr_inodes() {
        return nrInodes;
    }

    /** inc_nlink / drop_nlink. */
    public static void inc_nlink(Inode inode) {
        inode.i_nlink++;
    }

    public void drop_nlink(Inode inode) {
        inode.i_nlink--;
        inode.i_ctime = current_time();
    }
}
