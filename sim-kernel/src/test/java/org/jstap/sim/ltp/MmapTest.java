package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.Fcntl.*;
import static org.jstap.sim.kernel.Errno.*;
import static org.jstap.sim.mm.Mmap.*;

import org.jstap.sim.kernel.signal.Signals;
import org.junit.jupiter.api.Test;

/** brk, mmap, munmap and mprotect (LTP brk01-02, mmap01-20, munmap01-03, mprotect01-05). */
class MmapTest {
    static final long PAGE = 4096;
    static final int PROT_NONE = 0;

    static long mmap(Ltp t, long len, int prot, int flags, int fd, long off) {
        return t.sys(__NR_mmap, 0, len, prot, flags, fd, off);
    }

    @Test
    void brk_growsAndShrinks() {
        Ltp.run(t -> {
            long cur = t.sys(__NR_brk, 0);
            t.TST_EXP_EXPR(cur > 0, "brk(0) is the current break: " + Long.toHexString(cur));
            t.TST_EXP_VAL(t.sys(__NR_brk, 0), cur, "brk(0) again changes nothing");
            t.TST_EXP_VAL(t.sys(__NR_brk, cur + 3 * PAGE + 100), cur + 3 * PAGE + 100, "grow: the new break, unrounded");
            t.cpu.sd(cur + 3 * PAGE, 0x55);
            t.TST_EXP_VAL(t.cpu.ld(cur + 3 * PAGE), 0x55, "the new heap is usable");
            t.TST_EXP_VAL(t.sys(__NR_brk, cur + PAGE), cur + PAGE, "shrink");
            t.TST_EXP_VAL(t.sys(__NR_brk, 0), cur + PAGE, "brk(0) after shrinking");
            t.TST_EXP_VAL(t.sys(__NR_brk, 1L << 50), cur + PAGE, "an absurd break leaves it unchanged");
            t.TST_EXP_VAL(t.sys(__NR_brk, 0x1000), cur + PAGE, "a break below the heap's start leaves it unchanged");
            int s = t.fork_and_wait(c -> {
                long b = c.sys(__NR_brk, 0);
                c.sys(__NR_brk, b + 2 * PAGE);
                c.cpu.sd(b + PAGE, 1);
                c.sys(__NR_brk, b);
                c.cpu.ld(((b + PAGE - 1) & -PAGE) + PAGE);
                c.tst_res_fail("a load above the shrunken break worked");
            });
            t.TST_EXP_VAL(s, Signals.SIGSEGV, "the released heap is gone");
        });
    }

