package org.jstap.sim.kernel.signal;

import static org.jstap.sim.kernel.signal.Signals.SIGCHLD;
import static org.jstap.sim.kernel.signal.Signals.SIGCONT;
import static org.jstap.sim.kernel.signal.Signals.SIGKILL;
import static org.jstap.sim.kernel.signal.Signals.SIGSTOP;
import static org.jstap.sim.kernel.signal.Signals.SIG_DFL;
import static org.jstap.sim.kernel.signal.Signals.SIG_IGN;
import static org.jstap.sim.kernel.signal.Signals.sigmask;

import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.Exit;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.trace.TraceEvents;

/**
 * kernel/signal.c: sending, blocking and taking signals. A signal for a process is queued in its
 * shared pending set, one for a thread in the thread's own; a sleeping task is woken to notice it.
 * The task acts on it on its way back to user mode ({@link #get_signal}): a handler runs, or the
 * default action terminates, stops, continues or ignores.
 */
@LinuxFile("kernel/signal.c")
public final class Signal {
    public static final int SIG_BLOCK = 0;
    public static final int SIG_UNBLOCK = 1;
    public static final int SIG_SETMASK = 2;
    /** Signals that may never be blocked. */
    private static final long UNBLOCKABLE = sigmask(SIGKILL) | sigmask(SIGSTOP);
    private static final long STOP_MASK = sigmask(SIGSTOP) | sigmask(Signals.SIGTSTP) | sigmask(Signals.SIGTTIN)
            | sigmask(Signals.SIGTTOU);

    /** A signal get_signal chose for a handler: the number, its info and the action to run. */
    public record Ksignal(int sig, Siginfo info, SigAction ka) {}

    private final Kernel kernel;

    public Signal(Kernel kernel) {
        this.kernel = kernel;
    }

    /** signal_pending: a signal the task does not block waits for it (or it is being killed). */
    public boolean signal_pending(TaskStruct t) {
        if (t.signal == null) {
            return false;
        }
        long pending = t.pending.signal | t.signal.shared_pending.signal;
        return (pending & ~t.blocked) != 0 || fatal_signal_pending(t);
    }

    public boolean fatal_signal_pending(TaskStruct t) {
        return (t.pending.signal & sigmask(SIGKILL)) != 0;
    }

    // ---------------------------------------------------------------- sending

    /** sig_ignored: a signal that would be ignored on arrival is not queued at all. */
    private boolean sig_ignored(TaskStruct t, int sig) {
        if ((t.blocked & sigmask(sig)) != 0 || t.sighand == null) {
            return false;
        }
        long handler = t.sighand.action[sig].handler();
        return handler == SIG_IGN
                || (handler == SIG_DFL && Signals.default_action(sig) == Signals.Default.IGNORE);
    }

    /**
     * send_signal_locked: queues {@code sig} for the thread ({@code group} false) or its process,
     * and wakes a thread that can take it. Stop and continue signals cancel each other first.
     */
    public int send_signal(int sig, Siginfo info, TaskStruct t, boolean group) {
        if (t.exit_state != 0 || t.signal == null) {
            kernel.trace().signal_generate(sig, info, t, group ? 1 : 0, TraceEvents.TRACE_SIGNAL_IGNORED);
            return 0;
        }
        prepare_signal(sig, t);
        if (sig_ignored(t, sig) && sig != SIGCONT) {
            kernel.trace().signal_generate(sig, info, t, group ? 1 : 0, TraceEvents.TRACE_SIGNAL_IGNORED);
            return 0;
        }
        SigPending pending = group ? t.signal.shared_pending : t.pending;
        boolean queued = pending.add(info);
        complete_signal(sig, t, group);
        // Linux traces at the end of __send_signal_locked, once the outcome is known
        kernel.trace().signal_generate(sig, info, t, group ? 1 : 0,
                queued ? TraceEvents.TRACE_SIGNAL_DELIVERED : TraceEvents.TRACE_SIGNAL_ALREADY_PENDING);
        return 0;
    }

