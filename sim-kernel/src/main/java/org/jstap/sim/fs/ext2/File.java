package org.jstap.sim.fs.ext2;

import org.jstap.sim.fs.FileOperations;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/ext2/file.c: regular files read and write through the page cache ({@code filemap_read},
 * {@code generic_perform_write}); their pages reach the disk through ext2's address space
 * operations when they are written back (sync, fsync, umount).
 */
@LinuxFile("fs/ext2/file.c")
public final class File {
    private File() {}

    /** ext2_file_operations. */
    static final FileOperations EXT2_FILE_OPERATIONS = new FileOperations() {
        @Override
        public long read(org.jstap.sim.fs.File file, byte[] buf, int off, int len, long[] ppos) {
            return Inode.EXT2_SB(file.f_inode).kernel.vfs().filemap().filemap_read(file, buf, off, len, ppos);
        }

        @Override
        public long write(org.jstap.sim.fs.File file, byte[] buf, int off, int len, long[] ppos) {
            return Inode.EXT2_SB(file.f_inode).kernel.vfs().filemap().generic_perform_write(file, buf, off, len, ppos);
        }

        /** ext2_fsync: the data went first (vfs_fsync); now the inode and the metadata it needs. */
        @Override
        public int fsync(org.jstap.sim.fs.File file) {
            return Super.ext2_sync_fs(file.f_inode.i_sb);
        }
    };
}
