package org.jstap.sim.init;

import org.jstap.sim.Kernel;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.Initramfs;
import org.jstap.sim.fs.Mode;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.printk.Printk;

/**
 * init/initramfs.c: {@code populate_rootfs}, the rootfs initcall that unpacks the initramfs
 * into the root file system, making missing parent directories as cpio's directory entries would.
 */
@LinuxFile("init/initramfs.c")
public final class InitramfsUnpack {
    private final Kernel kernel;

    public InitramfsUnpack(Kernel kernel) {
        this.kernel = kernel;
    }

    /** populate_rootfs: 0, or the first error (reported as Linux reports a broken archive). */
    public int populate_rootfs() {
        var namei = kernel.vfs().namei();
        for (Initramfs.Entry e : kernel.initramfs().entries()) {
            make_parents(e.path());
            int r;
            if (Mode.S_ISDIR(e.mode())) {
                r = namei.do_mkdirat(Fcntl.AT_FDCWD, e.path(), e.mode() & Mode.S_IALLUGO);
                if (r == -Errno.EEXIST) {
                    r = 0;
                }
                if (r == 0) {
                    r = (int) kernel.vfs().open().chmod_path(e.path(), e.mode() & Mode.S_IALLUGO);
                }
            } else if (Mode.S_ISLNK(e.mode())) {
                r = namei.do_symlinkat(e.target(), Fcntl.AT_FDCWD, e.path());
            } else {
                r = write_file(e);
            }
            if (r != 0) {
                kernel.printk().printk(Printk.KERN_EMERG, "Initramfs unpacking failed: " + e.path() + ": error " + r);
                return r;
            }
        }
        // do_utime, and dir_utime once the directories stop changing: the archive's times
        long[] t = {Initramfs.ARCHIVE_MTIME_S, 0, Initramfs.ARCHIVE_MTIME_S, 0};
        for (Initramfs.Entry e : kernel.initramfs().entries()) {
            var l = kernel.vfs().namei().filename_lookup(Fcntl.AT_FDCWD, e.path(), 0);
            if (l.err() == 0) {
                kernel.vfs().utimes().vfs_utimes(l.path(), t);
            }
        }
        kernel.printk().pr_info("Unpacking initramfs... " + kernel.initramfs().entries().size() + " entries");
        return 0;
    }

    private void make_parents(String path) {
        for (int i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
            kernel.vfs().namei().do_mkdirat(Fcntl.AT_FDCWD, path.substring(0, i), 0755);
        }
    }

    private int write_file(Initramfs.Entry e) {
        int[] err = new int[1];
        File f = kernel.vfs().namei().do_filp_open(Fcntl.AT_FDCWD, e.path(),
                Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC, e.mode() & Mode.S_IALLUGO, err);
        if (f == null) {
            return err[0];
        }
        long n = kernel.vfs().rw().kernel_write(f, e.content());
        kernel.vfs().file_table().fput(f);
        if (n < 0) {
            return (int) n;
        }
        return (int) kernel.vfs().open().chmod_path(e.path(), e.mode() & Mode.S_IALLUGO);
    }
}
