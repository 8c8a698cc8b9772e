package org.jstap.sim.kernel;

import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.sched.Wait;
import org.jstap.sim.kernel.signal.Siginfo;
import org.jstap.sim.kernel.signal.Signals;

/**
 * kernel/exit.c: the end of a task and the reaping of zombies. {@code do_exit} lets go of the
 * address space, hands the children to a reaper (init, or a subreaper), tells the parent, and
 * leaves the task a zombie until {@code wait4} collects its status ({@code release_task}), unless
 * the parent said it will not wait.
 */
@LinuxFile("kernel/exit.c")
public final class Exit {
    public static final int WNOHANG = 0x1;
    public static final int WUNTRACED = 0x2;
    public static final int WEXITED = 0x4;
    public static final int WCONTINUED = 0x8;
    public static final int WNOWAIT = 0x01000000;
    public static final int __WNOTHREAD = 0x20000000;
    public static final int __WALL = 0x40000000;
    public static final int __WCLONE = 0x80000000;

    private final Kernel kernel;

    public Exit(Kernel kernel) {
        this.kernel = kernel;
    }

    private TaskStruct current() {
        return kernel.sched().current();
    }

    /** do_exit: the current task ends with {@code code} (a wait status); never returns. */
    public void do_exit(long code) {
        TaskStruct p = current();
        if ((p.flags & TaskStruct.PF_EXITING) != 0) {
            kernel.printk().pr_err("Fixing recursive fault but reboot is needed!");
            kernel.sched().do_task_dead();
        }
        p.flags |= TaskStruct.PF_EXITING;
        if (p.pid == 1 && p.signal.live == 1) {
            kernel.printk().printk(0, "Kernel panic - not syncing: Attempted to kill init! exitcode=0x"
                    + String.format("%08x", code));
        }
        boolean groupDead = --p.signal.live == 0;
        if (groupDead && (p.signal.flags & org.jstap.sim.kernel.signal.SignalStruct.SIGNAL_GROUP_EXIT) == 0) {
            p.signal.group_exit_code = (int) code;
        }
        // as in Linux: the code is set before the address space goes and the tracepoint fires
        p.exit_code = (int) code;
        exit_mm(p);
        kernel.trace().sched_process_exit(p);
        exit_files(p);
        exit_fs(p);
        exit_notify(p, groupDead);
        kernel.sched().do_task_dead();
    }

    /** make_task_dead: what an oops does to the task that hit it. */
    public void make_task_dead(int signr) {
        do_exit(signr);
    }

    /**
     * do_group_exit: every thread of the process exits with {@code code} (exit_group, and fatal
     * signals).
     */
    public void do_group_exit(int code) {
        TaskStruct p = current();
        var sig = p.signal;
        if ((sig.flags & org.jstap.sim.kernel.signal.SignalStruct.SIGNAL_GROUP_EXIT) != 0) {
            code = sig.group_exit_code;
        } else if (sig.nr_threads > 1 || sig.live > 1) {
            sig.flags |= org.jstap.sim.kernel.signal.SignalStruct.SIGNAL_GROUP_EXIT;
            sig.group_exit_code = code;
            kernel.signal().zap_other_threads(p);
        }
        do_exit(code);
    }

    /** exit_files: the task lets go of its descriptor table; the last user closes every file in it. */
    private void exit_files(TaskStruct p) {
        var files = p.files;
        if (files != null) {
            p.files = null;
            kernel.vfs().files().put_files_struct(files);
        }
    }

    /** exit_fs: the task lets go of its root and working directory. */
    private void exit_fs(TaskStruct p) {
        var fs = p.fs;
        if (fs != null) {
            p.fs = null;
            kernel.vfs().free_fs_struct(fs);
        }
    }

