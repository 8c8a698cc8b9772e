package org.jstap.sim.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.cred.Cred;
import org.jstap.sim.kernel.sched.Cputime;
import org.jstap.sim.kernel.sched.Loadavg;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.time.Time;
import org.jstap.sim.mm.ShowMem;

/**
 * kernel/sys.c: the identity syscalls (process, parent, thread, user and group ids, sessions),
 * the machine's names (uname, sethostname), process times, sysinfo, and resource limits.
 */
@LinuxFile("kernel/sys.c")
public final class Sys {
    private final Kernel kernel;

    public Sys(Kernel kernel) {
        this.kernel = kernel;
    }

    private TaskStruct current() {
        return kernel.sched().current();
    }

    public long __do_sys_getpid() {
        return current().tgid;
    }

    public long __do_sys_getppid() {
        return current().group_leader.ppid();
    }

    public long __do_sys_gettid() {
        return current().pid;
    }

    public long __do_sys_getuid() {
        return current().cred.uid();
    }

    public long __do_sys_geteuid() {
        return current().cred.euid();
    }

    public long __do_sys_getgid() {
        return current().cred.gid();
    }

    public long __do_sys_getegid() {
        return current().cred.egid();
    }

    /** setuid(2): root sets all three ids; others may only set the effective id to the real or saved one. */
    /** getresuid(2): the real, effective and saved uid, each put_user'd in turn (the first that faults is EFAULT). */
    public long __do_sys_getresuid(long ruidp, long euidp, long suidp) {
        Cred c = current().cred;
        return put_ids(c.uid(), ruidp, c.euid(), euidp, c.suid(), suidp);
    }

    /** getresgid(2): the real, effective and saved gid. */
    public long __do_sys_getresgid(long rgidp, long egidp, long sgidp) {
        Cred c = current().cred;
        return put_ids(c.gid(), rgidp, c.egid(), egidp, c.sgid(), sgidp);
    }

    /** Three 32-bit ids to user memory in order, stopping at the first fault, as sys.c's put_user chain does. */
    private long put_ids(int a, long ap, int b, long bp, int c, long cp) {
        int[] ids = {a, b, c};
        long[] at = {ap, bp, cp};
        for (int i = 0; i < 3; i++) {
            byte[] raw = {(byte) ids[i], (byte) (ids[i] >> 8), (byte) (ids[i] >> 16), (byte) (ids[i] >> 24)};
            if (kernel.uaccess().copy_to_user(at[i], raw, 0, 4) != 0) {
                return -Errno.EFAULT;
            }
        }
        return 0;
    }

    public long __do_sys_setuid(int uid) {
        if (uid < 0) {
            return -Errno.EINVAL;
        }
        Cred c = current().cred;
        if (c.euid() == 0) {
            current().cred = c.withUid(uid, uid, uid);
        } else if (uid == c.uid() || uid == c.suid()) {
            current().cred = c.withUid(c.uid(), uid, c.suid());
        } else {
            return -Errno.EPERM;
        }
        return 0;
    }

    /** setgid(2), with setuid's rules. */
    public long __do_sys_setgid(int gid) {
        if (gid < 0) {
            return -Errno.EINVAL;
        }
        Cred c = current().cred;
        if (c.euid() == 0) {
            current().cred = c.withGid(gid, gid, gid);
        } else if (gid == c.gid() || gid == c.sgid()) {
            current().cred = c.withGid(c.gid(), gid, c.sgid());
        } else {
            return -Errno.EPERM;
        }
        return 0;
    }

    /** set_tid_address(2): the word to clear at thread exit; returns the caller's tid. */
    /**
     * umask(2): the old mask; only the permission bits count. It lives here, in kernel/sys.c as in
     * Linux, so that kallsyms lists it and the syscall tapset can probe it.
     */
    public long __do_sys_umask(int mask) {
        org.jstap.sim.fs.FsStruct fs = kernel.vfs().current_fs();
        int old = fs.umask;
        fs.umask = mask & 0777;
        return old;
    }

    public long __do_sys_set_tid_address(long tidptr) {
        current().clear_child_tid = tidptr;
        return current().pid;
    }

    private TaskStruct process(int pid) {
        if (pid == 0) {
            return current().group_leader;
        }
        TaskStruct p = kernel.pid().find_task_by_vpid(pid);
        return p == null ? null : p.group_leader;
    }

    /** getpgid(2). */
    public long __do_sys_getpgid(int pid) {
        TaskStruct p = process(pid);
        return p == null || pid < 0 ? -Errno.ESRCH : p.signal.pgrp;
    }

