package org.jstap.sim.fs;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.Slub;

/**
 * fs/file_table.c: struct file's life. {@code alloc_file} takes a filp slot and pins the inode
 * and the mount; {@code fput} drops a reference, and the last one releases the file: the
 * driver's release, then the inode and mount let go.
 */
@LinuxFile("fs/file_table.c")
public final class FileTable {
    private final Kernel kernel;
    private final Slub.KmemCache filp;
    private long nrFiles;

    FileTable(Kernel kernel) {
        this.kernel = kernel;
        this.filp = kernel.slab().kmem_cache_create("filp", 256);
    }

    /** alloc_file: an open file on {@code path} with the inode's operations. */
    public File alloc_file(Path path, int flags, int fmode, FileOperations fop) {
        long kaddr = kernel.slab().kmem_cache_alloc(filp, Gfp.GFP_KERNEL);
        nrFiles++;
        File f = new File(path, path.inode(), fop, flags, fmode, kaddr);
        path.inode().i_count++;
        if ((fmode & File.FMODE_WRITE) != 0) {
            path.inode().i_writecount++;
        }
        Namespace.mntget(path.mnt());
        return f;
    }

    /** get_file: one more reference. */
    public static File get_file(File f) {
        f.f_count++;
        return f;
    }

    /** fput: one reference less; the last one releases the file. */
    public void fput(File f) {
        if (--f.f_count > 0) {
            return;
        }
        __fput(f);
    }

    private void __fput(File f) {
        if ((f.f_mode & File.FMODE_PATH) == 0) {
            f.f_op.release(f.f_inode, f);
        }
        if ((f.f_mode & File.FMODE_WRITE) != 0) {
            f.f_inode.i_writecount--;
        }
        Namespace.mntput(f.f_path.mnt());
        kernel.vfs().inodes().iput(f.f_inode);
        kernel.slab().kmem_cache_free(filp, f.kaddr);
        nrFiles--;
    }

    /** nr_files of /proc/sys/fs/file-nr. */
    public long nr_files() {
        return nrFiles;
    }
}
