package org.jstap.sim.drivers.net.e1000;

import org.jstap.sim.hw.E1000;

/**
 * What e1000.h's transmit and receive rings share: the descriptors in coherent DMA memory, the
 * software's two indexes into them and the arithmetic on those. {@link E1000TxRing} and
 * {@link E1000RxRing} add what the driver keeps per descriptor.
 */
public abstract class E1000Ring {
    /** dma: the ring's bus address; size: its bytes (a multiple of 4 KiB); count: its descriptors. */
    public long dma;
    public int size;
    public int count;
    /** The pages behind the ring (dma_alloc_coherent's), and their order. */
    long pfn = -1;
    int order;
    public int next_to_use;
    public int next_to_clean;

    /** E1000_TX_DESC / E1000_RX_DESC: the bus address of descriptor {@code i}. */
    public long desc(int i) {
        return dma + (long) E1000.DESC_SIZE * i;
    }

    /** E1000_DESC_UNUSED: descriptors free to fill, keeping one between tail and head. */
    public static int E1000_DESC_UNUSED(E1000Ring r) {
        return (r.next_to_clean > r.next_to_use ? 0 : r.count) + r.next_to_clean - r.next_to_use - 1;
    }
}
