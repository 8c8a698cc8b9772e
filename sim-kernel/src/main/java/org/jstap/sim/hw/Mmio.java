package org.jstap.sim.hw;

import java.util.Map;
import java.util.TreeMap;

/**
 * The physical address map of the board's devices, as on QEMU's RISC-V {@code virt} machine: a
 * register access at a physical address goes to the device mapped there. An access where no
 * device answers is a bus error.
 */
public final class Mmio {
    /** Where the board puts its devices, and their interrupt lines. */
    public static final long RTC_BASE = 0x0010_1000L;
    public static final int RTC_IRQ = 11;
    public static final long UART0_BASE = 0x1000_0000L;
    public static final int UART0_IRQ = 10;
    /** A second 16550A (ttyS1): the launcher's stderr for a -c command. */
    public static final long UART1_BASE = 0x1000_0100L;
    public static final int UART1_IRQ = 12;
    public static final long VIRTIO0_BASE = 0x1000_1000L;
    public static final int VIRTIO0_IRQ = 1;
    /**
     * The e1000's registers where the board's PCI memory window starts (where Linux puts the
     * BAR of the first PCI device on QEMU's virt), and its INTx line as the PLIC numbers it.
     */
    public static final long E1000_BASE = 0x4000_0000L;
    public static final int E1000_IRQ = 33;

    private record Window(long base, long size, String name, MmioDevice device) {}

    private final TreeMap<Long, Window> windows = new TreeMap<>();

    /** Puts {@code device}'s registers at [base, base + size). */
    public void map(long base, long size, String name, MmioDevice device) {
        windows.put(base, new Window(base, size, name, device));
    }

    public long read(long pa, int size) {
        Window w = window(pa);
        return w.device.read(pa - w.base, size);
    }

    public void write(long pa, int size, long value) {
        Window w = window(pa);
        w.device.write(pa - w.base, size, value);
    }

    private Window window(long pa) {
        Map.Entry<Long, Window> e = windows.floorEntry(pa);
        if (e == null || pa >= e.getValue().base + e.getValue().size) {
            throw new IllegalStateException("bus error: no device at physical address 0x" + Long.toHexString(pa));
        }
        return e.getValue();
    }

    /** The device tree as /proc/iomem shows it: {@code 10000000-10000fff : serial}. */
    public String iomem() {
        StringBuilder out = new StringBuilder();
        for (Window w : windows.values()) {
            out.append(String.format("%08x-%08x : %s%n", w.base, w.base + w.size - 1, w.name));
        }
        return out.toString();
    }
}
