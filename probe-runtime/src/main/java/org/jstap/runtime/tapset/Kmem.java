package org.jstap.runtime.tapset;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jstap.runtime.Context;
import org.jstap.runtime.StapError;
import org.jstap.sim.arch.riscv.Page;
import org.jstap.sim.hw.Ram;

/**
 * stap's kernel_* reads (conversions.stp): bytes of kernel memory. The kernel's memory is RAM,
 * seen through its linear map ({@link Page#PAGE_OFFSET}, so {@code __va(pa)} names physical byte
 * {@code pa}); anything else faults as stap's {@code kread} does, with its messages:
 * {@code ERROR: kernel string copy fault at 0x0000000000000000 near identifier 'kernel_string' at t.stp:1:23}.
 * Integers are little-endian and signed, except {@code char}, which is unsigned on RISC-V.
 */
public final class Kmem {
    private Kmem() {}

    /** The physical address behind a linear-map address, or -1 when no RAM is there. */
    private static long pa(Context c, long addr) {
        if (Long.compareUnsigned(addr, Page.PAGE_OFFSET) < 0) {
            return -1;
        }
        long pa = Page.__pa(addr);
        return c.kernel().ram().contains(pa) ? pa : -1;
    }

    /** {@code size} bytes at {@code addr}, little-endian, or a read fault. */
    private static long read(Context c, long addr, int size, String near) {
        Ram ram = c.kernel().ram();
        long v = 0;
        for (int i = 0; i < size; i++) {
            long pa = pa(c, addr + i);
            if (pa < 0) {
                throw new StapError(String.format("kernel read fault at 0x%016x near %s", addr, near));
            }
            v |= (long) ram.read8(pa) << (8 * i);
        }
        return v;
    }

    @Function(near = true, pure = true)
    public static long kernel_long(Context c, long addr, String near) {
        return read(c, addr, 8, near);
    }

    @Function(near = true, pure = true)
    public static long kernel_int(Context c, long addr, String near) {
        return (int) read(c, addr, 4, near);
    }

    @Function(near = true, pure = true)
    public static long kernel_short(Context c, long addr, String near) {
        return (short) read(c, addr, 2, near);
    }

    @Function(near = true, pure = true)
    public static long kernel_char(Context c, long addr, String near) {
        return read(c, addr, 1, near);
    }

    /** kernel_string(addr): the NUL-terminated string at addr, at most MAXSTRINGLEN bytes kept. */
    @Function(near = true, pure = true)
    public static String kernel_string(Context c, long addr, String near) {
        return string(c, addr, Long.MAX_VALUE, near);
    }

    /** kernel_string_n(addr, n): at most n bytes of the string at addr. */
    @Function(near = true, pure = true)
    public static String kernel_string_n(Context c, long addr, long n, String near) {
        return string(c, addr, Math.max(n, 0), near);
    }

    private static String string(Context c, long addr, long max, String near) {
        Ram ram = c.kernel().ram();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // the copy stops at MAXSTRINGLEN - 1 bytes, as stap's fixed buffer does
        long limit = Math.min(max, c.maxStringLen() - 1);
        for (long i = 0; i < limit; i++) {
            long pa = pa(c, addr + i);
            if (pa < 0) {
                throw new StapError(String.format("kernel string copy fault at 0x%016x near %s", addr, near));
            }
            int b = ram.read8(pa);
            if (b == 0) {
                break;
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
