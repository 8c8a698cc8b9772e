package org.jstap.sim.arch.riscv;

import org.jstap.sim.Kernel;
import org.jstap.sim.hw.Mmu;
import org.jstap.sim.hw.Ram;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.MmStruct;
import org.jstap.sim.mm.Mmap;

/**
 * arch/riscv/lib/uaccess.S and lib/strncpy_from_user.c: the kernel reading and writing user
 * memory. Addresses are checked (access_ok), translated through the process's own page tables,
 * and faulted in as a user access would be; an address no mapping allows is the exception
 * fixup's case: the copy stops and reports what it could not copy.
 */
@LinuxFile("arch/riscv/lib/uaccess.S")
public final class Uaccess {
    /** Virtual cost per byte copied across the boundary. */
    private static final long NS_PER_64_BYTES = 4;

    private final Kernel kernel;
    private final Ram ram;

    public Uaccess(Kernel kernel) {
        this.kernel = kernel;
        this.ram = kernel.ram();
    }

    /** access_ok: the whole range lies in user space. */
    public static boolean access_ok(long addr, long size) {
        return addr >= 0 && size >= 0 && size <= Mmap.TASK_SIZE && addr <= Mmap.TASK_SIZE - size;
    }

    private MmStruct mm() {
        var current = kernel.sched().current();
        return current == null ? null : current.mm;
    }

    /**
     * The physical address behind user address {@code va} for the access, faulting the page in if
     * needed; -1 when the access is not allowed.
     */
    long user_pa(MmStruct mm, long va, Mmu.Access access) {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (mm == null) {
                return -1;
            }
            long pa = kernel.mmu().translate(mm.pgd, va, access);
            if (pa != Mmu.FAULT) {
                return pa;
            }
            if (kernel.fault().do_page_fault(mm, va, access) != Fault.OK) {
                return -1;
            }
        }
        return -1;
    }

    /** copy_from_user: returns the number of bytes that could not be copied (0 on success). */
    public int copy_from_user(byte[] to, int off, long from, int n) {
        return copy(mm(), from, to, off, n, Mmu.Access.LOAD);
    }

    /** copy_to_user: returns the number of bytes that could not be copied (0 on success). */
    public int copy_to_user(long to, byte[] from, int off, int n) {
        return copy_to_mm(mm(), to, from, off, n);
    }

    /**
     * access_remote_vm for reading (mm/memory.c): copies from the address space {@code mm}, which
     * need not be the caller's (/proc/PID/cmdline); returns the bytes not copied.
     */
    public int access_remote_vm(MmStruct mm, long from, byte[] to, int off, int n) {
        return copy(mm, from, to, off, n, Mmu.Access.LOAD);
    }

    /**
     * access_remote_vm for writing: copies into the address space {@code mm}, which need not be the
     * current one (exec building a new stack). Returns the bytes not copied.
     */
    public int copy_to_mm(MmStruct mm, long to, byte[] from, int off, int n) {
        return copy(mm, to, from, off, n, Mmu.Access.STORE);
    }

    /** Moves {@code n} bytes between {@code buf} and user memory, page by page; returns the bytes not moved. */
    private int copy(MmStruct mm, long va, byte[] buf, int off, int n, Mmu.Access access) {
        if (!access_ok(va, n)) {
            return n;
        }
        kernel.sched().charge(cost(n));
        int done = 0;
        while (done < n) {
            long a = va + done;
            int chunk = (int) Math.min(n - done, Page.PAGE_SIZE - (a & (Page.PAGE_SIZE - 1)));
            long pa = user_pa(mm, a, access);
            if (pa < 0) {
                return n - done;
            }
            if (access == Mmu.Access.STORE) {
                ram.write(pa, buf, off + done, chunk);
            } else {
                ram.read(pa, buf, off + done, chunk);
            }
            done += chunk;
        }
        return 0;
    }

    /** clear_user: zeroes user memory; returns the bytes not cleared. */
    public int clear_user(long to, int n) {
        return copy_to_user(to, new byte[n], 0, n);
    }

    /**
     * strncpy_from_user: copies a NUL-terminated string of at most {@code count} bytes into
     * {@code dst}; returns its length (without the NUL), {@code count} if no NUL came first, or
     * -EFAULT.
     */
    public long strncpy_from_user(byte[] dst, long src, int count) {
        MmStruct mm = mm();
        for (int i = 0; i < count; i++) {
            long va = src + i;
            if (!access_ok(va, 1)) {
                return -Errno.EFAULT;
            }
            long pa = user_pa(mm, va, Mmu.Access.LOAD);
            if (pa < 0) {
                return -Errno.EFAULT;
            }
            int b = ram.read8(pa);
            dst[i] = (byte) b;
            if (b == 0) {
                kernel.sched().charge(cost(i));
                return i;
            }
        }
        kernel.sched().charge(cost(count));
        return count;
    }

    /** get_user of a 64-bit value into {@code out[0]}: 0 or -EFAULT. */
    public int get_user(long[] out, long addr) {
        byte[] b = new byte[8];
        if (copy_from_user(b, 0, addr, 8) != 0) {
            return -Errno.EFAULT;
        }
        out[0] = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return 0;
    }

    /** put_user of a 64-bit value: 0 or -EFAULT. */
    public int put_user(long value, long addr) {
        byte[] b = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        return copy_to_user(addr, b, 0, 8) != 0 ? -Errno.EFAULT : 0;
    }

    /**
     * copy_from_user_nofault (mm/maccess.c): a read that may not sleep, for tracers. A page not
     * present is not faulted in; the copy stops there. Returns the bytes not copied.
     */
    public int copy_from_user_nofault(byte[] to, long from, int n) {
        if (!access_ok(from, n)) {
            return n;
        }
        MmStruct mm = mm();
        int done = 0;
        while (done < n) {
            long a = from + done;
            int chunk = (int) Math.min(n - done, Page.PAGE_SIZE - (a & (Page.PAGE_SIZE - 1)));
            long pa = mm == null ? Mmu.FAULT : kernel.mmu().translate(mm.pgd, a, Mmu.Access.LOAD);
            if (pa == Mmu.FAULT) {
                return n - done;
            }
            ram.read(pa, to, done, chunk);
            done += chunk;
        }
        return 0;
    }

    /**
     * strncpy_from_user_nofault (mm/maccess.c): strncpy_from_user without faulting pages in;
     * the string's length, {@code count} if no NUL came first, or -EFAULT.
     */
    public long strncpy_from_user_nofault(byte[] dst, long src, int count) {
        MmStruct mm = mm();
        for (int i = 0; i < count; i++) {
            long va = src + i;
            long pa = mm == null || !access_ok(va, 1) ? Mmu.FAULT : kernel.mmu().translate(mm.pgd, va, Mmu.Access.LOAD);
            if (pa == Mmu.FAULT) {
                return -Errno.EFAULT;
            }
            int b = ram.read8(pa);
            dst[i] = (byte) b;
            if (b == 0) {
                return i;
            }
        }
        return count;
    }

    private static long cost(long bytes) {
        return 20 + bytes / 64 * NS_PER_64_BYTES;
    }
}
