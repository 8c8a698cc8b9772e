package org.jstap.sim.kernel.time;

import java.util.function.LongSupplier;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * kernel/time/posix-timers.c: clock_gettime, clock_getres and clock_nanosleep over the POSIX
 * clocks (posix_clocks[]: each id's k_clock). The hrtimer-based clocks read timekeeping; the
 * CPU-time clocks (ids 2, 3 and negative ids) are {@link PosixCpuTimers}'. The alarm clocks need
 * an RTC with alarms, which this machine's driver does not offer, so they are EINVAL as on a
 * Linux without one.
 */
@LinuxFile("kernel/time/posix-timers.c")
public final class PosixTimers {
    public static final int CLOCK_REALTIME = 0;
    public static final int CLOCK_MONOTONIC = 1;
    public static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    public static final int CLOCK_THREAD_CPUTIME_ID = 3;
    public static final int CLOCK_MONOTONIC_RAW = 4;
    public static final int CLOCK_REALTIME_COARSE = 5;
    public static final int CLOCK_MONOTONIC_COARSE = 6;
    public static final int CLOCK_BOOTTIME = 7;
    public static final int CLOCK_REALTIME_ALARM = 8;
    public static final int CLOCK_BOOTTIME_ALARM = 9;
    public static final int CLOCK_TAI = 11;
    /** clock_nanosleep's flag: the request is a time on the clock, not an interval. */
    public static final int TIMER_ABSTIME = 0x01;
    /** Negative ids whose low bits are CLOCKFD are dynamic clocks opened as files (none here). */
    static final int CLOCKFD = 3;
    static final int CLOCKFD_MASK = 7;
    /**
     * include/linux/errno.h: an interrupted sleep restarts unless a handler ran (EINTR then);
     * a relative one restarts through its restart block.
     */
    static final int ERESTARTNOHAND = 514;
    static final int ERESTART_RESTARTBLOCK = 516;

    /** The longest single sleep (about 73 years); a longer one sleeps again. */
    private static final long MAX_SLEEP_NS = Long.MAX_VALUE / 4;

    private final Kernel kernel;
    private final PosixCpuTimers cpu;

    public PosixTimers(Kernel kernel) {
        this.kernel = kernel;
        this.cpu = new PosixCpuTimers(kernel);
    }

    /** What kind of k_clock an id has (clockid_to_kclock); NONE is EINVAL. */
    private enum Kclock { NONE, HRTIMER, COARSE, CPU, THREAD }

    private static Kclock clockid_to_kclock(int id) {
        if (id < 0) {
            return (id & CLOCKFD_MASK) == CLOCKFD ? Kclock.NONE : Kclock.CPU;
        }
        return switch (id) {
            case CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME, CLOCK_TAI -> Kclock.HRTIMER;
            case CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE -> Kclock.COARSE;
            case CLOCK_PROCESS_CPUTIME_ID -> Kclock.CPU;
            // clock_thread: read like a CPU clock, but it has no nsleep
            case CLOCK_THREAD_CPUTIME_ID -> Kclock.THREAD;
            default -> Kclock.NONE;
        };
    }

    /** The CPU-clock id a static id stands for. */
    private static int cpuClock(int id) {
        return id == CLOCK_PROCESS_CPUTIME_ID ? PosixCpuTimers.PROCESS_CLOCK
                : id == CLOCK_THREAD_CPUTIME_ID ? PosixCpuTimers.THREAD_CLOCK : id;
    }

    /** The clock_get_timespec of each k_clock: the time in ns, or -EINVAL. */
    long clockGet(int id) {
        Timekeeping tk = kernel.timekeeping();
        return switch (clockid_to_kclock(id)) {
            case NONE -> -Errno.EINVAL;
            case CPU, THREAD -> cpu.posix_cpu_clock_get(cpuClock(id));
            default -> switch (id) {
                case CLOCK_REALTIME -> tk.ktime_get_real_ns();
                case CLOCK_MONOTONIC -> tk.ktime_get_ns();
                case CLOCK_MONOTONIC_RAW -> tk.ktime_get_raw_ns();
                case CLOCK_BOOTTIME -> tk.ktime_get_boottime_ns();
                case CLOCK_TAI -> tk.ktime_get_clocktai_ns();
                case CLOCK_REALTIME_COARSE -> tk.ktime_get_coarse_real_ns();
                default -> tk.ktime_get_coarse_ns();
            };
        };
    }

    /**
     * The clock_getres of each k_clock, in ns, or -EINVAL: hrtimers run in high-resolution mode
     * (hrtimer_resolution 1 ns); the coarse clocks move once a tick (LOW_RES_NSEC).
     */
    long clockGetres(int id) {
        return switch (clockid_to_kclock(id)) {
            case NONE -> -Errno.EINVAL;
            case HRTIMER -> 1;
            case COARSE -> tickNsec();
            case CPU, THREAD -> cpu.posix_cpu_clock_getres(cpuClock(id));
        };
    }

    /** TICK_NSEC: the length of a tick, rounded to the nearest ns. */
    private long tickNsec() {
        int hz = kernel.params().hz();
        return (Time.NSEC_PER_SEC + hz / 2) / hz;
    }

    /** clock_gettime(2). */
    public long __do_sys_clock_gettime(int which, long tp) {
        long ns = clockGet(which);
        if (ns < 0) {
            return ns;
        }
        return kernel.time().put_timespec64(ns, tp);
    }

    /** clock_getres(2): {@code tp} may be NULL, to ask whether the clock exists. */
    public long __do_sys_clock_getres(int which, long tp) {
        long ns = clockGetres(which);
        if (ns < 0) {
            return ns;
        }
        return tp == 0 ? 0 : kernel.time().put_timespec64(ns, tp);
    }

    /**
     * clock_nanosleep(2): sleeps for an interval, or with TIMER_ABSTIME until the clock shows a
     * time. Only the clocks with an nsleep can be slept on (REALTIME, MONOTONIC, BOOTTIME, TAI and
     * the process CPU clocks); the others are EOPNOTSUPP. A handled signal ends the sleep with
     * EINTR and, for an interval, the time left in {@code rmtp}; without a handler the call
     * restarts.
     */
    public long __do_sys_clock_nanosleep(int which, int flags, long rqtp, long rmtp) {
        Kclock kc = clockid_to_kclock(which);
        if (kc == Kclock.NONE) {
            return -Errno.EINVAL;
        }
        boolean sleepable = kc == Kclock.CPU || which == CLOCK_REALTIME || which == CLOCK_MONOTONIC
                || which == CLOCK_BOOTTIME || which == CLOCK_TAI;
        if (!sleepable) {
            return -Errno.EOPNOTSUPP;
        }
        Time.Timespec64 t = kernel.time().get_timespec64(rqtp);
        if (t == null) {
            return -Errno.EFAULT;
        }
        if (!t.valid()) {
            return -Errno.EINVAL;
        }
        boolean abs = (flags & TIMER_ABSTIME) != 0;
        LongSupplier clock;
        boolean cpuTime = kc == Kclock.CPU;
        if (cpuTime) {
            int id = cpuClock(which);
            TaskStruct target = cpu.nsleepTarget(id);
            if (target == null) {
                return -Errno.EINVAL;
            }
            clock = () -> cpu.sample(id, target);
        } else if (abs) {
            clock = () -> clockGet(which);
        } else {
            // a relative sleep on the real-time clock is a monotonic interval (hrtimer_init)
            int base = which == CLOCK_REALTIME ? CLOCK_MONOTONIC : which;
            clock = () -> clockGet(base);
        }
        long expires = abs ? t.to_ns() : saturatingAdd(clock.getAsLong(), t.to_ns());
        if (abs) {
            // the same absolute time is right for a restart: nothing to update
            return do_nanosleep(clock, expires, cpuTime) == 0 ? 0 : -ERESTARTNOHAND;
        }
        org.jstap.sim.kernel.signal.RestartBlock restart = kernel.sched().current().restart_block;
        restart.nanosleep_clockid = which;
        restart.nanosleep_expires = expires;
        restart.nanosleep_rmtp = rmtp;
        return nanosleep_restartable(restart, clock, cpuTime);
    }

    /**
     * A relative sleep until the block's end: 0, or the time left written to rmtp and
     * -ERESTART_RESTARTBLOCK with the block set so restart_syscall carries on to the same end
     * (hrtimer_nanosleep_restart, posix_cpu_nsleep_restart).
     */
    private long nanosleep_restartable(org.jstap.sim.kernel.signal.RestartBlock restart, LongSupplier clock,
                                       boolean cpuTime) {
        long left = do_nanosleep(clock, restart.nanosleep_expires, cpuTime);
        if (left == 0) {
            return 0;
        }
        if (restart.nanosleep_rmtp != 0 && kernel.time().put_timespec64(left, restart.nanosleep_rmtp) != 0) {
            return -Errno.EFAULT;
        }
        restart.fn = r -> nanosleep_restartable(r, clock, cpuTime);
        return -ERESTART_RESTARTBLOCK;
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Time.KTIME_MAX : sum;
    }

    /**
     * do_nanosleep: sleeps until {@code clock} reaches {@code expires} or a signal is pending;
     * returns the ns left (0: the time came). The real-time clock can be set while the task
     * sleeps, so each wake-up reads it again. A CPU clock can advance at most as fast as all
     * online CPUs together, so its sleep wakes after that share of what is left, and at least a
     * tick later (Linux checks CPU timers at the tick).
     */
    private long do_nanosleep(LongSupplier clock, long expires, boolean cpuTime) {
        TaskStruct current = kernel.sched().current();
        while (true) {
            long left = expires - clock.getAsLong();
            if (left <= 0) {
                return 0;
            }
            if (kernel.signal().signal_pending(current)) {
                return left;
            }
            long sleep = cpuTime ? Math.max(left / kernel.sched().num_online_cpus(), tickNsec()) : left;
            // a sleep "forever" must not overflow the timer's expiry
            kernel.sched().schedule_timeout(Math.min(sleep, MAX_SLEEP_NS));
        }
    }
}
