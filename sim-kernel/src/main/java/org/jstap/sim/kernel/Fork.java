package org.jstap.sim.kernel;

import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.PtRegs;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.signal.SighandStruct;
import org.jstap.sim.kernel.signal.SignalStruct;
import org.jstap.sim.kernel.signal.Signals;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.MmStruct;
import org.jstap.sim.mm.Slub;

/**
 * kernel/fork.c: new tasks. {@code kernel_clone} is fork, vfork, clone and kernel_thread in one:
 * {@code copy_process} duplicates the parent (task_struct, credentials, address space or a share
 * of it, signal handlers, registers with a0 = 0 for the child), gives it a pid and parents, and
 * {@code wake_up_new_task} queues it. A task_struct is freed when it has both run for the last
 * time and been reaped.
 */
@LinuxFile("kernel/fork.c")
public final class Fork {
    public static final long CSIGNAL = 0xff;
    public static final long CLONE_VM = 0x100;
    public static final long CLONE_FS = 0x200;
    public static final long CLONE_FILES = 0x400;
    public static final long CLONE_SIGHAND = 0x800;
    public static final long CLONE_VFORK = 0x4000;
    public static final long CLONE_PARENT = 0x8000;
    public static final long CLONE_THREAD = 0x10000;
    public static final long CLONE_SETTLS = 0x80000;
    public static final long CLONE_PARENT_SETTID = 0x100000;
    public static final long CLONE_CHILD_CLEARTID = 0x200000;
    public static final long CLONE_CHILD_SETTID = 0x1000000;
    /** The flags this kernel implements; any other bit is EINVAL. */
    private static final long SUPPORTED = CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_VFORK
            | CLONE_PARENT | CLONE_THREAD | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID
            | CLONE_CHILD_SETTID | 0x800000L /* CLONE_DETACHED, ignored */ | 0x2000L /* CLONE_PTRACE, ignored */;
    /** Virtual cost of copying a task (the page tables are charged as they are copied). */
    private static final long FORK_NS = 15_000;

    /** struct kernel_clone_args. {@code fn} is set for kernel threads, which start there. */
    public record CloneArgs(long flags, int exit_signal, long stack, long tls, long parent_tid, long child_tid,
            Runnable fn, String name) {
        public static CloneArgs fork() {
            return new CloneArgs(0, Signals.SIGCHLD, 0, 0, 0, 0, null, null);
        }
    }

    /** What a new user task runs first: ret_from_fork and the way back to user mode. */
    public interface UserStart {
        void ret_from_fork(TaskStruct child);
    }

    private final Kernel kernel;
    private final Slub.KmemCache taskCache;
    private final Slub.KmemCache signalCache;
    private final Slub.KmemCache sighandCache;
    private UserStart userStart = child -> {
        throw new IllegalStateException("no user mode on this machine");
    };
    private long totalForks;

    public Fork(Kernel kernel) {
        this.kernel = kernel;
        this.taskCache = kernel.slab().kmem_cache_create("task_struct", 4416);
        this.signalCache = kernel.slab().kmem_cache_create("signal_cache", 1088);
        this.sighandCache = kernel.slab().kmem_cache_create("sighand_cache", 2088);
    }

    /** The architecture's entry code that takes a new user task to user mode. */
    public void set_user_start(UserStart start) {
        this.userStart = start;
    }

    /** kernel_thread: a kernel thread running {@code fn}, child of the current task; its pid or -errno. */
    public long kernel_thread(Runnable fn, String name, long flags) {
        return kernel_clone(new CloneArgs(flags | CLONE_VM, (int) (flags & CSIGNAL), 0, 0, 0, 0, fn, name));
    }

