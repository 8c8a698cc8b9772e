package org.jstap.sim.kernel;

import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.sched.WaitQueueHead;
import org.jstap.sim.kernel.signal.Signals;

/**
 * kernel/umh.c: the kernel starting a user program (call_usermodehelper). A helper kernel thread
 * forks the program's task and waits for it (UMH_WAIT_PROC), so the caller learns its pid and,
 * later, its wait status. The program runs in a session of its own, in the foreground of the
 * console, with /dev/console as descriptors 0-2. A caller may hold it back until it is ready
 * ({@link SubprocessInfo#release}), as staprun holds a {@code -c} command until the begin probes
 * have run.
 */
@LinuxFile("kernel/umh.c")
public final class Umh {
    /** struct subprocess_info: one request and what became of it. */
    public static final class SubprocessInfo {
        public final String path;
        public final List<String> argv;
        public final List<String> envp;
        /** What descriptor 2 opens (descriptors 0 and 1 are /dev/console). */
        public final String stderr;
        /** The program's pid once its task exists (0 before). */
        public volatile int pid;
        /** Its wait status once it has exited, or the exec's -errno. */
        public volatile int retval;
        public volatile boolean done;
        boolean released;
        final WaitQueueHead go = new WaitQueueHead();
        private Kernel kernel;

        SubprocessInfo(String path, List<String> argv, List<String> envp, String stderr) {
            this.path = path;
            this.argv = List.copyOf(argv);
            this.envp = List.copyOf(envp);
            this.stderr = stderr;
        }

        /** Lets a held program go on to exec. */
        public void release() {
            released = true;
            kernel.waitq().wake_up(go);
        }
    }

    private final Kernel kernel;

    public Umh(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * call_usermodehelper_exec with UMH_WAIT_PROC, asynchronous for the caller: the request runs
     * on a helper thread; {@code hold} keeps the program from exec'ing until released.
     */
    public SubprocessInfo call_usermodehelper(String path, List<String> argv, List<String> envp, boolean hold) {
        return call_usermodehelper(path, argv, envp, hold, CONSOLE);
    }

    private static final String CONSOLE = "/dev/console";

    /** The same with descriptor 2 on {@code stderr} (a device such as /dev/ttyS1). */
    public SubprocessInfo call_usermodehelper(String path, List<String> argv, List<String> envp, boolean hold,
                                              String stderr) {
        SubprocessInfo sub = new SubprocessInfo(path, argv, envp, stderr);
        sub.kernel = kernel;
        sub.released = !hold;
        kernel.kthread().kthread_run(() -> call_usermodehelper_exec_sync(sub), 0, "kworker/u4:0");
        return sub;
    }

    /** call_usermodehelper_exec_sync: fork the program's task, then wait for it. */
    void call_usermodehelper_exec_sync(SubprocessInfo sub) {
        long pid = kernel.fork().kernel_thread(() -> call_usermodehelper_exec_async(sub), "kworker/u4:0",
                Signals.SIGCHLD);
        if (pid < 0) {
            sub.retval = (int) pid;
            sub.done = true;
            return;
        }
        sub.pid = (int) pid;
        sub.retval = kernel.exit().kernel_wait((int) pid);
        sub.done = true;
    }

    /** call_usermodehelper_exec_async: the new task sets itself up and becomes the program. */
    void call_usermodehelper_exec_async(SubprocessInfo sub) {
        TaskStruct me = kernel.sched().current();
        kernel.sys().__do_sys_setsid();
        // the console's foreground: ^C reaches the program, as it would in a shell
        kernel.console().tty().session = me.tgid;
        kernel.console().tty().pgrp = me.tgid;
        var files = kernel.vfs().files();
        for (int fd = 0; fd < 3; fd++) {
            files.close_fd(fd);
        }
        long fd = kernel.vfs().open().do_sys_open(Fcntl.AT_FDCWD, CONSOLE, Fcntl.O_RDWR, 0);
        if (fd == 0) {
            files.__do_sys_dup(0);
            if (sub.stderr.equals(CONSOLE)
                    || kernel.vfs().open().do_sys_open(Fcntl.AT_FDCWD, sub.stderr, Fcntl.O_WRONLY | Fcntl.O_NOCTTY, 0) != 2) {
                files.__do_sys_dup3(0, 2, 0);
            }
        }
        kernel.waitq().wait_event(sub.go, () -> sub.released);
        int r = kernel.exec().kernel_execve(sub.path, sub.argv, sub.envp);
        if (r != 0) {
            // exec failed: the helper's status is the error, as UMH reports it
            kernel.exit().do_exit(((-r) & 0xff) << 8);
        }
    }
}
