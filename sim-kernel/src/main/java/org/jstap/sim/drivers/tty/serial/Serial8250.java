package org.jstap.sim.drivers.tty.serial;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.Io;
import org.jstap.sim.hw.Mmio;
import org.jstap.sim.hw.Uart16550;
import org.jstap.sim.kernel.LinuxFile;

/**
 * drivers/tty/serial/8250/8250_port.c: the driver of the board's 16550A, ttyS0. Output (the
 * console and the tty) waits for THR empty in LSR and writes THR, byte by byte; input raises the
 * UART's interrupt, whose handler drains RBR while LSR says data is ready and hands the bytes to
 * the tty layer.
 */
@LinuxFile("drivers/tty/serial/8250/8250_port.c")
public final class Serial8250 {
    private final Kernel kernel;
    private final Io io;
    /** The port: ttyS{port}, UPIO_MEM with regshift 0 (register N is at BASE + N), and its line. */
    private final int port;
    private final long BASE;
    private final int irq;
    private final String name;
    /** tty_flip_buffer_push's destination: the line discipline of ttyS0. */
    private Consumer<byte[]> receiver = bytes -> { };
    private long rx;
    private long tx;

    public Serial8250(Kernel kernel, Io io, int port) {
        this.kernel = kernel;
        this.io = io;
        this.port = port;
        this.BASE = port == 0 ? Mmio.UART0_BASE : Mmio.UART1_BASE;
        this.irq = port == 0 ? Mmio.UART0_IRQ : Mmio.UART1_IRQ;
        this.name = "ttyS" + port;
    }

    /** serial8250_init (a device initcall): finds the port, registers its interrupt and, if asked, the console. */
    public int serial8250_init() {
        if (port == 0) {
            kernel.printk().pr_info("Serial: 8250/16550 driver, 4 ports, IRQ sharing disabled");
        }
        // 8N1, FIFOs on, receive interrupts on
        io.writeb(0x03, BASE + Uart16550.LCR);
        io.writeb(0x07, BASE + Uart16550.IIR_FCR);
        io.writeb(0x0b, BASE + Uart16550.MCR);
        int ret = kernel.irq().request_irq(irq, name, (line, cpu) -> serial8250_interrupt());
        if (ret != 0) {
            return ret;
        }
        io.writeb(Uart16550.IER_RDI, BASE + Uart16550.IER);
        kernel.printk().pr_info(String.format("%x.serial: %s at MMIO 0x%x (irq = %d, base_baud = 230400) is a 16550A",
                BASE, name, BASE, irq));
        // console=ttyS0[,options] makes the port the kernel's console
        String console = kernel.init().console_name();
        if (console != null && (console.equals(name) || console.startsWith(name + ","))) {
            kernel.printk().register_console(name, this::serial8250_console_write);
        }
        return 0;
    }

    /**
     * serial8250_console_write: a kernel message and its newline. (Linux sends CR LF for a
     * terminal; the far end of this line is a host pipe, so LF alone.)
     */
    void serial8250_console_write(String line) {
        for (byte b : (line + "\n").getBytes(StandardCharsets.ISO_8859_1)) {
            serial8250_console_putchar(b);
        }
    }

    private void serial8250_console_putchar(int b) {
        wait_for_xmitr();
        io.writeb(b, BASE + Uart16550.RBR_THR);
        tx++;
    }

    /** uart_write for the tty: the bytes as they are (the tty layer did any output processing). */
    public void uart_write(byte[] data) {
        for (byte b : data) {
            serial8250_console_putchar(b);
        }
    }

    private void wait_for_xmitr() {
        while ((io.readb(BASE + Uart16550.LSR) & Uart16550.LSR_THRE) == 0) {
            Thread.onSpinWait();
        }
    }

    /** serial8250_interrupt: what caused it, and the received bytes to the tty. */
    void serial8250_interrupt() {
        int iir = io.readb(BASE + Uart16550.IIR_FCR) & 0x0f;
        if ((iir & Uart16550.IIR_NO_INT) != 0) {
            return;
        }
        serial8250_rx_chars();
    }

    /** serial8250_rx_chars: RBR while LSR has data ready, then tty_flip_buffer_push. */
    void serial8250_rx_chars() {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        while ((io.readb(BASE + Uart16550.LSR) & Uart16550.LSR_DR) != 0) {
            got.write(io.readb(BASE + Uart16550.RBR_THR));
            rx++;
        }
        if (got.size() > 0) {
            receiver.accept(got.toByteArray());
        }
    }

    /** Where received bytes go (the tty layer sets this). */
    public void set_receiver(Consumer<byte[]> receiver) {
        this.receiver = receiver;
    }

    /** /proc/tty/driver/serial's line for this port. */
    public String proc_serial() {
        return String.format("%d: uart:16550A mmio:0x%08X irq:%d tx:%d rx:%d%n", port, BASE, irq, tx, rx);
    }
}