    /** kernel_clone: the child's pid in the parent, or -errno. */
    public long kernel_clone(CloneArgs args) {
        TaskStruct current = kernel.sched().current();
        TaskStruct p = copy_process(current, args);
        if (p == null) {
            return lastError;
        }
        kernel.trace().sched_process_fork(current, p);
        totalForks++;
        if ((args.flags() & CLONE_PARENT_SETTID) != 0 && current != null && current.mm != null) {
            byte[] tid = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(p.pid).array();
            kernel.uaccess().copy_to_user(args.parent_tid(), tid, 0, 4);
        }
        p.vfork_done = (args.flags() & CLONE_VFORK) != 0 ? new org.jstap.sim.kernel.sched.WaitQueueHead() : null;
        kernel.sched().wake_up_new_task(p);
        if (p.vfork_done != null) {
            // wait_for_vfork_done: the parent sleeps until the child execs or exits
            TaskStruct child = p;
            kernel.waitq().wait_event(waitFor(child), () -> child.vfork_done == null);
        }
        return p.pid;
    }

    private static org.jstap.sim.kernel.sched.WaitQueueHead waitFor(TaskStruct child) {
        return child.vfork_done;
    }

    /** complete_vfork_done: a vfork child execs or exits, and its parent may go on. */
    public void complete_vfork_done(TaskStruct p) {
        var done = p.vfork_done;
        if (done != null) {
            p.vfork_done = null;
            kernel.waitq().wake_up(done);
        }
    }

    private long lastError;

    /** copy_process: the new task, not yet running; null with {@link #lastError} set when it fails. */
    public TaskStruct copy_process(TaskStruct current, CloneArgs args) {
        long flags = args.flags();
        lastError = check_flags(flags, args);
        if (lastError != 0) {
            return null;
        }
        kernel.sched().charge(FORK_NS);
        long kaddr = kernel.slab().kmem_cache_alloc(taskCache, Gfp.GFP_KERNEL);
        if (kaddr == 0) {
            lastError = -Errno.ENOMEM;
            return null;
        }
        int nr = kernel.pid().alloc_pid();
        if (nr < 0) {
            kernel.slab().kmem_cache_free(taskCache, kaddr);
            lastError = nr;
            return null;
        }
        boolean kthread = args.fn() != null;
        String comm = args.name() != null ? args.name() : current.comm;
        TaskStruct p = new TaskStruct(nr, kaddr, comm, args.fn(), 0);
        p.start_time = kernel.timekeeping().ktime_get_ns();
        p.flags = (kthread ? TaskStruct.PF_KTHREAD : 0) | TaskStruct.PF_FORKNOEXEC;
        p.cred = current != null ? current.cred : org.jstap.sim.kernel.cred.Cred.ROOT;
        p.blocked = current != null ? current.blocked : 0;
        if (copy_mm(flags, p, current, kthread) != 0 || copy_signal(flags, p, current) != 0
                || copy_files(flags, p, current) != 0) {
            lastError = -Errno.ENOMEM;
            undo(p);
            return null;
        }
        copy_fs(flags, p, current);
        copy_thread(p, current, args);
        // parents and thread group
        TaskStruct parentOf = (flags & (CLONE_PARENT | CLONE_THREAD)) != 0 && current != null ? current.real_parent
                : current;
        p.real_parent = parentOf;
        p.parent = parentOf;
        if ((flags & CLONE_THREAD) != 0) {
            p.tgid = current.tgid;
            p.group_leader = current.group_leader;
            p.exit_signal = -1;
            p.signal.nr_threads++;
            p.signal.live++;
            p.signal.thread_head.add(p);
        } else {
            p.exit_signal = args.exit_signal();
        }
        if ((flags & CLONE_CHILD_CLEARTID) != 0) {
            p.clear_child_tid = args.child_tid();
        }
        if (parentOf != null) {
            parentOf.children.add(p);
        }
        kernel.pid().attach_pid(p);
        kernel.sched().sched_fork(p, () -> task_body(p));
        return p;
    }

