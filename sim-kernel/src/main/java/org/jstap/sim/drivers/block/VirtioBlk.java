package org.jstap.sim.drivers.block;

import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.Io;
import org.jstap.sim.block.BlkMq;
import org.jstap.sim.block.Bio;
import org.jstap.sim.block.GenDisk;
import org.jstap.sim.block.Request;
import org.jstap.sim.hw.Mmio;
import org.jstap.sim.hw.Ram;
import org.jstap.sim.hw.VirtioMmioBlk;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.PageAlloc;

/**
 * drivers/block/virtio_blk.c with the parts of virtio_mmio.c and virtio_ring.c it needs: the
 * disk {@code vda}. Each request takes a slot of three descriptors (header, data, status) in a
 * split virtqueue that lives in kernel pages; the device's interrupt walks the used ring and
 * completes the requests it finds there.
 */
@LinuxFile("drivers/block/virtio_blk.c")
public final class VirtioBlk {
    /** The major number virtio_blk gets (dynamic in Linux; 253 on a typical machine). */
    public static final int VIRTBLK_MAJOR = 253;
    private static final long BASE = Mmio.VIRTIO0_BASE;
    private static final int QUEUE_SIZE = 64;
    private static final int SLOTS = QUEUE_SIZE / 3;
    /** Device status bits. */
    private static final int ACKNOWLEDGE = 1;
    private static final int DRIVER = 2;
    private static final int DRIVER_OK = 4;
    private static final int FEATURES_OK = 8;

    private final Kernel kernel;
    private final Io io;
    private GenDisk disk;
    /** The ring page (descriptors at 0, available ring at 1024, used ring at 2048) and the header page. */
    private long ring;
    private long headers;
    private final Request[] slots = new Request[SLOTS];
    private int availIdx;
    private int lastUsed;

    public VirtioBlk(Kernel kernel, Io io) {
        this.kernel = kernel;
        this.io = io;
    }

    /** virtio_blk_init and virtblk_probe (a device initcall): finds the device, sets up the queue, adds vda. */
    public int virtio_blk_init() {
        if (kernel.hardware().disk() == null) {
            return 0;
        }
        if (io.readl(BASE + VirtioMmioBlk.MAGIC_VALUE) != VirtioMmioBlk.MAGIC
                || io.readl(BASE + VirtioMmioBlk.DEVICE_ID) != VirtioMmioBlk.VIRTIO_ID_BLOCK) {
            return -org.jstap.sim.kernel.Errno.ENODEV;
        }
        return virtblk_probe();
    }

    int virtblk_probe() {
        io.writel(0, BASE + VirtioMmioBlk.STATUS);
        io.writel(ACKNOWLEDGE | DRIVER, BASE + VirtioMmioBlk.STATUS);
        io.writel(ACKNOWLEDGE | DRIVER | FEATURES_OK, BASE + VirtioMmioBlk.STATUS);
        ring = kernel.page_alloc().alloc_page(Gfp.GFP_KERNEL | Gfp.__GFP_ZERO);
        headers = kernel.page_alloc().alloc_page(Gfp.GFP_KERNEL | Gfp.__GFP_ZERO);
        if (ring == PageAlloc.NO_PAGE || headers == PageAlloc.NO_PAGE) {
            return -org.jstap.sim.kernel.Errno.ENOMEM;
        }
        long ringPa = ring << Ram.PAGE_SHIFT;
        io.writel(0, BASE + VirtioMmioBlk.QUEUE_SEL);
        io.writel(Math.min(QUEUE_SIZE, io.readl(BASE + VirtioMmioBlk.QUEUE_NUM_MAX)), BASE + VirtioMmioBlk.QUEUE_NUM);
        writeAddr(VirtioMmioBlk.QUEUE_DESC_LOW, ringPa);
        writeAddr(VirtioMmioBlk.QUEUE_DRIVER_LOW, ringPa + 1024);
        writeAddr(VirtioMmioBlk.QUEUE_DEVICE_LOW, ringPa + 2048);
        io.writel(1, BASE + VirtioMmioBlk.QUEUE_READY);
        int ret = kernel.irq().request_irq(Mmio.VIRTIO0_IRQ, "virtio0", (irq, cpu) -> vm_interrupt());
        if (ret != 0) {
            return ret;
        }
        io.writel(ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK, BASE + VirtioMmioBlk.STATUS);
        long capacity = (io.readl(BASE + VirtioMmioBlk.CONFIG_CAPACITY) & 0xffff_ffffL)
                | ((long) io.readl(BASE + VirtioMmioBlk.CONFIG_CAPACITY + 4) << 32);
        disk = new GenDisk("vda", VIRTBLK_MAJOR, 0, this::virtio_queue_rq);
        disk.set_capacity(capacity);
        kernel.printk().pr_notice(String.format("virtio_blk virtio0: [vda] %d 512-byte logical blocks (%s/%s)",
                capacity, sizeDecimal(capacity * 512), sizeBinary(capacity * 512)));
        kernel.block().device_add_disk(disk);
        // device_add_disk's uevent: devtmpfs makes /dev/vda
        kernel.devtmpfs().devtmpfs_create_blk_node("vda", 0660, VIRTBLK_MAJOR, 0);
        return 0;
    }

    private void writeAddr(int lowRegister, long pa) {
        io.writel((int) pa, BASE + lowRegister);
        io.writel((int) (pa >>> 32), BASE + lowRegister + 4);
    }

