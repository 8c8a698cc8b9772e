package org.jstap.sim.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.lib.IovIter;

/**
 * fs/read_write.c: read(2), write(2) and their vector and positioned forms, and lseek(2).
 * {@code vfs_read}/{@code vfs_write} check the file's mode and the user buffer, call the file's
 * operation on a kernel buffer, and copy across the boundary; a large transfer on a regular file
 * goes in chunks, as Linux's iov_iter walks the pages.
 */
@LinuxFile("fs/read_write.c")
public final class ReadWrite {
    /** MAX_RW_COUNT: one call moves at most INT_MAX rounded down to a page. */
    public static final long MAX_RW_COUNT = 0x7ffff000L;
    /** The kernel buffer one step of a transfer uses. */
    static final int CHUNK = 64 * 1024;
    /** UIO_MAXIOV: the most iovecs one readv/writev takes. */
    public static final int UIO_MAXIOV = 1024;
    /** Virtual cost of moving a byte through the VFS (memcpy-speed). */
    static final long NS_PER_KIB = 60;

    private final Kernel kernel;

    ReadWrite(Kernel kernel) {
        this.kernel = kernel;
    }

    private File fdget(int fd) {
        return kernel.vfs().files().fget(fd);
    }

    /**
     * The checks both directions make first (FMODE, access_ok, rw_verify_area's clamp): the count
     * to move, 0 for nothing, or -EBADF/-EFAULT.
     */
    private static long rw_verify_area(boolean allowed, long buf, long count) {
        if (!allowed) {
            return -Errno.EBADF;
        }
        if (count < 0 || !org.jstap.sim.arch.riscv.Uaccess.access_ok(buf, count)) {
            return -Errno.EFAULT;
        }
        return Math.min(count, MAX_RW_COUNT);
    }

    /** vfs_read: up to {@code count} bytes into user memory at {@code buf}, from {@code ppos}. */
    public long vfs_read(File file, long buf, long count, long[] ppos) {
        count = rw_verify_area(file.readable(), buf, count);
        if (count < 0 || (count == 0 && !file.f_op.has_iter())) {
            return count;
        }
        if (file.f_op.has_iter()) {
            return new_sync_read(file, buf, count);
        }
        // files and disks fill the whole count; pipes and ttys return what they have
        boolean regular = Mode.S_ISREG(file.f_inode.i_mode) || Mode.S_ISBLK(file.f_inode.i_mode);
        long done = 0;
        byte[] kbuf = new byte[(int) Math.min(count, CHUNK)];
        while (done < count) {
            int want = (int) Math.min(count - done, kbuf.length);
            long n = file.f_op.read(file, kbuf, 0, want, ppos);
            if (n < 0) {
                return done > 0 ? done : n;
            }
            if (n > 0 && kernel.uaccess().copy_to_user(buf + done, kbuf, 0, (int) n) != 0) {
                return done > 0 ? done : -Errno.EFAULT;
            }
            done += n;
            charge(n);
            if (n < want || !regular) {
                break;
            }
        }
        if (done > 0) {
            file.f_inode.i_atime = kernel.vfs().inodes().current_time();
        }
        return done;
    }

    /** vfs_write: up to {@code count} bytes from user memory; O_APPEND writes go to the end. */
    public long vfs_write(File file, long buf, long count, long[] ppos) {
        count = rw_verify_area(file.writable(), buf, count);
        if (count < 0 || (count == 0 && !file.f_op.has_iter())) {
            return count;
        }
        if (file.f_op.has_iter()) {
            return new_sync_write(file, buf, count);
        }
        long done = 0;
        byte[] kbuf = new byte[(int) Math.min(count, CHUNK)];
        while (done < count) {
            int want = (int) Math.min(count - done, kbuf.length);
            if (kernel.uaccess().copy_from_user(kbuf, 0, buf + done, want) != 0) {
                return done > 0 ? done : -Errno.EFAULT;
            }
            long n = file.f_op.write(file, kbuf, 0, want, ppos);
            if (n < 0) {
                return done > 0 ? done : n;
            }
            done += n;
            charge(n);
            if (n < want) {
                break;
            }
        }
        return done;
    }

