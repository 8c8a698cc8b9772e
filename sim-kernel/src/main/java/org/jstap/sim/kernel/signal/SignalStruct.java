package org.jstap.sim.kernel.signal;

import org.jstap.sim.kernel.sched.WaitQueueHead;

/**
 * struct signal_struct: what the threads of a process share: signals sent to the process, the
 * group exit, the process group and session, the queue a parent waits on for its children, and
 * the children's accumulated times.
 */
public final class SignalStruct {
    public static final int SIGNAL_GROUP_EXIT = 0x4;
    public static final int SIGNAL_STOP_STOPPED = 0x1;

    public final SigPending shared_pending = new SigPending();
    public final WaitQueueHead wait_chldexit = new WaitQueueHead();
    public int nr_threads = 1;
    /** The threads of the process (thread_head), leader first. */
    public final java.util.List<org.jstap.sim.kernel.sched.TaskStruct> thread_head = new java.util.ArrayList<>();
    /** Threads that have not yet exited (signal->live). */
    public int live = 1;
    /** A stop is in progress or done, and the child's state change not yet reported to a waiter. */
    public boolean stopped;
    public boolean stop_reported;
    public boolean continued;
    /** Its object in signal_cache. */
    public long kaddr;
    public int flags;
    public int group_exit_code;
    public int pgrp;
    public int session;
    /** is_child_subreaper (PR_SET_CHILD_SUBREAPER). */
    public boolean is_child_subreaper;
    /** /proc/PID/oom_score_adj: -1000 (never) to 1000, added to the OOM killer's score in thousandths of RAM. */
    public int oom_score_adj;
    /** The address space the OOM killer chose this process for (signal->oom_mm), until it exits. */
    public org.jstap.sim.mm.MmStruct oom_mm;
    /** User and system times (ns) and faults of reaped children, their own reaped children's included. */
    public long cutime;
    public long cstime;
    public long cmin_flt;
    /** Times of the threads that have exited, which the process's times still count (sum_sched_runtime: run time). */
    public long utime;
    public long stime;
    public long sum_sched_runtime;
    /** Resource limits (rlim[RLIM_NLIMITS]): INIT_RLIMITS for the first task, copied at fork. */
    public final org.jstap.sim.kernel.Rlimit[] rlim = org.jstap.sim.kernel.Rlimit.init_rlimits();
}
