package org.jstap.sim.fs;

/**
 * struct fs_struct (include/linux/fs_struct.h): a task's root, working directory and umask,
 * shared by CLONE_FS tasks ({@code users}).
 */
public final class FsStruct {
    public Path root;
    public Path pwd;
    public int umask = 022;
    public int users = 1;

    public FsStruct(Path root, Path pwd) {
        this.root = root;
        this.pwd = pwd;
    }
}
