package org.jstap.sim.net.sched;

import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.NetdevQueue;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.core.SkBuffHead;

/**
 * struct Qdisc: the queue in front of a device's transmit queue. {@code __dev_queue_xmit}
 * enqueues into it (or, when it is empty and may be bypassed, sends at once), {@code
 * __qdisc_run} drains it into the driver while the driver takes packets; a packet the driver
 * refuses (NETDEV_TX_BUSY) waits in {@link #gso_skb} until NET_TX runs the qdisc again.
 */
public final class Qdisc {
    /** flags (TCQ_F_*). */
    public static final int TCQ_F_BUILTIN = 1;
    public static final int TCQ_F_CAN_BYPASS = 4;
    public static final int TCQ_F_ONETXQUEUE = 0x10;
    public static final int TCQ_F_NOPARENT = 0x40;
    public static final int TCQ_F_NOLOCK = 0x100;
    /** state bits (__QDISC_STATE_*). */
    public static final int __QDISC_STATE_SCHED = 0;
    public static final int __QDISC_STATE_DEACTIVATED = 1;
    public static final int __QDISC_STATE_MISSED = 2;

    /** Qdisc->enqueue: the ops' enqueue, or null for noqueue (the device takes packets directly). */
    @FunctionalInterface
    public interface Enqueue {
        int enqueue(SkBuff skb, Qdisc sch, SkBuffHead to_free);
    }

    public final QdiscOps ops;
    public Enqueue enqueue;
    public int flags;
    /** limit: packets the qdisc holds (per band for pfifo_fast), from the device's tx_queue_len. */
    public int limit;
    public final NetdevQueue dev_queue;
    /** state: __QDISC_STATE_* bits. */
    public long state;
    /** gso_skb: packets the driver refused, sent first next time. */
    public final SkBuffHead gso_skb = new SkBuffHead();
    /** q.qlen: packets held (requeued ones included). */
    public int qlen;
    /** bstats: packets and bytes dequeued to the driver. */
    public long bstats_packets;
    public long bstats_bytes;
    /** qstats: bytes held, drops, requeues. */
    public long qstats_backlog;
    public long qstats_drops;
    public long qstats_requeues;
    /** The qdisc's own data (qdisc_priv): pfifo_fast's bands. */
    Object priv;
    /** qdisc_run_begin/end: a CPU is draining this qdisc now. */
    boolean running;

    Qdisc(QdiscOps ops, NetdevQueue dev_queue) {
        this.ops = ops;
        this.enqueue = ops::enqueue;
        this.dev_queue = dev_queue;
    }

    /** qdisc_dev: the device this qdisc feeds. */
    public NetDevice qdisc_dev() {
        return dev_queue.dev;
    }

    public boolean test_bit(int nr) {
        return (state & 1L << nr) != 0;
    }

    void set_bit(int nr) {
        state |= 1L << nr;
    }

    void clear_bit(int nr) {
        state &= ~(1L << nr);
    }

    /** test_and_set_bit: sets {@code nr}; whether it was already set. */
    public boolean test_and_set_bit(int nr) {
        boolean was = test_bit(nr);
        set_bit(nr);
        return was;
    }

    public void clear_state_bit(int nr) {
        clear_bit(nr);
    }

    @Override
    public String toString() {
        return ops.id() + (dev_queue.dev == null ? "" : " on " + dev_queue.dev.name);
    }
}
