package org.jstap.sim.fs;

import org.jstap.sim.kernel.KernelObject;

/**
 * struct file: an open file: where it is ({@code f_path}), how it was opened ({@code f_flags},
 * {@code f_mode}), the offset reads and writes move ({@code f_pos}), and the operations its inode
 * gave it. Descriptors, dup'ed or inherited, share one file and so its offset.
 */
public final class File implements KernelObject {
    /** f_mode bits. */
    public static final int FMODE_READ = 0x1;
    public static final int FMODE_WRITE = 0x2;
    public static final int FMODE_LSEEK = 0x4;
    public static final int FMODE_PREAD = 0x8;
    public static final int FMODE_PWRITE = 0x10;
    public static final int FMODE_EXEC = 0x20;
    public static final int FMODE_PATH = 0x4000;
    /** A stream (pipe, tty, socket): no offset, pread/pwrite are ESPIPE. */
    public static final int FMODE_STREAM = 0x200000;

    public final Path f_path;
    public final Inode f_inode;
    public FileOperations f_op;
    public int f_flags;
    public int f_mode;
    public long f_pos;
    /** References: descriptors and in-kernel users (f_count). */
    public int f_count = 1;
    public Object private_data;
    final long kaddr;

    File(Path path, Inode inode, FileOperations fop, int flags, int mode, long kaddr) {
        this.f_path = path;
        this.f_inode = inode;
        this.f_op = fop;
        this.f_flags = flags;
        this.f_mode = mode;
        this.kaddr = kaddr;
    }

    public boolean readable() {
        return (f_mode & FMODE_READ) != 0;
    }

    public boolean writable() {
        return (f_mode & FMODE_WRITE) != 0;
    }

    public boolean nonblock() {
        return (f_flags & Fcntl.O_NONBLOCK) != 0;
    }

    @Override
    public long kaddr() {
        return kaddr;
    }
}
