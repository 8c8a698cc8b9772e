package org.jstap.sim.drivers.net.e1000;

import org.jstap.sim.hw.E1000;
import org.jstap.sim.net.core.SkBuff;

/**
 * struct e1000_tx_ring (e1000.h): the transmit descriptor ring in coherent DMA memory and, per
 * descriptor, what the driver must remember until the device is done with it. The driver fills
 * from {@link #next_to_use} and writes TDT; the device writes DD into a packet's last descriptor
 * when its last bit is on the wire; {@code e1000_clean_tx_irq} frees from {@link #next_to_clean}.
 */
public final class E1000TxRing extends E1000Ring {
    /** struct e1000_tx_desc: buffer address, lower (length, cso, cmd), upper (status, css, special). */
    static final int TXD_BUFFER_ADDR = 0;
    static final int TXD_LOWER = 8;
    static final int TXD_CMD = 11;
    static final int TXD_UPPER = 12;

    /** struct e1000_tx_buffer: one descriptor's packet, mapping and bookkeeping. */
    public static final class Buffer {
        /** skb: set on a packet's last descriptor; freed when that one is done. */
        public SkBuff skb;
        public long dma;
        public long time_stamp;
        public int length;
        /** next_to_watch: on a packet's first descriptor, the index of its last (the one with RS). */
        public int next_to_watch;
        public int segs;
        public int bytecount;
    }

    public Buffer[] buffer_info;
    /** tdh/tdt: the head and tail registers' offsets. */
    public int tdh = E1000.TDH;
    public int tdt = E1000.TDT;
}