    /** getsid(2). */
    public long __do_sys_getsid(int pid) {
        TaskStruct p = process(pid);
        return p == null || pid < 0 ? -Errno.ESRCH : p.signal.session;
    }

    /** setsid(2): a new session and process group led by the caller, unless it leads a group already. */
    public long __do_sys_setsid() {
        TaskStruct me = current().group_leader;
        for (TaskStruct p : kernel.pid().processes()) {
            if (p.signal != null && p.signal.pgrp == me.tgid) {
                return -Errno.EPERM;
            }
        }
        me.signal.pgrp = me.tgid;
        me.signal.session = me.tgid;
        return me.tgid;
    }

    /** setpgid(2): the caller or one of its children joins or starts a process group in its session. */
    public long __do_sys_setpgid(int pid, int pgid) {
        if (pgid < 0) {
            return -Errno.EINVAL;
        }
        TaskStruct me = current().group_leader;
        TaskStruct p = process(pid);
        if (p == null || (p != me && p.real_parent != me)) {
            return -Errno.ESRCH;
        }
        if (p.signal.session != me.signal.session) {
            return -Errno.EPERM;
        }
        // a child that has exec'd is beyond its parent's reach (POSIX; ksys_setpgid)
        if (p != me && (p.flags & TaskStruct.PF_FORKNOEXEC) == 0) {
            return -Errno.EACCES;
        }
        if (p.signal.session == p.tgid) {
            return -Errno.EPERM;
        }
        int target = pgid == 0 ? p.tgid : pgid;
        if (target != p.tgid) {
            boolean exists = false;
            for (TaskStruct q : kernel.pid().processes()) {
                if (q.signal != null && q.signal.pgrp == target && q.signal.session == me.signal.session) {
                    exists = true;
                }
            }
            if (!exists) {
                return -Errno.EPERM;
            }
        }
        p.signal.pgrp = target;
        return 0;
    }

    // ---------------------------------------------------------------- names

    /** uname(2) (sys_newuname): struct new_utsname. */
    public long __do_sys_newuname(long name) {
        byte[] u = kernel.utsname().newUtsname();
        return kernel.uaccess().copy_to_user(name, u, 0, u.length) != 0 ? -Errno.EFAULT : 0;
    }

    /** sethostname(2): CAP_SYS_ADMIN (here: euid 0); 0 to 64 bytes, which need no NUL. */
    public long __do_sys_sethostname(long name, int len) {
        return setUtsName(name, len, true);
    }

    /** setdomainname(2), with sethostname's rules. */
    public long __do_sys_setdomainname(long name, int len) {
        return setUtsName(name, len, false);
    }

    /** What both set*name calls do: check, copy the bytes in, store them NUL-padded. */
    private long setUtsName(long name, int len, boolean hostname) {
        if (current().cred.euid() != 0) {
            return -Errno.EPERM;
        }
        if (len < 0 || len > Utsname.__NEW_UTS_LEN) {
            return -Errno.EINVAL;
        }
        byte[] tmp = new byte[len];
        if (kernel.uaccess().copy_from_user(tmp, 0, name, len) != 0) {
            return -Errno.EFAULT;
        }
        if (hostname) {
            kernel.utsname().setNodename(tmp, len);
        } else {
            kernel.utsname().setDomainname(tmp, len);
        }
        return 0;
    }

    // ---------------------------------------------------------------- times and sysinfo

    /** sizeof(struct tms): four clock_t. */
    static final int TMS_SIZE = 32;
    /** sizeof(struct sysinfo) on a 64-bit kernel, and SI_LOAD_SHIFT (loads have 16 fractional bits). */
    static final int SYSINFO_SIZE = 112;
    static final int SI_LOAD_SHIFT = 16;

