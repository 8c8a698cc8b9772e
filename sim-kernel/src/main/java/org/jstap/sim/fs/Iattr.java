package org.jstap.sim.fs;

/** struct iattr: the attribute changes one setattr carries; {@code ia_valid} says which fields count. */
public final class Iattr {
    public static final int ATTR_MODE = 1;
    public static final int ATTR_UID = 2;
    public static final int ATTR_GID = 4;
    public static final int ATTR_SIZE = 8;
    public static final int ATTR_ATIME = 16;
    public static final int ATTR_MTIME = 32;
    public static final int ATTR_CTIME = 64;

    public int ia_valid;
    public int ia_mode;
    public int ia_uid;
    public int ia_gid;
    public long ia_size;
    public long ia_atime;
    public long ia_mtime;
    public long ia_ctime;
}
