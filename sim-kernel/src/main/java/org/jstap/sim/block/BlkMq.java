package org.jstap.sim.block;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.sched.WaitQueueHead;

/**
 * block/blk-core.c and block/blk-mq.c: how a bio reaches a disk driver and how it ends.
 * {@code submit_bio -> submit_bio_noacct -> blk_mq_submit_bio -> blk_mq_start_request ->
 * queue_rq}; the driver's interrupt calls {@code blk_mq_complete_request -> blk_mq_end_request ->
 * blk_update_request -> bio_endio}.
 */
@LinuxFile("block/blk-mq.c")
public final class BlkMq {
    public static final int BLK_STS_OK = 0;
    public static final int BLK_STS_NOTSUPP = 1;
    public static final int BLK_STS_RESOURCE = 9;
    public static final int BLK_STS_IOERR = 10;

    private final Kernel kernel;
    private final List<GenDisk> disks = new ArrayList<>();
    /** Where submit_bio_wait sleeps until its bio ends. */
    private final WaitQueueHead bioWait = new WaitQueueHead();

    public BlkMq(Kernel kernel) {
        this.kernel = kernel;
    }

    /** device_add_disk: the disk is known by name from now on. */
    public void device_add_disk(GenDisk disk) {
        disks.add(disk);
    }

    /** The disk named {@code name} ("vda"), or null. */
    public GenDisk disk(String name) {
        for (GenDisk d : disks) {
            if (d.disk_name.equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** get_gendisk: the disk whose device number is {@code dev}, or null. */
    public GenDisk get_gendisk(int dev) {
        for (GenDisk d : disks) {
            if (d.dev() == dev) {
                return d;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- submission

    /** submit_bio: hands {@code bio} to its disk; it ends later through its bi_end_io. */
    public void submit_bio(Bio bio) {
        submit_bio_noacct(bio);
    }

    void submit_bio_noacct(Bio bio) {
        GenDisk disk = bio.bi_bdev;
        if (bio.bi_opf != Bio.REQ_OP_FLUSH
                && (bio.bi_sector < 0 || bio.bi_sector + bio.len / 512 > disk.capacity || bio.len % 512 != 0)) {
            // bio_check_eod: beyond the end of the device
            bio_endio(bio, BLK_STS_IOERR);
            return;
        }
        blk_mq_submit_bio(bio);
    }

    void blk_mq_submit_bio(Bio bio) {
        Request rq = new Request(bio);
        GenDisk disk = bio.bi_bdev;
        if (!disk.requeue.isEmpty()) {
            disk.requeue.addLast(rq);
            return;
        }
        blk_mq_start_request(rq);
        if (disk.ops.queue_rq(rq) == BLK_STS_RESOURCE) {
            disk.inFlight--;
            disk.requeue.addLast(rq);
        }
    }

    /** blk_mq_start_request: the request goes to the device (block_rq_issue). */
    void blk_mq_start_request(Request rq) {
        GenDisk disk = rq.bio.bi_bdev;
        rq.startNs = kernel.hardware().now();
        disk.inFlight++;
        TaskStruct current = kernel.sched().current();
        kernel.trace().block_rq_issue(disk.dev(), rq.sector(), rq.nr_sectors(), rq.bio.rwbs(),
                current == null ? "swapper/" + kernel.smp_processor_id() : current.comm());
    }

    // ---------------------------------------------------------------- completion

    /** blk_mq_complete_request: the driver's interrupt says the device is done with {@code rq}. */
    public void blk_mq_complete_request(Request rq, int status) {
        blk_mq_end_request(rq, status);
    }

    void blk_mq_end_request(Request rq, int status) {
        GenDisk disk = rq.bio.bi_bdev;
        disk.inFlight--;
        long took = kernel.hardware().now() - rq.startNs;
        if (rq.bio.bi_opf == Bio.REQ_OP_READ) {
            disk.reads++;
            disk.readSectors += rq.nr_sectors();
            disk.readTicksNs += took;
        } else if (rq.bio.bi_opf == Bio.REQ_OP_WRITE) {
            disk.writes++;
            disk.writeSectors += rq.nr_sectors();
            disk.writeTicksNs += took;
        }
        kernel.trace().block_rq_complete(disk.dev(), rq.sector(), rq.nr_sectors(), rq.bio.rwbs(), blk_status_to_errno(status));
        blk_update_request(rq, status);
        blk_mq_run_hw_queue(disk);
    }

    void blk_update_request(Request rq, int status) {
        bio_endio(rq.bio, status);
    }

    /** blk_mq_run_hw_queue: requests that waited for room go to the driver now. */
    void blk_mq_run_hw_queue(GenDisk disk) {
        while (!disk.requeue.isEmpty()) {
            Request rq = disk.requeue.peekFirst();
            blk_mq_start_request(rq);
            if (disk.ops.queue_rq(rq) == BLK_STS_RESOURCE) {
                disk.inFlight--;
                return;
            }
            disk.requeue.pollFirst();
        }
    }

    /** bio_endio: the bio is over; its owner is told. */
    public void bio_endio(Bio bio, int status) {
        bio.bi_status = status;
        bio.done = true;
        if (bio.bi_end_io != null) {
            bio.bi_end_io.accept(bio);
        }
        kernel.waitq().wake_up(bioWait);
    }

    /** submit_bio_wait: submits and sleeps until the bio ends; 0 or a negative errno. */
    public int submit_bio_wait(Bio bio) {
        submit_bio(bio);
        kernel.waitq().wait_event(bioWait, () -> bio.done);
        return blk_status_to_errno(bio.bi_status);
    }

    public static int blk_status_to_errno(int status) {
        return switch (status) {
            case BLK_STS_OK -> 0;
            case BLK_STS_NOTSUPP -> -Errno.EOPNOTSUPP;
            case BLK_STS_RESOURCE -> -Errno.ENOMEM;
            default -> -Errno.EIO;
        };
    }

    // ---------------------------------------------------------------- /proc

    /** /proc/partitions. */
    public String proc_partitions() {
        StringBuilder out = new StringBuilder("major minor  #blocks  name\n\n");
        for (GenDisk d : disks) {
            out.append(String.format("%4d  %7d %10d %s%n", d.major, d.first_minor, d.capacity / 2, d.disk_name));
        }
        return out.toString();
    }

    /** /proc/diskstats (the first eleven fields after the name, then zeros as Linux has them for discard/flush). */
    public String proc_diskstats() {
        StringBuilder out = new StringBuilder();
        for (GenDisk d : disks) {
            out.append(String.format("%4d %7d %s %d 0 %d %d %d 0 %d %d %d %d %d 0 0 0 0 0 0%n", d.major,
                    d.first_minor, d.disk_name, d.reads, d.readSectors, d.readTicksNs / 1_000_000, d.writes,
                    d.writeSectors, d.writeTicksNs / 1_000_000, d.inFlight,
                    (d.readTicksNs + d.writeTicksNs) / 1_000_000, (d.readTicksNs + d.writeTicksNs) / 1_000_000));
        }
        return out.toString();
    }
}