    /** new_sync_read: a file with only read_iter reads the user buffer through one iterator. */
    private long new_sync_read(File file, long buf, long count) {
        int[] err = new int[1];
        IovIter to = IovIter.import_single_range(kernel.uaccess(), buf, count, err);
        if (to == null) {
            return err[0];
        }
        long n = file.f_op.read_iter(file, to);
        charge(Math.max(n, 0));
        return n;
    }

    /** new_sync_write: the user buffer goes to write_iter whole (one sendmsg for a socket). */
    private long new_sync_write(File file, long buf, long count) {
        int[] err = new int[1];
        IovIter from = IovIter.import_single_range(kernel.uaccess(), buf, count, err);
        if (from == null) {
            return err[0];
        }
        long n = file.f_op.write_iter(file, from);
        charge(Math.max(n, 0));
        return n;
    }

    private void charge(long bytes) {
        kernel.sched().charge(bytes * NS_PER_KIB / 1024);
    }

    /** kernel_read: the whole of a file (or up to {@code max} bytes) from offset 0, for exec and the like. */
    public byte[] kernel_read(File file, int max) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long[] pos = {0};
        byte[] kbuf = new byte[CHUNK];
        while (out.size() < max) {
            long n = file.f_op.read(file, kbuf, 0, Math.min(kbuf.length, max - out.size()), pos);
            if (n <= 0) {
                break;
            }
            out.write(kbuf, 0, (int) n);
        }
        return out.toByteArray();
    }

    /** kernel_write: {@code data} at the file's offset, from kernel code. */
    public long kernel_write(File file, byte[] data) {
        long[] pos = {file.f_pos};
        long n = file.f_op.write(file, data, 0, data.length, pos);
        if (!file.f_op.stream()) {
            file.f_pos = pos[0];
        }
        return n;
    }

    /** The offset a read or write of a seekable file uses, or a stream's throwaway one. */
    private static long[] file_ppos(File f) {
        return new long[] {f.f_pos};
    }

    private static void commit_ppos(File f, long[] pos) {
        if ((f.f_mode & File.FMODE_STREAM) == 0) {
            f.f_pos = pos[0];
        }
    }

    /** ksys_read: read(2). */
    public long ksys_read(int fd, long buf, long count) {
        File f = fdget(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        long[] pos = file_ppos(f);
        long r = vfs_read(f, buf, count, pos);
        if (r >= 0) {
            commit_ppos(f, pos);
        }
        return r;
    }

    /** ksys_write: write(2). */
    public long ksys_write(int fd, long buf, long count) {
        File f = fdget(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        long[] pos = file_ppos(f);
        long r = vfs_write(f, buf, count, pos);
        if (r >= 0) {
            commit_ppos(f, pos);
        }
        return r;
    }

    public long __do_sys_read(int fd, long buf, long count) {
        return ksys_read(fd, buf, count);
    }

    public long __do_sys_write(int fd, long buf, long count) {
        return ksys_write(fd, buf, count);
    }

    /** ksys_pread64: at {@code pos}, leaving the file offset alone; ESPIPE on pipes and ttys. */
    public long ksys_pread64(int fd, long buf, long count, long pos) {
        if (pos < 0) {
            return -Errno.EINVAL;
        }
        File f = fdget(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if ((f.f_mode & File.FMODE_PREAD) == 0) {
            return -Errno.ESPIPE;
        }
        return vfs_read(f, buf, count, new long[] {pos});
    }

    public long ksys_pwrite64(int fd, long buf, long count, long pos) {
        if (pos < 0) {
            return -Errno.EINVAL;
        }
        File f = fdget(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if ((f.f_mode & File.FMODE_PWRITE) == 0) {
            return -Errno.ESPIPE;
        }
        return vfs_write(f, buf, count, new long[] {pos});
    }

    public long __do_sys_pread64(int fd, long buf, long count, long pos) {
        return ksys_pread64(fd, buf, count, pos);
    }

    public long __do_sys_pwrite64(int fd, long buf, long count, long pos) {
        return ksys_pwrite64(fd, buf, count, pos);
    }

    /** The struct iovec array at {@code vec}: {base, len} pairs, or null with -EFAULT/-EINVAL in err. */
    private long[][] import_iovec(long vec, int vlen, long[] err) {
        if (vlen < 0 || vlen > UIO_MAXIOV) {
            err[0] = -Errno.EINVAL;
            return null;
        }
        byte[] raw = new byte[16 * vlen];
        if (vlen > 0 && kernel.uaccess().copy_from_user(raw, 0, vec, raw.length) != 0) {
            err[0] = -Errno.EFAULT;
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long[][] iov = new long[vlen][2];
        long total = 0;
        for (int i = 0; i < vlen; i++) {
            iov[i][0] = b.getLong(16 * i);
            iov[i][1] = b.getLong(16 * i + 8);
            if (iov[i][1] < 0 || (total += iov[i][1]) < 0 || total > Long.MAX_VALUE / 2) {
                err[0] = -Errno.EINVAL;
                return null;
            }
        }
        return iov;
    }

    /** do_readv / do_writev: each buffer in turn until one comes back short. */
    private long do_iter(int fd, long vec, int vlen, boolean write, long posArg) {
        File f = fdget(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (posArg >= 0 && (f.f_mode & (write ? File.FMODE_PWRITE : File.FMODE_PREAD)) == 0) {
            return -Errno.ESPIPE;
        }
        if (!(write ? f.writable() : f.readable())) {
            return -Errno.EBADF;
        }
        if (f.f_op.has_iter()) {
            // do_iter_read/do_iter_write: one call takes every segment
            int[] ierr = new int[1];
            IovIter iter = IovIter.import_iovec(kernel.uaccess(), vec, vlen, ierr);
            if (iter == null) {
                return ierr[0];
            }
            long n = write ? f.f_op.write_iter(f, iter) : f.f_op.read_iter(f, iter);
            charge(Math.max(n, 0));
            return n;
        }
        long[] err = new long[1];
        long[][] iov = import_iovec(vec, vlen, err);
        if (iov == null) {
            return err[0];
        }
        long[] pos = posArg >= 0 ? new long[] {posArg} : file_ppos(f);
        long total = 0;
        for (long[] v : iov) {
            if (v[1] == 0) {
                continue;
            }
            long n = write ? vfs_write(f, v[0], v[1], pos) : vfs_read(f, v[0], v[1], pos);
            if (n < 0) {
                if (total == 0) {
                    return n;
                }
                break;
            }
            total += n;
            if (n < v[1]) {
                break;
            }
        }
        if (posArg < 0) {
            commit_ppos(f, pos);
        }
        return total;
    }

    public long __do_sys_readv(int fd, long vec, int vlen) {
        return do_iter(fd, vec, vlen, false, -1);
    }

    public long __do_sys_writev(int fd, long vec, int vlen) {
        return do_iter(fd, vec, vlen, true, -1);
    }

    public long __do_sys_preadv(int fd, long vec, int vlen, long pos) {
        return pos < 0 ? -Errno.EINVAL : do_iter(fd, vec, vlen, false, pos);
    }

    public long __do_sys_pwritev(int fd, long vec, int vlen, long pos) {
        return pos < 0 ? -Errno.EINVAL : do_iter(fd, vec, vlen, true, pos);
    }

    /** vfs_llseek / ksys_lseek: lseek(2). */
    public long ksys_lseek(int fd, long offset, int whence) {
        File f = fdget(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (whence < Fcntl.SEEK_SET || whence > Fcntl.SEEK_HOLE) {
            return -Errno.EINVAL;
        }
        if ((f.f_mode & File.FMODE_LSEEK) == 0) {
            return -Errno.ESPIPE;
        }
        return f.f_op.llseek(f, offset, whence);
    }

    public long __do_sys_lseek(int fd, long offset, int whence) {
        return ksys_lseek(fd, offset, whence);
    }
}
