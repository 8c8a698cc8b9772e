package org.jstap.sim.net.sched;

import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.core.SkBuffHead;

/** struct Qdisc_ops: a queueing discipline's kind (pfifo_fast, noqueue, noop). */
public interface QdiscOps {
    /** id: the name {@code tc} shows. */
    String id();

    /**
     * enqueue: takes {@code skb}; NET_XMIT_SUCCESS, or NET_XMIT_DROP/CN with the skb put on
     * {@code to_free} for the caller to free.
     */
    int enqueue(SkBuff skb, Qdisc sch, SkBuffHead to_free);

    /** dequeue: the next skb to send, or null. */
    SkBuff dequeue(Qdisc sch);

    /** peek: the skb dequeue would return, left queued. */
    SkBuff peek(Qdisc sch);

    /** init: a new qdisc of this kind for its device; 0 or -errno. */
    default int init(Qdisc sch) {
        return 0;
    }

    /** reset: forget every queued skb (they are freed). */
    default void reset(Qdisc sch) {}
}
