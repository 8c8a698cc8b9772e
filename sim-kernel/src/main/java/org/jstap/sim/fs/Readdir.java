package org.jstap.sim.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/readdir.c: getdents64(2). {@code iterate_dir} asks the directory's file system for entries
 * from the file's position; each is packed as a struct linux_dirent64 (d_ino, d_off, d_reclen,
 * d_type, the name) aligned to 8 bytes, until the caller's buffer is full.
 */
@LinuxFile("fs/readdir.c")
public final class Readdir {
    private final Kernel kernel;

    Readdir(Kernel kernel) {
        this.kernel = kernel;
    }

    /** iterate_dir: ENOENT once the directory itself has been removed. */
    public int iterate_dir(File file, DirContext ctx) {
        if (!file.f_inode.is_dir()) {
            return -Errno.ENOTDIR;
        }
        if (file.f_inode.i_nlink == 0) {
            return -Errno.ENOENT;
        }
        ctx.pos = file.f_pos;
        int r = file.f_op.iterate_shared(file, ctx);
        file.f_pos = ctx.pos;
        file.f_inode.i_atime = kernel.vfs().inodes().current_time();
        return r;
    }

    /**
     * filldir64: packs entries; an entry's d_off (where the next one starts) is only known once
     * the file system has moved past it, so it is filled in when the next entry arrives or the
     * walk ends.
     */
    private static final class Filldir64 extends DirContext {
        final ByteBuffer out;
        int previous = -1;
        int error;

        Filldir64(int count) {
            out = ByteBuffer.allocate(count).order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public boolean emit(String name, long ino, int dtype) {
            byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
            int reclen = (19 + n.length + 1 + 7) & ~7;
            if (reclen > out.remaining()) {
                if (out.position() == 0) {
                    error = -Errno.EINVAL;
                }
                return false;
            }
            if (previous >= 0) {
                out.putLong(previous + 8, pos);
            }
            previous = out.position();
            out.putLong(ino).putLong(0).putShort((short) reclen).put((byte) dtype).put(n);
            while (out.position() < previous + reclen) {
                out.put((byte) 0);
            }
            return true;
        }
    }

    /** getdents64(2). */
    public long __do_sys_getdents64(int fd, long dirent, int count) {
        File f = kernel.vfs().files().fget(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (count < 0 || !org.jstap.sim.arch.riscv.Uaccess.access_ok(dirent, count)) {
            return -Errno.EFAULT;
        }
        Filldir64 buf = new Filldir64(Math.min(count, 1 << 20));
        long start = f.f_pos;
        int r = iterate_dir(f, buf);
        if (r < 0) {
            return r;
        }
        if (buf.error != 0) {
            return buf.error;
        }
        if (buf.previous >= 0) {
            buf.out.putLong(buf.previous + 8, f.f_pos);
        }
        int n = buf.out.position();
        if (kernel.uaccess().copy_to_user(dirent, buf.out.array(), 0, n) != 0) {
            // filldir64 faulted on the first entry: nothing was consumed, the next call sees it again
            f.f_pos = start;
            return -Errno.EFAULT;
        }
        return n;
    }
}