    /** prepare_signal: SIGCONT drops pending stops and resumes a stopped process; a stop drops SIGCONT. */
    private void prepare_signal(int sig, TaskStruct t) {
        SignalStruct s = t.signal;
        if (sig == SIGCONT) {
            s.shared_pending.flush(STOP_MASK);
            for (TaskStruct th : s.thread_head) {
                th.pending.flush(STOP_MASK);
            }
            if (s.stopped) {
                s.stopped = false;
                s.stop_reported = false;
                s.continued = true;
                for (TaskStruct th : s.thread_head) {
                    if (th.state() == TaskStruct.State.STOPPED) {
                        th.set_current_state(TaskStruct.State.INTERRUPTIBLE);
                        kernel.sched().wake_up_process(th);
                    }
                }
                TaskStruct parent = t.group_leader.real_parent;
                if (parent != null) {
                    do_notify_parent_cldstop(t.group_leader, Siginfo.CLD_CONTINUED);
                }
            }
        } else if ((sigmask(sig) & STOP_MASK) != 0) {
            s.shared_pending.flush(sigmask(SIGCONT));
            for (TaskStruct th : s.thread_head) {
                th.pending.flush(sigmask(SIGCONT));
            }
        }
    }

    /** complete_signal: a fatal signal kills the whole process; otherwise one thread is woken. */
    private void complete_signal(int sig, TaskStruct t, boolean group) {
        SignalStruct s = t.signal;
        boolean fatal = sig == SIGKILL || ((t.blocked & sigmask(sig)) == 0 && t.sighand.action[sig].handler() == SIG_DFL
                && (Signals.default_action(sig) == Signals.Default.TERM
                        || Signals.default_action(sig) == Signals.Default.CORE) && group);
        if (fatal && (s.flags & SignalStruct.SIGNAL_GROUP_EXIT) == 0) {
            if (sig == SIGKILL || Signals.default_action(sig) == Signals.Default.TERM) {
                // the whole group dies now: every thread gets SIGKILL
                s.flags |= SignalStruct.SIGNAL_GROUP_EXIT;
                s.group_exit_code = sig;
                for (TaskStruct th : s.thread_head) {
                    th.pending.add(Siginfo.kernel(SIGKILL));
                    signal_wake_up(th, true);
                }
                return;
            }
        }
        if (!group) {
            signal_wake_up(t, sig == SIGKILL);
            return;
        }
        for (TaskStruct th : s.thread_head) {
            if ((th.blocked & sigmask(sig)) == 0) {
                signal_wake_up(th, sig == SIGKILL);
                return;
            }
        }
    }

    /** signal_wake_up: an interruptible sleeper (or any, for a fatal signal) wakes to see the signal. */
    private void signal_wake_up(TaskStruct t, boolean fatal) {
        kernel.sched().wake_up_state(t, fatal);
        if (fatal && t.state() == TaskStruct.State.STOPPED) {
            t.set_current_state(TaskStruct.State.INTERRUPTIBLE);
            kernel.sched().wake_up_process(t);
        }
    }

    /** zap_other_threads: SIGKILL for every other thread of the caller's process. */
    public void zap_other_threads(TaskStruct p) {
        for (TaskStruct t : List.copyOf(p.signal.thread_head)) {
            if (t != p && t.exit_state == 0) {
                t.pending.add(Siginfo.kernel(SIGKILL));
                signal_wake_up(t, true);
            }
        }
    }

    /** check_kill_permission: root may signal anyone; others only their own processes. */
    private int check_kill_permission(int sig, TaskStruct t) {
        TaskStruct current = kernel.sched().current();
        if (current == null || current.cred == null) {
            return 0;
        }
        var c = current.cred;
        var tc = t.cred;
        if (c.euid() == 0 || c.euid() == tc.suid() || c.euid() == tc.uid() || c.uid() == tc.suid() || c.uid() == tc.uid()) {
            return 0;
        }
        return -Errno.EPERM;
    }

    private Siginfo user_info(int sig, int code) {
        TaskStruct current = kernel.sched().current();
        int pid = current == null ? 0 : current.tgid;
        int uid = current == null || current.cred == null ? 0 : current.cred.uid();
        return new Siginfo(sig, 0, code, pid, uid, 0, 0);
    }

    /** group_send_sig_info: to a process, after the permission check; sig 0 only checks. */
    public int group_send_sig_info(int sig, Siginfo info, TaskStruct p) {
        int r = check_kill_permission(sig, p);
        if (r == 0 && sig != 0) {
            r = send_signal(sig, info, p, true);
        }
        return r;
    }

