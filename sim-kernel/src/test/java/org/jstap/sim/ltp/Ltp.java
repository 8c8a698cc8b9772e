package org.jstap.sim.ltp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jstap.sim.Kernel;
import org.jstap.sim.UserPrograms;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.arch.riscv.UserMode;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.kernel.sched.TaskExit;
import org.jstap.sim.userland.Libc;

/**
 * The Linux Test Project's test library (tst_test.h) for programs that run as the simulated
 * machine's init: {@code TEST}, {@code TST_EXP_FAIL} and friends record results, strings and
 * structures go on the program's stack, and {@link #run} boots a machine, runs the body and
 * fails the JUnit test with every failed check (and with any oops in dmesg).
 *
 * <pre>{@code
 * Ltp.run(t -> t.TST_EXP_FAIL(t.open("/nope", O_RDONLY), ENOENT, "open(/nope)"));
 * }</pre>
 */
final class Ltp {
    static final int AT_FDCWD = Fcntl.AT_FDCWD;
    /** An address no program has mapped (below the first page of text). */
    static final long UNMAPPED = 0x10;
    /** A kernel-half address: never accessible from user mode. */
    static final long KERNEL_ADDR = 0xffffffff80000000L;
    static final int STAT_SIZE = 128;

    final UserMode cpu;
    final Libc c;
    private final List<String> failures;
    /** The result of the last {@link #TEST}, as LTP's TST_RET. */
    long TST_RET;
    int passed;

    Ltp(UserMode cpu, List<String> failures) {
        this.cpu = cpu;
        this.c = new Libc(cpu);
        this.failures = failures;
    }

    /** Boots a machine whose init runs {@code body}; fails with every failed check. */
    static Kernel run(Consumer<Ltp> body) {
        return run(60, body);
    }

    /** The same, for tests whose virtual time runs past a minute (TCP's timeouts). */
    static Kernel run(long seconds, Consumer<Ltp> body) {
        List<String> failures = new CopyOnWriteArrayList<>();
        int[] passed = new int[1];
        Kernel k = UserPrograms.run(cpu -> {
            Ltp t = new Ltp(cpu, failures);
            try {
                body.accept(t);
            } catch (TaskExit e) {
                throw e;
            } catch (RuntimeException | AssertionError | StackOverflowError e) {
                StringWriter w = new StringWriter();
                e.printStackTrace(new PrintWriter(w));
                failures.add("TBROK: exception escaped: " + w);
            }
            passed[0] = t.passed;
            t.c.write(1, "\nLTP-DONE\n");
            return 0;
        }, "LTP-DONE", seconds);
        List<String> oops = k.printk().dmesg().stream().filter(l -> l.contains("Oops")).toList();
        assertEquals(List.of(), oops, String.join("\n", k.printk().dmesg()));
        assertEquals(List.of(), List.copyOf(failures), "failed checks");
        assertTrue(passed[0] > 0, "no check ran");
        return k;
    }

    // ---------------------------------------------------------------- results

    long TEST(long r) {
        TST_RET = r;
        return r;
    }

    void tst_res_fail(String msg) {
        failures.add("TFAIL: " + msg);
    }

    void tst_res_pass() {
        passed++;
    }

    /** TST_EXP_PASS: the call returned 0. */
    long TST_EXP_PASS(long r, String what) {
        TEST(r);
        if (r == 0) {
            passed++;
        } else {
            tst_res_fail(what + " returned " + describe(r) + ", expected 0");
        }
        return r;
    }

    /** TST_EXP_POSITIVE: the call returned a non-negative value. */
    long TST_EXP_POSITIVE(long r, String what) {
        TEST(r);
        if (r >= 0) {
            passed++;
        } else {
            tst_res_fail(what + " failed with " + describe(r));
        }
        return r;
    }

    /** TST_EXP_FD: the call returned a descriptor. */
    int TST_EXP_FD(long r, String what) {
        TST_EXP_POSITIVE(r, what);
        return (int) r;
    }

    /** TST_EXP_VAL: the call returned {@code expected}. */
    long TST_EXP_VAL(long r, long expected, String what) {
        TEST(r);
        if (r == expected) {
            passed++;
        } else {
            tst_res_fail(what + " returned " + describe(r) + ", expected " + expected);
        }
        return r;
    }

    /** TST_EXP_FAIL: the call failed with {@code errno}. */
    void TST_EXP_FAIL(long r, int errno, String what) {
        TEST(r);
        if (r == -errno) {
            passed++;
        } else {
            tst_res_fail(what + " returned " + describe(r) + ", expected " + Errnos.name(errno));
        }
    }

