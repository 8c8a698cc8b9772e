package org.jstap.sim.hw.riscv;

import org.jstap.sim.hw.Ram;

/**
 * The machine's decoded-instruction cache: for each page frame that harts have executed from, an
 * array of {@link Insn}s, one slot per halfword, filled as instructions are first reached. It is
 * keyed by physical frame, so processes running the same program share it, and it stays
 * coherent with memory through {@link Ram}: any write into such a frame (by a hart, the kernel or
 * DMA) drops the frame's decoded copy. A hart still executing from the dropped copy sees the new
 * code after its next fence.i or when it next enters the page, as RISC-V allows.
 *
 * <pre>{@code
 * long[] page = decoded.page(pa >>> 12);
 * long d = page[(int) (pc & 0xfff) >>> 1];           // 0: not decoded yet
 * }</pre>
 */
public final class DecodedPages implements Ram.TextObserver {
    /** Slots per page: one per halfword. */
    public static final int SLOTS = 2048;

    private final Ram ram;
    private final long[][] pages;

    public DecodedPages(Ram ram) {
        this.ram = ram;
        this.pages = new long[Math.toIntExact(ram.frames())][];
        ram.observe_text(this);
    }

    /** The decoded page of frame {@code pfn}, made empty on first use. */
    public long[] page(long pfn) {
        int index = (int) (pfn - ram.first_pfn());
        long[] p = pages[index];
        if (p == null) {
            p = pages[index] = new long[SLOTS];
            ram.watch_text(pfn);
        }
        return p;
    }

    @Override
    public void text_written(long pfn) {
        pages[(int) (pfn - ram.first_pfn())] = null;
    }
}