    /** kill_pgrp: from the kernel (a tty's ^C) to every process of a group; no permission check. */
    public int kill_pgrp(int pgrp, int sig, Siginfo info) {
        int count = 0;
        for (TaskStruct p : kernel.pid().processes()) {
            if (p.signal != null && p.signal.pgrp == pgrp && !p.is_kthread() && p.exit_state == 0) {
                send_signal(sig, info, p, true);
                count++;
            }
        }
        return count == 0 ? -Errno.ESRCH : 0;
    }

    /** kill_something_info: the targets of kill(2) by pid, process group, or everyone. */
    public int kill_something_info(int sig, int pid) {
        Siginfo info = user_info(sig, Siginfo.SI_USER);
        if (pid > 0) {
            TaskStruct p = kernel.pid().find_task_by_vpid(pid);
            if (p == null || p.exit_state == TaskStruct.EXIT_DEAD) {
                return -Errno.ESRCH;
            }
            return group_send_sig_info(sig, info, p.group_leader);
        }
        TaskStruct current = kernel.sched().current();
        int pgrp = pid == 0 ? current.signal.pgrp : -pid;
        int result = -Errno.ESRCH;
        int count = 0;
        for (TaskStruct p : kernel.pid().processes()) {
            boolean target = pid == -1 ? p.pid > 1 && p.tgid != current.tgid && !p.is_kthread()
                    : p.signal != null && p.signal.pgrp == pgrp && !p.is_kthread();
            if (target && p.exit_state == 0) {
                int r = group_send_sig_info(sig, info, p);
                count++;
                if (r != -Errno.EPERM || result == -Errno.ESRCH) {
                    result = r;
                }
            }
        }
        return count == 0 ? -Errno.ESRCH : result;
    }

    /** do_tkill (tgkill): to one thread of a process; ESRCH if the thread is not in that process. */
    public int do_tkill(int tgid, int pid, int sig) {
        TaskStruct p = kernel.pid().find_task_by_vpid(pid);
        if (p == null || (tgid > 0 && p.tgid != tgid) || p.exit_state != 0) {
            return -Errno.ESRCH;
        }
        int r = check_kill_permission(sig, p);
        if (r == 0 && sig != 0) {
            r = send_signal(sig, user_info(sig, Siginfo.SI_TKILL), p, false);
        }
        return r;
    }

    /**
     * force_sig_fault: a synchronous fault (SIGSEGV, SIGBUS) the task cannot block or ignore: a
     * blocked or ignored one is reset to the default action.
     */
    public void force_sig_fault(int sig, int code, long addr) {
        TaskStruct t = kernel.sched().current();
        SigAction action = t.sighand.action[sig];
        if (action.handler() == SIG_IGN || (t.blocked & sigmask(sig)) != 0) {
            t.sighand.action[sig] = SigAction.DEFAULT;
            t.blocked &= ~sigmask(sig);
        }
        send_signal(sig, new Siginfo(sig, 0, code, 0, 0, 0, addr), t, false);
    }

    /**
     * do_notify_parent: tells the parent that {@code tsk} died. Returns true when nobody will wait
     * for it (the parent ignores SIGCHLD or set SA_NOCLDWAIT), so it is reaped at once.
     */
    public boolean do_notify_parent(TaskStruct tsk, int sig) {
        TaskStruct parent = tsk.real_parent;
        if (parent == null || parent.sighand == null) {
            return true;
        }
        int code = (tsk.signal.flags & SignalStruct.SIGNAL_GROUP_EXIT) != 0 ? tsk.signal.group_exit_code : tsk.exit_code;
        boolean autoreap = false;
        SigAction psig = parent.sighand.action[SIGCHLD];
        if (sig == SIGCHLD && (psig.handler() == SIG_IGN || (psig.flags() & Signals.SA_NOCLDWAIT) != 0)) {
            autoreap = true;
            if (psig.handler() == SIG_IGN) {
                sig = 0;
            }
        }
        if (sig > 0 && Signals.valid_signal(sig)) {
            Siginfo info = Exit.child_info(tsk, code);
            Siginfo sent = new Siginfo(sig, 0, info.code(), info.pid(), info.uid(), info.status(), 0);
            send_signal(sig, sent, parent, true);
        }
        __wake_up_parent(parent);
        return autoreap;
    }

