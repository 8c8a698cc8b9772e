package org.jstap.sim.hw;

import java.util.function.LongSupplier;

/**
 * The board's real-time clock, a Goldfish RTC as on QEMU's {@code virt} machine: nanoseconds since
 * the epoch in two 32-bit registers (reading the low half latches the high half), and an alarm
 * that raises the RTC's interrupt line.
 */
public final class GoldfishRtc implements MmioDevice {
    /** The wall clock when the board is powered on: 2026-01-01T00:00:00Z, fixed so runs never depend on the host clock. */
    public static final long POWER_ON_WALL_CLOCK_NS = 1_767_225_600L * 1_000_000_000L;
    public static final int TIME_LOW = 0x00;
    public static final int TIME_HIGH = 0x04;
    public static final int ALARM_LOW = 0x08;
    public static final int ALARM_HIGH = 0x0c;
    public static final int IRQ_ENABLED = 0x10;
    public static final int CLEAR_ALARM = 0x14;
    public static final int ALARM_STATUS = 0x18;
    public static final int CLEAR_INTERRUPT = 0x1c;

    private final EventQueue events;
    private final LongSupplier now;
    private final InterruptController irqs;
    private final int irq;
    /** Wall time when the board was powered on, ns since the epoch. */
    private long powerOnWallNs;
    private long latchedHigh;
    private long alarmHigh;
    private boolean irqEnabled;
    private EventQueue.Event alarm;

    public GoldfishRtc(EventQueue events, LongSupplier now, InterruptController irqs, int irq, long powerOnWallNs) {
        this.events = events;
        this.now = now;
        this.irqs = irqs;
        this.irq = irq;
        this.powerOnWallNs = powerOnWallNs;
    }

    private long time() {
        return powerOnWallNs + now.getAsLong();
    }

    @Override
    public long read(long offset, int size) {
        return switch ((int) offset) {
            case TIME_LOW -> {
                long t = time();
                latchedHigh = t >>> 32;
                yield t & 0xffff_ffffL;
            }
            case TIME_HIGH -> latchedHigh;
            case ALARM_STATUS -> alarm != null ? 1 : 0;
            case IRQ_ENABLED -> irqEnabled ? 1 : 0;
            default -> 0;
        };
    }

    @Override
    public void write(long offset, int size, long value) {
        switch ((int) offset) {
            case TIME_LOW -> powerOnWallNs = ((latchedHigh << 32) | (value & 0xffff_ffffL)) - now.getAsLong();
            case TIME_HIGH -> latchedHigh = value & 0xffff_ffffL;
            case ALARM_HIGH -> alarmHigh = value & 0xffff_ffffL;
            case ALARM_LOW -> set_alarm((alarmHigh << 32) | (value & 0xffff_ffffL));
            case IRQ_ENABLED -> irqEnabled = value != 0;
            case CLEAR_ALARM -> clear_alarm();
            default -> { }
        }
    }

    private void set_alarm(long wallNs) {
        clear_alarm();
        alarm = events.schedule(Math.max(now.getAsLong(), wallNs - powerOnWallNs), () -> {
            alarm = null;
            if (irqEnabled) {
                irqs.raise(irq, 0);
            }
        });
    }

    private void clear_alarm() {
        if (alarm != null) {
            alarm.cancel();
            alarm = null;
        }
    }
}
