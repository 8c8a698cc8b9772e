package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.kernel.Errno.*;

import org.jstap.sim.kernel.signal.Signals;
import org.junit.jupiter.api.Test;

/** mount, umount2 and sync (LTP mount01-07, umount01-03, umount2_01-02, sync01). */
class MountTest {
    static final long SECOND = 1_000_000_000L;

    static long mount(Ltp t, String src, String target, String type, long flags) {
        long sp = t.cpu.sp();
        long r = t.sys(__NR_mount, t.str(src), t.str(target), type == null ? 0 : t.str(type), flags, 0);
        t.cpu.set_sp(sp);
        return r;
    }

    static long umount(Ltp t, String target, int flags) {
        long sp = t.cpu.sp();
        long r = t.sys(__NR_umount2, t.str(target), flags);
        t.cpu.set_sp(sp);
        return r;
    }

    static String mounts(Ltp t) {
        int fd = (int) t.open("/proc/mounts", O_RDONLY);
        StringBuilder b = new StringBuilder();
        String s;
        while (!(s = t.read(fd, 4096)).isEmpty() && t.TST_RET > 0) {
            b.append(s);
        }
        t.close(fd);
        return b.toString();
    }

    @Test
    void mount_errors() {
        Ltp.run(t -> {
            t.mkdir("/mnt", 0755);
            t.mkdir("/mnt/t", 0755);
            t.TST_EXP_FAIL(mount(t, "none", "/mnt/t", "nosuchfs", 0), ENODEV, "an unknown filesystem type");
            t.TST_EXP_FAIL(mount(t, "none", "/mnt/missing", "tmpfs", 0), ENOENT, "a missing mount point");
            t.TST_EXP_FAIL(mount(t, "none", "/etc/hostname/x", "tmpfs", 0), ENOTDIR, "a file as a directory");
            t.TST_EXP_FAIL(t.sys(__NR_mount, t.str("none"), Ltp.UNMAPPED, t.str("tmpfs"), 0, 0), EFAULT,
                    "target unmapped");
            t.TST_EXP_FAIL(umount(t, "/etc", 0), EINVAL, "umount of a directory that is no mount point");
            t.TST_EXP_FAIL(umount(t, "/nonexistent", 0), ENOENT, "umount of a missing path");
            t.TST_EXP_FAIL(umount(t, "/mnt/t", 0x100), EINVAL, "umount2 with an unknown flag");
            t.TST_EXP_PASS(mount(t, "none", "/mnt/t", "tmpfs", 0), "mount tmpfs");
            t.TST_EXP_FAIL(umount(t, "/mnt/t", 2 | 4), EINVAL, "MNT_EXPIRE with MNT_DETACH");
            int s = t.fork_and_wait(c -> {
                c.sys(__NR_setuid, 1000);
                c.TST_EXP_FAIL(mount(c, "none", "/mnt", "tmpfs", 0), EPERM, "mount as uid 1000");
                c.TST_EXP_FAIL(umount(c, "/mnt/t", 0), EPERM, "umount as uid 1000");
            });
            t.TST_EXP_VAL(s, 0, "child");
            t.TST_EXP_PASS(umount(t, "/mnt/t", 0), "umount");
        });
    }

    @Test
    void mount_visibleAndBusy() {
        Ltp.run(t -> {
            t.mkdir("/mnt", 0755);
            t.mkdir("/mnt/t", 0755);
            t.TST_EXP_PASS(mount(t, "scratch", "/mnt/t", "tmpfs", 0), "mount tmpfs");
            t.TST_EXP_EXPR(mounts(t).contains("scratch /mnt/t tmpfs rw"), "in /proc/mounts: " + mounts(t));
            t.TST_EXP_PASS(t.create("/mnt/t/f", "data", 0644), "a file on the new mount");
            int fd = (int) t.open("/mnt/t/f", O_RDONLY);
            t.TST_EXP_FAIL(umount(t, "/mnt/t", 0), EBUSY, "umount with a file open");
            t.close(fd);
            long pid = t.fork(c -> {
                c.chdir("/mnt/t");
                c.c.nanosleep(10 * SECOND);
            });
            t.c.nanosleep(SECOND / 10);
            t.TST_EXP_FAIL(umount(t, "/mnt/t", 0), EBUSY, "umount while a process has its cwd there");
            t.sys(__NR_kill, pid, Signals.SIGKILL);
            t.waitpid(pid);
            t.TST_EXP_PASS(t.chdir("/mnt/t"), "chdir onto the mount");
            t.TST_EXP_FAIL(umount(t, "/mnt/t", 0), EBUSY, "umount of the caller's own cwd");
            t.chdir("/");
            t.TST_EXP_PASS(t.sys(__NR_sync), "sync");
            t.TST_EXP_PASS(umount(t, "/mnt/t", 0), "umount once nothing uses it");
            t.TST_EXP_EXPR(!mounts(t).contains("/mnt/t"), "gone from /proc/mounts");
            t.TST_EXP_FAIL(t.open("/mnt/t/f", O_RDONLY), ENOENT, "the file went with the mount");
            t.TST_EXP_FAIL(umount(t, "/mnt/t", 0), EINVAL, "umount again");
        });
    }
}
