package org.jstap.sim.fs.proc;

import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * struct proc_inode: what a proc inode stands for: its entry, and under /proc/PID the task
 * (and under fd/ the descriptor). Hangs on {@code inode.i_private}.
 */
public record ProcInodeInfo(ProcEntry entry, TaskStruct task, int fd) {
    ProcInodeInfo(ProcEntry entry, TaskStruct task) {
        this(entry, task, -1);
    }
}
