package org.jstap.sim.fs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.Slub;

/**
 * fs/namespace.c: the mount tree. Each mount sits on a dentry of its parent mount; the mount hash
 * ({@code lookup_mnt}) tells a path walk that a dentry is covered. mount(2) attaches a new super
 * block (or a bind of an existing tree), umount2(2) detaches one that nothing is using.
 */
@LinuxFile("fs/namespace.c")
public final class Namespace {
    /** mount(2) flags. */
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_REMOUNT = 32;
    public static final long MS_BIND = 4096;
    public static final long MS_MOVE = 8192;
    public static final long MS_REC = 16384;
    public static final long MS_SILENT = 32768;
    /** umount2(2) flags. */
    public static final int MNT_FORCE = 1;
    public static final int MNT_DETACH = 2;
    public static final int MNT_EXPIRE = 4;
    public static final int UMOUNT_NOFOLLOW = 8;

    private record MountPoint(VfsMount parent, Dentry dentry) {}

    private final Kernel kernel;
    private final Slub.KmemCache mntCache;
    private final Map<MountPoint, VfsMount> mount_hashtable = new HashMap<>();
    /** The namespace's mounts in the order they were made (what /proc/mounts lists). */
    private final List<VfsMount> mounts = new ArrayList<>();
    private VfsMount root;
    private int nextId = 20;

    Namespace(Kernel kernel) {
        this.kernel = kernel;
        this.mntCache = kernel.slab().kmem_cache_create("mnt_cache", 320);
    }

    /** The root of the mount tree. */
    public Path root() {
        return new Path(root, root.mnt_root);
    }

    /** vfs_kern_mount: a mount of a new super block of {@code type}, not yet in the tree. */
    public VfsMount vfs_kern_mount(FileSystemType type, int sbFlags, String devName, String data, int[] err) {
        err[0] = 0;
        SuperBlock sb = type.mount(sbFlags, devName, data, err);
        if (sb == null) {
            if (err[0] == 0) {
                err[0] = -Errno.EINVAL;
            }
            return null;
        }
        sb.s_active++;
        long kaddr = kernel.slab().kmem_cache_alloc(mntCache, Gfp.GFP_KERNEL);
        return new VfsMount(sb, sb.s_root, devName, nextId++, kaddr);
    }

    /** init_mount_tree: {@code mnt} becomes the root of everything. */
    public void init_mount_tree(VfsMount mnt) {
        root = mnt;
        mounts.add(mnt);
    }

    /** lookup_mnt: the mount on {@code path}, or null. */
    public VfsMount lookup_mnt(Path path) {
        if (!path.dentry().d_mountpoint()) {
            return null;
        }
        return mount_hashtable.get(new MountPoint(path.mnt(), path.dentry()));
    }

    /** attach_mnt: {@code mnt} now covers {@code where}. */
    public int attach_mnt(VfsMount mnt, Path where) {
        if (!where.inode().is_dir() && mnt.mnt_root.d_inode.is_dir()) {
            return -Errno.ENOTDIR;
        }
        mnt.mnt_parent = where.mnt();
        mnt.mnt_mountpoint = where.dentry();
        where.dentry().d_flags |= Dentry.DCACHE_MOUNTED;
        where.mnt().mnt_count++;
        mount_hashtable.put(new MountPoint(where.mnt(), where.dentry()), mnt);
        mounts.add(mnt);
        return 0;
    }

    /** do_new_mount: a new super block of {@code fstype} on {@code where}. */
    int do_new_mount(Path where, String fstype, long flags, String devName, String data) {
        FileSystemType type = kernel.vfs().filesystems().get_fs_type(fstype);
        if (type == null) {
            return -Errno.ENODEV;
        }
        int[] err = new int[1];
        VfsMount mnt = vfs_kern_mount(type, (flags & MS_RDONLY) != 0 ? SuperBlock.SB_RDONLY : 0, devName, data, err);
        if (mnt == null) {
            return err[0];
        }
        mnt.mnt_flags = mnt_flags(flags);
        int r = attach_mnt(mnt, where);
        if (r != 0) {
            kernel.vfs().supers().deactivate_super(mnt.mnt_sb);
        }
        return r;
    }

