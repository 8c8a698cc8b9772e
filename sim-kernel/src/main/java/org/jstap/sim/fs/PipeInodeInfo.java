package org.jstap.sim.fs;

import org.jstap.sim.kernel.sched.WaitQueueHead;

/**
 * struct pipe_inode_info: a pipe's buffer (a ring of {@code ring_size} bytes, 64 KiB as Linux's
 * sixteen pages), how many files read and write it, and the queues readers and writers sleep on.
 */
public final class PipeInodeInfo {
    /** PIPE_DEF_BUFFERS pages of PAGE_SIZE. */
    public static final int PIPE_DEF_SIZE = 16 * 4096;

    byte[] ring = new byte[PIPE_DEF_SIZE];
    int head;
    int len;
    public int readers;
    public int writers;
    /** Files ever opened for reading/writing: a FIFO reader waits for the first writer (r_counter/w_counter). */
    int r_counter;
    int w_counter;
    /** Where alloc_pipe_info's kzalloc put the struct, and the kcalloc'ed pipe_buffer array (bufs). */
    long kaddr;
    long bufs;
    public final WaitQueueHead rd_wait = new WaitQueueHead();
    public final WaitQueueHead wr_wait = new WaitQueueHead();

    /** Bytes waiting to be read. */
    public int size() {
        return len;
    }

    public int capacity() {
        return ring.length;
    }
}
