package org.jstap.sim.fs;

/**
 * struct file_system_type: a kind of file system mount(2) can make, by name. {@code mount}
 * returns the root of a new (or shared) super block, or null with the error in {@code err[0]}.
 */
public interface FileSystemType {
    /** fs_flags: needs a block device to mount. */
    int FS_REQUIRES_DEV = 1;

    String name();

    default int fs_flags() {
        return 0;
    }

    /** mount: the super block for {@code devName} with {@code data} options; 0 or -errno in err[0]. */
    SuperBlock mount(int flags, String devName, String data, int[] err);

    /** kill_sb: the super block is no longer mounted anywhere. */
    default void kill_sb(SuperBlock sb) {}
}
