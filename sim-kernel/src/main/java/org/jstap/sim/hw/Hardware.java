package org.jstap.sim.hw;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.KernelConfig;

/**
 * The emulated board: RAM, the CPUs' timers, the interrupt controller, the devices on the
 * physical address map (UART, RTC, a virtio disk when there is an image, an e1000 when the
 * configuration has a NIC) and the event queue that orders everything in virtual time. The kernel reaches devices only through their
 * registers ({@link #mmio}), the rings they read from RAM, and their interrupts.
 */
public final class Hardware {
    /** IRQ number of the per-CPU timer (RISC-V's supervisor timer interrupt). */
    public static final int TIMER_IRQ = 5;

    private final EventQueue events = new EventQueue();
    private final InterruptController irqs = new InterruptController();
    private final List<ClockEventDevice> timers = new ArrayList<>();
    /** One hart per CPU, sharing the decoded-instruction cache of RAM's frames. */
    private final List<org.jstap.sim.hw.riscv.Hart> harts = new ArrayList<>();
    private final Ram ram;
    private final Mmio mmio = new Mmio();
    private final Uart16550 uart;
    private final Uart16550 uart1;
    private final GoldfishRtc rtc;
    private final VirtioMmioBlk disk;
    private final E1000 nic;
    /** Virtual time in ns; moves only when the machine does work or waits for the next event. */
    private long nowNs;

    public Hardware(KernelConfig config) {
        for (int cpu = 0; cpu < config.cpus(); cpu++) {
            timers.add(new ClockEventDevice(cpu, events, this::now, irqs, TIMER_IRQ));
        }
        ram = new Ram((long) config.memoryMiB() << 20);
        var decoded = new org.jstap.sim.hw.riscv.DecodedPages(ram);
        for (int cpu = 0; cpu < config.cpus(); cpu++) {
            harts.add(new org.jstap.sim.hw.riscv.Hart(cpu, ram, new Mmu(ram), decoded, this::now));
        }
        rtc = new GoldfishRtc(events, this::now, irqs, Mmio.RTC_IRQ, GoldfishRtc.POWER_ON_WALL_CLOCK_NS);
        mmio.map(Mmio.RTC_BASE, 0x1000, "rtc", rtc);
        uart = new Uart16550(events, this::now, irqs, Mmio.UART0_IRQ);
        mmio.map(Mmio.UART0_BASE, 0x100, "serial", uart);
        uart1 = new Uart16550(events, this::now, irqs, Mmio.UART1_IRQ);
        mmio.map(Mmio.UART1_BASE, 0x100, "serial", uart1);
        if (config.disk() != null) {
            disk = new VirtioMmioBlk(ram, events, this::now, irqs, Mmio.VIRTIO0_IRQ, DiskImage.open(config.disk()));
            mmio.map(Mmio.VIRTIO0_BASE, 0x1000, "virtio_mmio", disk);
        } else {
            disk = null;
        }
        if (config.nic() != null) {
            nic = new E1000(ram, events, this::now, irqs, Mmio.E1000_IRQ, E1000.mac_for_host(config.nic().host()));
            mmio.map(Mmio.E1000_BASE, E1000.MMIO_SIZE, "e1000", nic);
        } else {
            nic = null;
        }
    }

    public long now() {
        return nowNs;
    }

    /** The CPU did {@code ns} of work. */
    public void advance(long ns) {
        nowNs += ns;
    }

    public EventQueue events() {
        return events;
    }

    public InterruptController interruptController() {
        return irqs;
    }

    public ClockEventDevice timer(int cpu) {
        return timers.get(cpu);
    }

    /** The hart of CPU {@code cpu}. */
    public org.jstap.sim.hw.riscv.Hart hart(int cpu) {
        return harts.get(cpu);
    }

    public int cpus() {
        return timers.size();
    }

    public Ram ram() {
        return ram;
    }

    /** The physical address map of the devices' registers. */
    public Mmio mmio() {
        return mmio;
    }

    /** The serial port, from the far end of its line (what it sent, what to type into it). */
    public Uart16550 uart() {
        return uart;
    }

    /** The UART of serial port {@code port} (0: ttyS0, 1: ttyS1). */
    public Uart16550 uart(int port) {
        return port == 0 ? uart : uart1;
    }

    /** The disk, or null when the machine has none. */
    public VirtioMmioBlk disk() {
        return disk;
    }

    /** The network card, or null when the machine has none; plug it into a {@link Wire}. */
    public E1000 nic() {
        return nic;
    }

    /**
     * Runs the next hardware event, first moving time forward to it (the CPUs are idle until then).
     * False when nothing is scheduled before {@code deadlineNs}.
     */
    public boolean step(long deadlineNs) {
        long next = events.peekTime();
        if (next > deadlineNs) {
            if (deadlineNs != Long.MAX_VALUE && deadlineNs > nowNs) {
                nowNs = deadlineNs;
            }
            return false;
        }
        EventQueue.Event e = events.poll();
        nowNs = Math.max(nowNs, e.timeNs);
        e.action.run();
        return true;
    }
}
