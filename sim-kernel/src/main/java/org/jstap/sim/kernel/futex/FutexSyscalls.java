package org.jstap.sim.kernel.futex;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.cred.Cred;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * kernel/futex/syscalls.c: the robust-futex list registration. A thread library registers the
 * head of its list of held robust mutexes once per thread (glibc does it at thread start), so
 * that the kernel could release them if the thread dies; the head is kept in task_struct and
 * cleared for a new thread.
 */
@LinuxFile("kernel/futex/syscalls.c")
public final class FutexSyscalls {
    /** sizeof(struct robust_list_head): list.next, futex_offset, list_op_pending. */
    public static final int ROBUST_LIST_HEAD_SIZE = 24;

    private final Kernel kernel;

    public FutexSyscalls(Kernel kernel) {
        this.kernel = kernel;
    }

    /** set_robust_list(2): the kernel knows one size of head only. */
    public long __do_sys_set_robust_list(long head, long len) {
        if (len != ROBUST_LIST_HEAD_SIZE) {
            return -Errno.EINVAL;
        }
        kernel.sched().current().robust_list = head;
        return 0;
    }

    /**
     * get_robust_list(2): a thread's head and its size. {@code pid} 0 is the caller; reading
     * another process's needs ptrace's read access with the real ids (ptrace_may_access,
     * PTRACE_MODE_READ_REALCREDS).
     */
    public long __do_sys_get_robust_list(int pid, long head_ptr, long len_ptr) {
        TaskStruct current = kernel.sched().current();
        TaskStruct p = pid == 0 ? current : kernel.pid().find_task_by_vpid(pid);
        if (p == null) {
            return -Errno.ESRCH;
        }
        if (!ptraceMayAccess(current, p)) {
            return -Errno.EPERM;
        }
        long head = p.robust_list;
        if (kernel.uaccess().put_user(ROBUST_LIST_HEAD_SIZE, len_ptr) != 0) {
            return -Errno.EFAULT;
        }
        return kernel.uaccess().put_user(head, head_ptr);
    }

    /**
     * kernel/ptrace.c's __ptrace_may_access for PTRACE_MODE_READ_REALCREDS: the same process, or the
     * caller's real uid and gid are all of the target's ids, or the caller is privileged
     * (CAP_SYS_PTRACE: euid 0). The dumpable flag is not modelled.
     */
    static boolean ptraceMayAccess(TaskStruct current, TaskStruct task) {
        if (task.tgid == current.tgid) {
            return true;
        }
        Cred c = current.cred;
        Cred t = task.cred;
        boolean idsMatch = c.uid() == t.uid() && c.uid() == t.euid() && c.uid() == t.suid()
                && c.gid() == t.gid() && c.gid() == t.egid() && c.gid() == t.sgid();
        return idsMatch || c.euid() == 0;
    }
}
