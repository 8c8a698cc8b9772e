package org.jstap.sim.userland;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * struct stat as riscv64 Linux lays it out (asm-generic/stat.h, 128 bytes), decoded from the
 * bytes the kernel stored in user memory, with sys/stat.h's mode bits and tests.
 */
public final class Stat {
    /** sizeof(struct stat). */
    public static final int SIZE = 128;

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_ISVTX = 01000;

    public long st_dev;
    public long st_ino;
    public int st_mode;
    public int st_nlink;
    public int st_uid;
    public int st_gid;
    public long st_rdev;
    public long st_size;
    public int st_blksize;
    public long st_blocks;
    public long st_atime;
    public long st_atime_nsec;
    public long st_mtime;
    public long st_mtime_nsec;
    public long st_ctime;
    public long st_ctime_nsec;

    /** Fills the fields from the structure's {@link #SIZE} bytes. */
    public void decode(byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        st_dev = b.getLong(0);
        st_ino = b.getLong(8);
        st_mode = b.getInt(16);
        st_nlink = b.getInt(20);
        st_uid = b.getInt(24);
        st_gid = b.getInt(28);
        st_rdev = b.getLong(32);
        st_size = b.getLong(48);
        st_blksize = b.getInt(56);
        st_blocks = b.getLong(64);
        st_atime = b.getLong(72);
        st_atime_nsec = b.getLong(80);
        st_mtime = b.getLong(88);
        st_mtime_nsec = b.getLong(96);
        st_ctime = b.getLong(104);
        st_ctime_nsec = b.getLong(112);
    }

    public int type() {
        return st_mode & S_IFMT;
    }

    public boolean isDir() {
        return type() == S_IFDIR;
    }

    public boolean isReg() {
        return type() == S_IFREG;
    }

    public boolean isLnk() {
        return type() == S_IFLNK;
    }

    /** The device number's major and minor parts, as glibc's gnu_dev_major/minor split them. */
    public static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    public static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }

    /** The ten-character mode string ls -l and stat print ("drwxr-xr-x"). */
    public static String modeString(int mode) {
        char[] s = new char[10];
        s[0] = switch (mode & S_IFMT) {
            case S_IFDIR -> 'd';
            case S_IFLNK -> 'l';
            case S_IFCHR -> 'c';
            case S_IFBLK -> 'b';
            case S_IFIFO -> 'p';
            case S_IFSOCK -> 's';
            default -> '-';
        };
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s[1 + i] = (mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-';
        }
        s[3] = special(mode, S_ISUID, 0100, 's', 'S');
        s[6] = special(mode, S_ISGID, 010, 's', 'S');
        s[9] = special(mode, S_ISVTX, 01, 't', 'T');
        return new String(s);
    }

    private static char special(int mode, int bit, int exec, char set, char unset) {
        boolean x = (mode & exec) != 0;
        if ((mode & bit) == 0) {
            return x ? 'x' : '-';
        }
        return x ? set : unset;
    }

    /** The words stat %F prints for a file type. */
    public static String typeName(int mode, long size) {
        return switch (mode & S_IFMT) {
            case S_IFDIR -> "directory";
            case S_IFLNK -> "symbolic link";
            case S_IFCHR -> "character special file";
            case S_IFBLK -> "block special file";
            case S_IFIFO -> "fifo";
            case S_IFSOCK -> "socket";
            case S_IFREG -> size == 0 ? "regular empty file" : "regular file";
            default -> "weird file";
        };
    }
}
