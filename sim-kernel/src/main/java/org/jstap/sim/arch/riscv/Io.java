package org.jstap.sim.arch.riscv;

import org.jstap.sim.hw.Mmio;
import org.jstap.sim.kernel.LinuxFile;

/**
 * arch/riscv/include/asm/mmio.h: how drivers touch device registers. Each access goes over the
 * bus to the device at that physical address (the kernel maps device memory one to one here).
 */
@LinuxFile("arch/riscv/include/asm/mmio.h")
public final class Io {
    private final Mmio bus;

    public Io(Mmio bus) {
        this.bus = bus;
    }

    public int readb(long addr) {
        return (int) bus.read(addr, 1) & 0xff;
    }

    public void writeb(int value, long addr) {
        bus.write(addr, 1, value & 0xff);
    }

    public int readl(long addr) {
        return (int) bus.read(addr, 4);
    }

    public void writel(int value, long addr) {
        bus.write(addr, 4, value & 0xffff_ffffL);
    }

    public long readq(long addr) {
        return bus.read(addr, 8);
    }
}
