package org.jstap.sim.net.core;

import static org.jstap.sim.net.core.NetDevice.IFF_UP;
import static org.jstap.sim.net.core.NetDevice.NETDEV_TX_OK;
import static org.jstap.sim.net.core.NetDevice.NET_XMIT_DROP;
import static org.jstap.sim.net.core.NetDevice.NET_XMIT_SUCCESS;
import static org.jstap.sim.net.core.NetDevice.dev_xmit_complete;
import static org.jstap.sim.net.core.NetdevQueue.netif_xmit_stopped;

import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.Softirq;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.net.sched.Qdisc;

/**
 * net/core/dev.c, the transmit half: how a packet with {@code skb->dev} set leaves.
 * {@code dev_queue_xmit -> __dev_queue_xmit}, with bottom halves off, picks the queue and then
 * either goes through the qdisc ({@code __dev_xmit_skb}: straight to {@code sch_direct_xmit} when
 * it is empty, else enqueue and {@code __qdisc_run}) or, for a device without one (lo), calls
 * {@code dev_hard_start_xmit -> xmit_one -> netdev_start_xmit -> ndo_start_xmit} itself. Turning
 * bottom halves back on runs what the driver raised, so a packet looped back by lo is received
 * before dev_queue_xmit returns, in the sender's context, as in Linux. NET_TX
 * ({@link #net_tx_action}) frees what drivers freed from interrupts and reruns qdiscs that were
 * stopped ({@code netif_wake_queue}) or had more than their share.
 */
@LinuxFile("net/core/dev.c")
public final class Transmit {
    /** Virtual cost of the core's part of sending one packet (queue choice, qdisc, locking). */
    static final long XMIT_NS = 150;
    /** XMIT_RECURSION_LIMIT: how deep devices may transmit through each other (tunnels). */
    static final int XMIT_RECURSION_LIMIT = 8;

    private final Kernel kernel;
    private final Net net;
    /** softnet_data.xmit.recursion, per CPU. */
    private final int[] recursion;

    Transmit(Kernel kernel, Net net) {
        this.kernel = kernel;
        this.net = net;
        this.recursion = new int[kernel.config().cpus()];
    }

    /**
     * dev_queue_xmit: sends {@code skb} on {@code skb->dev}, which takes it over whatever happens.
     * NET_XMIT_SUCCESS, NET_XMIT_DROP/CN from the qdisc, or -ENETDOWN (the device is down or
     * would not take it), -ENOMEM.
     */
    public int dev_queue_xmit(SkBuff skb) {
        return __dev_queue_xmit(skb, null);
    }

    public int __dev_queue_xmit(SkBuff skb, NetDevice sb_dev) {
        NetDevice dev = skb.dev;
        SkBuff.skb_reset_mac_header(skb);
        // rcu_read_lock_bh: softirqs wait until we are done (and then run, at local_bh_enable)
        kernel.softirq().local_bh_disable();
        try {
            kernel.sched().charge(XMIT_NS);
            NetdevQueue txq = netdev_core_pick_tx(dev, skb, sb_dev);
            Qdisc q = txq.qdisc;
            kernel.trace().net_dev_queue(skb);
            if (q.enqueue != null) {
                return __dev_xmit_skb(skb, q, dev, txq);
            }
            // no queue: the common case of software devices, loopback and tunnels
            if ((dev.flags & IFF_UP) != 0) {
                int cpu = kernel.smp_processor_id();
                if (txq.xmit_lock_owner != cpu && recursion[cpu] <= XMIT_RECURSION_LIMIT) {
                    txq.xmit_lock_owner = cpu;
                    try {
                        if (!netif_xmit_stopped(txq)) {
                            recursion[cpu]++;
                            int rc;
                            try {
                                rc = dev_hard_start_xmit(skb, dev, txq);
                            } finally {
                                recursion[cpu]--;
                            }
                            if (dev_xmit_complete(rc)) {
                                return rc;
                            }
                        }
                    } finally {
                        txq.xmit_lock_owner = -1;
                    }
                    kernel.printk().printk(org.jstap.sim.kernel.printk.Printk.KERN_CRIT,
                            "Virtual device " + dev.name + " asks to queue packet!");
                } else {
                    kernel.printk().printk(org.jstap.sim.kernel.printk.Printk.KERN_CRIT,
                            "Dead loop on virtual device " + dev.name + ", fix it urgently!");
                }
            }
            dev.core_stats.tx_dropped++;
            net.skb().kfree_skb(skb);
            return -Errno.ENETDOWN;
        } finally {
            kernel.softirq().local_bh_enable();
        }
    }

