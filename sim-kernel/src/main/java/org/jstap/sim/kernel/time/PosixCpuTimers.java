package org.jstap.sim.kernel.time;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.Cputime;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * kernel/time/posix-cpu-timers.c: the CPU-time clocks. CLOCK_PROCESS_CPUTIME_ID and
 * CLOCK_THREAD_CPUTIME_ID are the caller's; negative clock ids name another thread's or
 * process's clock, as clock_getcpuclockid(3) and pthread_getcpuclockid(3) build them:
 * {@code (~pid << 3) | perthread << 2 | which}, with which one of PROF (user + system),
 * VIRT (user) or SCHED (the scheduler's run time).
 */
@LinuxFile("kernel/time/posix-cpu-timers.c")
public final class PosixCpuTimers {
    public static final int CPUCLOCK_PROF = 0;
    public static final int CPUCLOCK_VIRT = 1;
    public static final int CPUCLOCK_SCHED = 2;
    static final int CPUCLOCK_MAX = 3;
    static final int CPUCLOCK_CLOCK_MASK = 3;
    static final int CPUCLOCK_PERTHREAD_MASK = 4;
    /** The clocks of the caller's process and thread (PROCESS_CLOCK, THREAD_CLOCK). */
    static final int PROCESS_CLOCK = make_process_cpuclock(0, CPUCLOCK_SCHED);
    static final int THREAD_CLOCK = make_thread_cpuclock(0, CPUCLOCK_SCHED);

    private final Kernel kernel;

    public PosixCpuTimers(Kernel kernel) {
        this.kernel = kernel;
    }

    public static int make_process_cpuclock(int pid, int clock) {
        return (~pid << 3) | clock;
    }

    public static int make_thread_cpuclock(int tid, int clock) {
        return make_process_cpuclock(tid, clock) | CPUCLOCK_PERTHREAD_MASK;
    }

    static int CPUCLOCK_PID(int clock) {
        return ~(clock >> 3);
    }

    static boolean CPUCLOCK_PERTHREAD(int clock) {
        return (clock & CPUCLOCK_PERTHREAD_MASK) != 0;
    }

    static int CPUCLOCK_WHICH(int clock) {
        return clock & CPUCLOCK_CLOCK_MASK;
    }

    /**
     * pid_for_clock: the thread or process the clock belongs to, or null (EINVAL). A thread clock
     * must be of a thread in the caller's process; a process clock must name a process, except
     * that reading one may name it by the caller's own thread id.
     */
    TaskStruct pid_for_clock(int clock, boolean gettime) {
        if (CPUCLOCK_WHICH(clock) >= CPUCLOCK_MAX) {
            return null;
        }
        TaskStruct current = kernel.sched().current();
        boolean thread = CPUCLOCK_PERTHREAD(clock);
        int upid = CPUCLOCK_PID(clock);
        if (upid == 0) {
            return thread ? current : current.group_leader;
        }
        TaskStruct p = kernel.pid().find_task_by_vpid(upid);
        if (p == null || p.signal == null) {
            return null;
        }
        if (thread) {
            return p.tgid == current.tgid ? p : null;
        }
        if (gettime && p == current) {
            return current.group_leader;
        }
        return p.thread_group_leader() ? p : null;
    }

    /** cpu_clock_sample: one thread's clock, in ns. */
    long cpu_clock_sample(int clkid, TaskStruct p) {
        Cputime.TaskCputime t = Cputime.task_cputime(kernel, p);
        return switch (clkid) {
            case CPUCLOCK_PROF -> t.utime() + t.stime();
            case CPUCLOCK_VIRT -> t.utime();
            default -> t.sum_exec_runtime();
        };
    }

    /** cpu_clock_sample_group: a process's clock: all its threads, the exited ones included. */
    long cpu_clock_sample_group(int clkid, TaskStruct p) {
        Cputime.TaskCputime t = Cputime.thread_group_cputime(kernel, p);
        return switch (clkid) {
            case CPUCLOCK_PROF -> t.utime() + t.stime();
            case CPUCLOCK_VIRT -> t.utime();
            default -> t.sum_exec_runtime();
        };
    }

    /** The clock's reading for a task pid_for_clock found. */
    long sample(int clock, TaskStruct p) {
        return CPUCLOCK_PERTHREAD(clock) ? cpu_clock_sample(CPUCLOCK_WHICH(clock), p)
                : cpu_clock_sample_group(CPUCLOCK_WHICH(clock), p);
    }

    /** posix_cpu_clock_get: the clock in ns, or -EINVAL. */
    public long posix_cpu_clock_get(int clock) {
        TaskStruct p = pid_for_clock(clock, true);
        return p == null ? -Errno.EINVAL : sample(clock, p);
    }

    /**
     * posix_cpu_clock_getres: the scheduler's clock counts nanoseconds; the user and system
     * split is, in Linux, sampled at the tick, so PROF and VIRT report a tick.
     */
    public long posix_cpu_clock_getres(int clock) {
        if (pid_for_clock(clock, false) == null) {
            return -Errno.EINVAL;
        }
        int hz = kernel.params().hz();
        return CPUCLOCK_WHICH(clock) == CPUCLOCK_SCHED ? 1 : (Time.NSEC_PER_SEC + hz - 1) / hz;
    }

    /**
     * posix_cpu_nsleep's checks: sleeping on one's own thread clock would never end, and the
     * clock must exist (posix_cpu_timer_create). Returns the task whose clock the sleep
     * watches, or null for EINVAL.
     */
    TaskStruct nsleepTarget(int clock) {
        TaskStruct current = kernel.sched().current();
        if (CPUCLOCK_PERTHREAD(clock) && (CPUCLOCK_PID(clock) == 0 || CPUCLOCK_PID(clock) == current.pid)) {
            return null;
        }
        return pid_for_clock(clock, false);
    }
}