    /** string_get_size with units of 1000: "1.05 MB". */
    static String sizeDecimal(long bytes) {
        return scaled(bytes, 1000, new String[] {"B", "kB", "MB", "GB", "TB"});
    }

    /** string_get_size with units of 1024: "1.00 MiB". */
    static String sizeBinary(long bytes) {
        return scaled(bytes, 1024, new String[] {"B", "KiB", "MiB", "GiB", "TiB"});
    }

    private static String scaled(long bytes, int unit, String[] names) {
        double v = bytes;
        int i = 0;
        while (v >= unit && i < names.length - 1) {
            v /= unit;
            i++;
        }
        return i == 0 ? bytes + " " + names[0] : (v >= 100 ? String.format("%.0f", v) : v >= 10
                ? String.format("%.1f", v) : String.format("%.2f", v)) + " " + names[i];
    }

    /** The disk, once probed; null on a machine without one. */
    public GenDisk disk() {
        return disk;
    }

    // ---------------------------------------------------------------- requests

    /** virtio_queue_rq: header, data and status descriptors for {@code rq}, then QueueNotify. */
    int virtio_queue_rq(Request rq) {
        int slot = free_slot();
        if (slot < 0) {
            return BlkMq.BLK_STS_RESOURCE;
        }
        slots[slot] = rq;
        rq.tag = slot;
        Ram ram = kernel.ram();
        long hdr = (headers << Ram.PAGE_SHIFT) + 16L * slot;
        long status = (headers << Ram.PAGE_SHIFT) + 1024 + slot;
        Bio bio = rq.bio;
        int type = switch (bio.bi_opf) {
            case Bio.REQ_OP_READ -> VirtioMmioBlk.VIRTIO_BLK_T_IN;
            case Bio.REQ_OP_WRITE -> VirtioMmioBlk.VIRTIO_BLK_T_OUT;
            default -> VirtioMmioBlk.VIRTIO_BLK_T_FLUSH;
        };
        ram.write32(hdr, type);
        ram.write32(hdr + 4, 0);
        ram.write64(hdr + 8, bio.bi_sector);
        ram.write8(status, 0xff);
        int d0 = 3 * slot;
        if (type == VirtioMmioBlk.VIRTIO_BLK_T_FLUSH) {
            descriptor(d0, hdr, 16, VirtioMmioBlk.VIRTQ_DESC_F_NEXT, d0 + 2);
        } else {
            descriptor(d0, hdr, 16, VirtioMmioBlk.VIRTQ_DESC_F_NEXT, d0 + 1);
            descriptor(d0 + 1, bio.pfn << Ram.PAGE_SHIFT, bio.len, VirtioMmioBlk.VIRTQ_DESC_F_NEXT
                    | (type == VirtioMmioBlk.VIRTIO_BLK_T_IN ? VirtioMmioBlk.VIRTQ_DESC_F_WRITE : 0), d0 + 2);
        }
        descriptor(d0 + 2, status, 1, VirtioMmioBlk.VIRTQ_DESC_F_WRITE, 0);
        long avail = (ring << Ram.PAGE_SHIFT) + 1024;
        ram.write16(avail + 4 + 2L * (availIdx % QUEUE_SIZE), d0);
        availIdx = (availIdx + 1) & 0xffff;
        ram.write16(avail + 2, availIdx);
        io.writel(0, BASE + VirtioMmioBlk.QUEUE_NOTIFY);
        return BlkMq.BLK_STS_OK;
    }

    private void descriptor(int i, long addr, int len, int flags, int next) {
        long d = (ring << Ram.PAGE_SHIFT) + 16L * i;
        kernel.ram().write64(d, addr);
        kernel.ram().write32(d + 8, len);
        kernel.ram().write16(d + 12, flags);
        kernel.ram().write16(d + 14, next);
    }

    private int free_slot() {
        for (int i = 0; i < SLOTS; i++) {
            if (slots[i] == null) {
                return i;
            }
        }
        return -1;
    }

    /** vm_interrupt: acknowledge, then vring_interrupt for the one queue. */
    void vm_interrupt() {
        int status = io.readl(BASE + VirtioMmioBlk.INTERRUPT_STATUS);
        io.writel(status, BASE + VirtioMmioBlk.INTERRUPT_ACK);
        if ((status & 1) != 0) {
            virtblk_done();
        }
    }

    /** virtblk_done: every request the device put in the used ring is completed. */
    void virtblk_done() {
        Ram ram = kernel.ram();
        long used = (ring << Ram.PAGE_SHIFT) + 2048;
        int usedIdx = ram.read16(used + 2);
        while (lastUsed != usedIdx) {
            int head = ram.read32(used + 4 + 8L * (lastUsed % QUEUE_SIZE));
            lastUsed = (lastUsed + 1) & 0xffff;
            int slot = head / 3;
            Request rq = slots[slot];
            slots[slot] = null;
            int result = ram.read8((headers << Ram.PAGE_SHIFT) + 1024 + slot);
            int sts = switch (result) {
                case VirtioMmioBlk.VIRTIO_BLK_S_OK -> BlkMq.BLK_STS_OK;
                case VirtioMmioBlk.VIRTIO_BLK_S_UNSUPP -> BlkMq.BLK_STS_NOTSUPP;
                default -> BlkMq.BLK_STS_IOERR;
            };
            kernel.block().blk_mq_complete_request(rq, sts);
        }
    }
}
