package org.jstap.sim.hw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The board's physical memory, as page frames from {@link #BASE} (where DRAM starts on RISC-V's
 * virt board). A frame's storage is created when it is first written and dropped when the kernel
 * says the frame is free ({@link #discard}), so host memory follows what the machine uses; a
 * frame never written reads as zeros.
 */
public final class Ram {
    /** Physical address of the first byte of DRAM. */
    public static final long BASE = 0x8000_0000L;
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final byte[][] frames;
    /** Frames a hart has decoded instructions from: a write to one tells {@link #textObserver}. */
    private final boolean[] text;
    private TextObserver textObserver;

    /** Who keeps decoded copies of frames' instructions (the harts' decoded-page cache). */
    public interface TextObserver {
        /** Frame {@code pfn} was written (or freed): its decoded instructions are stale. */
        void text_written(long pfn);
    }

    public Ram(long bytes) {
        this.frames = new byte[Math.toIntExact(bytes >>> PAGE_SHIFT)][];
        this.text = new boolean[frames.length];
    }

    /** Sets the observer told about writes to frames marked with {@link #watch_text}. */
    public void observe_text(TextObserver observer) {
        this.textObserver = observer;
    }

    /** Frame {@code pfn} holds decoded instructions: the next write to it is reported once. */
    public void watch_text(long pfn) {
        text[index(pfn)] = true;
    }

    private void text_changed(int index) {
        text[index] = false;
        textObserver.text_written(first_pfn() + index);
    }

    /** Number of page frames. */
    public long frames() {
        return frames.length;
    }

    /** Page frame number of the first frame. */
    public long first_pfn() {
        return BASE >>> PAGE_SHIFT;
    }

    /** Whether {@code pa} is a byte of DRAM. */
    public boolean contains(long pa) {
        long index = (pa - BASE) >>> PAGE_SHIFT;
        return pa >= BASE && index < frames.length;
    }

    private byte[] frameOf(long pa, boolean write) {
        int index = index(pa >>> PAGE_SHIFT);
        byte[] f = frames[index];
        if (write && text[index]) {
            text_changed(index);
        }
        if (f == null && write) {
            f = frames[index] = new byte[PAGE_SIZE];
        }
        return f;
    }

    private int index(long pfn) {
        long index = pfn - first_pfn();
        if (index < 0 || index >= frames.length) {
            throw new IllegalArgumentException("no RAM at pfn 0x" + Long.toHexString(pfn));
        }
        return (int) index;
    }

    public long read64(long pa) {
        byte[] f = frameOf(pa, false);
        return f == null ? 0 : (long) LONGS.get(f, (int) (pa & (PAGE_SIZE - 1)));
    }

    public void write64(long pa, long value) {
        LONGS.set(frameOf(pa, true), (int) (pa & (PAGE_SIZE - 1)), value);
    }

    public int read32(long pa) {
        byte[] f = frameOf(pa, false);
        return f == null ? 0 : (int) INTS.get(f, (int) (pa & (PAGE_SIZE - 1)));
    }

    public void write32(long pa, int value) {
        INTS.set(frameOf(pa, true), (int) (pa & (PAGE_SIZE - 1)), value);
    }

    public int read16(long pa) {
        byte[] f = frameOf(pa, false);
        return f == null ? 0 : (short) SHORTS.get(f, (int) (pa & (PAGE_SIZE - 1))) & 0xffff;
    }

    public void write16(long pa, int value) {
        SHORTS.set(frameOf(pa, true), (int) (pa & (PAGE_SIZE - 1)), (short) value);
    }

    /** A device reads {@code len} bytes at {@code pa} (DMA), across frames. */
    public void dma_read(long pa, byte[] dst, int off, int len) {
        while (len > 0) {
            int n = (int) Math.min(len, PAGE_SIZE - (pa & (PAGE_SIZE - 1)));
            read(pa, dst, off, n);
            pa += n;
            off += n;
            len -= n;
        }
    }

    /** A device writes {@code len} bytes to {@code pa} (DMA), across frames. */
    public void dma_write(long pa, byte[] src, int off, int len) {
        while (len > 0) {
            int n = (int) Math.min(len, PAGE_SIZE - (pa & (PAGE_SIZE - 1)));
            write(pa, src, off, n);
            pa += n;
            off += n;
            len -= n;
        }
    }

    public int read8(long pa) {
        byte[] f = frameOf(pa, false);
        return f == null ? 0 : f[(int) (pa & (PAGE_SIZE - 1))] & 0xff;
    }

    public void write8(long pa, int value) {
        frameOf(pa, true)[(int) (pa & (PAGE_SIZE - 1))] = (byte) value;
    }

    /** Copies {@code len} bytes from {@code pa} into {@code dst}; the range must stay in one frame. */
    public void read(long pa, byte[] dst, int off, int len) {
        byte[] f = frameOf(pa, false);
        int start = (int) (pa & (PAGE_SIZE - 1));
        if (f == null) {
            java.util.Arrays.fill(dst, off, off + len, (byte) 0);
        } else {
            System.arraycopy(f, start, dst, off, len);
        }
    }

    /** Copies {@code len} bytes of {@code src} to {@code pa}; the range must stay in one frame. */
    public void write(long pa, byte[] src, int off, int len) {
        System.arraycopy(src, off, frameOf(pa, true), (int) (pa & (PAGE_SIZE - 1)), len);
    }

    /** Zeroes a whole frame. */
    public void clear(long pfn) {
        drop_text(pfn);
        frames[index(pfn)] = null;
    }

    /** Copies frame {@code from} onto frame {@code to}. */
    public void copy(long from, long to) {
        byte[] src = frames[index(from)];
        drop_text(to);
        frames[index(to)] = src == null ? null : src.clone();
    }

    /** The kernel freed the frame: its contents are unspecified from now on, so drop them. */
    public void discard(long pfn) {
        drop_text(pfn);
        frames[index(pfn)] = null;
    }

    private void drop_text(long pfn) {
        int index = index(pfn);
        if (text[index]) {
            text_changed(index);
        }
    }

    /** Frames that hold storage now (for host-memory accounting in tests and benchmarks). */
    public long backed_frames() {
        long n = 0;
        for (byte[] f : frames) {
            if (f != null) {
                n++;
            }
        }
        return n;
    }
}
