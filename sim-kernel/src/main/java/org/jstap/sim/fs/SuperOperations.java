package org.jstap.sim.fs;

/** struct super_operations: what the VFS asks of a mounted file system as a whole. */
public interface SuperOperations {
    /** A file system with nothing to say (ramfs's simple_super_operations). */
    SuperOperations NONE = new SuperOperations() {};

    /** sync_fs: write what is dirty to the device; 0 or -errno. */
    default int sync_fs(SuperBlock sb) {
        return 0;
    }

    /** put_super: the last mount is gone. */
    default void put_super(SuperBlock sb) {}

    /** evict_inode: the last link and user of {@code inode} are gone; free its storage. */
    default void evict_inode(Inode inode) {}

    /** statfs: {blocks, bfree, bavail, files, ffree} in s_blocksize units. */
    default long[] statfs(SuperBlock sb) {
        return new long[] {0, 0, 0, 0, 0};
    }

    /** show_options: the mount options /proc/mounts prints after rw/ro. */
    default String show_options(SuperBlock sb) {
        return "";
    }
}
