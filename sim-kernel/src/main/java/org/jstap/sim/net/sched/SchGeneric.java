package org.jstap.sim.net.sched;

import static org.jstap.sim.net.core.NetDevice.NETDEV_TX_BUSY;
import static org.jstap.sim.net.core.NetDevice.NET_XMIT_CN;
import static org.jstap.sim.net.core.NetDevice.NET_XMIT_DROP;
import static org.jstap.sim.net.core.NetDevice.dev_xmit_complete;
import static org.jstap.sim.net.core.NetdevQueue.netif_xmit_frozen_or_stopped;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.NetdevQueue;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.core.SkBuffHead;

/**
 * net/sched/sch_generic.c: the qdiscs every kernel has and the loop that feeds a driver.
 * A device starts on {@link #noop_qdisc} (which drops); {@code dev_open}'s {@link #dev_activate}
 * gives it pfifo_fast, or noqueue if it asks for none (lo), once its carrier is on.
 * {@code __qdisc_run -> qdisc_restart -> dequeue_skb, sch_direct_xmit -> dev_hard_start_xmit}
 * sends while the driver's queue is not stopped; what the driver refuses is requeued and the
 * qdisc scheduled on NET_TX. The carrier ({@code netif_carrier_on/off}) lives here too, as in
 * Linux; its effects reach the qdisc through the link watch.
 */
@LinuxFile("net/sched/sch_generic.c")
public final class SchGeneric {
    /** dev_tx_weight: packets one __qdisc_run sends before leaving the rest to NET_TX. */
    static final int DEV_TX_WEIGHT = 64;

    private final Kernel kernel;
    /** noop_qdisc: where a device that is down (or has no carrier) sends: every packet is dropped. */
    public final Qdisc noop_qdisc;
    /** noqueue: no queue at all; __dev_queue_xmit calls the driver directly. */
    final QdiscOps noqueue_qdisc_ops;
    /** pfifo_fast: default_qdisc_ops. */
    final QdiscOps pfifo_fast_ops;

    public SchGeneric(Kernel kernel) {
        this.kernel = kernel;
        this.pfifo_fast_ops = new PfifoFast(this);
        this.noqueue_qdisc_ops = new Discarding("noqueue") {
            /** noqueue_init: no enqueue, which is how __dev_queue_xmit knows. */
            @Override
            public int init(Qdisc sch) {
                sch.enqueue = null;
                return 0;
            }
        };
        QdiscOps noop = new Discarding("noop");
        this.noop_qdisc = new Qdisc(noop, new NetdevQueue(null));
        noop_qdisc.flags = Qdisc.TCQ_F_BUILTIN;
    }

    /** noop_qdisc_ops and the base of noqueue_qdisc_ops: everything offered is dropped, nothing is ever queued. */
    private class Discarding implements QdiscOps {
        private final String id;

        Discarding(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int enqueue(SkBuff skb, Qdisc sch, SkBuffHead to_free) {
            return noop_enqueue(skb, sch, to_free);
        }

        @Override
        public SkBuff dequeue(Qdisc sch) {
            return null;
        }

        @Override
        public SkBuff peek(Qdisc sch) {
            return null;
        }
    }

    Kernel kernel() {
        return kernel;
    }

    /** noop_enqueue: drops, telling the sender of congestion. */
    int noop_enqueue(SkBuff skb, Qdisc q, SkBuffHead to_free) {
        SkBuffHead.__skb_queue_tail(to_free, skb);
        return NET_XMIT_CN;
    }

    /** qdisc_drop: {@code skb} goes on {@code to_free} and counts as a drop. */
    public int qdisc_drop(SkBuff skb, Qdisc q, SkBuffHead to_free) {
        SkBuffHead.__skb_queue_tail(to_free, skb);
        q.qstats_drops++;
        return NET_XMIT_DROP;
    }

    // ---------------------------------------------------------------- making and attaching

    /** qdisc_create_dflt: a qdisc of {@code ops} for {@code dev_queue}, initialised; null if init fails. */
    public Qdisc qdisc_create_dflt(NetdevQueue dev_queue, QdiscOps ops) {
        Qdisc sch = new Qdisc(ops, dev_queue);
        return ops.init(sch) == 0 ? sch : null;
    }

