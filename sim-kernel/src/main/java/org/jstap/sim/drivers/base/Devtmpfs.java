package org.jstap.sim.drivers.base;

import org.jstap.sim.Kernel;
import org.jstap.sim.fs.Dentry;
import org.jstap.sim.fs.FileSystemType;
import org.jstap.sim.fs.Mode;
import org.jstap.sim.fs.Path;
import org.jstap.sim.fs.SuperBlock;
import org.jstap.sim.fs.Super;
import org.jstap.sim.fs.VfsMount;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.printk.Printk;

/**
 * drivers/base/devtmpfs.c: a tmpfs the kernel itself fills with a node for every device a
 * driver registers ({@code devtmpfs_create_node}), mounted on /dev once the root file system is
 * there ({@code devtmpfs_mount}), so user space finds /dev/null and friends without a udev.
 */
@LinuxFile("drivers/base/devtmpfs.c")
public final class Devtmpfs {
    private final Kernel kernel;
    private VfsMount mnt;

    public Devtmpfs(Kernel kernel) {
        this.kernel = kernel;
    }

    /** devtmpfs_init: the internal mount the nodes are made in (from driver_init, before any driver). */
    public int devtmpfs_init() {
        FileSystemType tmpfs = kernel.vfs().filesystems().get_fs_type("tmpfs");
        FileSystemType type = new FileSystemType() {
            @Override
            public String name() {
                return "devtmpfs";
            }

            @Override
            public SuperBlock mount(int flags, String devName, String data, int[] err) {
                if (mnt != null) {
                    // every mount of devtmpfs shows the same tree
                    return mnt.mnt_sb;
                }
                return tmpfs.mount(flags, devName, "mode=0755", err);
            }
        };
        kernel.vfs().filesystems().register_filesystem(type);
        int[] err = new int[1];
        mnt = kernel.vfs().namespace().vfs_kern_mount(type, 0, "devtmpfs", null, err);
        if (mnt == null) {
            kernel.printk().printk(Printk.KERN_ERR, "devtmpfs: unable to create devtmpfs " + err[0]);
            return err[0];
        }
        kernel.printk().pr_info("devtmpfs: initialized");
        return 0;
    }

    /** devtmpfs_create_node: /dev/NAME for device MAJOR:MINOR (a character device). */
    public int devtmpfs_create_node(String name, int perm, int major, int minor) {
        if (mnt == null) {
            return -org.jstap.sim.kernel.Errno.ENODEV;
        }
        Dentry root = mnt.mnt_root;
        Dentry d = kernel.vfs().dcache().d_alloc(root, name);
        return root.d_inode.i_op.mknod(root.d_inode, d, Mode.S_IFCHR | (perm & Mode.S_IALLUGO),
                Super.MKDEV(major, minor));
    }

    /** devtmpfs_create_node for a block device (a gendisk's node, such as /dev/vda). */
    public int devtmpfs_create_blk_node(String name, int perm, int major, int minor) {
        if (mnt == null) {
            return -org.jstap.sim.kernel.Errno.ENODEV;
        }
        Dentry root = mnt.mnt_root;
        Dentry d = kernel.vfs().dcache().d_alloc(root, name);
        return root.d_inode.i_op.mknod(root.d_inode, d, Mode.S_IFBLK | (perm & Mode.S_IALLUGO),
                Super.MKDEV(major, minor));
    }

    /** devtmpfs_mount: the tree appears on /dev (CONFIG_DEVTMPFS_MOUNT). */
    public int devtmpfs_mount() {
        var l = kernel.vfs().namei().filename_lookup(org.jstap.sim.fs.Fcntl.AT_FDCWD, "/dev",
                org.jstap.sim.fs.Namei.LOOKUP_FOLLOW | org.jstap.sim.fs.Namei.LOOKUP_DIRECTORY);
        if (l.err() != 0) {
            kernel.printk().pr_info("devtmpfs: error mounting " + l.err());
            return l.err();
        }
        int r = kernel.vfs().namespace().path_mount("devtmpfs", l.path(), "devtmpfs", 0, null);
        kernel.printk().pr_info(r == 0 ? "devtmpfs: mounted" : "devtmpfs: error mounting " + r);
        return r;
    }

    public Path root() {
        return new Path(mnt, mnt.mnt_root);
    }
}
