package org.jstap.sim.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/stat.c: newfstatat(2), fstat(2), statx(2) and readlinkat(2). {@code vfs_getattr} fills a
 * {@link Kstat} from the inode ({@code generic_fillattr}); {@code cp_new_stat} lays it out as
 * RISC-V's asm-generic struct stat (128 bytes), {@code cp_statx} as struct statx (256).
 */
@LinuxFile("fs/stat.c")
public final class Stat {
    public static final int STAT_SIZE = 128;
    public static final int STATX_SIZE = 256;
    public static final int STATX_BASIC_STATS = 0x7ff;
    public static final int STATX_MNT_ID = 0x1000;
    public static final int STATX__RESERVED = 0x80000000;

    /** struct kstat. */
    public record Kstat(long dev, long ino, int mode, int nlink, int uid, int gid, long rdev, long size,
                        int blksize, long blocks, long atime, long mtime, long ctime, int mntId) {}

    private final Kernel kernel;

    Stat(Kernel kernel) {
        this.kernel = kernel;
    }

    /** vfs_getattr / generic_fillattr. */
    public Kstat vfs_getattr(Path path) {
        Inode i = path.inode();
        long size = Mode.S_ISLNK(i.i_mode) && i.i_link != null ? i.i_link.length() : i.i_size;
        return new Kstat(Super.new_encode_dev(i.i_sb.s_dev), i.i_ino, i.i_mode, i.i_nlink, i.i_uid, i.i_gid,
                Super.new_encode_dev(i.i_rdev), size, (int) i.i_sb.s_blocksize, i.i_blocks, i.i_atime, i.i_mtime,
                i.i_ctime, path.mnt().mnt_id);
    }

    /** cp_new_stat: struct stat for user space. */
    public static byte[] cp_new_stat(Kstat st) {
        ByteBuffer b = ByteBuffer.allocate(STAT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(st.dev()).putLong(st.ino()).putInt(st.mode()).putInt(st.nlink()).putInt(st.uid()).putInt(st.gid())
                .putLong(st.rdev()).putLong(0).putLong(st.size()).putInt(st.blksize()).putInt(0).putLong(st.blocks());
        for (long t : new long[] {st.atime(), st.mtime(), st.ctime()}) {
            b.putLong(Math.floorDiv(t, 1_000_000_000L)).putLong(Math.floorMod(t, 1_000_000_000L));
        }
        return b.array();
    }

    /** cp_statx: struct statx with the basic fields and the mount id. */
    static byte[] cp_statx(Kstat st) {
        ByteBuffer b = ByteBuffer.allocate(STATX_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, STATX_BASIC_STATS | STATX_MNT_ID).putInt(4, st.blksize()).putLong(8, 0)
                .putInt(16, st.nlink()).putInt(20, st.uid()).putInt(24, st.gid()).putShort(28, (short) st.mode())
                .putLong(32, st.ino()).putLong(40, st.size()).putLong(48, st.blocks()).putLong(56, 0);
        long[] times = {st.atime(), 0, st.ctime(), st.mtime()};
        for (int k = 0; k < 4; k++) {
            b.putLong(64 + 16 * k, Math.floorDiv(times[k], 1_000_000_000L))
                    .putInt(72 + 16 * k, (int) Math.floorMod(times[k], 1_000_000_000L));
        }
        b.putInt(128, (int) decode_major(st.rdev())).putInt(132, (int) decode_minor(st.rdev()))
                .putInt(136, (int) decode_major(st.dev())).putInt(140, (int) decode_minor(st.dev()))
                .putLong(144, st.mntId());
        return b.array();
    }

    static long decode_major(long dev) {
        return (dev & 0xfff00) >>> 8;
    }

    static long decode_minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & 0xfff00);
    }

    private long copy_out(long addr, byte[] data) {
        return kernel.uaccess().copy_to_user(addr, data, 0, data.length) != 0 ? -Errno.EFAULT : 0;
    }

    /** vfs_statx: the lookup for the *stat calls. */
    private Object statx_lookup(int dfd, long filename, int flags) {
        if ((flags & ~(Fcntl.AT_SYMLINK_NOFOLLOW | Fcntl.AT_NO_AUTOMOUNT | Fcntl.AT_EMPTY_PATH
                | Fcntl.AT_STATX_SYNC_TYPE)) != 0) {
            return (long) -Errno.EINVAL;
        }
        String name = kernel.vfs().getname(filename);
        if (name == null) {
            return (long) kernel.vfs().getname_error();
        }
        int lf = ((flags & Fcntl.AT_SYMLINK_NOFOLLOW) != 0 ? 0 : Namei.LOOKUP_FOLLOW)
                | ((flags & Fcntl.AT_EMPTY_PATH) != 0 ? Namei.LOOKUP_EMPTY : 0);
        Lookup l = kernel.vfs().namei().filename_lookup(dfd, name, lf);
        return l.err() != 0 ? (Object) (long) l.err() : l.path();
    }

    /** newfstatat(2). */
    public long __do_sys_newfstatat(int dfd, long filename, long statbuf, int flag) {
        Object r = statx_lookup(dfd, filename, flag);
        if (r instanceof Long err) {
            return err;
        }
        return copy_out(statbuf, cp_new_stat(vfs_getattr((Path) r)));
    }

    /** fstat(2). */
    public long __do_sys_fstat(int fd, long statbuf) {
        File f = kernel.vfs().files().fget_raw(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        return copy_out(statbuf, cp_new_stat(vfs_getattr(f.f_path)));
    }

    /** statx(2). */
    public long __do_sys_statx(int dfd, long filename, int flags, int mask, long buffer) {
        if ((mask & STATX__RESERVED) != 0) {
            return -Errno.EINVAL;
        }
        if ((flags & Fcntl.AT_STATX_SYNC_TYPE) == Fcntl.AT_STATX_SYNC_TYPE) {
            return -Errno.EINVAL;
        }
        Object r = statx_lookup(dfd, filename, flags);
        if (r instanceof Long err) {
            return err;
        }
        return copy_out(buffer, cp_statx(vfs_getattr((Path) r)));
    }

    /** readlinkat(2): the target, not NUL-terminated, truncated to {@code bufsiz}. */
    public long __do_sys_readlinkat(int dfd, long pathname, long buf, int bufsiz) {
        if (bufsiz <= 0) {
            return -Errno.EINVAL;
        }
        String name = kernel.vfs().getname(pathname);
        if (name == null) {
            return kernel.vfs().getname_error();
        }
        Lookup l = kernel.vfs().namei().filename_lookup(dfd, name, Namei.LOOKUP_EMPTY);
        if (l.err() != 0) {
            return l.err();
        }
        Inode inode = l.path().inode();
        if (!Mode.S_ISLNK(inode.i_mode)) {
            return -Errno.EINVAL;
        }
        String target = inode.i_op.get_link(l.path().dentry(), inode);
        if (target == null) {
            Path jump = inode.i_op.jump_link(l.path().dentry(), inode);
            if (jump == null) {
                return -Errno.EINVAL;
            }
            target = Dcache.d_path(jump, kernel.vfs().current_fs().root);
        }
        byte[] b = target.getBytes(StandardCharsets.ISO_8859_1);
        int n = Math.min(b.length, bufsiz);
        return kernel.uaccess().copy_to_user(buf, b, 0, n) != 0 ? -Errno.EFAULT : n;
    }
}
