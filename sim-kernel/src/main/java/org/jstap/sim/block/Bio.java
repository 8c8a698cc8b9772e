package org.jstap.sim.block;

import java.util.function.Consumer;

/**
 * struct bio: one I/O on a disk: the operation, the first sector, and the data as contiguous
 * page frames ({@code len} bytes starting at frame {@code pfn}), with the function called when
 * it ends ({@code bi_end_io}).
 */
public final class Bio {
    public static final int REQ_OP_READ = 0;
    public static final int REQ_OP_WRITE = 1;
    public static final int REQ_OP_FLUSH = 2;

    public final GenDisk bi_bdev;
    public final int bi_opf;
    public final long bi_sector;
    public final long pfn;
    public final int len;
    final Consumer<Bio> bi_end_io;
    /** blk_status_t once ended: 0 or BLK_STS_*. */
    public int bi_status;
    public boolean done;

    public Bio(GenDisk disk, int op, long sector, long pfn, int len, Consumer<Bio> endIo) {
        this.bi_bdev = disk;
        this.bi_opf = op;
        this.bi_sector = sector;
        this.pfn = pfn;
        this.len = len;
        this.bi_end_io = endIo;
    }

    /** The rwbs string of block trace events: R, W or F. */
    public String rwbs() {
        return switch (bi_opf) {
            case REQ_OP_READ -> "R";
            case REQ_OP_WRITE -> "W";
            default -> "F";
        };
    }
}
