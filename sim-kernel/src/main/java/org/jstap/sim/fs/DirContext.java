package org.jstap.sim.fs;

/**
 * struct dir_context: what a directory's iterate_shared fills: each entry is offered to
 * {@link #emit} with the offset of the next one; emit says false when the caller's buffer is
 * full, and the file system stops there (the same entry is offered again next time).
 */
public abstract class DirContext {
    /** The position to start from; the file system moves it past each entry taken. */
    public long pos;

    /** dir_emit: false when the entry did not fit. */
    public abstract boolean emit(String name, long ino, int dtype);

    /** dir_emit_dots: "." and ".." at positions 0 and 1. */
    public boolean emit_dots(File file) {
        if (pos == 0) {
            if (!emit(".", file.f_inode.i_ino, Mode.dt_type(Mode.S_IFDIR))) {
                return false;
            }
            pos = 1;
        }
        if (pos == 1) {
            Dentry parent = file.f_path.dentry().d_parent;
            long ino = parent.d_inode == null ? file.f_inode.i_ino : parent.d_inode.i_ino;
            if (!emit("..", ino, Mode.dt_type(Mode.S_IFDIR))) {
                return false;
            }
            pos = 2;
        }
        return true;
    }
}
