package org.jstap.runtime.tapset;

import org.jstap.runtime.Context;
import org.jstap.sim.fs.Dcache;
import org.jstap.sim.fs.File;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * What the current task's file descriptors refer to, as /proc/PID/fd's links show it: the path
 * of a file ({@code /etc/passwd}), or the name of a pipe ({@code pipe:[12]}) or socket ({@code socket:[7]}). The syscall tapset
 * uses it for strace's {@code -y} ({@code read(3</etc/passwd>, ...)}).
 */
public final class Fds {
    private Fds() {}

    /** _fd_path(fd): the file behind {@code fd} in the current task, "" when none is open there. */
    @Function(value = "_fd_path", pure = true)
    public static String fd_path(Context c, long fd) {
        TaskStruct t = c.current();
        if (t.files == null || fd < 0 || fd > Integer.MAX_VALUE) {
            return "";
        }
        File f = t.files.fcheck((int) fd);
        if (f == null || f.f_path == null) {
            return "";
        }
        if (f.f_inode != null && f.f_inode.i_pipe != null && f.f_path.dentry().d_name.startsWith("pipe:[")) {
            return f.f_path.dentry().d_name;
        }
        // a socket is named by its sockfs dentry, socket:[INO], as strace -y shows it
        if (f.f_inode != null && org.jstap.sim.fs.Mode.S_ISSOCK(f.f_inode.i_mode)
                && f.f_path.dentry().d_name.startsWith("socket:[")) {
            return f.f_path.dentry().d_name;
        }
        var root = t.fs != null ? t.fs.root : c.kernel().vfs().current_fs().root;
        return Dcache.d_path(f.f_path, root);
    }
}