    /** dev_init_scheduler: a registered device sends to noop until it is activated. */
    public void dev_init_scheduler(NetDevice dev) {
        dev.qdisc = noop_qdisc;
        dev._tx.qdisc = noop_qdisc;
        dev._tx.qdisc_sleeping = noop_qdisc;
    }

    /** attach_one_default_qdisc: noqueue for an IFF_NO_QUEUE device, pfifo_fast otherwise. */
    private void attach_one_default_qdisc(NetDevice dev, NetdevQueue dev_queue) {
        QdiscOps ops = (dev.priv_flags & NetDevice.IFF_NO_QUEUE) != 0 ? noqueue_qdisc_ops : pfifo_fast_ops;
        Qdisc qdisc = qdisc_create_dflt(dev_queue, ops);
        if (qdisc == null) {
            return;
        }
        qdisc.flags |= Qdisc.TCQ_F_ONETXQUEUE | Qdisc.TCQ_F_NOPARENT;
        dev_queue.qdisc_sleeping = qdisc;
    }

    private void attach_default_qdiscs(NetDevice dev) {
        NetdevQueue txq = NetDevice.netdev_get_tx_queue(dev, 0);
        attach_one_default_qdisc(dev, txq);
        dev.qdisc = txq.qdisc_sleeping;
    }

    /**
     * dev_activate: the device's qdisc takes packets: made on first use, put in place once the
     * carrier is on (until then noop stays, and the link watch activates later).
     */
    public void dev_activate(NetDevice dev) {
        if (dev.qdisc == noop_qdisc) {
            attach_default_qdiscs(dev);
        }
        if (!NetDevice.netif_carrier_ok(dev)) {
            return;
        }
        transition_one_qdisc(dev._tx);
    }

    private static void transition_one_qdisc(NetdevQueue dev_queue) {
        Qdisc qdisc = dev_queue.qdisc_sleeping;
        if ((qdisc.flags & Qdisc.TCQ_F_BUILTIN) == 0) {
            qdisc.clear_bit(Qdisc.__QDISC_STATE_DEACTIVATED);
        }
        dev_queue.qdisc = qdisc;
    }

    /**
     * dev_deactivate: sending goes back to noop; the real qdisc is marked deactivated and
     * emptied (its packets are freed).
     */
    public void dev_deactivate(NetDevice dev) {
        NetdevQueue txq = dev._tx;
        Qdisc qdisc = txq.qdisc;
        if (qdisc != null) {
            if ((qdisc.flags & Qdisc.TCQ_F_BUILTIN) == 0) {
                qdisc.set_bit(Qdisc.__QDISC_STATE_DEACTIVATED);
            }
            txq.qdisc = noop_qdisc;
        }
        qdisc_reset(txq.qdisc_sleeping);
    }

    /** dev_shutdown: at unregister the qdisc goes away. */
    public void dev_shutdown(NetDevice dev) {
        qdisc_reset(dev._tx.qdisc_sleeping);
        dev_init_scheduler(dev);
    }

    /** dev_qdisc_change_tx_queue_len: a qdisc sized by the queue length (pfifo_fast) takes the new one. */
    public void dev_qdisc_change_tx_queue_len(NetDevice dev) {
        Qdisc q = dev._tx.qdisc_sleeping;
        if (q != null && q.ops == pfifo_fast_ops) {
            q.limit = dev.tx_queue_len;
        }
    }

    /** qdisc_reset: every packet held (queued or requeued) is freed. */
    public void qdisc_reset(Qdisc q) {
        q.ops.reset(q);
        kernel.net().skb().skb_queue_purge(q.gso_skb);
        q.qlen = 0;
        q.qstats_backlog = 0;
    }

    // ---------------------------------------------------------------- running

    /** qdisc_run_begin: this CPU drains the qdisc, unless one already does. */
    public boolean qdisc_run_begin(Qdisc q) {
        if (q.running) {
            return false;
        }
        q.running = true;
        return true;
    }

