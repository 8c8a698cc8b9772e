package org.jstap.sim.net.sched;

import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.core.SkBuffHead;

/**
 * pfifo_fast (net/sched/sch_generic.c): the default qdisc of a device with a queue. Three FIFO
 * bands, each holding up to the device's tx_queue_len packets; {@code skb->priority} picks the
 * band through prio2band, and band 0 always empties first. A full band drops at the tail.
 */
public final class PfifoFast implements QdiscOps {
    static final int PFIFO_FAST_BANDS = 3;
    /** TC_PRIO_MAX. */
    static final int TC_PRIO_MAX = 15;
    /** prio2band: TC_PRIO_INTERACTIVE (6) and CONTROL (7) to band 0, BESTEFFORT (0) to 1, BULK (2) to 2. */
    static final int[] PRIO2BAND = {1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};

    private final SchGeneric sch;

    PfifoFast(SchGeneric sch) {
        this.sch = sch;
    }

    @Override
    public String id() {
        return "pfifo_fast";
    }

    private static SkBuffHead[] bands(Qdisc q) {
        return (SkBuffHead[]) q.priv;
    }

    @Override
    public int init(Qdisc q) {
        SkBuffHead[] bands = new SkBuffHead[PFIFO_FAST_BANDS];
        for (int i = 0; i < bands.length; i++) {
            bands[i] = new SkBuffHead();
        }
        q.priv = bands;
        q.limit = q.qdisc_dev().tx_queue_len;
        // an empty pfifo_fast may be bypassed: the packet goes straight to the driver
        q.flags |= Qdisc.TCQ_F_CAN_BYPASS;
        return 0;
    }

    /** pfifo_fast_enqueue. */
    @Override
    public int enqueue(SkBuff skb, Qdisc q, SkBuffHead to_free) {
        SkBuffHead band = bands(q)[PRIO2BAND[skb.priority & TC_PRIO_MAX]];
        if (band.qlen >= q.limit) {
            return sch.qdisc_drop(skb, q, to_free);
        }
        SkBuffHead.__skb_queue_tail(band, skb);
        q.qstats_backlog += skb.len;
        q.qlen++;
        return NetDevice.NET_XMIT_SUCCESS;
    }

    /** pfifo_fast_dequeue: the first skb of the lowest non-empty band. */
    @Override
    public SkBuff dequeue(Qdisc q) {
        for (SkBuffHead band : bands(q)) {
            SkBuff skb = SkBuffHead.__skb_dequeue(band);
            if (skb != null) {
                q.qstats_backlog -= skb.len;
                q.qlen--;
                q.bstats_packets++;
                q.bstats_bytes += skb.len;
                return skb;
            }
        }
        return null;
    }

    @Override
    public SkBuff peek(Qdisc q) {
        for (SkBuffHead band : bands(q)) {
            SkBuff skb = SkBuffHead.skb_peek(band);
            if (skb != null) {
                return skb;
            }
        }
        return null;
    }

    /** pfifo_fast_reset: every queued skb is freed. */
    @Override
    public void reset(Qdisc q) {
        for (SkBuffHead band : bands(q)) {
            sch.kernel().net().skb().skb_queue_purge(band);
        }
        q.qstats_backlog = 0;
    }
}
