package org.jstap.sim.fs;

import java.nio.charset.StandardCharsets;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.ramfs.Ramfs;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.mm.Filemap;

/**
 * The virtual file system of one machine: its caches (dcache, inodes, files), the mount tree,
 * the registered file system types, and the subsystems behind the file syscalls, each in the
 * class of its Linux file. {@code vfs_caches_init} and {@code mnt_init} run at boot and leave a
 * rootfs mounted as "/".
 *
 * <pre>{@code
 * Lookup l = kernel.vfs().namei().filename_lookup(Fcntl.AT_FDCWD, "/etc/passwd", Namei.LOOKUP_FOLLOW);
 * }</pre>
 */
public final class Vfs {
    private final Kernel kernel;
    private final Filesystems filesystems = new Filesystems();
    private final CharDev chrdev = new CharDev();
    private Super supers;
    private Dcache dcache;
    private Inodes inodes;
    private FileTable fileTable;
    private Files files;
    private Namespace namespace;
    private Namei namei;
    private Open open;
    private ReadWrite rw;
    private Stat stat;
    private Readdir readdir;
    private FcntlSys fcntl;
    private Ioctl ioctl;
    private Pipe pipe;
    private Select select;
    private Sync sync;
    private DPath dpath;
    private Utimes utimes;
    private Libfs libfs;
    private Filemap filemap;
    private Bdev bdev;
    private BlockFops blockFops;
    /** init_fs: the root and cwd of kernel threads, and of init until it changes them. */
    private FsStruct initFs;

    public Vfs(Kernel kernel) {
        this.kernel = kernel;
    }

    /** vfs_caches_init: the caches and the subsystems on them (slab must be up). */
    public void vfs_caches_init() {
        supers = new Super(kernel);
        dcache = new Dcache(kernel);
        inodes = new Inodes(kernel);
        fileTable = new FileTable(kernel);
        files = new Files(kernel);
        namespace = new Namespace(kernel);
        namei = new Namei(kernel);
        open = new Open(kernel);
        rw = new ReadWrite(kernel);
        stat = new Stat(kernel);
        readdir = new Readdir(kernel);
        fcntl = new FcntlSys(kernel);
        ioctl = new Ioctl(kernel);
        pipe = new Pipe(kernel);
        select = new Select(kernel);
        sync = new Sync(kernel);
        dpath = new DPath(kernel);
        utimes = new Utimes(kernel);
        libfs = new Libfs(kernel);
        filemap = new Filemap(kernel);
        bdev = new Bdev(kernel);
        blockFops = new BlockFops(kernel);
        mnt_init();
    }

    /** mnt_init: the file system types every kernel has, and rootfs mounted as the root of the tree. */
    private void mnt_init() {
        for (String name : new String[] {"rootfs", "ramfs", "tmpfs"}) {
            filesystems.register_filesystem(new Ramfs(kernel, name));
        }
        int[] err = new int[1];
        VfsMount root = namespace.vfs_kern_mount(filesystems.get_fs_type("rootfs"), 0, "rootfs", null, err);
        namespace.init_mount_tree(root);
        Path p = namespace.root();
        Namespace.mntget(root);
        Namespace.mntget(root);
        initFs = new FsStruct(p, p);
        pipe.init_pipe_fs();
    }

    public FsStruct init_fs() {
        return initFs;
    }

    /** copy_fs_struct: a child's own copy of root, cwd and umask (fs/fs_struct.c). */
    public FsStruct copy_fs_struct(FsStruct old) {
        FsStruct fs = new FsStruct(old.root, old.pwd);
        fs.umask = old.umask;
        Namespace.mntget(old.root.mnt());
        Namespace.mntget(old.pwd.mnt());
        return fs;
    }

    /** free_fs_struct: the last user of an fs_struct unpins its root and cwd. */
    public void free_fs_struct(FsStruct fs) {
        if (--fs.users > 0) {
            return;
        }
        Namespace.mntput(fs.root.mnt());
        Namespace.mntput(fs.pwd.mnt());
    }

    /** The running task's fs_struct (init_fs outside a task). */
    public FsStruct current_fs() {
        TaskStruct t = kernel.sched().current();
        return t != null && t.fs != null ? t.fs : initFs;
    }

    private long getnameError;

    /**
     * getname: a path name from user memory, or null with the error for {@link #getname_error}
     * (EFAULT, ENAMETOOLONG; an empty name is returned as "", which the walk refuses with ENOENT).
     */
    public String getname(long addr) {
        byte[] buf = new byte[Namei.PATH_MAX];
        long n = kernel.uaccess().strncpy_from_user(buf, addr, Namei.PATH_MAX);
        if (n < 0) {
            getnameError = -Errno.EFAULT;
            return null;
        }
        if (n == Namei.PATH_MAX) {
            getnameError = -Errno.ENAMETOOLONG;
            return null;
        }
        return new String(buf, 0, (int) n, StandardCharsets.ISO_8859_1);
    }

    public long getname_error() {
        return getnameError;
    }

    /** init_special_inode: devices, FIFOs and sockets get the VFS's generic operations. */
    public void init_special_inode(Inode inode, int mode, int rdev) {
        inode.i_mode = mode;
        if (Mode.S_ISCHR(mode)) {
            inode.i_fop = chrdev.DEF_CHR_FOPS;
            inode.i_rdev = rdev;
        } else if (Mode.S_ISBLK(mode)) {
            inode.i_fop = blockFops.DEF_BLK_FOPS;
            inode.i_rdev = rdev;
        } else if (Mode.S_ISFIFO(mode)) {
            inode.i_fop = pipe.PIPEFIFO_FOPS;
        } else if (Mode.S_ISSOCK(mode)) {
            inode.i_fop = new FileOperations() {
                @Override
                public int open(Inode i, File f) {
                    return -Errno.ENXIO;
                }
            };
        }
    }

    public Filesystems filesystems() {
        return filesystems;
    }

    public CharDev chrdev() {
        return chrdev;
    }

    public Super supers() {
        return supers;
    }

    public Dcache dcache() {
        return dcache;
    }

    public Inodes inodes() {
        return inodes;
    }

    public FileTable file_table() {
        return fileTable;
    }

    /** fs/file.c: descriptor tables. */
    public Files files() {
        return files;
    }

    public Namespace namespace() {
        return namespace;
    }

    public Namei namei() {
        return namei;
    }

    public Open open() {
        return open;
    }

    public ReadWrite rw() {
        return rw;
    }

    public Stat stat() {
        return stat;
    }

    public Readdir readdir() {
        return readdir;
    }

    public FcntlSys fcntl() {
        return fcntl;
    }

    public Ioctl ioctl() {
        return ioctl;
    }

    public Pipe pipe() {
        return pipe;
    }

    public Select select() {
        return select;
    }

    public Sync sync() {
        return sync;
    }

    public Utimes utimes() {
        return utimes;
    }

    public DPath d_path() {
        return dpath;
    }

    public Libfs libfs() {
        return libfs;
    }

    public Filemap filemap() {
        return filemap;
    }

    /** block/bdev.c: block devices by number, and I/O on them for file systems. */
    public Bdev bdev() {
        return bdev;
    }

    /** block/fops.c: what an opened block special file does. */
    public BlockFops block_fops() {
        return blockFops;
    }
}