    public void qdisc_run_end(Qdisc q) {
        q.running = false;
    }

    /** qdisc_run: drains the qdisc if nobody else is. */
    public void qdisc_run(Qdisc q) {
        if (qdisc_run_begin(q)) {
            __qdisc_run(q);
            qdisc_run_end(q);
        }
    }

    /** __qdisc_run: sends while packets come and the driver takes them, up to dev_tx_weight; the rest on NET_TX. */
    public void __qdisc_run(Qdisc q) {
        int quota = DEV_TX_WEIGHT;
        while (qdisc_restart(q)) {
            quota--;
            if (quota <= 0) {
                kernel.net().xmit().__netif_schedule(q);
                break;
            }
        }
    }

    /** qdisc_restart: one packet from the qdisc to the driver; false when none could go. */
    boolean qdisc_restart(Qdisc q) {
        SkBuff skb = dequeue_skb(q);
        if (skb == null) {
            return false;
        }
        NetDevice dev = q.qdisc_dev();
        return sch_direct_xmit(skb, q, dev, NetDevice.netdev_get_tx_queue(dev, 0));
    }

    /** dequeue_skb: a requeued packet first; nothing while the driver's queue is stopped. */
    SkBuff dequeue_skb(Qdisc q) {
        SkBuff skb = SkBuffHead.skb_peek(q.gso_skb);
        if (skb != null) {
            if (netif_xmit_frozen_or_stopped(q.dev_queue)) {
                return null;
            }
            SkBuffHead.__skb_dequeue(q.gso_skb);
            q.qstats_backlog -= skb.len;
            q.qlen--;
            return skb;
        }
        if ((q.flags & Qdisc.TCQ_F_ONETXQUEUE) != 0 && netif_xmit_frozen_or_stopped(q.dev_queue)) {
            return null;
        }
        return q.ops.dequeue(q);
    }

    /**
     * sch_direct_xmit: hands {@code skb} to the driver unless its queue is stopped; a packet it
     * does not take is requeued and false returned (stop draining).
     */
    public boolean sch_direct_xmit(SkBuff skb, Qdisc q, NetDevice dev, NetdevQueue txq) {
        int ret = NETDEV_TX_BUSY;
        if (!netif_xmit_frozen_or_stopped(txq)) {
            ret = kernel.net().xmit().dev_hard_start_xmit(skb, dev, txq);
        }
        if (!dev_xmit_complete(ret)) {
            if (ret != NETDEV_TX_BUSY) {
                kernel.printk().pr_warn(String.format("BUG %s code %d qlen %d", dev.name, ret, q.qlen));
            }
            dev_requeue_skb(skb, q);
            return false;
        }
        return true;
    }

    /** dev_requeue_skb: the driver refused {@code skb}: it goes first next time, and NET_TX will retry. */
    void dev_requeue_skb(SkBuff skb, Qdisc q) {
        SkBuffHead.__skb_queue_tail(q.gso_skb, skb);
        q.qstats_requeues++;
        q.qstats_backlog += skb.len;
        q.qlen++;
        kernel.net().xmit().__netif_schedule(q);
    }

    // ---------------------------------------------------------------- carrier

    /** netif_carrier_on: the driver saw the link come up; the link watch does the rest. */
    public void netif_carrier_on(NetDevice dev) {
        if (dev.test_and_clear_bit(NetDevice.__LINK_STATE_NOCARRIER)) {
            if (dev.reg_state == NetDevice.NETREG_UNINITIALIZED) {
                return;
            }
            dev.carrier_up_count++;
            kernel.net().linkwatch().linkwatch_fire_event(dev);
        }
    }

    /** netif_carrier_off: the link went down. */
    public void netif_carrier_off(NetDevice dev) {
        if (!dev.test_and_set_bit(NetDevice.__LINK_STATE_NOCARRIER)) {
            if (dev.reg_state == NetDevice.NETREG_UNINITIALIZED) {
                return;
            }
            dev.carrier_down_count++;
            kernel.net().linkwatch().linkwatch_fire_event(dev);
        }
    }
}
