package org.jstap.sim.fs;

import static org.jstap.sim.UserPrograms.console;
import static org.jstap.sim.UserPrograms.run;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.arch.riscv.UserMode;
import org.jstap.sim.userland.Libc;
import org.junit.jupiter.api.Test;

/** The VFS end to end from a user program: open, read, write, create, pipes, the console descriptors. */
class VfsSmokeTest {
    static long str(Libc c, String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
        long a = c.push(b.length);
        c.cpu().write(a, b, 0, b.length);
        return a;
    }

    static String read(UserMode cpu, int fd, int max) {
        Libc c = new Libc(cpu);
        long buf = c.push(max);
        long n = cpu.ecall(SyscallTable.__NR_read, fd, buf, max);
        if (n < 0) {
            return "E" + (-n);
        }
        byte[] b = new byte[(int) n];
        cpu.read(buf, b, 0, (int) n);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void readWriteCreatePipe_fromAUserProgram() {
        Kernel k = run(cpu -> {
            Libc c = new Libc(cpu);
            long fd = cpu.ecall(SyscallTable.__NR_openat, Fcntl.AT_FDCWD, str(c, "/etc/hostname"), Fcntl.O_RDONLY, 0);
            c.write(1, "open=" + fd + " host=" + read(cpu, (int) fd, 100));
            long w = cpu.ecall(SyscallTable.__NR_openat, Fcntl.AT_FDCWD, str(c, "/tmp/x"),
                    Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0644);
            c.write((int) w, "hi there\n");
            cpu.ecall(SyscallTable.__NR_close, w);
            long r = cpu.ecall(SyscallTable.__NR_openat, Fcntl.AT_FDCWD, str(c, "/tmp/x"), Fcntl.O_RDONLY, 0);
            c.write(1, "tmp=" + read(cpu, (int) r, 100));
            long nope = cpu.ecall(SyscallTable.__NR_openat, Fcntl.AT_FDCWD, str(c, "/nope"), Fcntl.O_RDONLY, 0);
            c.write(1, "nope=" + nope + "\n");
            long fds = c.push(8);
            cpu.ecall(SyscallTable.__NR_pipe2, fds, 0);
            int rd = (int) (cpu.ld(fds) & 0xffffffffL);
            int wr = (int) (cpu.ld(fds) >>> 32);
            c.write(wr, "through the pipe\n");
            c.write(1, "pipe=" + read(cpu, rd, 100));
            c.write(1, "done\n");
            return 0;
        }, "done");
        String out = console(k);
        assertTrue(out.contains("open=3 host=jstap\n"), out);
        assertTrue(out.contains("tmp=hi there\n"), out);
        assertTrue(out.contains("nope=-2\n"), out);
        assertTrue(out.contains("pipe=through the pipe\n"), out);
    }
}
