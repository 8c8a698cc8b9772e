package org.jstap.sim.fs;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * fs/file.c: descriptor tables. A new descriptor is the lowest free number below RLIMIT_NOFILE
 * (EMFILE beyond); fork copies the table ({@code dup_fd}) or shares it (CLONE_FILES); exec closes
 * the close-on-exec ones; exit puts the table. dup(2), dup3(2) and close(2) live here.
 */
@LinuxFile("fs/file.c")
public final class Files {
    /** RLIMIT_NOFILE's default soft limit. */
    public static final int NR_OPEN_DEFAULT = 1024;

    private final Kernel kernel;

    Files(Kernel kernel) {
        this.kernel = kernel;
    }

    private FilesStruct files() {
        TaskStruct t = kernel.sched().current();
        return t == null ? null : t.files;
    }

    /** The caller's RLIMIT_NOFILE. */
    private int nofile() {
        TaskStruct t = kernel.sched().current();
        long lim = t == null || t.signal == null ? NR_OPEN_DEFAULT
                : org.jstap.sim.kernel.Rlimit.task_rlimit(t, org.jstap.sim.kernel.Rlimit.RLIMIT_NOFILE);
        return (int) Math.min(lim, FilesStruct.NR_OPEN);
    }

    /** sizeof(struct fdtable): max_fds, fd, close_on_exec, open_fds, full_fds_bits and an rcu_head. */
    static final int SIZEOF_FDTABLE = 56;

    /**
     * alloc_fdtable: a table for at least {@code nr + 1} descriptors, sized as Linux does (a
     * power of two times 1 KiB worth of pointers), with its three kmalloc'ed parts: the struct,
     * the fd array (8 bytes a slot) and the open_fds/close_on_exec/full_fds_bits bitmaps.
     * Returns the slot count, or -ENOMEM.
     */
    private int alloc_fdtable(FilesStruct fs, int nr) {
        int perKiB = 1024 / 8;
        int n = Integer.highestOneBit(nr / perKiB + 1);
        n = (n < nr / perKiB + 1 ? n << 1 : n) * perKiB;
        n = Math.min(n, FilesStruct.NR_OPEN);
        var slab = kernel.slab();
        int gfp = org.jstap.sim.mm.Gfp.GFP_KERNEL;
        long fdt = slab.kmalloc(SIZEOF_FDTABLE, gfp);
        long fd = fdt == 0 ? 0 : slab.kmalloc((long) n * 8, gfp);
        long bits = fd == 0 ? 0 : slab.kzalloc(2L * n / 8 + Math.max(8, n / 64 / 8), gfp);
        if (bits == 0) {
            slab.kfree(fd);
            slab.kfree(fdt);
            return -Errno.ENOMEM;
        }
        free_fdtable(fs);
        fs.fdt = fdt;
        fs.fdt_fd = fd;
        fs.fdt_bits = bits;
        return n;
    }

    /** free_fdtable: a table that is not the embedded one goes back, in the order Linux frees it. */
    private void free_fdtable(FilesStruct fs) {
        if (fs.fdt != 0) {
            kernel.slab().kfree(fs.fdt_fd);
            kernel.slab().kfree(fs.fdt_bits);
            kernel.slab().kfree(fs.fdt);
            fs.fdt = fs.fdt_fd = fs.fdt_bits = 0;
        }
    }

    /** expand_files: makes descriptor {@code nr} fit; 0, or -EMFILE/-ENOMEM. */
    int expand_files(FilesStruct fs, int nr) {
        if (nr < fs.fd.length) {
            return 0;
        }
        if (nr >= FilesStruct.NR_OPEN) {
            return -Errno.EMFILE;
        }
        return expand_fdtable(fs, nr);
    }

    /** expand_fdtable: a bigger table, the open descriptors copied into it. */
    private int expand_fdtable(FilesStruct fs, int nr) {
        int n = alloc_fdtable(fs, nr);
        if (n < 0) {
            return n;
        }
        fs.resize(n);
        return 0;
    }

    /** alloc_fd: the lowest free descriptor at or above {@code start}; -EMFILE if none below the limit. */
    int alloc_fd(FilesStruct fs, int start, int flags) {
        int limit = nofile();
        int fd = Math.max(start, fs.next_fd);
        for (;; fd++) {
            if (fd >= limit) {
                return -Errno.EMFILE;
            }
            if (fd >= fs.fd.length || fs.fd[fd] == null) {
                break;
            }
        }
        int err = expand_files(fs, fd);
        if (err < 0) {
            return err;
        }
        if (start <= fs.next_fd) {
            fs.next_fd = fd + 1;
        }
        fs.close_on_exec.set(fd, (flags & Fcntl.O_CLOEXEC) != 0);
        // reserve the slot until fd_install fills it
        fs.fd[fd] = RESERVED;
        return fd;
    }

    /** A placeholder for a descriptor number handed out but not yet installed. */
    private static final File RESERVED = new File(null, null, null, 0, 0, 0);

    /** get_unused_fd_flags. */
    public int get_unused_fd_flags(int flags) {
        FilesStruct fs = files();
        if (fs == null) {
            return -Errno.EMFILE;
        }
        return alloc_fd(fs, 0, flags);
    }

    /** put_unused_fd: a reserved number is given back unused. */
    public void put_unused_fd(int fd) {
        FilesStruct fs = files();
        fs.fd[fd] = null;
        if (fd < fs.next_fd) {
            fs.next_fd = fd;
        }
    }

    /** fd_install: {@code fd} now refers to {@code file} (the caller's reference passes to the table). */
    public void fd_install(int fd, File file) {
        files().fd[fd] = file;
    }