    /** netdev_core_pick_tx: the transmit queue for {@code skb} (a device here has one). */
    NetdevQueue netdev_core_pick_tx(NetDevice dev, SkBuff skb, NetDevice sb_dev) {
        skb.queue_mapping = 0;
        return NetDevice.netdev_get_tx_queue(dev, 0);
    }

    /**
     * __dev_xmit_skb: through the qdisc: a deactivated one drops; an empty one that allows it is
     * bypassed (sch_direct_xmit); otherwise enqueue and drain. What the qdisc dropped is freed.
     */
    int __dev_xmit_skb(SkBuff skb, Qdisc q, NetDevice dev, NetdevQueue txq) {
        SkBuffHead to_free = new SkBuffHead();
        int rc;
        if (q.test_bit(Qdisc.__QDISC_STATE_DEACTIVATED)) {
            SkBuffHead.__skb_queue_tail(to_free, skb);
            rc = NET_XMIT_DROP;
        } else if ((q.flags & Qdisc.TCQ_F_CAN_BYPASS) != 0 && q.qlen == 0 && net.sched().qdisc_run_begin(q)) {
            // work-conserving and empty, and nobody drains it: send now
            q.bstats_packets++;
            q.bstats_bytes += skb.len;
            if (net.sched().sch_direct_xmit(skb, q, dev, txq)) {
                net.sched().__qdisc_run(q);
            }
            net.sched().qdisc_run_end(q);
            rc = NET_XMIT_SUCCESS;
        } else {
            rc = q.enqueue.enqueue(skb, q, to_free) & NetDevice.NET_XMIT_MASK;
            net.sched().qdisc_run(q);
        }
        net.skb().skb_queue_purge(to_free);
        return rc;
    }

    /**
     * dev_hard_start_xmit: hands {@code skb} to the driver; its answer (NETDEV_TX_OK, or
     * NETDEV_TX_BUSY when it did not take it). Linux's sends a list (GSO segments) and returns
     * what is left of it; packets here are single.
     */
    public int dev_hard_start_xmit(SkBuff skb, NetDevice dev, NetdevQueue txq) {
        return xmit_one(skb, dev, txq, false);
    }

    /** xmit_one: taps see the packet, then the driver; net_dev_start_xmit and net_dev_xmit around it. */
    int xmit_one(SkBuff skb, NetDevice dev, NetdevQueue txq, boolean more) {
        if (dev_nit_active(dev)) {
            dev_queue_xmit_nit(skb, dev);
        }
        int len = skb.len;
        kernel.trace().net_dev_start_xmit(skb, dev);
        int rc = netdev_start_xmit(skb, dev, txq, more);
        kernel.trace().net_dev_xmit(skb, rc, dev, len);
        return rc;
    }

    /** netdev_start_xmit: ndo_start_xmit; a taken packet stamps the queue's trans_start. */
    int netdev_start_xmit(SkBuff skb, NetDevice dev, NetdevQueue txq, boolean more) {
        int rc = dev.netdev_ops.ndo_start_xmit(skb, dev);
        if (rc == NETDEV_TX_OK) {
            txq.trans_start = kernel.timekeeping().jiffies();
        }
        return rc;
    }

    /** dev_nit_active: some tap (ETH_P_ALL handler) wants to see outgoing packets. */
    boolean dev_nit_active(NetDevice dev) {
        return !net.rx().ptype_all.isEmpty() || !dev.ptype_all.isEmpty();
    }

