package org.jstap.sim.fs;

import org.jstap.sim.kernel.KernelObject;

/**
 * struct mount / vfsmount (fs/mount.h): a super block attached at a place in the tree: its root
 * dentry, the mount it sits in ({@code mnt_parent}) and the dentry it covers there
 * ({@code mnt_mountpoint}). The root mount is its own parent.
 */
public final class VfsMount implements KernelObject {
    public static final int MNT_NOSUID = 0x01;
    public static final int MNT_NODEV = 0x02;
    public static final int MNT_NOEXEC = 0x04;
    public static final int MNT_READONLY = 0x40;

    public final SuperBlock mnt_sb;
    public final Dentry mnt_root;
    public VfsMount mnt_parent;
    public Dentry mnt_mountpoint;
    public final String mnt_devname;
    public int mnt_flags;
    /** mnt_id as /proc/PID/mountinfo numbers mounts. */
    public final int mnt_id;
    /** Open files, cwds and child mounts pinning the mount (mnt_count beyond the tree's own). */
    public int mnt_count;
    final long kaddr;

    VfsMount(SuperBlock sb, Dentry root, String devname, int id, long kaddr) {
        this.mnt_sb = sb;
        this.mnt_root = root;
        this.mnt_devname = devname;
        this.mnt_id = id;
        this.mnt_parent = this;
        this.mnt_mountpoint = root;
        this.kaddr = kaddr;
    }

    public boolean is_readonly() {
        return (mnt_flags & MNT_READONLY) != 0 || (mnt_sb.s_flags & SuperBlock.SB_RDONLY) != 0;
    }

    @Override
    public long kaddr() {
        return kaddr;
    }
}
