package org.jstap.sim.hw;

import java.util.Arrays;

/**
 * A test-only driver for the e1000: rings and buffers in a region of RAM the test owns, the
 * device reached through the board's address map as a driver's readl/writel would. Layout from
 * {@code base}: the TX ring, the RX ring a page later, then 2 KiB buffers for each TX and each RX
 * descriptor.
 */
public final class NicHarness {
    public static final int BUF = 2048;
    /** Bytes a harness needs for rings of {@code descs} descriptors each. */
    public static long region_size(int descs) {
        return 2L * Ram.PAGE_SIZE + 2L * descs * BUF;
    }

    public final Mmio mmio;
    public final Ram ram;
    public final long base;
    public final int descs;
    private int nextTx;

    public NicHarness(Hardware hw, long base, int descs) {
        this.mmio = hw.mmio();
        this.ram = hw.ram();
        this.base = base;
        this.descs = descs;
    }

    public int readl(int reg) {
        return (int) mmio.read(Mmio.E1000_BASE + reg, 4);
    }

    public void writel(int reg, int value) {
        mmio.write(Mmio.E1000_BASE + reg, 4, value & 0xffff_ffffL);
    }

    public long txRing() {
        return base;
    }

    public long rxRing() {
        return base + Ram.PAGE_SIZE;
    }

    public long txDesc(int i) {
        return txRing() + (long) E1000.DESC_SIZE * i;
    }

    public long rxDesc(int i) {
        return rxRing() + (long) E1000.DESC_SIZE * i;
    }

    public long txBuf(int i) {
        return base + 2L * Ram.PAGE_SIZE + (long) i * BUF;
    }

    public long rxBuf(int i) {
        return base + 2L * Ram.PAGE_SIZE + (long) (descs + i) * BUF;
    }

    /** e1000_configure_tx: the ring's address and length, head and tail at 0, transmitter on with padding. */
    public void configure_tx() {
        writel(E1000.TDBAL, (int) txRing());
        writel(E1000.TDBAH, (int) (txRing() >>> 32));
        writel(E1000.TDLEN, descs * E1000.DESC_SIZE);
        writel(E1000.TDH, 0);
        writel(E1000.TDT, 0);
        writel(E1000.TCTL, E1000.TCTL_EN | E1000.TCTL_PSP);
    }

    /** e1000_configure_rx and alloc_rx_buffers: every descriptor gets a buffer, {@code give} of them go to the device. */
    public void configure_rx(int rctl, int give) {
        for (int i = 0; i < descs; i++) {
            ram.write64(rxDesc(i), rxBuf(i));
            ram.write64(rxDesc(i) + 8, 0);
        }
        writel(E1000.RDBAL, (int) rxRing());
        writel(E1000.RDBAH, (int) (rxRing() >>> 32));
        writel(E1000.RDLEN, descs * E1000.DESC_SIZE);
        writel(E1000.RDH, 0);
        writel(E1000.RDT, give);
        writel(E1000.RCTL, rctl);
    }

    /**
     * Queues one packet in as many descriptors as it has pieces, the last with EOP|IFCS|RS (as
     * e1000_tx_queue does), then writes TDT. Returns the index of the last descriptor.
     */
    public int xmit(byte[]... pieces) {
        int last = -1;
        for (int p = 0; p < pieces.length; p++) {
            int i = nextTx;
            ram.dma_write(txBuf(i), pieces[p], 0, pieces[p].length);
            ram.write64(txDesc(i), txBuf(i));
            int cmd = p == pieces.length - 1 ? E1000.TXD_CMD_EOP | E1000.TXD_CMD_IFCS | E1000.TXD_CMD_RS
                    : E1000.TXD_CMD_IFCS;
            ram.write32(txDesc(i) + 8, pieces[p].length | cmd << 24);
            ram.write32(txDesc(i) + 12, 0);
            last = i;
            nextTx = (nextTx + 1) % descs;
        }
        writel(E1000.TDT, nextTx);
        return last;
    }

    public int txStatus(int i) {
        return ram.read8(txDesc(i) + 12);
    }

    public int rxStatus(int i) {
        return ram.read8(rxDesc(i) + 12);
    }

    public int rxLength(int i) {
        return ram.read16(rxDesc(i) + 8);
    }

    public byte[] rxData(int i) {
        byte[] b = new byte[rxLength(i)];
        ram.dma_read(rxBuf(i), b, 0, b.length);
        return b;
    }

    /** An Ethernet frame: destination, source, the local experimental EtherType, and a payload. */
    public static byte[] frame(long dst, long src, byte[] payload) {
        byte[] f = new byte[14 + payload.length];
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (dst >>> (40 - 8 * i));
            f[6 + i] = (byte) (src >>> (40 - 8 * i));
        }
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xb5;
        System.arraycopy(payload, 0, f, 14, payload.length);
        return f;
    }

    public static byte[] payload(int len, int seed) {
        byte[] p = new byte[len];
        for (int i = 0; i < len; i++) {
            p[i] = (byte) (seed * 31 + i * 7);
        }
        return p;
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