    /**
     * dev_queue_xmit_nit: each tap gets a clone of the outgoing packet, marked PACKET_OUTGOING,
     * its mac header at data and its transport header at the network one.
     */
    void dev_queue_xmit_nit(SkBuff skb, NetDevice dev) {
        PacketType prev = null;
        SkBuff skb2 = null;
        for (List<PacketType> list : List.of(List.copyOf(net.rx().ptype_all), List.copyOf(dev.ptype_all))) {
            for (PacketType ptype : list) {
                if (ptype.ignore_outgoing) {
                    continue;
                }
                if (prev != null) {
                    net.rx().deliver_skb(skb2, prev, skb.dev);
                    prev = ptype;
                    continue;
                }
                skb2 = net.skb().skb_clone(skb, Gfp.GFP_ATOMIC);
                if (skb2 == null) {
                    return;
                }
                skb2.tstamp = kernel.hardware().now();
                SkBuff.skb_reset_mac_header(skb2);
                long nh = SkBuff.skb_network_header(skb2);
                if (nh < skb2.data || nh > SkBuff.skb_tail_pointer(skb2)) {
                    kernel.printk().printk(org.jstap.sim.kernel.printk.Printk.KERN_CRIT, String.format(
                            "protocol %04x is buggy, dev %s", org.jstap.sim.lib.Byteorder.ntohs(skb2.protocol),
                            dev.name));
                    SkBuff.skb_reset_network_header(skb2);
                }
                skb2.transport_header = skb2.network_header;
                skb2.pkt_type = SkBuff.PACKET_OUTGOING;
                prev = ptype;
            }
        }
        if (prev != null) {
            prev.func.func(skb2, skb.dev, prev, skb.dev);
        }
    }

    // ---------------------------------------------------------------- NET_TX

    /** __netif_schedule: {@code q} runs on NET_TX of this CPU soon (once, however often asked). */
    public void __netif_schedule(Qdisc q) {
        if (!q.test_and_set_bit(Qdisc.__QDISC_STATE_SCHED)) {
            __netif_reschedule(q);
        }
    }

    private void __netif_reschedule(Qdisc q) {
        int cpu = kernel.smp_processor_id();
        net.softnet_data[cpu].output_queue.addLast(q);
        kernel.softirq().raise_softirq(Softirq.NET_TX_SOFTIRQ, cpu);
    }

    /** netif_tx_wake_queue: the driver has room again; a stopped queue's qdisc is rerun on NET_TX. */
    public void netif_tx_wake_queue(NetdevQueue txq) {
        if ((txq.state & 1 << NetdevQueue.__QUEUE_STATE_DRV_XOFF) != 0) {
            txq.state &= ~(1 << NetdevQueue.__QUEUE_STATE_DRV_XOFF);
            __netif_schedule(txq.qdisc);
        }
    }

    /** netif_wake_queue: netif_tx_wake_queue of the device's queue. */
    public void netif_wake_queue(NetDevice dev) {
        netif_tx_wake_queue(NetDevice.netdev_get_tx_queue(dev, 0));
    }

    /**
     * dev_kfree_skb_irq: a driver frees {@code skb} from its interrupt handler; the work is done
     * on NET_TX (here: the last reference goes now, the memory on NET_TX).
     */
    public void dev_kfree_skb_irq(SkBuff skb) {
        if (skb == null) {
            return;
        }
        if (skb.users > 1) {
            skb.users--;
            return;
        }
        int cpu = kernel.smp_processor_id();
        SkBuffHead.__skb_queue_tail(net.softnet_data[cpu].completion_queue, skb);
        kernel.softirq().raise_softirq(Softirq.NET_TX_SOFTIRQ, cpu);
    }

    /** dev_kfree_skb_any: dev_kfree_skb_irq in a hardware interrupt, kfree_skb elsewhere. */
    public void dev_kfree_skb_any(SkBuff skb) {
        if (kernel.softirq().in_irq(kernel.smp_processor_id())) {
            dev_kfree_skb_irq(skb);
        } else {
            net.skb().kfree_skb(skb);
        }
    }

    /** dev_consume_skb_any: the same for a packet that was sent. */
    public void dev_consume_skb_any(SkBuff skb) {
        if (kernel.softirq().in_irq(kernel.smp_processor_id())) {
            dev_kfree_skb_irq(skb);
        } else {
            net.skb().consume_skb(skb);
        }
    }

    /**
     * net_tx_action (NET_TX_SOFTIRQ): frees the completion queue, then runs every scheduled
     * qdisc (clearing its SCHED bit first, so it may be scheduled again while it runs).
     */
    void net_tx_action() {
        SoftnetData sd = net.softnet_data[kernel.smp_processor_id()];
        for (SkBuff skb; (skb = SkBuffHead.__skb_dequeue(sd.completion_queue)) != null; ) {
            net.skb().__kfree_skb(skb);
        }
        int n = sd.output_queue.size();
        for (int i = 0; i < n; i++) {
            Qdisc q = sd.output_queue.pollFirst();
            q.clear_state_bit(Qdisc.__QDISC_STATE_SCHED);
            net.sched().qdisc_run(q);
        }
    }
}
