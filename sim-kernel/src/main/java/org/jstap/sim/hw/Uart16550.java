package org.jstap.sim.hw;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A 16550A UART, the serial port of the board. Writing THR sends a byte down the line at once (the
 * line is as fast as the host that watches it); bytes typed on the other end wait in the receive
 * FIFO, and with receive interrupts enabled the UART raises its line while data is there.
 */
public final class Uart16550 implements MmioDevice {
    /** Register offsets (with DLAB clear). */
    public static final int RBR_THR = 0;
    public static final int IER = 1;
    public static final int IIR_FCR = 2;
    public static final int LCR = 3;
    public static final int MCR = 4;
    public static final int LSR = 5;
    public static final int MSR = 6;
    public static final int SCR = 7;
    /** IER: receive data available interrupt. */
    public static final int IER_RDI = 0x01;
    /** IER: transmitter holding register empty interrupt. */
    public static final int IER_THRI = 0x02;
    /** LSR bits: data ready, THR empty, transmitter empty. */
    public static final int LSR_DR = 0x01;
    public static final int LSR_THRE = 0x20;
    public static final int LSR_TEMT = 0x40;
    /** IIR values: no interrupt pending, THR empty, received data; FIFOs enabled in the top bits. */
    public static final int IIR_NO_INT = 0x01;
    public static final int IIR_THRI = 0x02;
    public static final int IIR_RDI = 0x04;
    private static final int IIR_FIFOS = 0xc0;

    private final EventQueue events;
    private final LongSupplier now;
    private final InterruptController irqs;
    private final int irq;
    private EventQueue.Event raising;
    private final ByteArrayOutputStream transmitted = new ByteArrayOutputStream();
    private final ArrayDeque<Integer> rxFifo = new ArrayDeque<>();
    private Consumer<byte[]> line;
    private int ier;
    private int lcr;
    private int mcr;
    private int scr;
    private int dll;
    private int dlm;

    public Uart16550(EventQueue events, LongSupplier now, InterruptController irqs, int irq) {
        this.events = events;
        this.now = now;
        this.irqs = irqs;
        this.irq = irq;
    }

    @Override
    public long read(long offset, int size) {
        boolean dlab = (lcr & 0x80) != 0;
        return switch ((int) offset) {
            case RBR_THR -> dlab ? dll : receive();
            case IER -> dlab ? dlm : ier;
            case IIR_FCR -> IIR_FIFOS | iir();
            case LCR -> lcr;
            case MCR -> mcr;
            case LSR -> (rxFifo.isEmpty() ? 0 : LSR_DR) | LSR_THRE | LSR_TEMT;
            case MSR -> 0xb0;
            case SCR -> scr;
            default -> 0;
        };
    }

    @Override
    public void write(long offset, int size, long value) {
        int v = (int) value & 0xff;
        boolean dlab = (lcr & 0x80) != 0;
        switch ((int) offset) {
            case RBR_THR -> {
                if (dlab) {
                    dll = v;
                } else {
                    transmit(v);
                }
            }
            case IER -> {
                if (dlab) {
                    dlm = v;
                } else {
                    ier = v & 0x0f;
                    update_irq();
                }
            }
            case LCR -> lcr = v;
            case MCR -> mcr = v;
            case SCR -> scr = v;
            default -> { }
        }
    }

    private int iir() {
        if ((ier & IER_RDI) != 0 && !rxFifo.isEmpty()) {
            return IIR_RDI;
        }
        if ((ier & IER_THRI) != 0) {
            return IIR_THRI;
        }
        return IIR_NO_INT;
    }

    private int receive() {
        Integer b = rxFifo.pollFirst();
        return b == null ? 0 : b;
    }

    private void transmit(int b) {
        transmitted.write(b);
        if (line != null) {
            line.accept(new byte[] {(byte) b});
        }
    }

    /** The line goes up when a cause is pending; the PLIC delivers it at the next instant the CPU takes interrupts. */
    private void update_irq() {
        if (iir() != IIR_NO_INT && raising == null) {
            raising = events.schedule(now.getAsLong(), () -> {
                raising = null;
                if (iir() != IIR_NO_INT) {
                    irqs.raise(irq, 0);
                }
            });
        }
    }

    // ---------------------------------------------------------------- the other end of the line

    /** Bytes arrive on the line (someone typed them): they wait in the FIFO and raise the interrupt. */
    public void input(byte[] bytes) {
        for (byte b : bytes) {
            rxFifo.addLast(b & 0xff);
        }
        update_irq();
    }

    /** Everything sent down the line since power-on. */
    public byte[] transmitted() {
        return transmitted.toByteArray();
    }

    /** Who watches the line besides the record (the launcher's stdout). */
    public void connect(Consumer<byte[]> watcher) {
        this.line = watcher;
    }
}
