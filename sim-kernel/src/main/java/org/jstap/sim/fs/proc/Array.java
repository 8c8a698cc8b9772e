package org.jstap.sim.fs.proc;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.cred.Cred;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.signal.SigAction;
import org.jstap.sim.kernel.signal.Signals;
import org.jstap.sim.mm.MmStruct;

/**
 * fs/proc/array.c: /proc/PID/status (names and tab-separated values, in Linux's order), stat
 * (the 52 space-separated fields procps parses) and statm.
 */
@LinuxFile("fs/proc/array.c")
public final class Array {
    /** USER_HZ: the clock ticks stat's times are in. */
    public static final long USER_HZ = 100;
    /** CAP_FULL_SET for CAP_LAST_CAP 40. */
    static final long CAP_FULL_SET = (1L << 41) - 1;
    /** RLIM_INFINITY, printed unsigned. */
    static final String RLIM_INFINITY = Long.toUnsignedString(-1L);
    /** THREAD_SIZE on riscv64, which sets max_threads and so the SIGPENDING limit. */
    static final long THREAD_SIZE = 16384;

    private Array() {}

    /** get_task_state: the letter and word of the task's state. */
    static String get_task_state(TaskStruct t) {
        if (t.exit_state == TaskStruct.EXIT_ZOMBIE) {
            return "Z (zombie)";
        }
        if (t.exit_state == TaskStruct.EXIT_DEAD) {
            return "X (dead)";
        }
        return switch (t.state()) {
            case RUNNING -> "R (running)";
            case INTERRUPTIBLE -> "S (sleeping)";
            case UNINTERRUPTIBLE -> "D (disk sleep)";
            case STOPPED -> "T (stopped)";
            case DEAD -> "X (dead)";
        };
    }

    static long nsec_to_clock_t(long ns) {
        return ns / (1_000_000_000L / USER_HZ);
    }

    /** The threads of t's process (the leader alone when the list is not kept). */
    private static java.util.List<TaskStruct> threads(TaskStruct t) {
        var l = t.signal == null ? java.util.List.<TaskStruct>of() : t.signal.thread_head;
        return l.isEmpty() ? java.util.List.of(t) : l;
    }

    /** Signals ignored and caught (collect_sigign_sigcatch). */
    private static long[] sigign_sigcatch(TaskStruct t) {
        long ign = 0;
        long cgt = 0;
        if (t.sighand != null) {
            for (int sig = 1; sig <= Signals.NSIG; sig++) {
                SigAction a = t.sighand.action[sig];
                if (a.handler() == Signals.SIG_IGN) {
                    ign |= 1L << (sig - 1);
                } else if (a.handler() != Signals.SIG_DFL) {
                    cgt |= 1L << (sig - 1);
                }
            }
        }
        return new long[] {ign, cgt};
    }

    private static void sigset(StringBuilder m, String header, long set) {
        m.append(header).append(String.format("%016x", set)).append('\n');
    }

