package org.jstap.sim.fs;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/** fs/sync.c: sync(2), fsync(2), fdatasync(2): dirty page cache pages go to their devices. */
@LinuxFile("fs/sync.c")
public final class Sync {
    private final Kernel kernel;

    Sync(Kernel kernel) {
        this.kernel = kernel;
    }

    /** ksys_sync: every super block's inodes are written back, then each file system syncs. */
    public void ksys_sync() {
        for (SuperBlock sb : kernel.vfs().supers().super_blocks()) {
            sync_filesystem(sb);
        }
    }

    /** sync_filesystem. */
    public int sync_filesystem(SuperBlock sb) {
        int r = 0;
        for (Inode inode : kernel.vfs().inodes().dirty_inodes(sb)) {
            int e = kernel.vfs().filemap().filemap_write_and_wait(inode.i_mapping);
            if (e != 0 && r == 0) {
                r = e;
            }
        }
        int e = sb.s_op.sync_fs(sb);
        return r != 0 ? r : e;
    }

    public long __do_sys_sync() {
        ksys_sync();
        return 0;
    }

    /** vfs_fsync: the file's dirty pages, then the file system's own fsync. */
    public int vfs_fsync(File f) {
        int r = kernel.vfs().filemap().filemap_write_and_wait(f.f_inode.i_mapping);
        int e = f.f_op.fsync(f);
        return r != 0 ? r : e;
    }

    public long __do_sys_fsync(int fd) {
        File f = kernel.vfs().files().fget(fd);
        return f == null ? -Errno.EBADF : vfs_fsync(f);
    }

    public long __do_sys_fdatasync(int fd) {
        return __do_sys_fsync(fd);
    }

    /** syncfs(2). */
    public long __do_sys_syncfs(int fd) {
        File f = kernel.vfs().files().fget(fd);
        return f == null ? -Errno.EBADF : sync_filesystem(f.f_inode.i_sb);
    }
}
