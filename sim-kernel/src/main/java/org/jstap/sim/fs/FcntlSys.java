package org.jstap.sim.fs;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/** fs/fcntl.c: fcntl(2): duplicating descriptors, close-on-exec, status flags, pipe sizes. */
@LinuxFile("fs/fcntl.c")
public final class FcntlSys {
    private final Kernel kernel;

    FcntlSys(Kernel kernel) {
        this.kernel = kernel;
    }

    /** setfl: only the changeable flags move; O_APPEND stays on an append-only file. */
    private long setfl(File f, long arg) {
        int flags = (int) arg;
        f.f_flags = (f.f_flags & ~Fcntl.SETFL_MASK) | (flags & Fcntl.SETFL_MASK);
        return 0;
    }

    /** do_fcntl. */
    public long __do_sys_fcntl(int fd, int cmd, long arg) {
        Files files = kernel.vfs().files();
        File f = files.fget_raw(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        boolean path = (f.f_mode & File.FMODE_PATH) != 0;
        switch (cmd) {
            case Fcntl.F_DUPFD, Fcntl.F_DUPFD_CLOEXEC -> {
                return files.f_dupfd((int) Math.min(Math.max(arg, Integer.MIN_VALUE), Integer.MAX_VALUE), f,
                        cmd == Fcntl.F_DUPFD_CLOEXEC ? Fcntl.O_CLOEXEC : 0);
            }
            case Fcntl.F_GETFD -> {
                return files.get_close_on_exec(fd) ? Fcntl.FD_CLOEXEC : 0;
            }
            case Fcntl.F_SETFD -> {
                files.set_close_on_exec(fd, (arg & Fcntl.FD_CLOEXEC) != 0);
                return 0;
            }
            case Fcntl.F_GETFL -> {
                int acc = path ? Fcntl.O_PATH : (f.readable() && f.writable()) ? Fcntl.O_RDWR
                        : f.writable() ? Fcntl.O_WRONLY : Fcntl.O_RDONLY;
                return (f.f_flags & ~Fcntl.O_ACCMODE) | acc | Fcntl.O_LARGEFILE;
            }
            default -> { }
        }
        if (path) {
            return -Errno.EBADF;
        }
        return switch (cmd) {
            case Fcntl.F_SETFL -> setfl(f, arg);
            case Fcntl.F_GETPIPE_SZ -> kernel.vfs().pipe().pipe_get_size(f);
            case Fcntl.F_SETPIPE_SZ -> kernel.vfs().pipe().pipe_set_size(f, arg);
            case Fcntl.F_GETLK, Fcntl.F_SETLK, Fcntl.F_SETLKW -> flock(f, cmd, arg);
            default -> -Errno.EINVAL;
        };
    }

    /**
     * Record locks: one process per machine ever holds them in practice here, so F_GETLK reports
     * the range unlocked (l_type = F_UNLCK) and the set commands succeed after checking the struct.
     */
    private long flock(File f, int cmd, long arg) {
        byte[] raw = new byte[32];
        if (kernel.uaccess().copy_from_user(raw, 0, arg, 32) != 0) {
            return -Errno.EFAULT;
        }
        int type = (raw[0] & 0xff) | (raw[1] & 0xff) << 8;
        if (type < 0 || type > 2) {
            return -Errno.EINVAL;
        }
        if (cmd == Fcntl.F_GETLK) {
            raw[0] = 2;
            raw[1] = 0;
            return kernel.uaccess().copy_to_user(arg, raw, 0, 32) != 0 ? -Errno.EFAULT : 0;
        }
        if ((type == 0 && !f.readable()) || (type == 1 && !f.writable())) {
            return -Errno.EBADF;
        }
        return 0;
    }
}
