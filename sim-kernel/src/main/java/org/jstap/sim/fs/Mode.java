package org.jstap.sim.fs;

/** include/uapi/linux/stat.h: the file type and permission bits of {@code i_mode}. */
public final class Mode {
    private Mode() {}

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
    public static final int S_IALLUGO = 07777;

    /** The d_type of a directory entry (DT_*), from the file type. */
    public static int dt_type(int mode) {
        return (mode & S_IFMT) >>> 12;
    }

    public static boolean S_ISDIR(int m) {
        return (m & S_IFMT) == S_IFDIR;
    }

    public static boolean S_ISREG(int m) {
        return (m & S_IFMT) == S_IFREG;
    }

    public static boolean S_ISLNK(int m) {
        return (m & S_IFMT) == S_IFLNK;
    }

    public static boolean S_ISCHR(int m) {
        return (m & S_IFMT) == S_IFCHR;
    }

    public static boolean S_ISBLK(int m) {
        return (m & S_IFMT) == S_IFBLK;
    }

    public static boolean S_ISFIFO(int m) {
        return (m & S_IFMT) == S_IFIFO;
    }

    public static boolean S_ISSOCK(int m) {
        return (m & S_IFMT) == S_IFSOCK;
    }
}
