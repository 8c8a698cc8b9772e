package org.jstap.sim.fs;

import java.nio.charset.StandardCharsets;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/** fs/d_path.c: getcwd(2), the working directory's name as seen from the caller's root. */
@LinuxFile("fs/d_path.c")
public final class DPath {
    private final Kernel kernel;

    DPath(Kernel kernel) {
        this.kernel = kernel;
    }

    /** getcwd(2): the length copied including the NUL; ERANGE if it does not fit; ENOENT if the directory is gone. */
    public long __do_sys_getcwd(long buf, long size) {
        FsStruct fs = kernel.vfs().current_fs();
        Dentry d = fs.pwd.dentry();
        if (!d.is_root() && (d.d_inode == null || d.d_inode.i_nlink == 0)) {
            return -Errno.ENOENT;
        }
        byte[] name = (Dcache.d_path(fs.pwd, fs.root) + "\0").getBytes(StandardCharsets.ISO_8859_1);
        if (name.length > size) {
            return -Errno.ERANGE;
        }
        return kernel.uaccess().copy_to_user(buf, name, 0, name.length) != 0 ? -Errno.EFAULT : name.length;
    }
}