    /** proc_pid_status. */
    public static String proc_pid_status(Kernel kernel, TaskStruct t) {
        StringBuilder m = new StringBuilder();
        m.append("Name:\t").append(t.comm.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        if (t.fs != null) {
            m.append("Umask:\t").append(String.format("%04o", t.fs.umask)).append('\n');
        }
        // task_state
        Cred c = t.cred == null ? Cred.ROOT : t.cred;
        int ppid = t.pid == 1 || t.real_parent == null ? 0 : t.real_parent.tgid;
        int pgrp = t.signal == null ? 0 : t.signal.pgrp;
        int sid = t.signal == null ? 0 : t.signal.session;
        m.append("State:\t").append(get_task_state(t));
        m.append("\nTgid:\t").append(t.tgid).append("\nNgid:\t0\nPid:\t").append(t.pid);
        m.append("\nPPid:\t").append(ppid).append("\nTracerPid:\t0");
        m.append("\nUid:\t").append(c.uid()).append('\t').append(c.euid()).append('\t').append(c.suid())
                .append('\t').append(c.fsuid());
        m.append("\nGid:\t").append(c.gid()).append('\t').append(c.egid()).append('\t').append(c.sgid())
                .append('\t').append(c.fsgid());
        m.append("\nFDSize:\t").append(t.files == null ? 0 : t.files.max_fds());
        // no supplementary groups; the trailing blank is Linux's
        m.append("\nGroups:\t ");
        m.append("\nNStgid:\t").append(t.tgid).append("\nNSpid:\t").append(t.pid);
        m.append("\nNSpgid:\t").append(pgrp).append("\nNSsid:\t").append(sid).append('\n');
        MmStruct mm = t.mm;
        if (mm != null) {
            TaskMmu.task_mem(m, mm);
            m.append("CoreDumping:\t0\nTHP_enabled:\t0\n");
        }
        // task_sig
        long[] ic = sigign_sigcatch(t);
        long maxThreads = Math.max(20, kernel.page_alloc().totalram_pages() * 4096 / (8 * THREAD_SIZE));
        int queued = t.pending.queued() + (t.signal == null ? 0 : t.signal.shared_pending.queued());
        m.append("Threads:\t").append(t.signal == null ? 1 : t.signal.nr_threads);
        m.append("\nSigQ:\t").append(queued).append('/').append(maxThreads / 2);
        sigset(m, "\nSigPnd:\t", t.pending.signal);
        sigset(m, "ShdPnd:\t", t.signal == null ? 0 : t.signal.shared_pending.signal);
        sigset(m, "SigBlk:\t", t.blocked);
        sigset(m, "SigIgn:\t", ic[0]);
        sigset(m, "SigCgt:\t", ic[1]);
        // task_cap: root has every capability
        long caps = c.euid() == 0 ? CAP_FULL_SET : 0;
        sigset(m, "CapInh:\t", 0);
        sigset(m, "CapPrm:\t", caps);
        sigset(m, "CapEff:\t", caps);
        sigset(m, "CapBnd:\t", CAP_FULL_SET);
        sigset(m, "CapAmb:\t", 0);
        // task_seccomp
        m.append("NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
        m.append("Speculation_Store_Bypass:\tunknown\nSpeculationIndirectBranch:\tunknown\n");
        // task_cpus_allowed, cpuset_task_status_allowed
        int cpus = kernel.config().cpus();
        m.append("Cpus_allowed:\t").append(Long.toHexString((1L << cpus) - 1));
        m.append("\nCpus_allowed_list:\t").append(cpus == 1 ? "0" : "0-" + (cpus - 1));
        m.append("\nMems_allowed:\t1\nMems_allowed_list:\t0\n");
        // task_context_switch_counts
        m.append("voluntary_ctxt_switches:\t").append(t.nvcsw());
        m.append("\nnonvoluntary_ctxt_switches:\t").append(t.nivcsw()).append('\n');
        return m.toString();
    }

    /** The controlling terminal's device (new_encode_dev), 0 without one: the console is ttyS0 (4:64). */
    private static long tty_nr(Kernel kernel, TaskStruct t) {
        var tty = kernel.console().tty();
        return t.signal != null && tty.session != 0 && t.signal.session == tty.session
                ? org.jstap.sim.fs.Super.new_encode_dev(org.jstap.sim.fs.Super.MKDEV(4, 64)) : 0;
    }

    /** The terminal's foreground process group, -1 without a terminal. */
    private static long tpgid(Kernel kernel, TaskStruct t) {
        return tty_nr(kernel, t) != 0 ? kernel.console().tty().pgrp : -1;
    }

    /** proc_tgid_stat (do_task_stat with whole): the 52 fields of /proc/PID/stat. */
    public static String proc_tgid_stat(Kernel kernel, TaskStruct t) {
        MmStruct mm = t.mm;
        long minFlt = 0;
        long majFlt = 0;
        for (TaskStruct th : threads(t)) {
            minFlt += th.min_flt;
            majFlt += th.maj_flt;
        }
        var times = t.signal == null ? org.jstap.sim.kernel.sched.Cputime.task_cputime(kernel, t)
                : org.jstap.sim.kernel.sched.Cputime.thread_group_cputime(kernel, t);
        long utime = times.utime();
        long stime = times.stime();
        long[] ic = sigign_sigcatch(t);
        int ppid = t.pid == 1 || t.real_parent == null ? 0 : t.real_parent.tgid;
        long vsize = mm == null ? 0 : mm.total_vm << 12;
        boolean running = t.state() == TaskStruct.State.RUNNING && t.exit_state == 0;
        StringBuilder m = new StringBuilder();
        m.append(t.pid).append(" (").append(t.comm).append(") ").append(get_task_state(t).charAt(0));
        long[] f = {
            ppid, t.signal == null ? 0 : t.signal.pgrp, t.signal == null ? 0 : t.signal.session,
            tty_nr(kernel, t), tpgid(kernel, t), t.flags & 0xffffffffL, minFlt, t.signal == null ? 0 : t.signal.cmin_flt,
            majFlt, 0, nsec_to_clock_t(utime), nsec_to_clock_t(stime),
            nsec_to_clock_t(t.signal == null ? 0 : t.signal.cutime), nsec_to_clock_t(t.signal == null ? 0 : t.signal.cstime),
            20 /* priority: prio - MAX_RT_PRIO */, 0 /* nice */, t.signal == null ? 1 : t.signal.nr_threads,
            0 /* itrealvalue */, nsec_to_clock_t(t.start_time), vsize, mm == null ? 0 : TaskMmu.get_mm_rss(mm),
        };
        for (long v : f) {
            m.append(' ').append(v);
        }
        m.append(' ').append(RLIM_INFINITY);
        long[] g = {
            mm == null ? 0 : mm.start_code, mm == null ? 0 : mm.end_code, mm == null ? 0 : mm.start_stack,
            0 /* kstkesp */, 0 /* kstkeip */, t.pending.signal & 0x7fffffffL, t.blocked & 0x7fffffffL,
            ic[0] & 0x7fffffffL, ic[1] & 0x7fffffffL, running ? 0 : 1 /* wchan */, 0, 0, t.exit_signal, t.cpu(),
            0 /* rt_priority */, 0 /* policy */, 0 /* delayacct_blkio_ticks */, 0, 0,
            mm == null ? 0 : mm.start_data, mm == null ? 0 : mm.end_data, mm == null ? 0 : mm.start_brk,
            mm == null ? 0 : mm.arg_start, mm == null ? 0 : mm.arg_end, mm == null ? 0 : mm.env_start,
            mm == null ? 0 : mm.env_end, t.exit_code,
        };
        for (long v : g) {
            m.append(' ').append(v);
        }
        return m.append('\n').toString();
    }

    /** proc_pid_statm: size resident shared text lib data dt, in pages. */
    public static String proc_pid_statm(TaskStruct t) {
        MmStruct mm = t.mm;
        if (mm == null) {
            return "0 0 0 0 0 0 0\n";
        }
        long text = ((mm.end_code + 0xfff & ~0xfffL) - (mm.start_code & ~0xfffL)) >> 12;
        return mm.total_vm + " " + TaskMmu.get_mm_rss(mm) + " 0 " + text + " 0 "
                + (TaskMmu.data_vm(mm) + TaskMmu.stack_vm(mm)) + " 0\n";
    }
}