    private long check_flags(long flags, CloneArgs args) {
        if ((flags & ~SUPPORTED) != 0 || args.exit_signal() < 0 || args.exit_signal() > Signals.NSIG) {
            return -Errno.EINVAL;
        }
        // thread groups share signal handlers, and shared handlers need a shared address space
        if ((flags & CLONE_THREAD) != 0 && (flags & CLONE_SIGHAND) == 0) {
            return -Errno.EINVAL;
        }
        if ((flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0) {
            return -Errno.EINVAL;
        }
        if ((flags & CLONE_THREAD) != 0 && kernel.sched().current() == null) {
            return -Errno.EINVAL;
        }
        return 0;
    }

    /** copy_mm: share the address space (CLONE_VM) or duplicate it copy-on-write (dup_mm). */
    private int copy_mm(long flags, TaskStruct p, TaskStruct current, boolean kthread) {
        if (kthread || current == null || current.mm == null) {
            return 0;
        }
        if ((flags & CLONE_VM) != 0) {
            current.mm.mm_users++;
            p.mm = current.mm;
            return 0;
        }
        MmStruct mm = kernel.mmap().mm_alloc();
        if (mm == null) {
            return -Errno.ENOMEM;
        }
        p.mm = mm;
        return kernel.mmap().dup_mmap(mm, current.mm) ? 0 : -Errno.ENOMEM;
    }

    /** copy_sighand and copy_signal: shared for threads (and CLONE_SIGHAND), copied otherwise. */
    private int copy_signal(long flags, TaskStruct p, TaskStruct current) {
        if ((flags & CLONE_SIGHAND) != 0) {
            p.sighand = current.sighand;
            p.sighand.count++;
        } else {
            p.sighand = current != null && current.sighand != null ? current.sighand.copy() : new SighandStruct();
            p.sighand.kaddr = kernel.slab().kmem_cache_alloc(sighandCache, Gfp.GFP_KERNEL);
        }
        if ((flags & CLONE_THREAD) != 0) {
            p.signal = current.signal;
            return 0;
        }
        p.signal = new SignalStruct();
        p.signal.thread_head.add(p);
        p.signal.kaddr = kernel.slab().kmem_cache_alloc(signalCache, Gfp.GFP_KERNEL);
        if (current != null && current.signal != null) {
            p.signal.pgrp = current.signal.pgrp;
            p.signal.session = current.signal.session;
            // limits are inherited: copy_signal copies the parent's rlim array
            System.arraycopy(current.signal.rlim, 0, p.signal.rlim, 0, Rlimit.RLIM_NLIMITS);
        } else {
            fork_init_rlimits(p.signal.rlim);
        }
        return p.sighand.kaddr == 0 || p.signal.kaddr == 0 ? -Errno.ENOMEM : 0;
    }

    /** copy_files: the descriptor table shared (CLONE_FILES) or duplicated; kernel threads start empty. */
    private int copy_files(long flags, TaskStruct p, TaskStruct current) {
        if (current == null || current.files == null) {
            p.files = new org.jstap.sim.fs.FilesStruct();
        } else if ((flags & CLONE_FILES) != 0) {
            current.files.count++;
            p.files = current.files;
        } else {
            p.files = kernel.vfs().files().dup_fd(current.files);
            if (p.files == null) {
                return -Errno.ENOMEM;
            }
        }
        return 0;
    }

    /** copy_fs: root, cwd and umask shared (CLONE_FS) or copied; the first tasks share init_fs. */
    private void copy_fs(long flags, TaskStruct p, TaskStruct current) {
        org.jstap.sim.fs.FsStruct from = current == null || current.fs == null ? kernel.vfs().init_fs() : current.fs;
        if ((flags & CLONE_FS) != 0 || current == null || current.fs == null) {
            from.users++;
            p.fs = from;
        } else {
            p.fs = kernel.vfs().copy_fs_struct(from);
        }
    }

    /** THREAD_SIZE on riscv64 (16 KiB kernel stacks) and set_max_threads' bounds. */
    private static final long THREAD_SIZE = 16384;
    private static final long MIN_THREADS = 20;
    private static final long FUTEX_TID_MASK = 0x3fffffff;

    /**
     * fork_init's limits for the first task (init_task's, which every process inherits): half of
     * max_threads processes and pending signals, max_threads being what keeps kernel stacks to
     * an eighth of RAM (set_max_threads).
     */
    private void fork_init_rlimits(Rlimit[] rlim) {
        long ram = kernel.page_alloc().totalram_pages() * org.jstap.sim.arch.riscv.Page.PAGE_SIZE;
        long threads = ram / (THREAD_SIZE * 8);
        long maxThreads = Math.max(MIN_THREADS, Math.min(FUTEX_TID_MASK, threads));
        rlim[Rlimit.RLIMIT_NPROC] = new Rlimit(maxThreads / 2, maxThreads / 2);
        rlim[Rlimit.RLIMIT_SIGPENDING] = rlim[Rlimit.RLIMIT_NPROC];
    }

    /** copy_thread: the child's registers are the parent's, with a0 = 0 and any new stack and TLS. */
    private void copy_thread(TaskStruct p, TaskStruct current, CloneArgs args) {
        if (args.fn() != null || current == null || current.regs == null) {
            return;
        }
        p.regs = current.regs.copy();
        p.regs.set_a(0, 0);
        if (args.stack() != 0) {
            p.regs.x[PtRegs.SP] = args.stack();
        }
        if ((args.flags() & CLONE_SETTLS) != 0) {
            p.regs.x[PtRegs.TP] = args.tls();
        }
    }

    /** What the new task runs: a kernel thread's function, or the way back to user mode. */
    private void task_body(TaskStruct p) {
        try {
            if (p.has_fn()) {
                // ret_from_kernel_thread: a thread that exec'd (pid 1) goes on to user mode
                p.fn_run();
                if (p.regs == null) {
                    kernel.exit().do_exit(0);
                }
            }
            userStart.ret_from_fork(p);
        } catch (org.jstap.sim.kernel.sched.TaskExit e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            if (p.regs != null && !p.is_kthread()) {
                // a Java program's own bug (the kernel's are caught at the trap): it dies as of SIGSEGV
                kernel.printk().pr_info(p.comm + "[" + p.pid + "]: program fault: " + e);
                kernel.exit().do_group_exit(Signals.SIGSEGV);
            }
            kernel.oops(e, p);
            kernel.exit().make_task_dead(Signals.SIGSEGV);
        }
    }

    /** Undoes a copy_process that failed half way. */
    private void undo(TaskStruct p) {
        if (p.mm != null) {
            kernel.mmap().mmput(p.mm);
        }
        __cleanup_sighand(p);
        __cleanup_signal(p);
        kernel.pid().free_pid(p.pid);
        kernel.slab().kmem_cache_free(taskCache, p.kaddr());
    }

    /** __cleanup_sighand: the last user of the signal actions frees them. */
    public void __cleanup_sighand(TaskStruct p) {
        if (p.sighand != null && --p.sighand.count == 0 && p.sighand.kaddr != 0) {
            kernel.slab().kmem_cache_free(sighandCache, p.sighand.kaddr);
        }
        p.sighand = null;
    }

    /** The last thread of a process is gone: its signal_struct goes too. */
    public void __cleanup_signal(TaskStruct p) {
        if (p.signal != null && p.signal.kaddr != 0 && (p.thread_group_leader() || p.signal.nr_threads == 0)) {
            kernel.slab().kmem_cache_free(signalCache, p.signal.kaddr);
            p.signal.kaddr = 0;
        }
    }

    /** put_task_struct: drops a reference; the last frees the task_struct. */
    public void put_task_struct(TaskStruct p) {
        if (p.pid == 0 || p.put() > 0) {
            return;
        }
        kernel.slab().kmem_cache_free(taskCache, p.kaddr());
    }

    /** Processes and threads created since boot (the "processes" line of /proc/stat). */
    public long total_forks() {
        return totalForks;
    }

    /** clone(2), in RISC-V's argument order: flags, new stack, parent tid, tls, child tid. */
    public long __do_sys_clone(long flags, long newsp, long parentTid, long tls, long childTid) {
        return kernel_clone(new CloneArgs(flags & ~CSIGNAL, (int) (flags & CSIGNAL), newsp, tls, parentTid, childTid,
                null, null));
    }
}