    /** exit_mm: the task lets go of its address space (mm_release wakes a vfork parent first). */
    private void exit_mm(TaskStruct p) {
        if (p.mm == null) {
            return;
        }
        if (p.clear_child_tid != 0 && p.mm.mm_users > 1) {
            // CLONE_CHILD_CLEARTID: the thread's id word is zeroed for whoever joins it
            kernel.uaccess().copy_to_user(p.clear_child_tid, new byte[4], 0, 4);
        }
        kernel.fork().complete_vfork_done(p);
        var mm = p.mm;
        p.mm = null;
        kernel.mmap().mmput(mm);
    }

    /** exit_notify: children go to a reaper; the parent hears of the death (or it is reaped at once). */
    private void exit_notify(TaskStruct p, boolean groupDead) {
        forget_original_parent(p);
        p.exit_state = TaskStruct.EXIT_ZOMBIE;
        boolean autoreap;
        if (!p.thread_group_leader()) {
            autoreap = true;
        } else if (groupDead && thread_group_empty(p)) {
            autoreap = kernel.signal().do_notify_parent(p, p.exit_signal);
        } else {
            // delay_group_leader: the leader's death is reported when its last thread goes
            autoreap = false;
        }
        if (autoreap) {
            p.exit_state = TaskStruct.EXIT_DEAD;
            release_task(p);
        }
    }

    static boolean thread_group_empty(TaskStruct p) {
        return p.signal.nr_threads == 1;
    }

    /**
     * find_new_reaper: another live thread of the dying process, else the nearest subreaper among
     * the ancestors, else init.
     */
    private TaskStruct find_new_reaper(TaskStruct father) {
        for (TaskStruct t : father.signal.thread_head) {
            if (t != father && (t.flags & TaskStruct.PF_EXITING) == 0) {
                return t;
            }
        }
        for (TaskStruct a = father.real_parent; a != null && a.pid != 1; a = a.real_parent) {
            if (a.signal != null && a.signal.is_child_subreaper && (a.flags & TaskStruct.PF_EXITING) == 0) {
                return a;
            }
        }
        return kernel.pid().find_task_by_vpid(1);
    }

    /** forget_original_parent: the dying task's children are reparented; zombies among them re-reported. */
    private void forget_original_parent(TaskStruct father) {
        if (father.children.isEmpty()) {
            return;
        }
        TaskStruct reaper = find_new_reaper(father);
        for (TaskStruct child : List.copyOf(father.children)) {
            father.children.remove(child);
            child.real_parent = reaper;
            child.parent = reaper;
            if (reaper == null || reaper == father) {
                continue;
            }
            reaper.children.add(child);
            if (child.exit_state == TaskStruct.EXIT_ZOMBIE && child.thread_group_leader() && thread_group_empty(child)) {
                if (kernel.signal().do_notify_parent(child, child.exit_signal)) {
                    child.exit_state = TaskStruct.EXIT_DEAD;
                    release_task(child);
                }
            }
        }
    }

    /** release_task: the zombie's last traces go: its pid, its place among its parent's children. */
    public void release_task(TaskStruct p) {
        TaskStruct leader = p.group_leader;
        var sig = p.signal;
        // the times are counted while the task is still on its thread list
        if (!p.thread_group_leader()) {
            org.jstap.sim.kernel.sched.Cputime.accountExitedThread(kernel, p);
        } else if (p.real_parent != null && p.real_parent.signal != null) {
            org.jstap.sim.kernel.sched.Cputime.accountReapedChild(kernel, p.real_parent, p);
        }
        sig.nr_threads--;
        sig.thread_head.remove(p);
        if (p.real_parent != null) {
            p.real_parent.children.remove(p);
            if (p.thread_group_leader() && p.real_parent.signal != null) {
                p.real_parent.signal.cmin_flt += p.min_flt + sig.cmin_flt;
            }
        }
        kernel.pid().free_pid(p.pid);
        kernel.fork().__cleanup_sighand(p);
        if (p.thread_group_leader()) {
            kernel.fork().__cleanup_signal(p);
        }
        // Linux traces this in delayed_put_task_struct, the RCU callback release_task queues
        kernel.trace().sched_process_free(p);
        kernel.fork().put_task_struct(p);
        // the last thread gone: a leader that was waiting for it to die is reported now
        if (leader != p && leader.exit_state == TaskStruct.EXIT_ZOMBIE && thread_group_empty(leader)) {
            if (kernel.signal().do_notify_parent(leader, leader.exit_signal)) {
                leader.exit_state = TaskStruct.EXIT_DEAD;
                release_task(leader);
            }
        }
    }

