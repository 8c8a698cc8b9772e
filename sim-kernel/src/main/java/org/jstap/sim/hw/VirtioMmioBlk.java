package org.jstap.sim.hw;

import java.util.function.LongSupplier;

/**
 * A virtio block device on the virtio-mmio transport (version 2), as on QEMU's {@code virt}
 * machine. The driver puts requests in a split virtqueue in RAM (descriptor table, available
 * ring, used ring) and writes QueueNotify; the device does them one after another against the
 * disk image, by DMA, writes each status byte, moves the used index and raises its interrupt.
 */
public final class VirtioMmioBlk implements MmioDevice {
    public static final int MAGIC_VALUE = 0x000;
    public static final int VERSION = 0x004;
    public static final int DEVICE_ID = 0x008;
    public static final int VENDOR_ID = 0x00c;
    public static final int QUEUE_SEL = 0x030;
    public static final int QUEUE_NUM_MAX = 0x034;
    public static final int QUEUE_NUM = 0x038;
    public static final int QUEUE_READY = 0x044;
    public static final int QUEUE_NOTIFY = 0x050;
    public static final int INTERRUPT_STATUS = 0x060;
    public static final int INTERRUPT_ACK = 0x064;
    public static final int STATUS = 0x070;
    public static final int QUEUE_DESC_LOW = 0x080;
    public static final int QUEUE_DESC_HIGH = 0x084;
    public static final int QUEUE_DRIVER_LOW = 0x090;
    public static final int QUEUE_DRIVER_HIGH = 0x094;
    public static final int QUEUE_DEVICE_LOW = 0x0a0;
    public static final int QUEUE_DEVICE_HIGH = 0x0a4;
    /** struct virtio_blk_config: capacity in 512-byte sectors. */
    public static final int CONFIG_CAPACITY = 0x100;

    public static final int MAGIC = 0x74726976;
    public static final int VIRTIO_ID_BLOCK = 2;
    public static final int QUEUE_SIZE_MAX = 128;
    /** Descriptor flags. */
    public static final int VIRTQ_DESC_F_NEXT = 1;
    public static final int VIRTQ_DESC_F_WRITE = 2;
    /** Request types and status values (struct virtio_blk_outhdr, the status byte). */
    public static final int VIRTIO_BLK_T_IN = 0;
    public static final int VIRTIO_BLK_T_OUT = 1;
    public static final int VIRTIO_BLK_T_FLUSH = 4;
    public static final int VIRTIO_BLK_S_OK = 0;
    public static final int VIRTIO_BLK_S_IOERR = 1;
    public static final int VIRTIO_BLK_S_UNSUPP = 2;
    /** The device's cost model: a fixed latency per request plus transfer time at 1 GB/s. */
    static final long REQUEST_NS = 20_000;
    static final long NS_PER_BYTE = 1;

    private final Ram ram;
    private final EventQueue events;
    private final LongSupplier now;
    private final InterruptController irqs;
    private final int irq;
    private final DiskImage disk;
    private int queueNum;
    private boolean queueReady;
    private long desc;
    private long avail;
    private long used;
    private int status;
    private int interruptStatus;
    /** The next available-ring entry the device will take, and when it is free to take it. */
    private int lastAvail;
    private long busyUntil;
    private long requests;

    public VirtioMmioBlk(Ram ram, EventQueue events, LongSupplier now, InterruptController irqs, int irq,
            DiskImage disk) {
        this.ram = ram;
        this.events = events;
        this.now = now;
        this.irqs = irqs;
        this.irq = irq;
        this.disk = disk;
    }

    @Override
    public long read(long offset, int size) {
        return switch ((int) offset) {
            case MAGIC_VALUE -> MAGIC;
            case VERSION -> 2;
            case DEVICE_ID -> VIRTIO_ID_BLOCK;
            case VENDOR_ID -> 0x554d4551;
            case QUEUE_NUM_MAX -> QUEUE_SIZE_MAX;
            case QUEUE_READY -> queueReady ? 1 : 0;
            case INTERRUPT_STATUS -> interruptStatus;
            case STATUS -> status;
            case CONFIG_CAPACITY -> size == 8 ? disk.sectors() : disk.sectors() & 0xffff_ffffL;
            case CONFIG_CAPACITY + 4 -> disk.sectors() >>> 32;
            default -> 0;
        };
    }

