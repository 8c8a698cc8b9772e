package org.jstap.sim.fs;

import org.jstap.sim.kernel.KernelObject;

/**
 * struct super_block: one mounted instance of a file system: its type, its root, the device it
 * lives on, and what the file system keeps about itself ({@code s_fs_info}).
 */
public final class SuperBlock implements KernelObject {
    /** s_flags. */
    public static final int SB_RDONLY = 1;
    public static final int SB_NOSUID = 2;
    public static final int SB_NODEV = 4;
    public static final int SB_NOEXEC = 8;

    public final FileSystemType s_type;
    /** s_dev: MKDEV(major, minor); anonymous file systems get major 0. */
    public final int s_dev;
    public Dentry s_root;
    public int s_flags;
    public long s_blocksize = 4096;
    /** Magic number statfs reports (RAMFS_MAGIC, PROC_SUPER_MAGIC...). */
    public long s_magic;
    public SuperOperations s_op = SuperOperations.NONE;
    public Object s_fs_info;
    /** s_d_op: the dentry operations of every dentry made under this super block. */
    public DentryOperations s_d_op;
    /** Mounts of this super block still in the tree (s_active). */
    public int s_active;
    private long nextIno = 1;
    final long kaddr;

    SuperBlock(FileSystemType type, int dev, long kaddr) {
        this.s_type = type;
        this.s_dev = dev;
        this.kaddr = kaddr;
    }

    /** get_next_ino: inode numbers for file systems that make them up. */
    public long get_next_ino() {
        return ++nextIno;
    }

    @Override
    public long kaddr() {
        return kaddr;
    }
}