    /** TST_EXP_EQ_STR. */
    void TST_EXP_EQ_STR(String got, String expected, String what) {
        if (expected.equals(got)) {
            passed++;
        } else {
            tst_res_fail(what + ": got '" + got + "', expected '" + expected + "'");
        }
    }

    /** TST_EXP_EXPR: a condition on the results so far. */
    void TST_EXP_EXPR(boolean cond, String what) {
        if (cond) {
            passed++;
        } else {
            tst_res_fail(what);
        }
    }

    static String describe(long r) {
        return r < 0 && r >= -4095 ? r + " (" + Errnos.name((int) -r) + ")" : Long.toString(r);
    }

    // ---------------------------------------------------------------- user memory

    /** A NUL-terminated string on the stack. */
    long str(String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
        long a = c.push(b.length);
        cpu.write(a, b, 0, b.length);
        return a;
    }

    /** {@code n} zeroed bytes on the stack. */
    long buf(int n) {
        long a = c.push(n);
        cpu.write(a, new byte[n], 0, n);
        return a;
    }

    String string(long addr, int n) {
        byte[] b = new byte[n];
        cpu.read(addr, b, 0, n);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    int u32(long addr) {
        return (int) cpu.ld(addr);
    }

    void sw(long addr, int v) {
        byte[] b = {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
        cpu.write(addr, b, 0, 4);
    }

    // ---------------------------------------------------------------- syscalls

    long sys(int nr, long... args) {
        return cpu.ecall(nr, args);
    }

    long openat(int dfd, String path, int flags, int mode) {
        long sp = cpu.sp();
        long r = sys(SyscallTable.__NR_openat, dfd, str(path), flags, mode);
        cpu.set_sp(sp);
        return r;
    }

    long open(String path, int flags) {
        return openat(AT_FDCWD, path, flags, 0);
    }

    long open(String path, int flags, int mode) {
        return openat(AT_FDCWD, path, flags, mode);
    }

    /** Creates {@code path} with {@code content}; returns 0 or -errno. */
    long create(String path, String content, int mode) {
        long fd = open(path, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC, mode);
        if (fd < 0) {
            return fd;
        }
        long w = write((int) fd, content);
        close((int) fd);
        return w < 0 ? w : 0;
    }

    long close(int fd) {
        return sys(SyscallTable.__NR_close, fd);
    }

    long write(int fd, String s) {
        return c.write(fd, s);
    }

    /** read(fd, buf, n): the bytes read, or "E<errno>". */
    /** pread64 of {@code n} bytes at {@code off}, as a string (or "E<errno>"). */
    String pread_string(int fd, int n, long off) {
        long b = buf(n);
        long r = sys(SyscallTable.__NR_pread64, fd, b, n, off);
        return r < 0 ? "E" + (-r) : string(b, (int) r);
    }

    String read(int fd, int n) {
        long b = buf(Math.max(n, 1));
        long r = sys(SyscallTable.__NR_read, fd, b, n);
        TST_RET = r;
        return r < 0 ? Errnos.name((int) -r) : string(b, (int) r);
    }

    long lseek(int fd, long off, int whence) {
        return sys(SyscallTable.__NR_lseek, fd, off, whence);
    }

    long mkdir(String path, int mode) {
        long sp = cpu.sp();
        long r = sys(SyscallTable.__NR_mkdirat, AT_FDCWD, str(path), mode);
        cpu.set_sp(sp);
        return r;
    }

    long unlink(String path) {
        long sp = cpu.sp();
        long r = sys(SyscallTable.__NR_unlinkat, AT_FDCWD, str(path), 0);
        cpu.set_sp(sp);
        return r;
    }

    long rmdir(String path) {
        long sp = cpu.sp();
        long r = sys(SyscallTable.__NR_unlinkat, AT_FDCWD, str(path), Fcntl.AT_REMOVEDIR);
        cpu.set_sp(sp);
        return r;
    }

    long symlink(String target, String link) {
        long sp = cpu.sp();
        long r = sys(SyscallTable.__NR_symlinkat, str(target), AT_FDCWD, str(link));
        cpu.set_sp(sp);
        return r;
    }

    long link(String oldp, String newp) {
        long sp = cpu.sp();
        long r = sys(SyscallTable.__NR_linkat, AT_FDCWD, str(oldp), AT_FDCWD, str(newp), 0);
        cpu.set_sp(sp);
        return r;
    }

    long rename(String oldp, String newp, int flags) {
        long sp = cpu.sp();
        long r = sys(SyscallTable.__NR_renameat2, AT_FDCWD, str(oldp), AT_FDCWD, str(newp), flags);
        cpu.set_sp(sp);
        return r;
    }

    long chdir(String path) {
        long sp = cpu.sp();
        long r = sys(SyscallTable.__NR_chdir, str(path));
        cpu.set_sp(sp);
        return r;
    }

    long chmod(String path, int mode) {
        long sp = cpu.sp();
        long r = sys(SyscallTable.__NR_fchmodat, AT_FDCWD, str(path), mode);
        cpu.set_sp(sp);
        return r;
    }

    long umask(int mask) {
        return sys(SyscallTable.__NR_umask, mask);
    }

    /** getcwd into a buffer of {@code size}: the path, or "E<errno>". */
    String getcwd(int size) {
        long b = buf(Math.max(size, 1));
        long r = sys(SyscallTable.__NR_getcwd, b, size);
        TST_RET = r;
        return r < 0 ? Errnos.name((int) -r) : string(b, (int) r - 1);
    }

    /** stat(path) into a fresh struct stat; the buffer's address, or -errno in TST_RET. */
    long stat(String path, int flags) {
        long b = buf(STAT_SIZE);
        TST_RET = sys(SyscallTable.__NR_newfstatat, AT_FDCWD, str(path), b, flags);
        return b;
    }

    long fstat(int fd) {
        long b = buf(STAT_SIZE);
        TST_RET = sys(SyscallTable.__NR_fstat, fd, b);
        return b;
    }

    long st_ino(long st) {
        return cpu.ld(st + 8);
    }

    int st_mode(long st) {
        return u32(st + 16);
    }

    int st_nlink(long st) {
        return u32(st + 20);
    }

    int st_uid(long st) {
        return u32(st + 24);
    }

    long st_size(long st) {
        return cpu.ld(st + 48);
    }

    /** pipe2: {read end, write end}, or {-errno, -errno}. */
    int[] pipe(int flags) {
        long fds = buf(8);
        long r = sys(SyscallTable.__NR_pipe2, fds, flags);
        TST_RET = r;
        if (r < 0) {
            return new int[] {(int) r, (int) r};
        }
        return new int[] {u32(fds), u32(fds + 4)};
    }

    /** fork: runs {@code child} as a new process with its own Ltp, which exits 0 at its end; the pid or -errno. */
    long fork(Consumer<Ltp> child) {
        long pid = c.fork(ccpu -> {
            Ltp t = new Ltp(ccpu, failures);
            try {
                child.accept(t);
            } catch (TaskExit e) {
                throw e;
            } catch (RuntimeException | AssertionError e) {
                failures.add("TBROK: exception escaped in child: " + e);
            } finally {
                synchronized (Ltp.this) {
                    passed += t.passed;
                }
            }
            return 0;
        });
        if (pid < 0) {
            tst_res_fail("fork failed: " + describe(pid));
        }
        return pid;
    }

    /** wait4(pid, &status, 0): the wait status of {@code pid}, which must be reaped. */
    int waitpid(long pid) {
        int[] status = new int[1];
        long r = c.wait4(pid, status, 0);
        if (r != pid) {
            tst_res_fail("wait4(" + pid + ") returned " + describe(r));
        }
        return status[0];
    }

    /** fork, then wait for the child; returns the wait status. */
    int fork_and_wait(Consumer<Ltp> child) {
        long pid = fork(child);
        return pid < 0 ? -1 : waitpid(pid);
    }

    /** sigaction(sig, {handler, flags, mask}, NULL) with {@code handler} in this program. */
    long sigaction(int sig, Runnable handler, long flags, long mask) {
        return c.sigaction(sig, cpu -> {
            // as a C function's epilogue would, give back the stack the handler used
            long sp = cpu.sp();
            handler.run();
            cpu.set_sp(sp);
            return 0;
        }, flags, mask);
    }

    /** The signal mask, from rt_sigprocmask(SIG_BLOCK, NULL, &old). */
    long sigmask() {
        long old = buf(8);
        long r = sys(SyscallTable.__NR_rt_sigprocmask, 0, 0, old, 8);
        return r < 0 ? r : cpu.ld(old);
    }

    static boolean WIFEXITED(int s) {
        return (s & 0x7f) == 0;
    }

    static int WEXITSTATUS(int s) {
        return (s >> 8) & 0xff;
    }

    static boolean WIFSIGNALED(int s) {
        return ((s & 0x7f) + 1) >> 1 > 0 && (s & 0x7f) != 0x7f;
    }

    static int WTERMSIG(int s) {
        return s & 0x7f;
    }
}
