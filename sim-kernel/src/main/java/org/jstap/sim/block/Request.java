package org.jstap.sim.block;

/** struct request: a bio on its way through a disk's queue, with the tag the driver knows it by. */
public final class Request {
    public final Bio bio;
    /** The driver's slot for the request while the device has it, or -1. */
    public int tag = -1;
    long startNs;

    Request(Bio bio) {
        this.bio = bio;
    }

    public long sector() {
        return bio.bi_sector;
    }

    /** blk_rq_sectors. */
    public int nr_sectors() {
        return bio.len / 512;
    }
}