    private static int mnt_flags(long flags) {
        int f = 0;
        if ((flags & MS_RDONLY) != 0) {
            f |= VfsMount.MNT_READONLY;
        }
        if ((flags & MS_NOSUID) != 0) {
            f |= VfsMount.MNT_NOSUID;
        }
        if ((flags & MS_NODEV) != 0) {
            f |= VfsMount.MNT_NODEV;
        }
        if ((flags & MS_NOEXEC) != 0) {
            f |= VfsMount.MNT_NOEXEC;
        }
        return f;
    }

    /** path_mount: what mount(2) does once the names are read. */
    public int path_mount(String devName, Path where, String type, long flags, String data) {
        if ((flags & MS_REMOUNT) != 0) {
            if (where.dentry() != where.mnt().mnt_root) {
                return -Errno.EINVAL;
            }
            where.mnt().mnt_flags = mnt_flags(flags);
            SuperBlock sb = where.mnt().mnt_sb;
            sb.s_flags = (flags & MS_RDONLY) != 0 ? sb.s_flags | SuperBlock.SB_RDONLY : sb.s_flags & ~SuperBlock.SB_RDONLY;
            return 0;
        }
        if ((flags & MS_BIND) != 0) {
            int[] err = new int[1];
            Lookup src = kernel.vfs().namei().filename_lookup(Fcntl.AT_FDCWD, devName, Namei.LOOKUP_FOLLOW);
            if (src.err() != 0) {
                return src.err();
            }
            SuperBlock sb = src.path().mnt().mnt_sb;
            sb.s_active++;
            long kaddr = kernel.slab().kmem_cache_alloc(mntCache, Gfp.GFP_KERNEL);
            VfsMount mnt = new VfsMount(sb, src.path().dentry(), src.path().mnt().mnt_devname, nextId++, kaddr);
            mnt.mnt_flags = mnt_flags(flags);
            err[0] = attach_mnt(mnt, where);
            return err[0];
        }
        if ((flags & MS_MOVE) != 0) {
            return -Errno.EINVAL;
        }
        if (type == null) {
            return -Errno.EINVAL;
        }
        return do_new_mount(where, type, flags, devName, data);
    }

    /** do_umount: detach {@code mnt} unless something still uses it (MNT_DETACH detaches anyway). */
    public int do_umount(VfsMount mnt, int flags) {
        // MNT_EXPIRE marks a mount for a later expiry and cannot be forced or lazy
        if ((flags & MNT_EXPIRE) != 0 && (flags & (MNT_FORCE | MNT_DETACH)) != 0) {
            return -Errno.EINVAL;
        }
        if (mnt == root) {
            return -Errno.EBUSY;
        }
        boolean hasChildren = false;
        for (VfsMount m : mounts) {
            if (m.mnt_parent == mnt && m != mnt) {
                hasChildren = true;
            }
        }
        if ((flags & MNT_DETACH) == 0 && (hasChildren || mnt.mnt_count > 0)) {
            return -Errno.EBUSY;
        }
        umount_tree(mnt);
        return 0;
    }

    private void umount_tree(VfsMount mnt) {
        for (VfsMount m : List.copyOf(mounts)) {
            if (m.mnt_parent == mnt && m != mnt) {
                umount_tree(m);
            }
        }
        mount_hashtable.remove(new MountPoint(mnt.mnt_parent, mnt.mnt_mountpoint));
        boolean stillCovered = false;
        for (MountPoint mp : mount_hashtable.keySet()) {
            if (mp.dentry() == mnt.mnt_mountpoint) {
                stillCovered = true;
            }
        }
        if (!stillCovered) {
            mnt.mnt_mountpoint.d_flags &= ~Dentry.DCACHE_MOUNTED;
        }
        mnt.mnt_parent.mnt_count--;
        mounts.remove(mnt);
        kernel.vfs().supers().deactivate_super(mnt.mnt_sb);
        kernel.slab().kmem_cache_free(mntCache, mnt.kaddr);
    }

