package org.jstap.sim.hw;

/** A device's register window on the bus: reads and writes of 1, 2, 4 or 8 bytes at an offset. */
public interface MmioDevice {
    long read(long offset, int size);

    void write(long offset, int size, long value);
}
