package org.jstap.sim.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * struct rlimit (include/uapi/linux/resource.h), the RLIMIT_* numbers of
 * include/uapi/asm-generic/resource.h and the boot values of include/asm-generic/resource.h.
 * A process keeps one per resource in {@code signal->rlim}; the rest of the kernel reads them with
 * {@link #task_rlimit}, as the fd table will for EMFILE:
 *
 * <pre>{@code
 * if (fd >= Rlimit.task_rlimit(current, Rlimit.RLIMIT_NOFILE)) return -Errno.EMFILE;
 * }</pre>
 *
 * Values are unsigned 64-bit (rlim_t); {@link #RLIM_INFINITY} is all ones, so compare them with
 * {@link Long#compareUnsigned}.
 */
public record Rlimit(long rlim_cur, long rlim_max) {
    public static final int RLIMIT_CPU = 0;
    public static final int RLIMIT_FSIZE = 1;
    public static final int RLIMIT_DATA = 2;
    public static final int RLIMIT_STACK = 3;
    public static final int RLIMIT_CORE = 4;
    public static final int RLIMIT_RSS = 5;
    public static final int RLIMIT_NPROC = 6;
    public static final int RLIMIT_NOFILE = 7;
    public static final int RLIMIT_MEMLOCK = 8;
    public static final int RLIMIT_AS = 9;
    public static final int RLIMIT_LOCKS = 10;
    public static final int RLIMIT_SIGPENDING = 11;
    public static final int RLIMIT_MSGQUEUE = 12;
    public static final int RLIMIT_NICE = 13;
    public static final int RLIMIT_RTPRIO = 14;
    public static final int RLIMIT_RTTIME = 15;
    public static final int RLIM_NLIMITS = 16;
    /** RLIM_INFINITY: ~0UL. */
    public static final long RLIM_INFINITY = -1L;
    /** sizeof(struct rlimit) and of struct rlimit64 on a 64-bit kernel: two unsigned longs. */
    public static final int SIZEOF = 16;

    /** _STK_LIM: the default soft stack limit, 8 MiB. */
    static final long _STK_LIM = 8L << 20;
    /** MLOCK_LIMIT: 8 MiB since Linux 5.16. */
    static final long MLOCK_LIMIT = 8L << 20;
    /**
     * INR_OPEN_CUR and INR_OPEN_MAX (include/uapi/linux/fs.h): the kernel's own NOFILE limits,
     * 1024 soft and 4096 hard. A distribution's 524288 hard limit is systemd's setting, not the
     * kernel's.
     */
    static final long INR_OPEN_CUR = 1024;
    static final long INR_OPEN_MAX = 4096;
    /** MQ_BYTES_MAX (ipc/mqueue.c): bytes of POSIX message queues per user. */
    static final long MQ_BYTES_MAX = 819200;

    /**
     * INIT_RLIMITS: init_task's limits. NPROC and SIGPENDING are 0 here; fork_init sets them from the
     * size of memory before the first process is made.
     */
    public static Rlimit[] init_rlimits() {
        Rlimit inf = new Rlimit(RLIM_INFINITY, RLIM_INFINITY);
        Rlimit[] r = new Rlimit[RLIM_NLIMITS];
        r[RLIMIT_CPU] = inf;
        r[RLIMIT_FSIZE] = inf;
        r[RLIMIT_DATA] = inf;
        r[RLIMIT_STACK] = new Rlimit(_STK_LIM, RLIM_INFINITY);
        r[RLIMIT_CORE] = new Rlimit(0, RLIM_INFINITY);
        r[RLIMIT_RSS] = inf;
        r[RLIMIT_NPROC] = new Rlimit(0, 0);
        r[RLIMIT_NOFILE] = new Rlimit(INR_OPEN_CUR, INR_OPEN_MAX);
        r[RLIMIT_MEMLOCK] = new Rlimit(MLOCK_LIMIT, MLOCK_LIMIT);
        r[RLIMIT_AS] = inf;
        r[RLIMIT_LOCKS] = inf;
        r[RLIMIT_SIGPENDING] = new Rlimit(0, 0);
        r[RLIMIT_MSGQUEUE] = new Rlimit(MQ_BYTES_MAX, MQ_BYTES_MAX);
        r[RLIMIT_NICE] = new Rlimit(0, 0);
        r[RLIMIT_RTPRIO] = new Rlimit(0, 0);
        r[RLIMIT_RTTIME] = inf;
        return r;
    }

    /** task_rlimit (include/linux/sched/signal.h): the soft limit of {@code resource} for the task's process. */
    public static long task_rlimit(TaskStruct task, int resource) {
        return task.signal.rlim[resource].rlim_cur;
    }

    /** task_rlimit_max: the hard limit. */
    public static long task_rlimit_max(TaskStruct task, int resource) {
        return task.signal.rlim[resource].rlim_max;
    }

    /** The struct as user memory holds it: rlim_cur then rlim_max, little-endian. */
    public byte[] to_user() {
        return ByteBuffer.allocate(SIZEOF).order(ByteOrder.LITTLE_ENDIAN).putLong(rlim_cur).putLong(rlim_max).array();
    }

    public static Rlimit from_user(byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        return new Rlimit(b.getLong(0), b.getLong(8));
    }
}
