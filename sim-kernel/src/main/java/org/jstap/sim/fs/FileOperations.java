package org.jstap.sim.fs;

import org.jstap.sim.kernel.Errno;

/**
 * struct file_operations: what an open file does. Buffers are kernel memory: {@code vfs_read}
 * and {@code vfs_write} move the bytes across the user boundary. {@code ppos} is the offset to
 * use and advance ({@code f_pos}, or pread's own offset). An operation a file does not have
 * answers as Linux does when the pointer is NULL.
 */
public interface FileOperations {
    /** llseek: the new offset or -errno. Without one, the offset moves freely (default_llseek). */
    default long llseek(File file, long offset, int whence) {
        return Libfs.default_llseek(file, offset, whence);
    }

    /** read: bytes read into buf[off..off+len), 0 at end of file, or -errno. */
    default long read(File file, byte[] buf, int off, int len, long[] ppos) {
        return -Errno.EINVAL;
    }

    /** write: bytes taken from buf[off..off+len), or -errno. */
    default long write(File file, byte[] buf, int off, int len, long[] ppos) {
        return -Errno.EINVAL;
    }

    /**
     * read_iter: reads into the iterator's buffers in one call, or -errno. Files that have it
     * ({@link #has_iter}) are read through it instead of {@link #read}, as Linux's new_sync_read
     * does when f_op->read is NULL: a socket's readv is one recvmsg.
     */
    default long read_iter(File file, org.jstap.sim.lib.IovIter to) {
        return -Errno.EINVAL;
    }

    /** write_iter: writes the iterator's bytes in one call (one sendmsg for a socket), or -errno. */
    default long write_iter(File file, org.jstap.sim.lib.IovIter from) {
        return -Errno.EINVAL;
    }

    /** The file moves data only through read_iter/write_iter (f_op->read and ->write are NULL). */
    default boolean has_iter() {
        return false;
    }

    /** iterate_shared: a directory's entries from ctx.pos on; 0 or -errno. */
    default int iterate_shared(File file, DirContext ctx) {
        return -Errno.ENOTDIR;
    }

    /** open: called once the file is set up; 0 or -errno (the open then fails). */
    default int open(Inode inode, File file) {
        return 0;
    }

    /** release: the last reference to the file is gone. */
    default void release(Inode inode, File file) {}

    /** flush: a descriptor for the file is being closed. */
    default int flush(File file) {
        return 0;
    }

    default int fsync(File file) {
        return -Errno.EINVAL;
    }

    default long unlocked_ioctl(File file, int cmd, long arg) {
        return -Errno.ENOTTY;
    }

    /** poll: the readiness mask; registers its wait queues with {@code pt} (DEFAULT_POLLMASK without one). */
    default int poll(File file, PollTable pt) {
        return PollTable.POLLIN | PollTable.POLLOUT | PollTable.POLLRDNORM | PollTable.POLLWRNORM;
    }

    /** The file keeps no offset (pipes, ttys, sockets): pread and lseek are ESPIPE. */
    default boolean stream() {
        return false;
    }
}