    /** fget: the open file behind {@code fd} (O_PATH files excluded), or null. */
    public File fget(int fd) {
        File f = fget_raw(fd);
        return f == null || (f.f_mode & File.FMODE_PATH) != 0 ? null : f;
    }

    /** fget_raw: as fget, O_PATH files included. */
    public File fget_raw(int fd) {
        FilesStruct fs = files();
        if (fs == null) {
            return null;
        }
        File f = fs.fcheck(fd);
        return f == RESERVED ? null : f;
    }

    /** close_fd: the descriptor is freed and its reference dropped. */
    public int close_fd(int fd) {
        FilesStruct fs = files();
        File f = fs == null ? null : fs.fcheck(fd);
        if (f == null || f == RESERVED) {
            return -Errno.EBADF;
        }
        fs.fd[fd] = null;
        fs.close_on_exec.clear(fd);
        if (fd < fs.next_fd) {
            fs.next_fd = fd;
        }
        return filp_close(f);
    }

    /** filp_close: flush, then drop the reference. */
    public int filp_close(File f) {
        int r = (f.f_mode & File.FMODE_PATH) == 0 ? f.f_op.flush(f) : 0;
        kernel.vfs().file_table().fput(f);
        return r;
    }

    /** close(2). */
    public long __do_sys_close(int fd) {
        return close_fd(fd);
    }

    /** dup(2). */
    public long __do_sys_dup(int oldfd) {
        File f = fget_raw(oldfd);
        if (f == null) {
            return -Errno.EBADF;
        }
        int fd = get_unused_fd_flags(0);
        if (fd >= 0) {
            fd_install(fd, FileTable.get_file(f));
        }
        return fd;
    }

    /** do_dup2: {@code newfd} becomes a copy of {@code file}, closing what it was. */
    int do_dup2(FilesStruct fs, File file, int newfd, int flags) {
        int err = expand_files(fs, newfd);
        if (err < 0) {
            return err;
        }
        File old = fs.fd[newfd];
        if (old == RESERVED) {
            return -Errno.EBUSY;
        }
        fs.fd[newfd] = FileTable.get_file(file);
        fs.close_on_exec.set(newfd, (flags & Fcntl.O_CLOEXEC) != 0);
        if (old != null) {
            filp_close(old);
        }
        return newfd;
    }

    /** dup3(2): EINVAL for equal descriptors or flags other than O_CLOEXEC. */
    public long __do_sys_dup3(int oldfd, int newfd, int flags) {
        if ((flags & ~Fcntl.O_CLOEXEC) != 0 || oldfd == newfd) {
            return -Errno.EINVAL;
        }
        if (newfd < 0 || newfd >= nofile()) {
            return -Errno.EBADF;
        }
        File f = fget_raw(oldfd);
        if (f == null) {
            return -Errno.EBADF;
        }
        return do_dup2(files(), f, newfd, flags);
    }

    /** f_dupfd: fcntl's F_DUPFD: the lowest free descriptor at or above {@code from}. */
    public long f_dupfd(int from, File f, int flags) {
        if (from < 0 || from >= nofile()) {
            return -Errno.EINVAL;
        }
        int fd = alloc_fd(files(), from, flags);
        if (fd >= 0) {
            fd_install(fd, FileTable.get_file(f));
        }
        return fd;
    }

    public boolean get_close_on_exec(int fd) {
        return files().close_on_exec.get(fd);
    }

    public void set_close_on_exec(int fd, boolean on) {
        files().close_on_exec.set(fd, on);
    }

    /** dup_fd: the child's copy of a descriptor table (each open file gains a reference). */
    public FilesStruct dup_fd(FilesStruct old) {
        FilesStruct fs = new FilesStruct();
        if (expand_files(fs, old.fd.length - 1) < 0) {
            return null;
        }
        for (int i = 0; i < old.fd.length; i++) {
            File f = old.fd[i];
            if (f != null && f != RESERVED) {
                fs.fd[i] = FileTable.get_file(f);
            }
        }
        fs.close_on_exec.or(old.close_on_exec);
        fs.next_fd = 0;
        return fs;
    }

    /** do_close_on_exec: exec closes the descriptors marked close-on-exec. */
    public void do_close_on_exec(FilesStruct fs) {
        for (int i = fs.close_on_exec.nextSetBit(0); i >= 0; i = fs.close_on_exec.nextSetBit(i + 1)) {
            File f = fs.fcheck(i);
            fs.close_on_exec.clear(i);
            if (f != null && f != RESERVED) {
                fs.fd[i] = null;
                filp_close(f);
            }
        }
        fs.next_fd = 0;
    }

    /** put_files_struct: the last user of the table closes everything in it. */
    public void put_files_struct(FilesStruct fs) {
        if (--fs.count > 0) {
            return;
        }
        for (int i = 0; i < fs.fd.length; i++) {
            File f = fs.fd[i];
            if (f != null && f != RESERVED) {
                fs.fd[i] = null;
                filp_close(f);
            }
        }
        free_fdtable(fs);
    }

    /** The open files of a task's table, by descriptor (for /proc/PID/fd). */
    public static java.util.SortedMap<Integer, File> open_files(FilesStruct fs) {
        java.util.SortedMap<Integer, File> out = new java.util.TreeMap<>();
        if (fs != null) {
            for (int i = 0; i < fs.fd.length; i++) {
                if (fs.fd[i] != null && fs.fd[i] != RESERVED) {
                    out.put(i, fs.fd[i]);
                }
            }
        }
        return out;
    }
}
