package org.jstap.sim.kernel;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.cred.Cred;
import org.jstap.sim.kernel.sched.TaskStruct;

/** kernel/sys.c: the identity syscalls: process, parent, thread, user and group ids, sessions. */
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
}
