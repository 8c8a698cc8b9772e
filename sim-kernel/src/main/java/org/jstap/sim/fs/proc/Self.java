package org.jstap.sim.fs.proc;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;

/** fs/proc/self.c and thread_self.c: /proc/self names the caller's process, /proc/thread-self its thread. */
@LinuxFile("fs/proc/self.c")
public final class Self {
    private Self() {}

    /** proc_self_get_link: the caller's tgid; ENOENT (null) outside a task. */
    public static String proc_self_get_link(Kernel kernel) {
        TaskStruct t = kernel.sched().current();
        return t == null || t.pid == 0 ? null : Integer.toString(t.tgid);
    }

    /** proc_thread_self_get_link: "TGID/task/PID". */
    public static String proc_thread_self_get_link(Kernel kernel) {
        TaskStruct t = kernel.sched().current();
        return t == null || t.pid == 0 ? null : t.tgid + "/task/" + t.pid;
    }
}
