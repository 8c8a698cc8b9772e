package org.jstap.sim.arch.riscv;

import org.jstap.sim.hw.Ram;

/**
 * arch/riscv/include/asm/page.h: where the kernel sees physical memory. All of RAM is mapped
 * linearly from {@link #PAGE_OFFSET} (Sv39's value), so a kernel address names a physical byte.
 */
public final class Page {
    private Page() {}

    public static final int PAGE_SHIFT = Ram.PAGE_SHIFT;
    public static final int PAGE_SIZE = Ram.PAGE_SIZE;
    public static final long PAGE_MASK = ~(long) (PAGE_SIZE - 1);
    /** Start of the linear map of RAM in the kernel's address space (Sv39). */
    public static final long PAGE_OFFSET = 0xffff_ffd8_0000_0000L;

    /** __va: the kernel address of a physical one. */
    public static long __va(long pa) {
        return PAGE_OFFSET + (pa - Ram.BASE);
    }

    /** __pa: the physical address behind a linear-map address. */
    public static long __pa(long va) {
        return va - PAGE_OFFSET + Ram.BASE;
    }

    public static long pfn_to_virt(long pfn) {
        return __va(pfn << PAGE_SHIFT);
    }

    public static long virt_to_pfn(long va) {
        return __pa(va) >>> PAGE_SHIFT;
    }

    public static long PAGE_ALIGN(long addr) {
        return (addr + PAGE_SIZE - 1) & PAGE_MASK;
    }

    public static boolean offset_in_page(long addr) {
        return (addr & (PAGE_SIZE - 1)) != 0;
    }
}