    @Override
    public void write(long offset, int size, long value) {
        switch ((int) offset) {
            case QUEUE_NUM -> queueNum = (int) Math.min(value, QUEUE_SIZE_MAX);
            case QUEUE_READY -> queueReady = value != 0;
            case QUEUE_NOTIFY -> notify_queue();
            case INTERRUPT_ACK -> interruptStatus &= ~(int) value;
            case STATUS -> {
                status = (int) value;
                if (status == 0) {
                    reset();
                }
            }
            case QUEUE_DESC_LOW -> desc = (desc & ~0xffff_ffffL) | (value & 0xffff_ffffL);
            case QUEUE_DESC_HIGH -> desc = (desc & 0xffff_ffffL) | (value << 32);
            case QUEUE_DRIVER_LOW -> avail = (avail & ~0xffff_ffffL) | (value & 0xffff_ffffL);
            case QUEUE_DRIVER_HIGH -> avail = (avail & 0xffff_ffffL) | (value << 32);
            case QUEUE_DEVICE_LOW -> used = (used & ~0xffff_ffffL) | (value & 0xffff_ffffL);
            case QUEUE_DEVICE_HIGH -> used = (used & 0xffff_ffffL) | (value << 32);
            default -> { }
        }
    }

    private void reset() {
        queueReady = false;
        lastAvail = 0;
        interruptStatus = 0;
    }

    /** QueueNotify: every request the driver made available is scheduled, in ring order. */
    private void notify_queue() {
        if (!queueReady || queueNum == 0) {
            return;
        }
        int availIdx = ram.read16(avail + 2);
        while (lastAvail != availIdx) {
            int head = ram.read16(avail + 4 + 2L * (lastAvail % queueNum));
            lastAvail = (lastAvail + 1) & 0xffff;
            long start = Math.max(now.getAsLong(), busyUntil);
            busyUntil = start + REQUEST_NS + NS_PER_BYTE * transfer_length(head);
            events.schedule(busyUntil, () -> complete(head));
        }
    }

    private long descAddr(int i) {
        return desc + 16L * i;
    }

    private long transfer_length(int head) {
        int d = ram.read16(descAddr(head) + 14);
        return ram.read32(descAddr(d) + 8) & 0xffff_ffffL;
    }

    /** Does one request (header, data, status descriptors) and reports it in the used ring. */
    private void complete(int head) {
        long hdr = descAddr(head);
        long hdrAddr = ram.read64(hdr);
        int type = ram.read32(hdrAddr);
        long sector = ram.read64(hdrAddr + 8);
        int d = ram.read16(hdr + 14);
        long data = descAddr(d);
        int written = 0;
        int statusDesc = d;
        int result;
        if (type == VIRTIO_BLK_T_FLUSH) {
            result = disk.flush() ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR;
        } else if (type == VIRTIO_BLK_T_IN || type == VIRTIO_BLK_T_OUT) {
            long addr = ram.read64(data);
            int len = ram.read32(data + 8);
            statusDesc = ram.read16(data + 14);
            byte[] buf = new byte[len];
            if (sector < 0 || len % DiskImage.SECTOR_SIZE != 0
                    || sector + len / DiskImage.SECTOR_SIZE > disk.sectors()) {
                result = VIRTIO_BLK_S_IOERR;
            } else if (type == VIRTIO_BLK_T_IN) {
                result = disk.read(sector, buf) ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR;
                ram.dma_write(addr, buf, 0, len);
                written = len;
            } else {
                ram.dma_read(addr, buf, 0, len);
                result = disk.write(sector, buf) ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR;
            }
        } else {
            result = VIRTIO_BLK_S_UNSUPP;
        }
        ram.write8(ram.read64(descAddr(statusDesc)), result);
        int usedIdx = ram.read16(used + 2);
        long elem = used + 4 + 8L * (usedIdx % queueNum);
        ram.write32(elem, head);
        ram.write32(elem + 4, written + 1);
        ram.write16(used + 2, (usedIdx + 1) & 0xffff);
        requests++;
        interruptStatus |= 1;
        irqs.raise(irq, 0);
    }

    /** Requests done since power-on. */
    public long requests() {
        return requests;
    }
}
