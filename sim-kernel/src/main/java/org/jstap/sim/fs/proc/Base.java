package org.jstap.sim.fs.proc;

import java.nio.charset.StandardCharsets;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.JavaImage;
import org.jstap.sim.fs.Path;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.mm.MmStruct;

/**
 * fs/proc/base.c: {@code /proc/PID}: one directory per process whose entries (tgid_base_stuff,
 * in Linux's order) show the task: its command line and environment read from its own memory,
 * its cwd, root and program as magic links, its descriptors, mounts, and the OOM adjustment,
 * the one entry a process may write.
 */
@LinuxFile("fs/proc/base.c")
public final class Base {
    /** OOM_SCORE_ADJ_MIN/MAX. */
    public static final int OOM_SCORE_ADJ_MIN = -1000;
    public static final int OOM_SCORE_ADJ_MAX = 1000;

    private final Kernel kernel;
    /** The entry every /proc/PID directory shows; its subdir is tgid_base_stuff. */
    private final ProcEntry tgid_base = ProcEntry.dir("pid", 0555);

    Base(Kernel kernel, ProcNet procNet) {
        this.kernel = kernel;
        Fd fd = new Fd(kernel);
        add(fd.proc_fd_entry());
        add(fd.proc_fdinfo_entry());
        add(procNet.pidNetEntry());
        add(ProcEntry.file("environ", 0400, i -> proc_pid_environ(i.task())));
        add(ProcEntry.file("status", 0444, i -> Array.proc_pid_status(kernel, i.task())));
        add(ProcEntry.file("comm", 0644, i -> i.task().comm + "\n"));
        add(ProcEntry.file("cmdline", 0444, i -> proc_pid_cmdline(i.task())));
        add(ProcEntry.file("stat", 0444, i -> Array.proc_tgid_stat(kernel, i.task())));
        add(ProcEntry.file("statm", 0444, i -> Array.proc_pid_statm(i.task())));
        add(ProcEntry.file("maps", 0444, i -> TaskMmu.show_maps(kernel, i.task())));
        add(ProcEntry.magic_link("cwd", i -> i.task().fs == null ? null : i.task().fs.pwd));
        add(ProcEntry.magic_link("root", i -> i.task().fs == null ? null : i.task().fs.root));
        add(ProcEntry.magic_link("exe", i -> proc_exe_link(i.task())));
        add(ProcEntry.file("mounts", 0444, i -> i.task().fs == null ? ""
                : kernel.vfs().namespace().proc_mounts(i.task().fs.root)));
        add(ProcEntry.file("oom_score_adj", 0644, i -> i.task().signal.oom_score_adj + "\n")
                .writable(this::oom_score_adj_write));
    }

    /** Slots 1.. under the pid, the low bits of the entries' inode numbers. */
    private void add(ProcEntry e) {
        e.low_ino = tgid_base.subdir.size() + 1;
        tgid_base.subdir.add(e);
    }

    /** The /proc/PID directory of {@code t} (proc_pid_instantiate). */
    ProcChild pid_dir(TaskStruct t) {
        return new ProcChild(Integer.toString(t.pid), (long) t.pid << Generic.PID_INO_SHIFT, new ProcInodeInfo(tgid_base, t));
    }

    /** get_mm_cmdline: argv as the process has it, NUL-separated, from arg_start to arg_end. */
    String proc_pid_cmdline(TaskStruct t) {
        MmStruct mm = t.mm;
        return mm == null ? "" : access_remote(mm, mm.arg_start, mm.arg_end);
    }

    /** environ_read: the environment strings, from env_start to env_end. */
    String proc_pid_environ(TaskStruct t) {
        MmStruct mm = t.mm;
        return mm == null ? "" : access_remote(mm, mm.env_start, mm.env_end);
    }

    private String access_remote(MmStruct mm, long start, long end) {
        if (end <= start) {
            return "";
        }
        byte[] b = new byte[(int) Math.min(end - start, 1 << 20)];
        int left = kernel.uaccess().access_remote_vm(mm, start, b, 0, b.length);
        return new String(b, 0, b.length - left, StandardCharsets.ISO_8859_1);
    }

    /** proc_exe_link: the program file of the task's mm. */
    static Path proc_exe_link(TaskStruct t) {
        MmStruct mm = t.mm;
        if (mm != null && mm.exe_file instanceof org.jstap.sim.fs.ElfImage elf) {
            return elf.exe_path;
        }
        return mm != null && mm.exe_file instanceof JavaImage image ? image.exe_path : null;
    }

    /** oom_score_adj_write: an integer in [-1000, 1000] for the whole process; EINVAL otherwise. */
    int oom_score_adj_write(ProcInodeInfo info, String text) {
        String s = text.strip();
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -Errno.EINVAL;
        }
        if (v < OOM_SCORE_ADJ_MIN || v > OOM_SCORE_ADJ_MAX) {
            return -Errno.EINVAL;
        }
        info.task().signal.oom_score_adj = v;
        return 0;
    }
}
