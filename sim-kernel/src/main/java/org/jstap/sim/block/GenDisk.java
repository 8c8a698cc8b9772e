package org.jstap.sim.block;

import java.util.ArrayDeque;

/**
 * struct gendisk with its request queue: a named disk ({@code vda}), its size, and the driver's
 * entry point for requests ({@code blk_mq_ops.queue_rq}).
 */
public final class GenDisk {
    /** What a block driver offers the block layer. */
    public interface BlkMqOps {
        /** Starts {@code rq} on the device: BLK_STS_OK, or BLK_STS_RESOURCE when it has no room. */
        int queue_rq(Request rq);
    }

    public final String disk_name;
    public final int major;
    public final int first_minor;
    final BlkMqOps ops;
    long capacity;
    /** Requests the device had no room for, to be started when one completes. */
    final ArrayDeque<Request> requeue = new ArrayDeque<>();
    /** /proc/diskstats counters: ios, sectors and ticks (ms) by direction, and in flight. */
    long reads;
    long readSectors;
    long readTicksNs;
    long writes;
    long writeSectors;
    long writeTicksNs;
    int inFlight;

    public GenDisk(String name, int major, int firstMinor, BlkMqOps ops) {
        this.disk_name = name;
        this.major = major;
        this.first_minor = firstMinor;
        this.ops = ops;
    }

    /** set_capacity: size in 512-byte sectors. */
    public void set_capacity(long sectors) {
        capacity = sectors;
    }

    public long get_capacity() {
        return capacity;
    }

    /** MKDEV(major, first_minor), as trace events carry it. */
    public int dev() {
        return (major << 20) | first_minor;
    }
}
