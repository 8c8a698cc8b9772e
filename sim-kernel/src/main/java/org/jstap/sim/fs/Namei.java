package org.jstap.sim.fs;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.cred.Cred;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * fs/namei.c: turning names into places. {@code link_path_walk} goes down every component but
 * the last, checking search permission, crossing mounts and following symlinks (at most
 * {@link #MAXSYMLINKS}); the last component is left to the caller, which looks it up
 * ({@code filename_lookup}), creates it ({@code filename_create}, {@code path_openat}) or
 * removes it. The name operations (mkdir, unlink, rename...) are here too, as in Linux.
 */
@LinuxFile("fs/namei.c")
public final class Namei {
    public static final int LOOKUP_FOLLOW = 0x1;
    public static final int LOOKUP_DIRECTORY = 0x2;
    public static final int LOOKUP_EMPTY = 0x4000;
    public static final int MAXSYMLINKS = 40;
    public static final int NAME_MAX = 255;
    public static final int PATH_MAX = 4096;

    enum LastType { NORM, ROOT, DOT, DOTDOT }

    /** struct nameidata: a walk in progress. */
    static final class Nameidata {
        Path path;
        final Path root;
        int depth;
        String last;
        LastType lastType;
        /** The name ended in '/': the last component must be a directory. */
        boolean trailingSlash;

        Nameidata(Path start, Path root) {
            this.path = start;
            this.root = root;
        }
    }

    private final Kernel kernel;

    Namei(Kernel kernel) {
        this.kernel = kernel;
    }

    private TaskStruct current() {
        return kernel.sched().current();
    }

    private FsStruct fs() {
        TaskStruct t = current();
        return t != null && t.fs != null ? t.fs : kernel.vfs().init_fs();
    }

    // ---------------------------------------------------------------- permissions

    /** generic_permission: the mode bits for the caller's fs ids; root passes all but exec of non-executables. */
    public int generic_permission(Inode inode, int mask) {
        TaskStruct t = current();
        Cred c = t == null || t.cred == null ? Cred.ROOT : t.cred;
        int mode = inode.i_mode;
        if (c.fsuid() == 0) {
            if ((mask & Fcntl.MAY_EXEC) == 0 || inode.is_dir() || (mode & 0111) != 0) {
                return 0;
            }
            return -Errno.EACCES;
        }
        int bits;
        if (c.fsuid() == inode.i_uid) {
            bits = mode >> 6;
        } else if (c.in_group_p(inode.i_gid)) {
            bits = mode >> 3;
        } else {
            bits = mode;
        }
        return (mask & ~bits & 7) == 0 ? 0 : -Errno.EACCES;
    }

    /** inode_permission: generic rules plus a read-only file system refusing writes. */
    public int inode_permission(VfsMount mnt, Inode inode, int mask) {
        if ((mask & Fcntl.MAY_WRITE) != 0 && mnt != null && mnt.is_readonly()
                && (Mode.S_ISREG(inode.i_mode) || inode.is_dir() || Mode.S_ISLNK(inode.i_mode))) {
            return -Errno.EROFS;
        }
        return generic_permission(inode, mask);
    }

    // ---------------------------------------------------------------- the walk

    /** Where a walk of {@code name} relative to {@code dfd} starts (path_init). */
    private Nameidata path_init(int dfd, String name, int flags, int[] err) {
        FsStruct fs = fs();
        if (name.startsWith("/")) {
            return new Nameidata(fs.root, fs.root);
        }
        if (dfd == Fcntl.AT_FDCWD) {
            return new Nameidata(fs.pwd, fs.root);
        }
        File f = kernel.vfs().files().fget_raw(dfd);
        if (f == null) {
            err[0] = -Errno.EBADF;
            return null;
        }
        if (!f.f_inode.is_dir() && !(name.isEmpty() && (flags & LOOKUP_EMPTY) != 0)) {
            err[0] = -Errno.ENOTDIR;
            return null;
        }
        return new Nameidata(f.f_path, fs.root);
    }

    /**
     * link_path_walk: walks every component of {@code name} but the last from nd.path, leaving
     * the last and its kind in nd. 0 or -errno.
     */
    int link_path_walk(String name, Nameidata nd) {
        if (name.length() >= PATH_MAX) {
            return -Errno.ENAMETOOLONG;
        }
        int i = 0;
        int n = name.length();
        while (i < n && name.charAt(i) == '/') {
            i++;
        }
        nd.last = "";
        nd.lastType = LastType.ROOT;
        nd.trailingSlash = false;
        while (i < n) {
            int end = name.indexOf('/', i);
            if (end < 0) {
                end = n;
            }
            String comp = name.substring(i, end);
            if (comp.length() > NAME_MAX) {
                return -Errno.ENAMETOOLONG;
            }
            int next = end;
            while (next < n && name.charAt(next) == '/') {
                next++;
            }
            if (next >= n) {
                nd.last = comp;
                nd.lastType = comp.equals(".") ? LastType.DOT : comp.equals("..") ? LastType.DOTDOT : LastType.NORM;
                nd.trailingSlash = end < n;
                return 0;
            }
            int r = walk_component(nd, comp, true, true);
            if (r != 0) {
                return r;
            }
            i = next;
        }
        return 0;
    }

    /**
     * walk_component: step into {@code comp} from nd.path (a directory). Symlinks are followed
     * when {@code follow}; {@code mustBeDir} makes a non-directory result ENOTDIR.
     */
    int walk_component(Nameidata nd, String comp, boolean follow, boolean mustBeDir) {
        Inode dir = nd.path.inode();
        if (!dir.is_dir()) {
            return -Errno.ENOTDIR;
        }
        int r = inode_permission(nd.path.mnt(), dir, Fcntl.MAY_EXEC);
        if (r != 0) {
            return r;
        }
        if (comp.equals(".") || comp.isEmpty()) {
            return 0;
        }
        if (comp.equals("..")) {
            nd.path = follow_dotdot(nd.path, nd.root);
            return 0;
        }
        Dentry d = lookup_one(nd.path.dentry(), comp);
        if (d == null) {
            return -Errno.ENOMEM;
        }
        if (d.d_inode == null) {
            return lastLookupError != 0 ? lastLookupError : -Errno.ENOENT;
        }
        Path p = follow_mount(new Path(nd.path.mnt(), d));
        if (Mode.S_ISLNK(p.inode().i_mode) && follow) {
            Path dirPath = nd.path;
            r = pick_link(nd, p, dirPath);
            if (r != 0) {
                return r;
            }
        } else {
            nd.path = p;
        }
        if (mustBeDir && !nd.path.inode().is_dir()) {
            return -Errno.ENOTDIR;
        }
        return 0;
    }

    /** follow_dotdot: up one level, never above the root, crossing back over mounts. */
    static Path follow_dotdot(Path p, Path root) {
        while (true) {
            if (p.dentry() == root.dentry() && p.mnt() == root.mnt()) {
                return p;
            }
            if (p.dentry() != p.mnt().mnt_root) {
                return new Path(p.mnt(), p.dentry().d_parent);
            }
            if (p.mnt().mnt_parent == p.mnt()) {
                return p;
            }
            p = new Path(p.mnt().mnt_parent, p.mnt().mnt_mountpoint);
        }
    }

    /** follow_mount: down through whatever is mounted on {@code p}. */
    Path follow_mount(Path p) {
        while (p.dentry().d_mountpoint()) {
            VfsMount m = kernel.vfs().namespace().lookup_mnt(p);
            if (m == null) {
                break;
            }
            p = new Path(m, m.mnt_root);
        }
        return p;
    }

    private int lastLookupError;

    /**
     * lookup_one: the child {@code name} of {@code dir}, from the dcache or asked of the file
     * system; a negative result is a dentry without inode, not in the cache.
     */
    Dentry lookup_one(Dentry dir, String name) {
        lastLookupError = 0;
        Dentry d = kernel.vfs().dcache().d_lookup(dir, name);
        if (d != null && d.d_op != null && !d.d_op.d_revalidate(d)) {
            kernel.vfs().dcache().d_invalidate(d);
            d = null;
        }
        if (d != null) {
            return d;
        }
        d = kernel.vfs().dcache().d_alloc(dir, name);
        int r = dir.d_inode.i_op.lookup(dir.d_inode, d);
        if (r != 0) {
            lastLookupError = r;
            d.d_inode = null;
        }
        return d;
    }

    /** pick_link: follow the symlink at {@code link}, found in directory {@code dir}; the result goes to nd.path. */
    private int pick_link(Nameidata nd, Path link, Path dir) {
        if (++nd.depth > MAXSYMLINKS) {
            return -Errno.ELOOP;
        }
        Inode inode = link.inode();
        Path jump = inode.i_op.jump_link(link.dentry(), inode);
        if (jump != null) {
            nd.path = jump;
            return 0;
        }
        String target = inode.i_op.get_link(link.dentry(), inode);
        if (target == null || target.isEmpty()) {
            return -Errno.ENOENT;
        }
        nd.path = target.startsWith("/") ? nd.root : dir;
        Nameidata inner = new Nameidata(nd.path, nd.root);
        inner.depth = nd.depth;
        int r = link_path_walk(target, inner);
        if (r == 0) {
            r = walk_last(inner, true);
        }
        nd.depth = inner.depth;
        if (r == 0) {
            nd.path = inner.path;
        }
        return r;
    }

    /** The last component, looked up (following a symlink if {@code follow}); nd.path becomes it. */
    private int walk_last(Nameidata nd, boolean follow) {
        switch (nd.lastType) {
            case ROOT, DOT -> {
                return 0;
            }
            case DOTDOT -> {
                nd.path = follow_dotdot(nd.path, nd.root);
                return 0;
            }
            case NORM -> {
                return walk_component(nd, nd.last, follow || nd.trailingSlash, nd.trailingSlash);
            }
        }
        return 0;
    }

    /** filename_lookup: the place {@code name} names ({@code LOOKUP_FOLLOW}: through a final symlink). */
    public Lookup filename_lookup(int dfd, String name, int flags) {
        if (name.isEmpty() && (flags & LOOKUP_EMPTY) == 0) {
            return Lookup.error(-Errno.ENOENT);
        }
        int[] err = new int[1];
        Nameidata nd = path_init(dfd, name, flags, err);
        if (nd == null) {
            return Lookup.error(err[0]);
        }
        if (name.isEmpty()) {
            return new Lookup(0, nd.path);
        }
        int r = link_path_walk(name, nd);
        if (r == 0) {
            r = walk_last(nd, (flags & LOOKUP_FOLLOW) != 0);
        }
        if (r == 0 && (flags & LOOKUP_DIRECTORY) != 0 && !nd.path.inode().is_dir()) {
            r = -Errno.ENOTDIR;
        }
        return r == 0 ? new Lookup(0, nd.path) : Lookup.error(r);
    }

    /** The parent of a name about to be made or removed, with the last component (filename_parentat). */
    record Parent(int err, Path dir, String last, LastType type, boolean trailingSlash) {}

    Parent filename_parentat(int dfd, String name) {
        if (name.isEmpty()) {
            return new Parent(-Errno.ENOENT, null, null, null, false);
        }
        int[] err = new int[1];
        Nameidata nd = path_init(dfd, name, 0, err);
        if (nd == null) {
            return new Parent(err[0], null, null, null, false);
        }
        int r = link_path_walk(name, nd);
        if (r == 0 && !nd.path.inode().is_dir()) {
            r = -Errno.ENOTDIR;
        }
        return new Parent(r, r == 0 ? nd.path : null, nd.last, nd.lastType, nd.trailingSlash);
    }

    // ---------------------------------------------------------------- creating and removing names

    /** may_create: search and write permission on the directory, and the directory still alive. */
    private int may_create(VfsMount mnt, Inode dir) {
        if (dir.i_nlink == 0) {
            return -Errno.ENOENT;
        }
        return inode_permission(mnt, dir, Fcntl.MAY_WRITE | Fcntl.MAY_EXEC);
    }

    /** filename_create: the negative dentry for a new name; EEXIST if the name is taken. */
    public record Create(int err, Path dir, Dentry dentry) {}

    private Create filename_create(int dfd, String name, boolean isDir) {
        Parent p = filename_parentat(dfd, name);
        if (p.err() != 0) {
            return new Create(p.err(), null, null);
        }
        if (p.type() != LastType.NORM) {
            return new Create(-Errno.EEXIST, null, null);
        }
        if (p.last().length() > NAME_MAX) {
            return new Create(-Errno.ENAMETOOLONG, null, null);
        }
        Dentry d = lookup_one(p.dir().dentry(), p.last());
        if (d.d_inode != null) {
            return new Create(-Errno.EEXIST, null, null);
        }
        if (p.trailingSlash() && !isDir) {
            return new Create(-Errno.ENOENT, null, null);
        }
        int r = may_create(p.dir().mnt(), p.dir().inode());
        if (r != 0) {
            return new Create(r, null, null);
        }
        return new Create(0, p.dir(), d);
    }

    private int umask() {
        return fs().umask;
    }

    /** current_umask. */
    public int current_umask() {
        return umask();
    }

    /**
     * kern_path_create: the parent and the negative dentry for {@code name} (EEXIST if it is
     * taken), for kernel code that makes a name itself, as unix_bind does.
     */
    public Create kern_path_create(int dfd, String name) {
        return filename_create(dfd, name, false);
    }

    /** vfs_mknod: a special file at a negative dentry; {@code mode} is final (the caller applied the umask). */
    public int vfs_mknod(Path dir, Dentry dentry, int mode, int dev) {
        return dir.inode().i_op.mknod(dir.inode(), dentry, mode, dev);
    }

    /** vfs_unlink: removes the name {@code dentry} from {@code dir}; the inode lives while it is used. */
    public int vfs_unlink(Path dir, Dentry dentry) {
        int r = dir.inode().i_op.unlink(dir.inode(), dentry);
        if (r == 0) {
            Inode victim = dentry.d_inode;
            kernel.vfs().dcache().d_delete(dentry);
            kernel.vfs().inodes().iput_final_check(victim);
        }
        return r;
    }

    /** vfs_mkdir. */
    public int vfs_mkdir(Path dir, Dentry dentry, int mode) {
        return dir.inode().i_op.mkdir(dir.inode(), dentry, (mode & (Mode.S_IALLUGO & ~umask())) | Mode.S_IFDIR);
    }

    /** do_mkdirat: mkdir(2). */
    public int do_mkdirat(int dfd, String name, int mode) {
        Create c = filename_create(dfd, name, true);
        if (c.err() != 0) {
            return c.err();
        }
        return vfs_mkdir(c.dir(), c.dentry(), mode);
    }

    /** do_mknodat: mknod(2) for regular files, FIFOs, sockets and (as root) devices. */
    public int do_mknodat(int dfd, String name, int mode, int dev) {
        int type = mode & Mode.S_IFMT;
        if (type == 0) {
            mode |= Mode.S_IFREG;
            type = Mode.S_IFREG;
        }
        if (type == Mode.S_IFDIR || (type != Mode.S_IFREG && type != Mode.S_IFIFO && type != Mode.S_IFSOCK
                && type != Mode.S_IFCHR && type != Mode.S_IFBLK)) {
            return -Errno.EINVAL;
        }
        if ((type == Mode.S_IFCHR || type == Mode.S_IFBLK) && current().cred.euid() != 0) {
            return -Errno.EPERM;
        }
        Create c = filename_create(dfd, name, false);
        if (c.err() != 0) {
            return c.err();
        }
        int m = (mode & ~Mode.S_IFMT & Mode.S_IALLUGO & ~umask()) | type;
        return c.dir().inode().i_op.mknod(c.dir().inode(), c.dentry(), m, dev);
    }

    /** do_symlinkat: symlink(2). */
    public int do_symlinkat(String target, int dfd, String name) {
        if (target.isEmpty()) {
            return -Errno.ENOENT;
        }
        Create c = filename_create(dfd, name, false);
        if (c.err() != 0) {
            return c.err();
        }
        return c.dir().inode().i_op.symlink(c.dir().inode(), c.dentry(), target);
    }

    /** do_linkat: link(2); AT_SYMLINK_FOLLOW follows a final symlink of the old name. */
    public int do_linkat(int olddfd, String oldname, int newdfd, String newname, int flags) {
        if ((flags & ~(Fcntl.AT_SYMLINK_FOLLOW | Fcntl.AT_EMPTY_PATH)) != 0) {
            return -Errno.EINVAL;
        }
        int lf = ((flags & Fcntl.AT_SYMLINK_FOLLOW) != 0 ? LOOKUP_FOLLOW : 0)
                | ((flags & Fcntl.AT_EMPTY_PATH) != 0 ? LOOKUP_EMPTY : 0);
        Lookup old = filename_lookup(olddfd, oldname, lf);
        if (old.err() != 0) {
            return old.err();
        }
        Create c = filename_create(newdfd, newname, false);
        if (c.err() != 0) {
            return c.err();
        }
        if (old.path().mnt().mnt_sb != c.dir().mnt().mnt_sb || old.path().mnt() != c.dir().mnt()) {
            return -Errno.EXDEV;
        }
        Inode inode = old.path().inode();
        if (inode.is_dir()) {
            return -Errno.EPERM;
        }
        if (inode.i_nlink == 0) {
            return -Errno.ENOENT;
        }
        return c.dir().inode().i_op.link(old.path().dentry(), c.dir().inode(), c.dentry());
    }

    /** may_delete: the victim exists, the directory may be written, and the kind matches. */
    private int may_delete(Path dir, Dentry victim, boolean isDir) {
        if (victim.d_inode == null) {
            return -Errno.ENOENT;
        }
        int r = inode_permission(dir.mnt(), dir.inode(), Fcntl.MAY_WRITE | Fcntl.MAY_EXEC);
        if (r != 0) {
            return r;
        }
        TaskStruct t = current();
        if ((dir.inode().i_mode & Mode.S_ISVTX) != 0 && t.cred.fsuid() != 0 && t.cred.fsuid() != victim.d_inode.i_uid
                && t.cred.fsuid() != dir.inode().i_uid) {
            return -Errno.EPERM;
        }
        if (isDir) {
            if (!victim.d_inode.is_dir()) {
                return -Errno.ENOTDIR;
            }
            if (victim.is_root() || victim.d_mountpoint()) {
                return -Errno.EBUSY;
            }
        } else if (victim.d_inode.is_dir()) {
            return -Errno.EISDIR;
        }
        return 0;
    }

    /** do_rmdir: rmdir(2). */
    public int do_rmdir(int dfd, String name) {
        Parent p = filename_parentat(dfd, name);
        if (p.err() != 0) {
            return p.err();
        }
        switch (p.type()) {
            case DOT -> {
                return -Errno.EINVAL;
            }
            case DOTDOT -> {
                return -Errno.ENOTEMPTY;
            }
            case ROOT -> {
                return -Errno.EBUSY;
            }
            case NORM -> { }
        }
        Dentry d = lookup_one(p.dir().dentry(), p.last());
        int r = may_delete(p.dir(), d, true);
        if (r != 0) {
            return r;
        }
        r = p.dir().inode().i_op.rmdir(p.dir().inode(), d);
        if (r == 0) {
            d.d_inode.i_nlink = 0;
            Inode victim = d.d_inode;
            kernel.vfs().dcache().d_delete(d);
            kernel.vfs().inodes().iput_final_check(victim);
        }
        return r;
    }

    /** do_unlinkat: unlink(2); an open file lives on until its last close. */
    public int do_unlinkat(int dfd, String name) {
        Parent p = filename_parentat(dfd, name);
        if (p.err() != 0) {
            return p.err();
        }
        if (p.type() != LastType.NORM) {
            return -Errno.EISDIR;
        }
        Dentry d = lookup_one(p.dir().dentry(), p.last());
        if (p.trailingSlash() && d.d_inode != null && !d.d_inode.is_dir()) {
            return -Errno.ENOTDIR;
        }
        int r = may_delete(p.dir(), d, false);
        if (r != 0) {
            return r;
        }
        if (d.d_mountpoint()) {
            return -Errno.EBUSY;
        }
        r = p.dir().inode().i_op.unlink(p.dir().inode(), d);
        if (r == 0) {
            Inode victim = d.d_inode;
            kernel.vfs().dcache().d_delete(d);
            kernel.vfs().inodes().iput_final_check(victim);
        }
        return r;
    }

    /** do_renameat2: rename(2) with RENAME_NOREPLACE and RENAME_EXCHANGE. */
    public int do_renameat2(int olddfd, String oldname, int newdfd, String newname, int flags) {
        if ((flags & ~(Fcntl.RENAME_NOREPLACE | Fcntl.RENAME_EXCHANGE | Fcntl.RENAME_WHITEOUT)) != 0
                || ((flags & Fcntl.RENAME_NOREPLACE) != 0 && (flags & Fcntl.RENAME_EXCHANGE) != 0)) {
            return -Errno.EINVAL;
        }
        if ((flags & Fcntl.RENAME_WHITEOUT) != 0) {
            return -Errno.EINVAL;
        }
        Parent op = filename_parentat(olddfd, oldname);
        if (op.err() != 0) {
            return op.err();
        }
        Parent np = filename_parentat(newdfd, newname);
        if (np.err() != 0) {
            return np.err();
        }
        if (op.type() != LastType.NORM) {
            return -Errno.EBUSY;
        }
        if (np.type() != LastType.NORM) {
            return (flags & Fcntl.RENAME_NOREPLACE) != 0 ? -Errno.EEXIST : -Errno.EBUSY;
        }
        if (op.dir().mnt() != np.dir().mnt()) {
            return -Errno.EXDEV;
        }
        Dentry old = lookup_one(op.dir().dentry(), op.last());
        if (old.d_inode == null) {
            return -Errno.ENOENT;
        }
        Dentry target = lookup_one(np.dir().dentry(), np.last());
        boolean exchange = (flags & Fcntl.RENAME_EXCHANGE) != 0;
        if (exchange && target.d_inode == null) {
            return -Errno.ENOENT;
        }
        if ((flags & Fcntl.RENAME_NOREPLACE) != 0 && target.d_inode != null) {
            return -Errno.EEXIST;
        }
        boolean isDir = old.d_inode.is_dir();
        if ((op.trailingSlash() || np.trailingSlash()) && !isDir) {
            return -Errno.ENOTDIR;
        }
        if (old == target) {
            return 0;
        }
        int r = may_delete(op.dir(), old, isDir);
        if (r != 0) {
            return r;
        }
        if (target.d_inode != null) {
            r = may_delete(np.dir(), target, exchange ? target.d_inode.is_dir() : isDir);
            if (r != 0) {
                return r;
            }
        } else {
            r = may_create(np.dir().mnt(), np.dir().inode());
            if (r != 0) {
                return r;
            }
        }
        // a directory cannot move into itself or below
        for (Dentry d = np.dir().dentry();; d = d.d_parent) {
            if (d == old) {
                return -Errno.EINVAL;
            }
            if (exchange && d == target) {
                return -Errno.EINVAL;
            }
            if (d.is_root()) {
                break;
            }
        }
        if (old.d_mountpoint() || target.d_mountpoint()) {
            return -Errno.EBUSY;
        }
        Inode replaced = exchange ? null : target.d_inode;
        r = op.dir().inode().i_op.rename(op.dir().inode(), old, np.dir().inode(), target, flags);
        if (r != 0) {
            return r;
        }
        Dcache dc = kernel.vfs().dcache();
        if (exchange) {
            dc.d_exchange(old, target);
        } else {
            if (replaced != null) {
                dc.d_delete(target);
                kernel.vfs().inodes().iput_final_check(replaced);
            }
            dc.d_move(old, np.dir().dentry(), np.last());
        }
        return 0;
    }

    // ---------------------------------------------------------------- open

    /** do_filp_open / path_openat: the open file for open(2)'s name, flags and mode. */
    public File do_filp_open(int dfd, String name, int flags, int mode, int[] err) {
        Parent p = filename_parentat(dfd, name);
        if (p.err() != 0) {
            err[0] = p.err();
            return null;
        }
        Nameidata nd = new Nameidata(p.dir(), fs().root);
        nd.last = p.last();
        nd.lastType = p.type();
        nd.trailingSlash = p.trailingSlash();
        boolean creat = (flags & Fcntl.O_CREAT) != 0;
        int r;
        if (nd.lastType != LastType.NORM) {
            if (creat) {
                err[0] = -Errno.EISDIR;
                return null;
            }
            r = walk_last(nd, true);
        } else {
            r = open_last_lookups(nd, flags, mode);
        }
        if (r != 0) {
            err[0] = r;
            return null;
        }
        return do_open(nd, flags, err);
    }

    private boolean createdLast;

    /** open_last_lookups: find or create the last component. */
    private int open_last_lookups(Nameidata nd, int flags, int mode) {
        createdLast = false;
        boolean creat = (flags & Fcntl.O_CREAT) != 0;
        Path dir = nd.path;
        // may_lookup: the last component is looked up in its directory only with search permission
        int denied = inode_permission(dir.mnt(), dir.inode(), Fcntl.MAY_EXEC);
        if (denied != 0) {
            return denied;
        }
        Dentry d = lookup_one(dir.dentry(), nd.last);
        if (d.d_inode == null) {
            if (lastLookupError != 0) {
                return lastLookupError;
            }
            if (!creat) {
                return -Errno.ENOENT;
            }
            if (nd.trailingSlash) {
                return -Errno.EISDIR;
            }
            int r = may_create(dir.mnt(), dir.inode());
            if (r != 0) {
                return r;
            }
            r = dir.inode().i_op.create(dir.inode(), d, (mode & Mode.S_IALLUGO & ~umask()) | Mode.S_IFREG);
            if (r != 0) {
                return r;
            }
            createdLast = true;
            nd.path = new Path(dir.mnt(), d);
            return 0;
        }
        if (creat && (flags & Fcntl.O_EXCL) != 0) {
            return -Errno.EEXIST;
        }
        Path p = follow_mount(new Path(dir.mnt(), d));
        if (Mode.S_ISLNK(p.inode().i_mode)) {
            if ((flags & Fcntl.O_NOFOLLOW) != 0 && (flags & Fcntl.O_PATH) == 0) {
                return -Errno.ELOOP;
            }
            if ((flags & Fcntl.O_NOFOLLOW) == 0) {
                return pick_link(nd, p, dir);
            }
        }
        nd.path = p;
        return 0;
    }

    /** do_open: the checks on what was found, truncation, and the open itself. */
    private File do_open(Nameidata nd, int flags, int[] err) {
        Inode inode = nd.path.inode();
        int acc = flags & Fcntl.O_ACCMODE;
        boolean path = (flags & Fcntl.O_PATH) != 0;
        if (nd.trailingSlash && !inode.is_dir()) {
            err[0] = -Errno.ENOTDIR;
            return null;
        }
        if ((flags & Fcntl.O_DIRECTORY) != 0 && !inode.is_dir()) {
            err[0] = -Errno.ENOTDIR;
            return null;
        }
        if (!path) {
            if (inode.is_dir() && (acc != Fcntl.O_RDONLY || (flags & Fcntl.O_TRUNC) != 0
                    || ((flags & Fcntl.O_CREAT) != 0 && !createdLast))) {
                err[0] = -Errno.EISDIR;
                return null;
            }
            if (acc == 3) {
                err[0] = -Errno.EINVAL;
                return null;
            }
            int mask = (acc == Fcntl.O_RDONLY ? Fcntl.MAY_READ : acc == Fcntl.O_WRONLY ? Fcntl.MAY_WRITE
                    : Fcntl.MAY_READ | Fcntl.MAY_WRITE);
            if ((flags & Fcntl.O_TRUNC) != 0) {
                mask |= Fcntl.MAY_WRITE;
            }
            if (!createdLast) {
                int r = inode_permission(nd.path.mnt(), inode, mask);
                if (r != 0) {
                    err[0] = r;
                    return null;
                }
            }
            if ((Mode.S_ISCHR(inode.i_mode) || Mode.S_ISBLK(inode.i_mode))
                    && (nd.path.mnt().mnt_flags & VfsMount.MNT_NODEV) != 0) {
                err[0] = -Errno.EACCES;
                return null;
            }
            if ((flags & Fcntl.O_TRUNC) != 0 && Mode.S_ISREG(inode.i_mode) && !createdLast) {
                int r = kernel.vfs().open().do_truncate(nd.path.dentry(), 0);
                if (r != 0) {
                    err[0] = r;
                    return null;
                }
            }
        }
        createdLast = false;
        return kernel.vfs().open().vfs_open(nd.path, flags, err);
    }
}
