package org.jstap.sim.fs.hostfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.fs.Dentry;
import org.jstap.sim.fs.DirContext;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.FileOperations;
import org.jstap.sim.fs.FileSystemType;
import org.jstap.sim.fs.Iattr;
import org.jstap.sim.fs.Inode;
import org.jstap.sim.fs.InodeOperations;
import org.jstap.sim.fs.Inodes;
import org.jstap.sim.fs.Lookup;
import org.jstap.sim.fs.Mode;
import org.jstap.sim.fs.Namei;
import org.jstap.sim.fs.SuperBlock;
import org.jstap.sim.fs.SuperOperations;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * fs/hostfs (hostfs_kern.c with hostfs_user.c), as in User-Mode Linux: a directory of the host
 * mounted in the machine. The mount data is the host directory ({@code mount("none", "/mnt",
 * "hostfs", 0, "/srv/data")}); every inode stands for a host path, files are read and written on
 * the host through java.nio with no page cache in between, directories are listed from the host,
 * and name operations are host operations, their failures mapped to errno. Shares in
 * {@link KernelConfig#shares()} are mounted at boot by {@link #hostfs_mount_shares}.
 */
@LinuxFile("fs/hostfs/hostfs_kern.c")
public final class Hostfs implements FileSystemType {
    public static final long HOSTFS_SUPER_MAGIC = 0x00c0ffee;

    private final Kernel kernel;

    public Hostfs(Kernel kernel) {
        this.kernel = kernel;
    }

    /** init_hostfs: the type is registered (an fs initcall). */
    public int init_hostfs() {
        return kernel.vfs().filesystems().register_filesystem(this);
    }

    @Override
    public String name() {
        return "hostfs";
    }

    /** The host path an inode stands for. */
    private static Path host(Inode inode) {
        return (Path) inode.i_private;
    }

    /** The errno for a failed host operation (what hostfs_user.c returns as -errno). */
    static int host_errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return -Errno.ENOENT;
        }
        if (e instanceof AccessDeniedException) {
            return -Errno.EACCES;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return -Errno.ENOTEMPTY;
        }
        if (e instanceof FileAlreadyExistsException) {
            return -Errno.EEXIST;
        }
        if (e instanceof NotDirectoryException) {
            return -Errno.ENOTDIR;
        }
        if (e instanceof NotLinkException) {
            return -Errno.EINVAL;
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String r = f.getReason();
            if (r.contains("Is a directory")) {
                return -Errno.EISDIR;
            }
            if (r.contains("Not a directory")) {
                return -Errno.ENOTDIR;
            }
            if (r.contains("Operation not permitted")) {
                return -Errno.EPERM;
            }
            if (r.contains("Invalid cross-device link")) {
                return -Errno.EXDEV;
            }
        }
        return -Errno.EIO;
    }

    /** hostfs_fill_sb_common: the root inode is the host directory itself. */
    @Override
    public SuperBlock mount(int flags, String devName, String data, int[] err) {
        String dir = data == null || data.isEmpty() ? "/" : data;
        Path root;
        try {
            root = Path.of(dir).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            err[0] = -Errno.EINVAL;
            return null;
        }
        SuperBlock sb = kernel.vfs().supers().alloc_super(this, 0);
        sb.s_flags = flags;
        sb.s_magic = HOSTFS_SUPER_MAGIC;
        sb.s_blocksize = 4096;
        sb.s_fs_info = root;
        sb.s_op = new SuperOperations() {
            @Override
            public String show_options(SuperBlock s) {
                return s.s_fs_info.toString();
            }
        };
        int[] e = new int[1];
        Inode inode = hostfs_iget(sb, root, e);
        if (inode == null) {
            kernel.vfs().supers().deactivate_super(sb);
            err[0] = e[0];
            return null;
        }
        if (!inode.is_dir()) {
            kernel.vfs().supers().deactivate_super(sb);
            err[0] = -Errno.ENOTDIR;
            return null;
        }
        sb.s_root = kernel.vfs().dcache().d_make_root(sb, inode);
        return sb;
    }

    /** read_name + hostfs_iget: a new inode with the host file's attributes; null with -errno. */
    Inode hostfs_iget(SuperBlock sb, Path p, int[] err) {
        Map<String, Object> a;
        try {
            a = java.nio.file.Files.readAttributes(p, "unix:mode,ino,uid,gid,nlink,size,lastModifiedTime,"
                    + "lastAccessTime,ctime,rdev", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            a = null;
        } catch (IOException e) {
            err[0] = host_errno(e);
            return null;
        }
        long ino;
        int mode;
        Inode inode;
        try {
            if (a != null) {
                ino = (Long) a.get("ino");
                mode = (Integer) a.get("mode");
            } else {
                var b = java.nio.file.Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                ino = p.hashCode() & 0x7fffffffL;
                mode = (b.isDirectory() ? Mode.S_IFDIR | 0755 : b.isSymbolicLink() ? Mode.S_IFLNK | 0777
                        : Mode.S_IFREG | 0644);
            }
            inode = kernel.vfs().inodes().new_inode(sb, ino, mode);
            inode.i_private = p;
            read_attrs(inode, p);
        } catch (IOException e) {
            err[0] = host_errno(e);
            return null;
        }
        switch (mode & Mode.S_IFMT) {
            case Mode.S_IFDIR -> {
                inode.i_op = dirOps;
                inode.i_fop = dirFops;
            }
            case Mode.S_IFREG -> {
                inode.i_op = fileOps;
                inode.i_fop = fileFops;
                inode.i_mapping.a_ops = HOSTFS_AOPS;
            }
            case Mode.S_IFLNK -> {
                inode.i_op = linkOps;
                try {
                    inode.i_link = java.nio.file.Files.readSymbolicLink(p).toString();
                } catch (IOException e) {
                    err[0] = host_errno(e);
                    return null;
                }
            }
            default -> {
                // host devices are not the machine's: a FIFO or device node is listed but cannot be opened
                inode.i_op = fileOps;
                kernel.vfs().init_special_inode(inode, mode, 0);
            }
        }
        return inode;
    }

    /**
     * hostfs_aops: pages of a mapped file (mmap, binfmt_elf's segments) come from the host file and
     * go back to it. read(2) and write(2) go to the host directly, so a page cached for a mapping
     * does not see the host file change afterwards.
     */
    static final org.jstap.sim.fs.AddressSpaceOperations HOSTFS_AOPS = new org.jstap.sim.fs.AddressSpaceOperations() {
        @Override
        public int read_folio(Inode inode, long index, byte[] buf) {
            try (FileChannel ch = FileChannel.open(host(inode), StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.wrap(buf);
                long pos = index * buf.length;
                while (b.hasRemaining() && ch.read(b, pos + b.position()) > 0) {
                    // until the page is full or the file ends
                }
                return 0;
            } catch (IOException e) {
                return host_errno(e);
            }
        }

        @Override
        public int writepage(Inode inode, long index, byte[] buf) {
            long pos = index * buf.length;
            int len = (int) Math.max(0, Math.min(buf.length, inode.i_size - pos));
            try (FileChannel ch = FileChannel.open(host(inode), StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
                while (b.hasRemaining()) {
                    ch.write(b, pos + b.position());
                }
                return 0;
            } catch (IOException e) {
                return host_errno(e);
            }
        }
    };

    /** The host's idea of size, times, owner, mode and links, copied into the inode. */
    private static void read_attrs(Inode inode, Path p) throws IOException {
        try {
            Map<String, Object> a = java.nio.file.Files.readAttributes(p, "unix:mode,uid,gid,nlink,size,"
                    + "lastModifiedTime,lastAccessTime,ctime", LinkOption.NOFOLLOW_LINKS);
            inode.i_mode = (Integer) a.get("mode");
            inode.i_uid = (Integer) a.get("uid");
            inode.i_gid = (Integer) a.get("gid");
            inode.i_nlink = (Integer) a.get("nlink");
            inode.i_size = (Long) a.get("size");
            inode.i_mtime = ns(a.get("lastModifiedTime"));
            inode.i_atime = ns(a.get("lastAccessTime"));
            inode.i_ctime = ns(a.get("ctime"));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            var b = java.nio.file.Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            inode.i_size = b.size();
            inode.i_mtime = b.lastModifiedTime().toMillis() * 1_000_000L;
            inode.i_atime = b.lastAccessTime().toMillis() * 1_000_000L;
            inode.i_ctime = inode.i_mtime;
        }
        inode.i_blocks = (inode.i_size + 511) / 512;
    }

    private static long ns(Object fileTime) {
        var t = (java.nio.file.attribute.FileTime) fileTime;
        return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** hostfs_lookup: the host name below the directory, or a negative dentry. */
    int hostfs_lookup(Inode dir, Dentry dentry) {
        if (dentry.d_name.length() > Namei.NAME_MAX) {
            return -Errno.ENAMETOOLONG;
        }
        Path p = host(dir).resolve(dentry.d_name);
        if (!java.nio.file.Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int[] err = new int[1];
        Inode inode = hostfs_iget(dir.i_sb, p, err);
        if (inode == null) {
            return err[0] == -Errno.ENOENT ? 0 : err[0];
        }
        kernel.vfs().dcache().d_add(dentry, inode);
        return 0;
    }

    /** After a host operation made {@code p}: its inode in the dcache, and the directory's times. */
    private int instantiate(Inode dir, Dentry dentry, Path p) {
        int[] err = new int[1];
        Inode inode = hostfs_iget(dir.i_sb, p, err);
        if (inode == null) {
            return err[0];
        }
        kernel.vfs().dcache().d_add(dentry, inode);
        refresh(dir);
        return 0;
    }

    private static void refresh(Inode inode) {
        try {
            read_attrs(inode, host(inode));
        } catch (IOException e) {
            // the host file is gone; what the inode says stays
        }
    }

    private static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> s = new HashSet<>();
        PosixFilePermission[] all = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < all.length; i++) {
            if ((mode & (1 << i)) != 0) {
                s.add(all[i]);
            }
        }
        return s;
    }

    private static void chmod(Path p, int mode) throws IOException {
        try {
            java.nio.file.Files.setPosixFilePermissions(p, perms(mode));
        } catch (UnsupportedOperationException e) {
            // a host without POSIX permissions keeps its own
        }
    }

    private final InodeOperations dirOps = new InodeOperations() {
        @Override
        public int lookup(Inode dir, Dentry dentry) {
            return hostfs_lookup(dir, dentry);
        }

        /** hostfs_create: file_create on the host. */
        @Override
        public int create(Inode dir, Dentry dentry, int mode) {
            Path p = host(dir).resolve(dentry.d_name);
            try {
                java.nio.file.Files.createFile(p);
                chmod(p, mode);
            } catch (IOException e) {
                return host_errno(e);
            }
            return instantiate(dir, dentry, p);
        }

        @Override
        public int mkdir(Inode dir, Dentry dentry, int mode) {
            Path p = host(dir).resolve(dentry.d_name);
            try {
                java.nio.file.Files.createDirectory(p);
                chmod(p, mode);
            } catch (IOException e) {
                return host_errno(e);
            }
            return instantiate(dir, dentry, p);
        }

        @Override
        public int symlink(Inode dir, Dentry dentry, String target) {
            Path p = host(dir).resolve(dentry.d_name);
            try {
                java.nio.file.Files.createSymbolicLink(p, Path.of(target));
            } catch (IOException e) {
                return host_errno(e);
            } catch (UnsupportedOperationException e) {
                return -Errno.EPERM;
            }
            return instantiate(dir, dentry, p);
        }

        @Override
        public int link(Dentry old, Inode dir, Dentry dentry) {
            Path p = host(dir).resolve(dentry.d_name);
            try {
                java.nio.file.Files.createLink(p, host(old.d_inode));
            } catch (IOException e) {
                return host_errno(e);
            } catch (UnsupportedOperationException e) {
                return -Errno.EPERM;
            }
            Inodes.inc_nlink(old.d_inode);
            kernel.vfs().dcache().d_add(dentry, old.d_inode);
            refresh(dir);
            return 0;
        }

        @Override
        public int unlink(Inode dir, Dentry dentry) {
            Path p = host(dir).resolve(dentry.d_name);
            if (java.nio.file.Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return -Errno.EISDIR;
            }
            try {
                java.nio.file.Files.delete(p);
            } catch (IOException e) {
                return host_errno(e);
            }
            kernel.vfs().inodes().drop_nlink(dentry.d_inode);
            refresh(dir);
            return 0;
        }

        @Override
        public int rmdir(Inode dir, Dentry dentry) {
            Path p = host(dir).resolve(dentry.d_name);
            if (!java.nio.file.Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return -Errno.ENOTDIR;
            }
            try {
                java.nio.file.Files.delete(p);
            } catch (IOException e) {
                return host_errno(e);
            }
            refresh(dir);
            return 0;
        }

        /** hostfs_rename2: rename(2) on the host (RENAME_NOREPLACE is checked by the VFS). */
        @Override
        public int rename(Inode oldDir, Dentry old, Inode newDir, Dentry target, int flags) {
            if ((flags & Fcntl.RENAME_EXCHANGE) != 0) {
                return -Errno.EINVAL;
            }
            Path from = host(oldDir).resolve(old.d_name);
            Path to = host(newDir).resolve(target.d_name);
            try {
                if (target.d_inode != null && target.d_inode.is_dir() && !old.d_inode.is_dir()) {
                    return -Errno.EISDIR;
                }
                if (target.d_inode != null && !target.d_inode.is_dir() && old.d_inode.is_dir()) {
                    return -Errno.ENOTDIR;
                }
                java.nio.file.Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                return host_errno(e);
            }
            if (target.d_inode != null) {
                target.d_inode.i_nlink = 0;
            }
            rehost(old, to);
            refresh(oldDir);
            refresh(newDir);
            return 0;
        }

        @Override
        public int setattr(Dentry dentry, Iattr attr) {
            return hostfs_setattr(dentry, attr);
        }
    };

    /** A renamed dentry's inode (and the inodes of everything cached below it) now stand for new host paths. */
    private static void rehost(Dentry d, Path p) {
        if (d.d_inode != null) {
            d.d_inode.i_private = p;
        }
        for (Dentry child : d.d_subdirs) {
            rehost(child, p.resolve(child.d_name));
        }
    }

    /** hostfs_setattr: chmod, chown (ignored: the host decides), truncate and times on the host. */
    int hostfs_setattr(Dentry dentry, Iattr a) {
        Inode inode = dentry.d_inode;
        Path p = host(inode);
        try {
            if ((a.ia_valid & Iattr.ATTR_SIZE) != 0) {
                if (!Mode.S_ISREG(inode.i_mode)) {
                    return -Errno.EINVAL;
                }
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    if (a.ia_size < ch.size()) {
                        ch.truncate(a.ia_size);
                    } else if (a.ia_size > ch.size()) {
                        ch.write(ByteBuffer.allocate(1), a.ia_size - 1);
                    }
                }
            }
            if ((a.ia_valid & Iattr.ATTR_MODE) != 0) {
                chmod(p, a.ia_mode);
            }
            if ((a.ia_valid & Iattr.ATTR_MTIME) != 0) {
                java.nio.file.Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.from(a.ia_mtime,
                        java.util.concurrent.TimeUnit.NANOSECONDS));
            }
        } catch (IOException e) {
            return host_errno(e);
        }
        org.jstap.sim.fs.Libfs.setattr_copy(inode, a);
        refresh(inode);
        return 0;
    }

    private final InodeOperations fileOps = new InodeOperations() {
        @Override
        public int setattr(Dentry dentry, Iattr attr) {
            return hostfs_setattr(dentry, attr);
        }
    };

    private final InodeOperations linkOps = new InodeOperations() {
        @Override
        public int setattr(Dentry dentry, Iattr attr) {
            return hostfs_setattr(dentry, attr);
        }
    };

    /** hostfs_file_fops: a host channel per open file (open_file/read_file/write_file of hostfs_user.c). */
    private final FileOperations fileFops = new FileOperations() {
        @Override
        public int open(Inode inode, File file) {
            int acc = file.f_flags & Fcntl.O_ACCMODE;
            List<OpenOption> opts = new ArrayList<>();
            if (acc != Fcntl.O_WRONLY) {
                opts.add(StandardOpenOption.READ);
            }
            if (acc != Fcntl.O_RDONLY) {
                opts.add(StandardOpenOption.WRITE);
            }
            try {
                file.private_data = FileChannel.open(host(inode), opts.toArray(new OpenOption[0]));
            } catch (IOException e) {
                return host_errno(e);
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                return -Errno.EINVAL;
            }
            return 0;
        }

        @Override
        public void release(Inode inode, File file) {
            if (file.private_data instanceof FileChannel ch) {
                try {
                    ch.close();
                } catch (IOException e) {
                    // nothing to tell: close(2) has returned already
                }
            }
        }

        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            if (!(file.private_data instanceof FileChannel ch)) {
                return -Errno.EBADF;
            }
            try {
                int n = ch.read(ByteBuffer.wrap(buf, off, len), ppos[0]);
                if (n < 0) {
                    return 0;
                }
                ppos[0] += n;
                return n;
            } catch (IOException e) {
                return host_errno(e);
            }
        }

        @Override
        public long write(File file, byte[] buf, int off, int len, long[] ppos) {
            if (!(file.private_data instanceof FileChannel ch)) {
                return -Errno.EBADF;
            }
            try {
                long pos = (file.f_flags & Fcntl.O_APPEND) != 0 ? ch.size() : ppos[0];
                ByteBuffer b = ByteBuffer.wrap(buf, off, len);
                int n = 0;
                while (b.hasRemaining()) {
                    n += ch.write(b, pos + n);
                }
                ppos[0] = pos + n;
                Inode inode = file.f_inode;
                if (ppos[0] > inode.i_size) {
                    inode.i_size = ppos[0];
                }
                inode.i_mtime = inode.i_ctime = kernel.vfs().inodes().current_time();
                return n;
            } catch (IOException e) {
                return host_errno(e);
            }
        }

        @Override
        public int fsync(File file) {
            if (file.private_data instanceof FileChannel ch) {
                try {
                    ch.force(true);
                } catch (IOException e) {
                    return host_errno(e);
                }
            }
            return 0;
        }
    };

    /** hostfs_dir_fops: "." and "..", then the host directory's names in sorted order. */
    private final FileOperations dirFops = new FileOperations() {
        @Override
        public int iterate_shared(File file, DirContext ctx) {
            if (!ctx.emit_dots(file)) {
                return 0;
            }
            List<Path> names;
            try (Stream<Path> s = java.nio.file.Files.list(host(file.f_inode))) {
                names = s.sorted().toList();
            } catch (IOException e) {
                return host_errno(e);
            }
            for (int i = (int) ctx.pos - 2; i < names.size(); i++) {
                Path p = names.get(i);
                long ino;
                int mode;
                try {
                    ino = (Long) java.nio.file.Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
                    mode = (Integer) java.nio.file.Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                    ino = p.hashCode() & 0x7fffffffL;
                    mode = java.nio.file.Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? Mode.S_IFDIR : Mode.S_IFREG;
                }
                if (!ctx.emit(p.getFileName().toString(), ino, Mode.dt_type(mode))) {
                    return 0;
                }
                ctx.pos = i + 3;
            }
            return 0;
        }

        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            return -Errno.EISDIR;
        }

        @Override
        public int fsync(File file) {
            return 0;
        }
    };

    /**
     * The shares of the machine's configuration, each mounted on its mount point (made in the
     * root file system if missing) once the root is populated; 0, or the first -errno.
     */
    public int hostfs_mount_shares() {
        int first = 0;
        for (KernelConfig.Share s : kernel.config().shares()) {
            String where = s.mountPoint();
            String dir = s.hostDir().toAbsolutePath().normalize().toString();
            // mkdir -p: every component, ignoring those that exist
            StringBuilder prefix = new StringBuilder();
            for (String part : where.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                prefix.append('/').append(part);
                kernel.vfs().namei().do_mkdirat(Fcntl.AT_FDCWD, prefix.toString(), 0755);
            }
            Lookup l = kernel.vfs().namei().filename_lookup(Fcntl.AT_FDCWD, where,
                    Namei.LOOKUP_FOLLOW | Namei.LOOKUP_DIRECTORY);
            int r = l.err() != 0 ? l.err() : kernel.vfs().namespace().path_mount(dir, l.path(), "hostfs", 0, dir);
            if (r == 0) {
                kernel.printk().pr_info("hostfs: " + dir + " mounted on " + where);
            } else {
                kernel.printk().pr_err("hostfs: cannot mount " + dir + " on " + where + ": error " + r);
                if (first == 0) {
                    first = r;
                }
            }
        }
        return first;
    }

    static String bytes(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
