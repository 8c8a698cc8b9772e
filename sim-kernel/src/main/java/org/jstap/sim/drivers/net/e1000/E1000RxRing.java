package org.jstap.sim.drivers.net.e1000;

import org.jstap.sim.hw.E1000;
import org.jstap.sim.net.core.SkBuff;

/**
 * struct e1000_rx_ring (e1000.h): the receive descriptor ring and, per descriptor, the sk_buff
 * whose buffer the device writes into. {@code e1000_alloc_rx_buffers} hands buffers to the device
 * from {@link #next_to_use} and moves RDT; {@code e1000_clean_rx_irq} takes what the device
 * wrote back (DD) from {@link #next_to_clean}.
 */
public final class E1000RxRing extends E1000Ring {
    /** struct e1000_rx_desc: buffer address, length, checksum, status, errors, special. */
    static final int RXD_BUFFER_ADDR = 0;
    static final int RXD_LENGTH = 8;
    static final int RXD_CSUM = 10;
    static final int RXD_STATUS = 12;
    static final int RXD_ERRORS = 13;
    static final int RXD_SPECIAL = 14;

    /** struct e1000_rx_buffer: the skb given to the device for a descriptor and its mapping. */
    public static final class Buffer {
        public SkBuff skb;
        public long dma;
        public int length;
    }

    public Buffer[] buffer_info;
    public int rdh = E1000.RDH;
    public int rdt = E1000.RDT;
}
