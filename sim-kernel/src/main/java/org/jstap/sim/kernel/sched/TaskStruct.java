package org.jstap.sim.kernel.sched;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.arch.riscv.PtRegs;
import org.jstap.sim.kernel.KernelObject;
import org.jstap.sim.kernel.cred.Cred;
import org.jstap.sim.kernel.signal.SigPending;
import org.jstap.sim.kernel.signal.SighandStruct;
import org.jstap.sim.kernel.signal.SignalStruct;
import org.jstap.sim.mm.MmStruct;

/**
 * struct task_struct (include/linux/sched.h): a thread of execution, user or kernel. Its public
 * fields are the ones Linux code and scripts read ({@code $task->pid}, {@code ->real_parent},
 * {@code ->mm}); the scheduler's own fields stay in this package. Everything is guarded by the
 * machine's single running thread (Linux: the task's locks and its runqueue's lock).
 */
public final class TaskStruct implements KernelObject {
    /** __state values: TASK_RUNNING and the sleeps. */
    public enum State { RUNNING, INTERRUPTIBLE, UNINTERRUPTIBLE, STOPPED, DEAD }

    /** exit_state values. */
    public static final int EXIT_DEAD = 0x10;
    public static final int EXIT_ZOMBIE = 0x20;
    /** flags bits (PF_*). */
    public static final int PF_IDLE = 0x2;
    public static final int PF_EXITING = 0x4;
    public static final int PF_FORKNOEXEC = 0x40;
    public static final int PF_SIGNALED = 0x400;
    public static final int PF_KTHREAD = 0x00200000;

    public final int pid;
    public int tgid;
    public String comm;
    public int flags;
    public int exit_state;
    public int exit_code;
    /** The signal the parent gets when this task dies (SIGCHLD for processes, -1 for threads). */
    public int exit_signal;
    public TaskStruct real_parent;
    public TaskStruct parent;
    /** Children (the sibling lists of Linux), oldest first. */
    public final List<TaskStruct> children = new ArrayList<>();
    public TaskStruct group_leader = this;
    public MmStruct mm;
    /** Open files (descriptor table) and file-system context (root, cwd, umask). */
    public org.jstap.sim.fs.FilesStruct files;
    public org.jstap.sim.fs.FsStruct fs;
    public Cred cred;
    public SignalStruct signal;
    public SighandStruct sighand;
    /** Signals sent to this thread only, and the ones it blocks. */
    public final SigPending pending = new SigPending();
    public long blocked;
    /** How a call a signal interrupted carries on when restarted (restart_syscall). */
    public final org.jstap.sim.kernel.signal.RestartBlock restart_block = new org.jstap.sim.kernel.signal.RestartBlock();
    /** The user registers saved on kernel entry (task_pt_regs); null for kernel threads. */
    public PtRegs regs;
    /** CLONE_CHILD_CLEARTID's address: zeroed and futex-woken when the thread exits. */
    public long clear_child_tid;
    /** Counts the task's successful execs (self_exec_id): user mode restarts in the new image. */
    public int self_exec_id;
    /** When the task was created (CLOCK_MONOTONIC ns) and its page faults. */
    public long start_time;
    public long min_flt;
    public long maj_flt;
    /** Time spent in user mode, in ns (account_user_time adds to it); system time is the rest of the run time. */
    public long utime;
    /** set_robust_list's head: the user list of robust futexes this thread holds (0: none). */
    public long robust_list;
    /** Set while a vfork parent waits for this child to exec or exit. */
    public WaitQueueHead vfork_done;
    /** Freed when it drops to zero: one reference for running, one for being reaped (usage). */
    int usage = 2;
    final long kaddr;
    /** What a kernel thread runs; null for user tasks. */
    final Runnable fn;

    State state = State.RUNNING;
    int cpu;
    /** CFS virtual runtime and real run time, in ns. */
    long vruntime;
    long sumExecRuntime;
    /** When it last resumed on its CPU, for run-time accounting. */
    long execStart;
    /** When it was last switched in: its slice is measured from here. */
    long sliceStart;
    /** se.nr_migrations: times the load balancer moved the task to another CPU. */
    long nrMigrations;

    /** Voluntary and involuntary context switches (nvcsw, nivcsw). */
    long nvcsw;
    long nivcsw;
    boolean onRq;
    Coroutine coroutine;

    public TaskStruct(int pid, long kaddr, String comm, Runnable fn, int cpu) {
        this.pid = pid;
        this.tgid = pid;
        this.kaddr = kaddr;
        this.comm = comm;
        this.fn = fn;
        this.cpu = cpu;
    }

    @Override
    public long kaddr() {
        return kaddr;
    }

    public int pid() {
        return pid;
    }

    public int tgid() {
        return tgid;
    }

    public String comm() {
        return comm;
    }

    public State state() {
        return state;
    }

    /** Sets __state; the scheduler acts on it at the next schedule(). */
    public void set_current_state(State s) {
        state = s;
    }

    public int cpu() {
        return cpu;
    }

    public long nr_migrations() {
        return nrMigrations;
    }

    public long sumExecRuntime() {
        return sumExecRuntime;
    }

    public long nvcsw() {
        return nvcsw;
    }

    public long nivcsw() {
        return nivcsw;
    }

    /** The parent's process id as getppid() reports it: 0 for the tasks without one. */
    public int ppid() {
        return real_parent == null ? 0 : real_parent.tgid;
    }

    public boolean has_fn() {
        return fn != null;
    }

    /** Runs a kernel thread's function. */
    public void fn_run() {
        fn.run();
    }

    /** Drops a reference (put_task_struct's count); returns how many are left. */
    public int put() {
        return --usage;
    }

    public boolean is_kthread() {
        return (flags & PF_KTHREAD) != 0;
    }

    public boolean thread_group_leader() {
        return group_leader == this;
    }

    @Override
    public String toString() {
        return comm + "[" + pid + "]";
    }
}
