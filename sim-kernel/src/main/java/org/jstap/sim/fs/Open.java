package org.jstap.sim.fs;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.cred.Cred;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * fs/open.c: opening files and the calls that change a file's attributes or the caller's place:
 * openat(2), faccessat(2), fchmodat(2), fchownat(2), ftruncate(2), chdir(2), fchdir(2).
 * {@code vfs_open} is where an inode's file operations take over (a device's open may replace
 * them with its driver's).
 */
@LinuxFile("fs/open.c")
public final class Open {
    private final Kernel kernel;

    Open(Kernel kernel) {
        this.kernel = kernel;
    }

    private TaskStruct current() {
        return kernel.sched().current();
    }

    /** vfs_open: the file for an inode found by a walk; the file system's open runs last. */
    public File vfs_open(Path path, int flags, int[] err) {
        Inode inode = path.inode();
        int acc = flags & Fcntl.O_ACCMODE;
        int fmode;
        FileOperations fop;
        if ((flags & Fcntl.O_PATH) != 0) {
            fmode = File.FMODE_PATH;
            fop = new FileOperations() {};
            flags &= Fcntl.O_DIRECTORY | Fcntl.O_NOFOLLOW | Fcntl.O_PATH | Fcntl.O_CLOEXEC;
        } else {
            fmode = (acc == Fcntl.O_RDONLY ? File.FMODE_READ : acc == Fcntl.O_WRONLY ? File.FMODE_WRITE
                    : File.FMODE_READ | File.FMODE_WRITE) | File.FMODE_LSEEK | File.FMODE_PREAD | File.FMODE_PWRITE;
            fop = inode.i_fop;
        }
        File f = kernel.vfs().file_table().alloc_file(path, flags & ~(Fcntl.O_CREAT | Fcntl.O_EXCL | Fcntl.O_NOCTTY
                | Fcntl.O_TRUNC | Fcntl.O_CLOEXEC), fmode, fop);
        if ((fmode & File.FMODE_PATH) == 0) {
            int r = f.f_op.open(inode, f);
            if (r != 0) {
                f.f_mode |= File.FMODE_PATH;
                kernel.vfs().file_table().fput(f);
                err[0] = r;
                return null;
            }
            if (f.f_op.stream()) {
                f.f_mode = (f.f_mode & ~(File.FMODE_LSEEK | File.FMODE_PREAD | File.FMODE_PWRITE)) | File.FMODE_STREAM;
            }
        }
        return f;
    }

    /** do_sys_openat2: a descriptor for the opened file. */
    public long do_sys_open(int dfd, String name, int flags, int mode) {
        if ((flags & ~Fcntl.VALID_OPEN_FLAGS) != 0) {
            // open(2) ignores unknown flags; openat2 would refuse them
            flags &= Fcntl.VALID_OPEN_FLAGS;
        }
        // build_open_flags: O_DIRECTORY|O_CREAT once created regular files; Linux 6.4 refuses it
        if ((flags & (Fcntl.O_DIRECTORY | Fcntl.O_CREAT)) == (Fcntl.O_DIRECTORY | Fcntl.O_CREAT)) {
            return -Errno.EINVAL;
        }
        if ((flags & Fcntl.__O_TMPFILE) != 0) {
            // O_TMPFILE needs O_DIRECTORY and write access before the file system is asked
            if ((flags & Fcntl.O_DIRECTORY) == 0 || (flags & Fcntl.O_ACCMODE) == Fcntl.O_RDONLY) {
                return -Errno.EINVAL;
            }
            return -Errno.EOPNOTSUPP;
        }
        int fd = kernel.vfs().files().get_unused_fd_flags(flags);
        if (fd < 0) {
            return fd;
        }
        int[] err = new int[1];
        File f = kernel.vfs().namei().do_filp_open(dfd, name, flags, mode, err);
        if (f == null) {
            kernel.vfs().files().put_unused_fd(fd);
            return err[0];
        }
        kernel.vfs().files().fd_install(fd, f);
        return fd;
    }

    /** openat(2). */
    public long __do_sys_openat(int dfd, long filename, int flags, int mode) {
        String name = kernel.vfs().getname(filename);
        if (name == null) {
            return kernel.vfs().getname_error();
        }
        return do_sys_open(dfd, name, flags, mode);
    }

    /** do_truncate: the file becomes {@code length} bytes long. */
    public int do_truncate(Dentry dentry, long length) {
        if (length < 0) {
            return -Errno.EINVAL;
        }
        Iattr a = new Iattr();
        a.ia_valid = Iattr.ATTR_SIZE | Iattr.ATTR_MTIME | Iattr.ATTR_CTIME;
        a.ia_size = length;
        a.ia_mtime = a.ia_ctime = kernel.vfs().inodes().current_time();
        return dentry.d_inode.i_op.setattr(dentry, a);
    }