    /** A child stopped or continued: SIGCHLD (unless SA_NOCLDSTOP) and a wake-up for waiters. */
    private void do_notify_parent_cldstop(TaskStruct tsk, int why) {
        TaskStruct parent = tsk.real_parent;
        if (parent == null || parent.sighand == null) {
            return;
        }
        SigAction psig = parent.sighand.action[SIGCHLD];
        if (psig.handler() != SIG_IGN && (psig.flags() & Signals.SA_NOCLDSTOP) == 0) {
            int status = why == Siginfo.CLD_CONTINUED ? SIGCONT : SIGSTOP;
            send_signal(SIGCHLD, new Siginfo(SIGCHLD, 0, why, tsk.tgid, tsk.cred.uid(), status, 0), parent, true);
        }
        __wake_up_parent(parent);
    }

    private void __wake_up_parent(TaskStruct parent) {
        for (TaskStruct t : parent.signal.thread_head) {
            kernel.waitq().wake_up(t.signal.wait_chldexit);
        }
        kernel.waitq().wake_up(parent.signal.wait_chldexit);
    }

    // ---------------------------------------------------------------- actions and masks

    /** do_sigaction: reads and/or sets an action; setting one to ignore drops what is pending. */
    public int do_sigaction(int sig, SigAction act, SigAction[] oact) {
        TaskStruct t = kernel.sched().current();
        if (sig < 1 || sig > Signals.NSIG || (act != null && Signals.sig_kernel_only(sig))) {
            return -Errno.EINVAL;
        }
        if (oact != null) {
            oact[0] = t.sighand.action[sig];
        }
        if (act != null) {
            t.sighand.action[sig] = new SigAction(act.handler(), act.flags(), act.restorer(), act.mask() & ~UNBLOCKABLE);
            if (sig_ignored(t, sig) || act.handler() == SIG_IGN) {
                t.signal.shared_pending.flush(sigmask(sig));
                for (TaskStruct th : t.signal.thread_head) {
                    th.pending.flush(sigmask(sig));
                }
            }
        }
        return 0;
    }

    /** sigprocmask: changes the blocked set (SIGKILL and SIGSTOP are never blocked). */
    public int sigprocmask(int how, long set) {
        TaskStruct t = kernel.sched().current();
        long blocked = switch (how) {
            case SIG_BLOCK -> t.blocked | set;
            case SIG_UNBLOCK -> t.blocked & ~set;
            case SIG_SETMASK -> set;
            default -> -1;
        };
        if (how < SIG_BLOCK || how > SIG_SETMASK) {
            return -Errno.EINVAL;
        }
        t.blocked = blocked & ~UNBLOCKABLE;
        return 0;
    }

    // ---------------------------------------------------------------- taking signals

    /**
     * get_signal: on the way back to user mode, takes pending signals in order of number. Default
     * actions happen here (the task may exit or stop); the first signal with a handler is
     * returned for the architecture to set up its frame, or null if none.
     */
    public Ksignal get_signal() {
        TaskStruct t = kernel.sched().current();
        while (true) {
            if (fatal_signal_pending(t) || (t.signal.flags & SignalStruct.SIGNAL_GROUP_EXIT) != 0) {
                // as Linux's get_signal: a dying group takes SIGKILL without dequeuing it
                kernel.trace().signal_deliver(SIGKILL, null, t.sighand.action[SIGKILL]);
                kernel.exit().do_group_exit(t.signal.group_exit_code != 0 ? t.signal.group_exit_code : SIGKILL);
            }
            int sig = next_signal(t);
            if (sig == 0) {
                return null;
            }
            boolean shared = (t.pending.signal & sigmask(sig)) == 0;
            Siginfo info = (shared ? t.signal.shared_pending : t.pending).take(sig);
            SigAction ka = t.sighand.action[sig];
            kernel.trace().signal_deliver(sig, info, ka);
            if (ka.handler() == SIG_IGN) {
                continue;
            }
            if (ka.handler() != SIG_DFL) {
                if ((ka.flags() & Signals.SA_RESETHAND) != 0) {
                    t.sighand.action[sig] = SigAction.DEFAULT;
                }
                return new Ksignal(sig, info, ka);
            }
            switch (Signals.default_action(sig)) {
                case IGNORE, CONT -> { }
                case STOP -> do_signal_stop(t, sig);
                case TERM -> kernel.exit().do_group_exit(sig);
                case CORE -> {
                    t.flags |= TaskStruct.PF_SIGNALED;
                    // no core files are written; the status says one was (WCOREDUMP) when
                    // do_coredump would have written it: RLIMIT_CORE at least binfmt's min_coredump
                    boolean dumped = Long.compareUnsigned(org.jstap.sim.kernel.Rlimit.task_rlimit(t,
                            org.jstap.sim.kernel.Rlimit.RLIMIT_CORE), org.jstap.sim.arch.riscv.Page.PAGE_SIZE) >= 0;
                    kernel.exit().do_group_exit(sig | (dumped ? 0x80 : 0));
                }
            }
        }
    }

