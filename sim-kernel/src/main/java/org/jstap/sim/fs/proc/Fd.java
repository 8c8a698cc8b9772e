package org.jstap.sim.fs.proc;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.Files;
import org.jstap.sim.fs.Path;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * fs/proc/fd.c: {@code /proc/PID/fd}, one magic link per open descriptor (readlink shows the
 * file's path, or "pipe:[INO]" for a pipe, "socket:[INO]" for a socket), and {@code fdinfo}, the offset and flags of each.
 */
@LinuxFile("fs/proc/fd.c")
public final class Fd {
    /** Inode numbers of fd/N and fdinfo/N: above the pid entries' slots. */
    static final long FD_INO_BASE = 0x1000;
    static final long FDINFO_INO_BASE = 0x80000;

    private final Kernel kernel;

    Fd(Kernel kernel) {
        this.kernel = kernel;
    }

    ProcEntry proc_fd_entry() {
        ProcEntry fd = ProcEntry.dir("fd", 0500);
        ProcEntry link = ProcEntry.magic_link("N", i -> proc_fd_link(i.task(), i.fd()));
        link.link = i -> proc_fd_name(i.task(), i.fd());
        fd.children = dir -> proc_readfd(dir, link, FD_INO_BASE);
        return fd;
    }

    ProcEntry proc_fdinfo_entry() {
        ProcEntry fdinfo = ProcEntry.dir("fdinfo", 0500);
        ProcEntry info = ProcEntry.file("N", 0444, i -> seq_show(i.task(), i.fd()));
        fdinfo.children = dir -> proc_readfd(dir, info, FDINFO_INO_BASE);
        return fdinfo;
    }

    /** proc_readfd_common: the open descriptors in increasing order, at positions 2 + fd. */
    private static NavigableMap<Long, ProcChild> proc_readfd(ProcInodeInfo dir, ProcEntry each, long inoBase) {
        NavigableMap<Long, ProcChild> out = new TreeMap<>();
        TaskStruct t = dir.task();
        for (Map.Entry<Integer, File> e : Files.open_files(t.files).entrySet()) {
            int fd = e.getKey();
            long ino = ((long) t.pid << Generic.PID_INO_SHIFT) | (inoBase + fd);
            out.put(2L + fd, new ProcChild(Integer.toString(fd), ino, new ProcInodeInfo(each, t, fd)));
        }
        return out;
    }

    private static File fcheck(TaskStruct t, int fd) {
        return t.files == null ? null : t.files.fcheck(fd);
    }

    /** proc_fd_link: the open file's place. */
    static Path proc_fd_link(TaskStruct t, int fd) {
        File f = fcheck(t, fd);
        return f == null ? null : f.f_path;
    }

    /**
     * What readlink shows when it is not a path: a pipe is named by its dentry ("pipe:[INO]",
     * pipefs's d_dname); null lets readlink print the place's d_path.
     */
    static String proc_fd_name(TaskStruct t, int fd) {
        File f = fcheck(t, fd);
        if (f != null && f.f_inode.i_pipe != null && f.f_path.dentry().d_name.startsWith("pipe:[")) {
            return f.f_path.dentry().d_name;
        }
        // sockfs's d_dname: "socket:[INO]"
        if (f != null && org.jstap.sim.fs.Mode.S_ISSOCK(f.f_inode.i_mode) && f.f_path.dentry().d_name.startsWith("socket:[")) {
            return f.f_path.dentry().d_name;
        }
        return null;
    }

    /** seq_show: fdinfo/N. */
    String seq_show(TaskStruct t, int fd) {
        File f = fcheck(t, fd);
        if (f == null) {
            return "";
        }
        int flags = f.f_flags;
        if (t.files.close_on_exec(fd)) {
            flags |= org.jstap.sim.fs.Fcntl.O_CLOEXEC;
        }
        return "pos:\t" + f.f_pos + "\nflags:\t0" + Integer.toOctalString(flags) + "\nmnt_id:\t"
                + (kernel.vfs().namespace().mounts().indexOf(f.f_path.mnt()) + 1) + "\nino:\t" + f.f_inode.i_ino + "\n";
    }
}