    /** ftruncate(2): EBADF unless open for writing, EINVAL for non-regular files. */
    public long __do_sys_ftruncate(int fd, long length) {
        File f = kernel.vfs().files().fget(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (length < 0) {
            return -Errno.EINVAL;
        }
        if (!Mode.S_ISREG(f.f_inode.i_mode) || !f.writable()) {
            return -Errno.EINVAL;
        }
        return do_truncate(f.f_path.dentry(), length);
    }

    /** faccessat(2): checked with the real ids, as access(2) is (AT_EACCESS: the effective ones). */
    public long __do_sys_faccessat(int dfd, long filename, int mode, int flags) {
        if ((mode & ~7) != 0) {
            return -Errno.EINVAL;
        }
        if ((flags & ~(Fcntl.AT_EACCESS | Fcntl.AT_SYMLINK_NOFOLLOW | Fcntl.AT_EMPTY_PATH)) != 0) {
            return -Errno.EINVAL;
        }
        String name = kernel.vfs().getname(filename);
        if (name == null) {
            return kernel.vfs().getname_error();
        }
        int lf = ((flags & Fcntl.AT_SYMLINK_NOFOLLOW) != 0 ? 0 : Namei.LOOKUP_FOLLOW)
                | ((flags & Fcntl.AT_EMPTY_PATH) != 0 ? Namei.LOOKUP_EMPTY : 0);
        TaskStruct t = current();
        Cred saved = t.cred;
        if ((flags & Fcntl.AT_EACCESS) == 0) {
            t.cred = new Cred(saved.uid(), saved.gid(), saved.suid(), saved.sgid(), saved.euid(), saved.egid(),
                    saved.uid(), saved.gid(), saved.group_info());
        }
        try {
            Lookup l = kernel.vfs().namei().filename_lookup(dfd, name, lf);
            if (l.err() != 0) {
                return l.err();
            }
            if (mode == 0) {
                return 0;
            }
            return kernel.vfs().namei().inode_permission(l.path().mnt(), l.path().inode(), mode);
        } finally {
            t.cred = saved;
        }
    }

    /** chmod_common: only the owner (or root) changes a mode; a non-member loses setgid. */
    int chmod_common(Path path, int mode) {
        if (path.mnt().is_readonly()) {
            return -Errno.EROFS;
        }
        Inode inode = path.inode();
        Cred c = current().cred;
        if (c.fsuid() != 0 && c.fsuid() != inode.i_uid) {
            return -Errno.EPERM;
        }
        Iattr a = new Iattr();
        a.ia_valid = Iattr.ATTR_MODE | Iattr.ATTR_CTIME;
        a.ia_mode = (mode & Mode.S_IALLUGO) | (inode.i_mode & Mode.S_IFMT);
        if (c.fsuid() != 0 && c.fsgid() != inode.i_gid) {
            a.ia_mode &= ~Mode.S_ISGID;
        }
        a.ia_ctime = kernel.vfs().inodes().current_time();
        return inode.i_op.setattr(path.dentry(), a);
    }

    /** Sets a mode exactly (no umask), for kernel code such as populate_rootfs (fs/init.c's init_chmod). */
    public long chmod_path(String name, int mode) {
        Lookup l = kernel.vfs().namei().filename_lookup(Fcntl.AT_FDCWD, name, 0);
        return l.err() != 0 ? l.err() : chmod_common(l.path(), mode);
    }

    /** fchmodat(2). */
    public long __do_sys_fchmodat(int dfd, long filename, int mode) {
        String name = kernel.vfs().getname(filename);
        if (name == null) {
            return kernel.vfs().getname_error();
        }
        Lookup l = kernel.vfs().namei().filename_lookup(dfd, name, Namei.LOOKUP_FOLLOW);
        return l.err() != 0 ? l.err() : chmod_common(l.path(), mode);
    }

    /** fchmod(2). */
    public long __do_sys_fchmod(int fd, int mode) {
        File f = kernel.vfs().files().fget(fd);
        return f == null ? -Errno.EBADF : chmod_common(f.f_path, mode);
    }

    /** chown_common: root may give a file away; an owner may only change the group to one of its own. */
    int chown_common(Path path, int user, int group) {
        if (path.mnt().is_readonly()) {
            return -Errno.EROFS;
        }
        Inode inode = path.inode();
        Cred c = current().cred;
        Iattr a = new Iattr();
        a.ia_valid = Iattr.ATTR_CTIME;
        if (user != -1) {
            if (c.fsuid() != 0 && (user != inode.i_uid || c.fsuid() != inode.i_uid)) {
                return -Errno.EPERM;
            }
            a.ia_valid |= Iattr.ATTR_UID;
            a.ia_uid = user;
        }
        if (group != -1) {
            if (c.fsuid() != 0 && (c.fsuid() != inode.i_uid || (group != c.fsgid() && group != inode.i_gid))) {
                return -Errno.EPERM;
            }
            a.ia_valid |= Iattr.ATTR_GID;
            a.ia_gid = group;
        }
        if (!inode.is_dir() && (a.ia_valid & (Iattr.ATTR_UID | Iattr.ATTR_GID)) != 0) {
            // changing owners clears set-id bits, as notify_change's should_remove_suid does
            a.ia_valid |= Iattr.ATTR_MODE;
            a.ia_mode = inode.i_mode & ~(Mode.S_ISUID | ((inode.i_mode & 010) != 0 ? Mode.S_ISGID : 0));
        }
        a.ia_ctime = kernel.vfs().inodes().current_time();
        return inode.i_op.setattr(path.dentry(), a);
    }

    /** fchownat(2). */
    public long __do_sys_fchownat(int dfd, long filename, int user, int group, int flags) {
        if ((flags & ~(Fcntl.AT_SYMLINK_NOFOLLOW | Fcntl.AT_EMPTY_PATH)) != 0) {
            return -Errno.EINVAL;
        }
        String name = kernel.vfs().getname(filename);
        if (name == null) {
            return kernel.vfs().getname_error();
        }
        int lf = ((flags & Fcntl.AT_SYMLINK_NOFOLLOW) != 0 ? 0 : Namei.LOOKUP_FOLLOW)
                | ((flags & Fcntl.AT_EMPTY_PATH) != 0 ? Namei.LOOKUP_EMPTY : 0);
        Lookup l = kernel.vfs().namei().filename_lookup(dfd, name, lf);
        return l.err() != 0 ? l.err() : chown_common(l.path(), user, group);
    }

    /** fchown(2). */
    public long __do_sys_fchown(int fd, int user, int group) {
        File f = kernel.vfs().files().fget(fd);
        return f == null ? -Errno.EBADF : chown_common(f.f_path, user, group);
    }

    /** set_fs_pwd: the working directory moves, pinning its mount. */
    void set_fs_pwd(FsStruct fs, Path p) {
        Namespace.mntget(p.mnt());
        Namespace.mntput(fs.pwd.mnt());
        fs.pwd = p;
    }

    /** chdir(2): a directory the caller may search. */
    public long __do_sys_chdir(long filename) {
        String name = kernel.vfs().getname(filename);
        if (name == null) {
            return kernel.vfs().getname_error();
        }
        Lookup l = kernel.vfs().namei().filename_lookup(Fcntl.AT_FDCWD, name, Namei.LOOKUP_FOLLOW | Namei.LOOKUP_DIRECTORY);
        if (l.err() != 0) {
            return l.err();
        }
        int r = kernel.vfs().namei().inode_permission(l.path().mnt(), l.path().inode(), Fcntl.MAY_EXEC);
        if (r != 0) {
            return r;
        }
        set_fs_pwd(current().fs, l.path());
        return 0;
    }

    /** fchdir(2). */
    public long __do_sys_fchdir(int fd) {
        File f = kernel.vfs().files().fget_raw(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (!f.f_inode.is_dir()) {
            return -Errno.ENOTDIR;
        }
        int r = kernel.vfs().namei().inode_permission(f.f_path.mnt(), f.f_inode, Fcntl.MAY_EXEC);
        if (r != 0) {
            return r;
        }
        set_fs_pwd(current().fs, f.f_path);
        return 0;
    }

    /** chroot(2): root only. */
    public long __do_sys_chroot(long filename) {
        String name = kernel.vfs().getname(filename);
        if (name == null) {
            return kernel.vfs().getname_error();
        }
        Lookup l = kernel.vfs().namei().filename_lookup(Fcntl.AT_FDCWD, name, Namei.LOOKUP_FOLLOW | Namei.LOOKUP_DIRECTORY);
        if (l.err() != 0) {
            return l.err();
        }
        if (current().cred.euid() != 0) {
            return -Errno.EPERM;
        }
        FsStruct fs = current().fs;
        Namespace.mntget(l.path().mnt());
        Namespace.mntput(fs.root.mnt());
        fs.root = l.path();
        return 0;
    }
}
