package org.jstap.sim.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/ioctl.c: ioctl(2). The generic commands (FIOCLEX, FIONCLEX, FIONBIO, FIONREAD on regular
 * files) are answered here; the rest go to the file's driver, and a command it does not know is
 * ENOTTY.
 */
@LinuxFile("fs/ioctl.c")
public final class Ioctl {
    public static final int TCGETS = 0x5401;
    public static final int TCSETS = 0x5402;
    public static final int TCSETSW = 0x5403;
    public static final int TCSETSF = 0x5404;
    public static final int TIOCGPGRP = 0x540F;
    public static final int TIOCSPGRP = 0x5410;
    public static final int TIOCGWINSZ = 0x5413;
    public static final int TIOCSWINSZ = 0x5414;
    public static final int TIOCSCTTY = 0x540E;
    public static final int TIOCNOTTY = 0x5422;
    public static final int FIONREAD = 0x541B;
    public static final int FIONBIO = 0x5421;
    public static final int FIONCLEX = 0x5450;
    public static final int FIOCLEX = 0x5451;
    public static final int TIOCGSID = 0x5429;

    private final Kernel kernel;

    Ioctl(Kernel kernel) {
        this.kernel = kernel;
    }

    /** ioctl(2). */
    public long __do_sys_ioctl(int fd, int cmd, long arg) {
        File f = kernel.vfs().files().fget(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        switch (cmd) {
            case FIOCLEX -> {
                kernel.vfs().files().set_close_on_exec(fd, true);
                return 0;
            }
            case FIONCLEX -> {
                kernel.vfs().files().set_close_on_exec(fd, false);
                return 0;
            }
            case FIONBIO -> {
                long[] v = new long[1];
                byte[] raw = new byte[4];
                if (kernel.uaccess().copy_from_user(raw, 0, arg, 4) != 0) {
                    return -Errno.EFAULT;
                }
                v[0] = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt();
                f.f_flags = v[0] != 0 ? f.f_flags | Fcntl.O_NONBLOCK : f.f_flags & ~Fcntl.O_NONBLOCK;
                return 0;
            }
            case FIONREAD -> {
                if (Mode.S_ISREG(f.f_inode.i_mode)) {
                    int left = (int) Math.max(0, Math.min(Integer.MAX_VALUE, f.f_inode.i_size - f.f_pos));
                    byte[] b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(left).array();
                    return kernel.uaccess().copy_to_user(arg, b, 0, 4) != 0 ? -Errno.EFAULT : 0;
                }
            }
            default -> { }
        }
        long r = f.f_op.unlocked_ioctl(f, cmd, arg);
        return r == -Errno.ENOIOCTLCMD ? -Errno.ENOTTY : r;
    }
}