    /**
     * times(2): the process's user and system time and its reaped children's, in USER_HZ ticks;
     * returns the ticks since boot (jiffies as clock_t). {@code tbuf} may be NULL.
     */
    public long __do_sys_times(long tbuf) {
        if (tbuf != 0) {
            TaskStruct me = current();
            Cputime.TaskCputime tg = Cputime.thread_group_cputime(kernel, me);
            byte[] tms = ByteBuffer.allocate(TMS_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(Time.nsec_to_clock_t(tg.utime())).putLong(Time.nsec_to_clock_t(tg.stime()))
                    .putLong(Time.nsec_to_clock_t(me.signal.cutime)).putLong(Time.nsec_to_clock_t(me.signal.cstime))
                    .array();
            if (kernel.uaccess().copy_to_user(tbuf, tms, 0, TMS_SIZE) != 0) {
                return -Errno.EFAULT;
            }
        }
        return Time.jiffies_64_to_clock_t(kernel.timekeeping().jiffies(), kernel.params().hz());
    }

    /** sysinfo(2). */
    public long __do_sys_sysinfo(long info) {
        byte[] val = do_sysinfo();
        return kernel.uaccess().copy_to_user(info, val, 0, val.length) != 0 ? -Errno.EFAULT : 0;
    }

    /**
     * do_sysinfo: struct sysinfo as riscv64 lays it out: uptime (whole seconds, rounded up),
     * loads[3], totalram, freeram, sharedram, bufferram, totalswap, freeswap (offsets 0-72),
     * procs (u16 at 80), totalhigh (88), freehigh (96), mem_unit (u32 at 104). Sizes are in
     * bytes (mem_unit 1) when they fit, as they always do on 64 bits.
     */
    byte[] do_sysinfo() {
        long boot = kernel.timekeeping().ktime_get_boottime_ns();
        long uptime = boot / Time.NSEC_PER_SEC + (boot % Time.NSEC_PER_SEC != 0 ? 1 : 0);
        long[] loads = kernel.loadavg().get_avenrun(SI_LOAD_SHIFT - Loadavg.FSHIFT);
        ShowMem.MemInfo m = ShowMem.si_meminfo(kernel);
        // si_swapinfo: there are no swap areas; no high memory on 64 bits
        long[] sizes = {m.totalram(), m.freeram(), m.sharedram(), m.bufferram(), 0, 0, 0, 0};
        int memUnit = m.mem_unit();
        long memTotal = sizes[0] + sizes[4];
        int bitcount = Long.compareUnsigned(memTotal, sizes[0]) < 0 ? -1 : memUnitShift(memTotal, memUnit);
        if (bitcount >= 0) {
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] <<= bitcount;
            }
            memUnit = 1;
        }
        ByteBuffer b = ByteBuffer.allocate(SYSINFO_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, uptime).putLong(8, loads[0]).putLong(16, loads[1]).putLong(24, loads[2]);
        for (int i = 0; i < 6; i++) {
            b.putLong(32 + 8 * i, sizes[i]);
        }
        // nr_threads: every task, kernel threads included
        b.putShort(80, (short) kernel.pid().tasks().size());
        b.putLong(88, sizes[6]).putLong(96, sizes[7]).putInt(104, memUnit);
        return b.array();
    }

    /** How far sizes in {@code memUnit} units can shift to bytes without overflowing, or -1 if they cannot. */
    private static int memUnitShift(long memTotal, int memUnit) {
        int bitcount = 0;
        while (memUnit > 1) {
            bitcount++;
            memUnit >>= 1;
            long saved = memTotal;
            memTotal <<= 1;
            if (Long.compareUnsigned(memTotal, saved) < 0) {
                return -1;
            }
        }
        return bitcount;
    }

    // ---------------------------------------------------------------- resource limits

    /** sysctl_nr_open: the highest NOFILE hard limit (fs/file.c, /proc/sys/fs/nr_open). */
    static final long NR_OPEN = 1024 * 1024;

    /** getrlimit(2). */
    public long __do_sys_getrlimit(int resource, long rlim) {
        Rlimit[] old = new Rlimit[1];
        int r = do_prlimit(current(), resource, null, old);
        if (r != 0) {
            return r;
        }
        return kernel.uaccess().copy_to_user(rlim, old[0].to_user(), 0, Rlimit.SIZEOF) != 0 ? -Errno.EFAULT : 0;
    }

    /** setrlimit(2). */
    public long __do_sys_setrlimit(int resource, long rlim) {
        byte[] raw = new byte[Rlimit.SIZEOF];
        if (kernel.uaccess().copy_from_user(raw, 0, rlim, Rlimit.SIZEOF) != 0) {
            return -Errno.EFAULT;
        }
        return do_prlimit(current(), resource, Rlimit.from_user(raw), null);
    }

    /**
     * prlimit64(2): get and/or set a limit of process {@code pid} (0: the caller). Another
     * process's limits need the caller's real ids to be all of its ids, or privilege.
     */
    public long __do_sys_prlimit64(int pid, int resource, long newRlim, long oldRlim) {
        Rlimit requested = null;
        if (newRlim != 0) {
            byte[] raw = new byte[Rlimit.SIZEOF];
            if (kernel.uaccess().copy_from_user(raw, 0, newRlim, Rlimit.SIZEOF) != 0) {
                return -Errno.EFAULT;
            }
            requested = Rlimit.from_user(raw);
        }
        TaskStruct tsk = pid == 0 ? current() : kernel.pid().find_task_by_vpid(pid);
        if (tsk == null || tsk.signal == null) {
            return -Errno.ESRCH;
        }
        if (!check_prlimit_permission(tsk)) {
            return -Errno.EPERM;
        }
        Rlimit[] old = oldRlim != 0 ? new Rlimit[1] : null;
        int r = do_prlimit(tsk, resource, requested, old);
        if (r == 0 && old != null && kernel.uaccess().copy_to_user(oldRlim, old[0].to_user(), 0, Rlimit.SIZEOF) != 0) {
            return -Errno.EFAULT;
        }
        return r;
    }

    /**
     * check_prlimit_permission: oneself, or a process whose every uid and gid is the caller's real
     * one, or CAP_SYS_RESOURCE.
     */
    private boolean check_prlimit_permission(TaskStruct task) {
        TaskStruct me = current();
        if (task == me) {
            return true;
        }
        Cred c = me.cred;
        Cred t = task.cred;
        boolean idMatch = c.uid() == t.euid() && c.uid() == t.suid() && c.uid() == t.uid()
                && c.gid() == t.egid() && c.gid() == t.sgid() && c.gid() == t.gid();
        return idMatch || c.euid() == 0;
    }

    /**
     * do_prlimit: reads the old limit into {@code oldRlim[0]} and/or installs {@code newRlim}.
     * The soft limit may not exceed the hard one; raising the hard limit needs CAP_SYS_RESOURCE
     * (euid 0), and NOFILE's never goes past nr_open. (An RLIMIT_CPU soft limit would also arm a
     * CPU timer for SIGXCPU; limits are not enforced yet, apart from what readers of
     * {@link Rlimit#task_rlimit} do.)
     */
    int do_prlimit(TaskStruct tsk, int resource, Rlimit newRlim, Rlimit[] oldRlim) {
        if (Integer.compareUnsigned(resource, Rlimit.RLIM_NLIMITS) >= 0) {
            return -Errno.EINVAL;
        }
        if (newRlim != null) {
            if (Long.compareUnsigned(newRlim.rlim_cur(), newRlim.rlim_max()) > 0) {
                return -Errno.EINVAL;
            }
            if (resource == Rlimit.RLIMIT_NOFILE && Long.compareUnsigned(newRlim.rlim_max(), NR_OPEN) > 0) {
                return -Errno.EPERM;
            }
        }
        Rlimit[] rlim = tsk.signal.rlim;
        if (newRlim != null && Long.compareUnsigned(newRlim.rlim_max(), rlim[resource].rlim_max()) > 0
                && current().cred.euid() != 0) {
            return -Errno.EPERM;
        }
        if (oldRlim != null) {
            oldRlim[0] = rlim[resource];
        }
        if (newRlim != null) {
            rlim[resource] = newRlim;
        }
        return 0;
    }

    /** getgroups(2): the supplementary groups (size 0: just how many); EINVAL if they do not fit. */
    public long __do_sys_getgroups(int size, long list) {
        var groups = current().cred.group_info();
        if (size < 0) {
            return -Errno.EINVAL;
        }
        if (size == 0) {
            return groups.size();
        }
        if (size < groups.size()) {
            return -Errno.EINVAL;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * groups.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        groups.forEach(b::putInt);
        if (kernel.uaccess().copy_to_user(list, b.array(), 0, b.capacity()) != 0) {
            return -Errno.EFAULT;
        }
        return groups.size();
    }

    /** setgroups(2): root only (CAP_SETGID), at most NGROUPS_MAX; the list is kept sorted, as groups_sort does. */
    public long __do_sys_setgroups(int size, long list) {
        if (size < 0 || size > Cred.NGROUPS_MAX) {
            return -Errno.EINVAL;
        }
        if (current().cred.euid() != 0) {
            return -Errno.EPERM;
        }
        byte[] raw = new byte[4 * size];
        if (size > 0 && kernel.uaccess().copy_from_user(raw, 0, list, raw.length) != 0) {
            return -Errno.EFAULT;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        java.util.List<Integer> groups = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            groups.add(b.getInt(4 * i));
        }
        java.util.Collections.sort(groups);
        current().cred = current().cred.withGroups(groups);
        return 0;
    }
}