    // ---------------------------------------------------------------- wait4

    /**
     * kernel_wait4: waits for a child to change state. {@code upid}: -1 any child, > 0 that child,
     * 0 the caller's process group, < -1 that process group. Writes the status to
     * {@code statAddr} (if not 0) and returns the child's pid, 0 for WNOHANG with nothing to
     * report, or -errno.
     */
    public long kernel_wait4(int upid, long statAddr, int options, long ruAddr) {
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) != 0) {
            return -Errno.EINVAL;
        }
        if (upid == Integer.MIN_VALUE) {
            return -Errno.ESRCH;
        }
        TaskStruct me = current();
        long[] result = new long[1];
        // do_wait: wo_pid is the child or process group asked for, NULL (0) for any child
        kernel.trace().sched_process_wait(upid > 0 ? upid : upid < -1 ? -upid : 0);
        while (true) {
            int found = do_wait_once(me, upid, options | WEXITED, statAddr, ruAddr, result);
            if (found != 0) {
                return result[0];
            }
            if ((options & WNOHANG) != 0) {
                return 0;
            }
            int r = kernel.waitq().wait_event_interruptible(me.signal.wait_chldexit,
                    () -> has_waitable(me, upid, options | WEXITED));
            if (r < 0) {
                return -Wait.ERESTARTSYS;
            }
        }
    }

    /** The status the last successful wait reported, for kernel callers with no user memory. */
    private int lastStatus;

    /** kernel_wait: waits for child {@code pid} to exit; its wait status, or -errno (ECHILD). */
    public int kernel_wait(int pid) {
        long r = kernel_wait4(pid, 0, 0, 0);
        return r < 0 ? (int) r : lastStatus;
    }

    /** One pass over the children: 1 when a result (a pid or -errno) was produced. */
    private int do_wait_once(TaskStruct me, int upid, int options, long statAddr, long ruAddr, long[] result) {
        boolean eligible = false;
        for (TaskStruct t : waiters(me, options)) {
            for (TaskStruct c : List.copyOf(t.children)) {
                if (!eligible_pid(me, c, upid) || !eligible_child(c, options)) {
                    continue;
                }
                eligible = true;
                int status = reportable_status(c, options);
                if (status < 0) {
                    continue;
                }
                // the child is reaped even when the status or rusage cannot be copied out
                // (kernel_wait4's put_user and sys_wait4's copy_to_user come after do_wait)
                boolean fault = statAddr != 0 && kernel.uaccess().copy_to_user(statAddr, le32(status), 0, 4) != 0;
                fault |= ruAddr != 0 && kernel.uaccess().copy_to_user(ruAddr, rusage(c), 0, 144) != 0;
                result[0] = fault ? -Errno.EFAULT : c.tgid;
                lastStatus = status;
                if (c.exit_state == TaskStruct.EXIT_ZOMBIE) {
                    // wait_task_zombie
                    c.exit_state = TaskStruct.EXIT_DEAD;
                    release_task(c);
                } else if (c.signal.stopped) {
                    c.signal.stop_reported = true;
                } else {
                    c.signal.continued = false;
                }
                return 1;
            }
        }
        if (!eligible) {
            result[0] = -Errno.ECHILD;
            return 1;
        }
        return 0;
    }

    private boolean has_waitable(TaskStruct me, int upid, int options) {
        boolean eligible = false;
        for (TaskStruct t : waiters(me, options)) {
            for (TaskStruct c : t.children) {
                if (eligible_pid(me, c, upid) && eligible_child(c, options)) {
                    eligible = true;
                    if (reportable_status(c, options) >= 0) {
                        return true;
                    }
                }
            }
        }
        return !eligible;
    }

    /** The threads whose children a waiter may reap: its whole process unless __WNOTHREAD. */
    private static List<TaskStruct> waiters(TaskStruct me, int options) {
        return (options & __WNOTHREAD) != 0 ? List.of(me) : List.copyOf(me.signal.thread_head);
    }

    /** The wait status of a child that has something to report, or -1. */
    private static int reportable_status(TaskStruct c, int options) {
        if (c.exit_state == TaskStruct.EXIT_ZOMBIE && c.thread_group_leader() && thread_group_empty(c)) {
            return (c.signal.flags & org.jstap.sim.kernel.signal.SignalStruct.SIGNAL_GROUP_EXIT) != 0
                    ? c.signal.group_exit_code : c.exit_code;
        }
        if ((options & WUNTRACED) != 0 && c.signal.stopped && !c.signal.stop_reported && c.exit_state == 0) {
            return (Signals.SIGSTOP << 8) | 0x7f;
        }
        if ((options & WCONTINUED) != 0 && c.signal.continued && c.exit_state == 0) {
            return 0xffff;
        }
        return -1;
    }

    private static boolean eligible_pid(TaskStruct me, TaskStruct c, int upid) {
        if (upid > 0) {
            return c.pid == upid;
        }
        if (upid == -1) {
            return true;
        }
        int pgrp = upid == 0 ? me.signal.pgrp : -upid;
        return c.signal != null && c.signal.pgrp == pgrp;
    }

    /** eligible_child: threads and clone children are waited for only with __WALL or __WCLONE. */
    private static boolean eligible_child(TaskStruct c, int options) {
        if (!c.thread_group_leader()) {
            return false;
        }
        if ((options & __WALL) != 0) {
            return true;
        }
        return (c.exit_signal != Signals.SIGCHLD) == ((options & __WCLONE) != 0);
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    /** struct rusage of a reaped child (its own and its children's): user and system time, and minor faults. */
    private byte[] rusage(TaskStruct c) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(144).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        var times = org.jstap.sim.kernel.sched.Cputime.thread_group_cputime(kernel, c);
        long utimeUs = (times.utime() + c.signal.cutime) / 1000;
        long stimeUs = (times.stime() + c.signal.cstime) / 1000;
        b.putLong(0, utimeUs / 1_000_000).putLong(8, utimeUs % 1_000_000);
        b.putLong(16, stimeUs / 1_000_000).putLong(24, stimeUs % 1_000_000);
        b.putLong(16 + 16 + 32, c.min_flt + c.signal.cmin_flt);
        return b.array();
    }

    /** Builds a wait status for a normal exit with {@code status} (what exit_group stores). */
    public static int exit_status(int status) {
        return (status & 0xff) << 8;
    }

    /** The siginfo of SIGCHLD for a child that exited with {@code code}. */
    public static Siginfo child_info(TaskStruct c, int code) {
        int si;
        int status;
        if ((code & 0x7f) == 0) {
            si = Siginfo.CLD_EXITED;
            status = (code >> 8) & 0xff;
        } else {
            si = (code & 0x80) != 0 ? Siginfo.CLD_DUMPED : Siginfo.CLD_KILLED;
            status = code & 0x7f;
        }
        return new Siginfo(Signals.SIGCHLD, 0, si, c.tgid, c.cred.uid(), status, 0);
    }

    // ---------------------------------------------------------------- the syscalls

    /** exit(2): this thread ends. */
    public long __do_sys_exit(int status) {
        do_exit(exit_status(status));
        return 0;
    }

    /** exit_group(2): the whole process ends. */
    public long __do_sys_exit_group(int status) {
        do_group_exit(exit_status(status));
        return 0;
    }

    /** wait4(2). */
    public long __do_sys_wait4(int pid, long statAddr, int options, long ru) {
        return kernel_wait4(pid, statAddr, options, ru);
    }
}
