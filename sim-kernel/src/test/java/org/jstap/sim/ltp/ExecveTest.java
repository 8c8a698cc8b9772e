package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.kernel.Errno.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** execve(2) (LTP execve01-06, execl01, execvp01). */
class ExecveTest {
    /** execve(path, {path, NULL}, {NULL}). */
    static long execve(Ltp t, String path) {
        long sp = t.cpu.sp();
        long p = t.str(path);
        long argv = t.buf(16);
        t.cpu.sd(argv, p);
        long r = t.sys(__NR_execve, p, argv, argv + 8);
        t.cpu.set_sp(sp);
        return r;
    }

    @Test
    void execve_errors() {
        Ltp.run(t -> {
            t.create("/tmp/plain", "hello\n", 0644);
            t.create("/tmp/junk", "this is no executable\n", 0755);
            t.create("/tmp/noint", "#!/nonexistent/interp\n", 0755);
            int s = t.fork_and_wait(c -> {
                c.TST_EXP_FAIL(execve(c, "/nonexistent"), ENOENT, "execve(/nonexistent)");
                c.TST_EXP_FAIL(execve(c, ""), ENOENT, "execve(\"\")");
                c.TST_EXP_FAIL(execve(c, "/tmp/plain"), EACCES, "a file without execute permission");
                c.TST_EXP_FAIL(execve(c, "/tmp"), EACCES, "a directory");
                c.TST_EXP_FAIL(execve(c, "/etc/hostname/x"), ENOTDIR, "a file used as a directory");
                c.TST_EXP_FAIL(execve(c, "/tmp/junk"), ENOEXEC, "a file of unknown format");
                c.TST_EXP_FAIL(execve(c, "/tmp/noint"), ENOENT, "a script whose interpreter is missing");
                long argv = c.buf(16);
                c.TST_EXP_FAIL(c.sys(__NR_execve, Ltp.UNMAPPED, argv, argv), EFAULT, "path unmapped");
                c.TST_EXP_FAIL(c.sys(__NR_execve, Ltp.KERNEL_ADDR, argv, argv), EFAULT, "path in kernel space");
                long p = c.str("/bin/true");
                c.TST_EXP_FAIL(c.sys(__NR_execve, p, Ltp.UNMAPPED, argv), EFAULT, "argv unmapped");
                c.TST_EXP_FAIL(c.sys(__NR_execve, p, argv, Ltp.UNMAPPED), EFAULT, "envp unmapped");
                c.cpu.sd(argv, Ltp.UNMAPPED);
                c.TST_EXP_FAIL(c.sys(__NR_execve, p, argv, argv + 8), EFAULT, "argv[0] unmapped");
                c.TST_EXP_FAIL(c.c.execve("/bin/true", List.of("true", "x".repeat(32 * 4096)), List.of()), E2BIG,
                        "an argument longer than MAX_ARG_STRLEN");
            });
            t.TST_EXP_VAL(s, 0, "every failed execve returned to the caller");
        });
    }

    @Test
    void execve_success() {
        Ltp.run(t -> {
            int s = t.fork_and_wait(c -> c.c.execve("/bin/false", List.of("false"), List.of()));
            t.TST_EXP_VAL(s, 0x100, "execve(/bin/false): exit 1 from the new program");
            s = t.fork_and_wait(c -> {
                execve(c, "/bin/true");
                c.sys(__NR_exit_group, 99);
            });
            t.TST_EXP_VAL(s, 0, "execve(/bin/true): exit 0 from the new program");
            t.create("/tmp/s", "#!/bin/false\n", 0755);
            s = t.fork_and_wait(c -> execve(c, "/tmp/s"));
            t.TST_EXP_VAL(s, 0x100, "a #! script runs its interpreter");
            t.create("/tmp/sh7", "#!/bin/sh\nexit 7\n", 0755);
            s = t.fork_and_wait(c -> execve(c, "/tmp/sh7"));
            t.TST_EXP_VAL(s, 0x700, "a #!/bin/sh script runs its commands");
        });
    }

    @Test
    void execve_closesCloexecDescriptors() {
        Ltp.run(t -> {
            int[] p = t.pipe(0);
            long pid = t.fork(c -> {
                c.sys(__NR_dup3, p[1], 1, 0);
                c.sys(__NR_dup3, (int) c.open("/etc/hostname", O_RDONLY), 7, O_CLOEXEC);
                c.sys(__NR_dup3, (int) c.open("/etc/hostname", O_RDONLY), 8, 0);
                c.close(p[0]);
                c.close(p[1]);
                c.c.execve("/bin/ls", List.of("ls", "/proc/self/fd"), List.of());
            });
            t.close(p[1]);
            StringBuilder out = new StringBuilder();
            String chunk;
            while (!(chunk = t.read(p[0], 512)).isEmpty() && t.TST_RET > 0) {
                out.append(chunk);
            }
            t.TST_EXP_VAL(t.waitpid(pid), 0, "ls exits 0");
            List<String> fds = List.of(out.toString().split("\\s+"));
            t.TST_EXP_EXPR(fds.contains("8"), "descriptor 8 survives exec: " + fds);
            t.TST_EXP_EXPR(!fds.contains("7"), "the O_CLOEXEC descriptor 7 is closed by exec: " + fds);
        });
    }
}