    /** The lowest-numbered pending signal the task does not block, preferring synchronous faults. */
    private static int next_signal(TaskStruct t) {
        long pending = (t.pending.signal | t.signal.shared_pending.signal) & ~t.blocked;
        if (pending == 0) {
            return 0;
        }
        long sync = pending & (sigmask(Signals.SIGSEGV) | sigmask(Signals.SIGBUS) | sigmask(Signals.SIGILL)
                | sigmask(Signals.SIGTRAP) | sigmask(Signals.SIGFPE) | sigmask(Signals.SIGSYS));
        long pick = sync != 0 ? sync : pending;
        return Long.numberOfTrailingZeros(pick) + 1;
    }

    /** do_signal_stop: the process stops until SIGCONT (or SIGKILL); the parent is told. */
    private void do_signal_stop(TaskStruct t, int sig) {
        SignalStruct s = t.signal;
        if (!s.stopped) {
            s.stopped = true;
            s.stop_reported = false;
            s.continued = false;
            do_notify_parent_cldstop(t.group_leader, Siginfo.CLD_STOPPED);
        }
        while (s.stopped && !fatal_signal_pending(t)) {
            t.set_current_state(TaskStruct.State.STOPPED);
            kernel.sched().schedule();
        }
        t.set_current_state(TaskStruct.State.RUNNING);
    }

    // ---------------------------------------------------------------- the syscalls

    /** kill(2). */
    /** restart_syscall(2): carries on the call the last signal interrupted (restart_block.fn). */
    public long __do_sys_restart_syscall() {
        RestartBlock restart = kernel.sched().current().restart_block;
        return restart.fn.restart(restart);
    }

    public long __do_sys_kill(int pid, long sig) {
        if (!Signals.valid_signal(sig)) {
            return -Errno.EINVAL;
        }
        return kill_something_info((int) sig, pid);
    }

    /** tgkill(2). */
    public long __do_sys_tgkill(int tgid, int pid, long sig) {
        if (pid <= 0 || tgid <= 0 || !Signals.valid_signal(sig)) {
            return -Errno.EINVAL;
        }
        return do_tkill(tgid, pid, (int) sig);
    }

    /** rt_sigaction(2): struct sigaction is {handler, flags, mask} on RISC-V (no sa_restorer). */
    public long __do_sys_rt_sigaction(long sig, long act, long oact, long sigsetsize) {
        if (sigsetsize != 8) {
            return -Errno.EINVAL;
        }
        SigAction newAction = null;
        if (act != 0) {
            byte[] raw = new byte[24];
            if (kernel.uaccess().copy_from_user(raw, 0, act, 24) != 0) {
                return -Errno.EFAULT;
            }
            var b = java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            newAction = new SigAction(b.getLong(0), b.getLong(8), 0, b.getLong(16));
        }
        SigAction[] old = new SigAction[1];
        if (sig < 1 || sig > Signals.NSIG) {
            return -Errno.EINVAL;
        }
        int r = do_sigaction((int) sig, newAction, old);
        if (r == 0 && oact != 0) {
            var b = java.nio.ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putLong(old[0].handler()).putLong(old[0].flags()).putLong(old[0].mask());
            if (kernel.uaccess().copy_to_user(oact, b.array(), 0, 24) != 0) {
                return -Errno.EFAULT;
            }
        }
        return r;
    }

    /** rt_sigprocmask(2). */
    public long __do_sys_rt_sigprocmask(int how, long set, long oset, long sigsetsize) {
        if (sigsetsize != 8) {
            return -Errno.EINVAL;
        }
        TaskStruct t = kernel.sched().current();
        long old = t.blocked;
        if (set != 0) {
            long[] v = new long[1];
            if (kernel.uaccess().get_user(v, set) != 0) {
                return -Errno.EFAULT;
            }
            int r = sigprocmask(how, v[0]);
            if (r != 0) {
                return r;
            }
        }
        if (oset != 0 && kernel.uaccess().put_user(old, oset) != 0) {
            return -Errno.EFAULT;
        }
        return 0;
    }
}