    @Test
    void mmap_anonymous() {
        Ltp.run(t -> {
            long p = mmap(t, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            t.TST_EXP_POSITIVE(p, "MAP_PRIVATE|MAP_ANONYMOUS");
            t.TST_EXP_VAL(p & (PAGE - 1), 0, "page-aligned");
            t.TST_EXP_VAL(t.cpu.ld(p + PAGE + 8), 0, "zero-filled");
            t.cpu.sd(p, 11);
            long sh = mmap(t, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
            t.TST_EXP_POSITIVE(sh, "MAP_SHARED|MAP_ANONYMOUS");
            int s = t.fork_and_wait(c -> {
                c.TST_EXP_VAL(c.cpu.ld(p), 11, "the child inherits the private mapping");
                c.cpu.sd(p, 22);
                c.cpu.sd(sh, 33);
            });
            t.TST_EXP_VAL(s, 0, "child");
            t.TST_EXP_VAL(t.cpu.ld(p), 11, "a private mapping is copied");
            t.TST_EXP_VAL(t.cpu.ld(sh), 33, "a shared mapping is shared with the child");
            long fixed = t.sys(__NR_mmap, p + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            t.TST_EXP_VAL(fixed, p + PAGE, "MAP_FIXED at the given address");
        });
    }

    @Test
    void mmap_errors() {
        Ltp.run(t -> {
            int rw = PROT_READ | PROT_WRITE;
            t.TST_EXP_FAIL(mmap(t, 0, rw, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL, "length 0");
            t.TST_EXP_FAIL(mmap(t, PAGE, rw, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1), EINVAL, "unaligned offset");
            t.TST_EXP_FAIL(mmap(t, PAGE, rw, MAP_ANONYMOUS, -1, 0), EINVAL, "neither MAP_PRIVATE nor MAP_SHARED");
            t.TST_EXP_FAIL(t.sys(__NR_mmap, 0x12345, PAGE, rw, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL,
                    "MAP_FIXED at an unaligned address");
            t.TST_EXP_FAIL(mmap(t, PAGE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF, "a file mapping of fd -1");
            t.TST_EXP_FAIL(mmap(t, PAGE, PROT_READ, MAP_PRIVATE, 999, 0), EBADF, "a file mapping of a closed fd");
            t.TST_EXP_FAIL(mmap(t, 1L << 46, rw, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM, "larger than TASK_SIZE");
            t.TST_EXP_FAIL(mmap(t, -PAGE / 2, rw, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM, "a length that overflows");
        });
    }

    @Test
    void mmap_regularFilePrivate() {
        Ltp.run(t -> {
            int wo = (int) t.open("/tmp/wo", O_WRONLY | O_CREAT, 0644);
            t.TST_EXP_FAIL(mmap(t, PAGE, PROT_READ, MAP_PRIVATE, wo, 0), EACCES, "a file open write-only");
            int ro = (int) t.open("/etc/hostname", O_RDONLY);
            t.TST_EXP_FAIL(mmap(t, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES,
                    "MAP_SHARED|PROT_WRITE of a read-only fd");
            int fd = (int) t.open("/etc/hostname", O_RDONLY);
            long p = mmap(t, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
            t.TST_EXP_POSITIVE(p, "mmap of /etc/hostname");
            if (p > 0) {
                t.TST_EXP_EQ_STR(t.string(p, 6), "jstap\n", "the mapping holds the file");
                t.TST_EXP_VAL(t.cpu.lbu(p + 6), 0, "zero past the end of the file");
            }
        });
    }

    @Test
    void mmap_regularFileShared_writesReachTheFile_privateOnesDoNot() {
        Ltp.run(t -> {
            int fd = (int) t.open("/tmp/m", O_RDWR | O_CREAT, 0644);
            t.write(fd, "hello world\n");
            long shared = mmap(t, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            long priv = mmap(t, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
            t.TST_EXP_POSITIVE(shared, "MAP_SHARED of a read-write file");
            t.TST_EXP_POSITIVE(priv, "MAP_PRIVATE of the same file");
            t.cpu.sb(priv, 'J');
            t.cpu.sb(shared, 'H');
            t.TST_EXP_EQ_STR(t.string(priv, 5), "Jello", "the private copy keeps its own write");
            t.TST_EXP_EQ_STR(t.pread_string(fd, 5, 0), "Hello", "the shared write is in the file");
            int s = t.fork_and_wait(c -> c.cpu.sb(shared + 1, 'E'));
            t.TST_EXP_VAL(s, 0, "the child wrote through the shared mapping");
            t.TST_EXP_EQ_STR(t.string(shared, 5), "HEllo", "the parent sees the child's write");
            t.TST_EXP_PASS(t.sys(__NR_munmap, shared, PAGE), "munmap of the file mapping");
            long two = mmap(t, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
            int bus = t.fork_and_wait(c -> c.cpu.lbu(two + PAGE));
            t.TST_EXP_VAL(bus, Signals.SIGBUS, "a page wholly past the end of the file is SIGBUS");
            int pipe = (int) t.open("/dev/null", O_RDONLY);
            t.TST_EXP_FAIL(mmap(t, PAGE, PROT_READ, MAP_PRIVATE, pipe, 0), ENODEV, "a file that cannot be mapped");
            t.TST_EXP_FAIL(mmap(t, PAGE, PROT_READ, MAP_PRIVATE, 99, 0), EBADF, "a closed descriptor");
        });
    }

    @Test
    void munmap_semantics() {
        Ltp.run(t -> {
            long p = mmap(t, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            t.TST_EXP_FAIL(t.sys(__NR_munmap, p + 1, PAGE), EINVAL, "unaligned address");
            t.TST_EXP_FAIL(t.sys(__NR_munmap, p, 0), EINVAL, "length 0");
            t.TST_EXP_FAIL(t.sys(__NR_munmap, Ltp.KERNEL_ADDR, PAGE), EINVAL, "a kernel address");
            t.TST_EXP_PASS(t.sys(__NR_munmap, p + PAGE, PAGE), "unmap the middle page");
            t.TST_EXP_PASS(t.sys(__NR_munmap, p + PAGE, PAGE), "unmapping a hole again is no error");
            t.cpu.sd(p, 1);
            t.cpu.sd(p + 2 * PAGE, 2);
            t.TST_EXP_EXPR(t.cpu.ld(p) == 1 && t.cpu.ld(p + 2 * PAGE) == 2, "the pages around the hole remain");
            int s = t.fork_and_wait(c -> {
                c.cpu.ld(p + PAGE);
                c.tst_res_fail("a load from the unmapped page worked");
            });
            t.TST_EXP_VAL(s, Signals.SIGSEGV, "access after munmap is SIGSEGV");
        });
    }

    @Test
    void mprotect_semantics() {
        Ltp.run(t -> {
            long p = mmap(t, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            t.cpu.sd(p, 5);
            t.TST_EXP_FAIL(t.sys(__NR_mprotect, p + 1, PAGE, PROT_READ), EINVAL, "unaligned address");
            t.TST_EXP_FAIL(t.sys(__NR_mprotect, p, PAGE, 0x10), EINVAL, "unknown protection bits");
            long hole = mmap(t, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            t.sys(__NR_munmap, hole, PAGE);
            t.TST_EXP_FAIL(t.sys(__NR_mprotect, hole, PAGE, PROT_READ), ENOMEM, "an unmapped range");
            t.TST_EXP_FAIL(t.sys(__NR_mprotect, p, 64 * PAGE, PROT_READ), ENOMEM, "a range running past the mapping");
            t.TST_EXP_PASS(t.sys(__NR_mprotect, p, 0, PROT_READ), "length 0");
            t.TST_EXP_PASS(t.sys(__NR_mprotect, p, PAGE, PROT_READ), "PROT_READ");
            t.TST_EXP_VAL(t.cpu.ld(p), 5, "still readable");
            int s = t.fork_and_wait(c -> {
                c.cpu.sd(p, 6);
                c.tst_res_fail("a store to a PROT_READ page worked");
            });
            t.TST_EXP_VAL(s, Signals.SIGSEGV, "a store to a PROT_READ page is SIGSEGV");
            t.TST_EXP_PASS(t.sys(__NR_mprotect, p + PAGE, PAGE, PROT_NONE), "PROT_NONE");
            s = t.fork_and_wait(c -> {
                c.cpu.ld(p + PAGE);
                c.tst_res_fail("a load from a PROT_NONE page worked");
            });
            t.TST_EXP_VAL(s, Signals.SIGSEGV, "a load from a PROT_NONE page is SIGSEGV");
            t.TST_EXP_PASS(t.sys(__NR_mprotect, p, 2 * PAGE, PROT_READ | PROT_WRITE), "back to read-write");
            t.cpu.sd(p + PAGE, 7);
            t.TST_EXP_VAL(t.cpu.ld(p + PAGE), 7, "writable again");
        });
    }
}