    /** mount(2): root only; the source, type and data are strings in user memory (data may be NULL). */
    public long __do_sys_mount(long devName, long dirName, long type, long flags, long data) {
        var t = kernel.sched().current();
        if (t.cred.euid() != 0) {
            return -Errno.EPERM;
        }
        Vfs vfs = kernel.vfs();
        String dir = vfs.getname(dirName);
        if (dir == null) {
            return vfs.getname_error();
        }
        String dev = devName == 0 ? "none" : vfs.getname(devName);
        if (dev == null) {
            return vfs.getname_error();
        }
        String fstype = null;
        if (type != 0) {
            fstype = vfs.getname(type);
            if (fstype == null) {
                return vfs.getname_error();
            }
        }
        String opts = null;
        if (data != 0) {
            byte[] buf = new byte[4096];
            long n = kernel.uaccess().strncpy_from_user(buf, data, 4096);
            if (n < 0) {
                return -Errno.EFAULT;
            }
            opts = new String(buf, 0, (int) n, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        Lookup where = vfs.namei().filename_lookup(Fcntl.AT_FDCWD, dir, Namei.LOOKUP_FOLLOW);
        if (where.err() != 0) {
            return where.err();
        }
        return path_mount(dev, where.path(), fstype, flags, opts);
    }

    /** umount2(2): the mount whose root the name is; EINVAL if it is not one, EBUSY if in use. */
    public long __do_sys_umount2(long name, int flags) {
        if ((flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) != 0) {
            return -Errno.EINVAL;
        }
        if (kernel.sched().current().cred.euid() != 0) {
            return -Errno.EPERM;
        }
        String path = kernel.vfs().getname(name);
        if (path == null) {
            return kernel.vfs().getname_error();
        }
        Lookup l = kernel.vfs().namei().filename_lookup(Fcntl.AT_FDCWD, path,
                (flags & UMOUNT_NOFOLLOW) != 0 ? 0 : Namei.LOOKUP_FOLLOW);
        if (l.err() != 0) {
            return l.err();
        }
        if (l.path().dentry() != l.path().mnt().mnt_root) {
            return -Errno.EINVAL;
        }
        return do_umount(l.path().mnt(), flags);
    }

    /** The mounts in the tree, root first. */
    public List<VfsMount> mounts() {
        return List.copyOf(mounts);
    }

    /** mntget / mntput: an open file or a working directory pins its mount. */
    public static void mntget(VfsMount mnt) {
        mnt.mnt_count++;
    }

    public static void mntput(VfsMount mnt) {
        mnt.mnt_count--;
    }

    /** /proc/mounts (show_vfsmnt): "device mountpoint type options 0 0" as seen from {@code root}. */
    public String proc_mounts(Path seenFrom) {
        StringBuilder out = new StringBuilder();
        for (VfsMount m : mounts) {
            String where = Dcache.d_path(new Path(m, m.mnt_root), seenFrom);
            String opts = m.is_readonly() ? "ro" : "rw";
            if ((m.mnt_flags & VfsMount.MNT_NOSUID) != 0) {
                opts += ",nosuid";
            }
            if ((m.mnt_flags & VfsMount.MNT_NODEV) != 0) {
                opts += ",nodev";
            }
            if ((m.mnt_flags & VfsMount.MNT_NOEXEC) != 0) {
                opts += ",noexec";
            }
            String extra = m.mnt_sb.s_op.show_options(m.mnt_sb);
            out.append(mangle(m.mnt_devname)).append(' ').append(mangle(where)).append(' ')
                    .append(m.mnt_sb.s_type.name()).append(' ').append(opts)
                    .append(extra.isEmpty() ? "" : "," + extra).append(" 0 0\n");
        }
        return out.toString();
    }

    /** seq_escape's "\040" for blanks, as /proc/mounts writes them. */
    private static String mangle(String s) {
        return s.replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011").replace("\n", "\\012");
    }
}
