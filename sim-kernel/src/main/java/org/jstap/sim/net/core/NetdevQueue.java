package org.jstap.sim.net.core;

import org.jstap.sim.net.sched.Qdisc;

/**
 * struct netdev_queue: a device's transmit queue as the core sees it: the qdisc in front of it
 * and whether the driver has stopped it ({@code netif_stop_queue} when its ring is full,
 * {@code netif_wake_queue} when there is room again). Devices here have one.
 */
public final class NetdevQueue {
    /** state bits. */
    public static final int __QUEUE_STATE_DRV_XOFF = 0;
    public static final int __QUEUE_STATE_STACK_XOFF = 1;
    public static final int __QUEUE_STATE_FROZEN = 2;

    public final NetDevice dev;
    /** qdisc: where packets wait (noop_qdisc while the device is down). */
    public Qdisc qdisc;
    /** qdisc_sleeping: the qdisc dev_activate will put back when the device comes up. */
    public Qdisc qdisc_sleeping;
    public int state;
    /** trans_start: when the driver last took a packet (jiffies). */
    public long trans_start;
    /** xmit_lock_owner: the CPU inside the driver's xmit for this queue, or -1. */
    public int xmit_lock_owner = -1;

    public NetdevQueue(NetDevice dev) {
        this.dev = dev;
    }

    /** netif_xmit_stopped: the driver or the stack stopped the queue. */
    public static boolean netif_xmit_stopped(NetdevQueue txq) {
        return (txq.state & (1 << __QUEUE_STATE_DRV_XOFF | 1 << __QUEUE_STATE_STACK_XOFF)) != 0;
    }

    /** netif_xmit_frozen_or_stopped. */
    public static boolean netif_xmit_frozen_or_stopped(NetdevQueue txq) {
        return (txq.state & (1 << __QUEUE_STATE_DRV_XOFF | 1 << __QUEUE_STATE_FROZEN)) != 0;
    }

    /** netif_tx_queue_stopped: the driver stopped it. */
    public static boolean netif_tx_queue_stopped(NetdevQueue txq) {
        return (txq.state & 1 << __QUEUE_STATE_DRV_XOFF) != 0;
    }
}
