package org.jstap.sim.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/utimes.c: utimensat(2). Each of the two times is a timespec, UTIME_NOW or UTIME_OMIT; no
 * array means both now. Setting a time to now needs write access or ownership, setting it to
 * anything else ownership (EPERM); a NULL name means the descriptor itself.
 */
@LinuxFile("fs/utimes.c")
public final class Utimes {
    public static final long UTIME_NOW = (1L << 30) - 1;
    public static final long UTIME_OMIT = (1L << 30) - 2;

    private final Kernel kernel;

    Utimes(Kernel kernel) {
        this.kernel = kernel;
    }

    /** utimensat(2). */
    public long __do_sys_utimensat(int dfd, long filename, long utimes, int flags) {
        if ((flags & ~(Fcntl.AT_SYMLINK_NOFOLLOW | Fcntl.AT_EMPTY_PATH)) != 0) {
            return -Errno.EINVAL;
        }
        long[] t = {0, UTIME_NOW, 0, UTIME_NOW};
        if (utimes != 0) {
            byte[] raw = new byte[32];
            if (kernel.uaccess().copy_from_user(raw, 0, utimes, 32) != 0) {
                return -Errno.EFAULT;
            }
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 4; i++) {
                t[i] = b.getLong(8 * i);
            }
            for (int i = 1; i < 4; i += 2) {
                if (t[i] != UTIME_NOW && t[i] != UTIME_OMIT && (t[i] < 0 || t[i] >= 1_000_000_000L)) {
                    return -Errno.EINVAL;
                }
            }
        }
        Path path;
        if (filename == 0) {
            File f = kernel.vfs().files().fget_raw(dfd);
            if (f == null) {
                return dfd == Fcntl.AT_FDCWD ? -Errno.EFAULT : -Errno.EBADF;
            }
            path = f.f_path;
        } else {
            String name = kernel.vfs().getname(filename);
            if (name == null) {
                return kernel.vfs().getname_error();
            }
            int lf = ((flags & Fcntl.AT_SYMLINK_NOFOLLOW) != 0 ? 0 : Namei.LOOKUP_FOLLOW)
                    | ((flags & Fcntl.AT_EMPTY_PATH) != 0 ? Namei.LOOKUP_EMPTY : 0);
            Lookup l = kernel.vfs().namei().filename_lookup(dfd, name, lf);
            if (l.err() != 0) {
                return l.err();
            }
            path = l.path();
        }
        return vfs_utimes(path, t);
    }

    /** vfs_utimes: the permission rules, then setattr. */
    public int vfs_utimes(Path path, long[] t) {
        if (t[1] == UTIME_OMIT && t[3] == UTIME_OMIT) {
            return 0;
        }
        if (path.mnt().is_readonly()) {
            return -Errno.EROFS;
        }
        Inode inode = path.inode();
        var cred = kernel.sched().current().cred;
        boolean owner = cred.fsuid() == 0 || cred.fsuid() == inode.i_uid;
        boolean explicit = (t[1] != UTIME_NOW && t[1] != UTIME_OMIT) || (t[3] != UTIME_NOW && t[3] != UTIME_OMIT);
        if (explicit && !owner) {
            return -Errno.EPERM;
        }
        if (!owner && kernel.vfs().namei().inode_permission(path.mnt(), inode, Fcntl.MAY_WRITE) != 0) {
            return -Errno.EACCES;
        }
        long now = kernel.vfs().inodes().current_time();
        Iattr a = new Iattr();
        a.ia_valid = Iattr.ATTR_CTIME;
        a.ia_ctime = now;
        if (t[1] != UTIME_OMIT) {
            a.ia_valid |= Iattr.ATTR_ATIME;
            a.ia_atime = t[1] == UTIME_NOW ? now : t[0] * 1_000_000_000L + t[1];
        }
        if (t[3] != UTIME_OMIT) {
            a.ia_valid |= Iattr.ATTR_MTIME;
            a.ia_mtime = t[3] == UTIME_NOW ? now : t[2] * 1_000_000_000L + t[3];
        }
        return inode.i_op.setattr(path.dentry(), a);
    }
}
