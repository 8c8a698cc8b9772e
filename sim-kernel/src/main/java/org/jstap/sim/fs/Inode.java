package org.jstap.sim.fs;

import org.jstap.sim.kernel.KernelObject;

/**
 * struct inode (include/linux/fs.h): one file, whatever names it has. Its operations come from
 * the file system that made it: {@code i_op} for what is done to names in a directory and to the
 * inode itself, {@code i_fop} for what an open file does. Regular files keep their data in
 * {@code i_mapping}, the page cache. All fields are guarded by the machine's single running
 * thread (Linux: {@code i_rwsem} and {@code i_lock}).
 */
public final class Inode implements KernelObject {
    public final SuperBlock i_sb;
    public final long i_ino;
    public int i_mode;
    public int i_uid;
    public int i_gid;
    public int i_nlink;
    /** The device a character or block special file stands for (MKDEV(major, minor)). */
    public int i_rdev;
    public long i_size;
    /** Times in ns since the epoch (CLOCK_REALTIME). */
    public long i_atime;
    public long i_mtime;
    public long i_ctime;
    /** 512-byte blocks the file occupies. */
    public long i_blocks;
    public InodeOperations i_op;
    public FileOperations i_fop;
    /** The page cache of the file's data. */
    public final AddressSpace i_mapping;
    /** A symlink's target, when the file system keeps it in the inode (a "fast" symlink). */
    public String i_link;
    /** The pipe behind a FIFO or a pipe2(2) pair. */
    public PipeInodeInfo i_pipe;
    /** What the file system hangs on the inode (its own inode info). */
    public Object i_private;
    /** Open files and other users holding the inode (i_count). */
    public int i_count;
    /** i_state: I_FREEING once evicted. */
    public int i_state;
    public static final int I_FREEING = 0x20;
    /** Write-open files (i_writecount), for ETXTBSY and the like. */
    public int i_writecount;
    final long kaddr;

    Inode(SuperBlock sb, long ino, long kaddr) {
        this.i_sb = sb;
        this.i_ino = ino;
        this.kaddr = kaddr;
        this.i_mapping = new AddressSpace(this);
    }

    @Override
    public long kaddr() {
        return kaddr;
    }

    public boolean is_dir() {
        return Mode.S_ISDIR(i_mode);
    }

    @Override
    public String toString() {
        return "inode " + i_sb.s_type.name() + ":" + i_ino;
    }
}
