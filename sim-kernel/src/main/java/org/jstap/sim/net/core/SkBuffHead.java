package org.jstap.sim.net.core;

/**
 * struct sk_buff_head: a queue of skbs linked through their {@code next}/{@code prev}, with its
 * length: a socket's receive and write queues, a CPU's backlog, a qdisc band. The inline
 * {@code __skb_*} helpers of skbuff.h are the static methods here (the machine runs one thread at
 * a time, so the locked variants of skbuff.c, {@code skb_queue_tail} and {@code skb_dequeue},
 * are the same operations).
 *
 * <pre>{@code
 * SkBuffHead q = new SkBuffHead();
 * __skb_queue_tail(q, skb);
 * for (SkBuff s = skb_peek(q); s != null; s = skb_peek_next(s, q)) { ... }
 * SkBuff first = __skb_dequeue(q);
 * }</pre>
 */
public final class SkBuffHead {
    private SkBuff first;
    private SkBuff last;
    /** qlen: skbs on the queue. */
    public int qlen;

    /** skb_queue_head_init: an empty queue. */
    public SkBuffHead() {}

    public static int skb_queue_len(SkBuffHead list) {
        return list.qlen;
    }

    public static boolean skb_queue_empty(SkBuffHead list) {
        return list.first == null;
    }

    /** skb_peek: the first skb, left on the queue; null if empty. */
    public static SkBuff skb_peek(SkBuffHead list) {
        return list.first;
    }

    public static SkBuff skb_peek_tail(SkBuffHead list) {
        return list.last;
    }

    /** skb_peek_next: the skb after {@code skb} on {@code list}, or null at the end. */
    public static SkBuff skb_peek_next(SkBuff skb, SkBuffHead list) {
        return skb.next;
    }

    public static void __skb_queue_tail(SkBuffHead list, SkBuff newsk) {
        __skb_insert(newsk, list.last, null, list);
    }

    public static void __skb_queue_head(SkBuffHead list, SkBuff newsk) {
        __skb_insert(newsk, null, list.first, list);
    }

    /** __skb_queue_after: {@code newsk} goes right after {@code prev}. */
    public static void __skb_queue_after(SkBuffHead list, SkBuff prev, SkBuff newsk) {
        __skb_insert(newsk, prev, prev.next, list);
    }

    /** __skb_queue_before: {@code newsk} goes right before {@code next}. */
    public static void __skb_queue_before(SkBuffHead list, SkBuff next, SkBuff newsk) {
        __skb_insert(newsk, next.prev, next, list);
    }

    private static void __skb_insert(SkBuff newsk, SkBuff prev, SkBuff next, SkBuffHead list) {
        if (newsk.list != null) {
            throw new IllegalStateException("kernel BUG: " + newsk + " queued while on another list");
        }
        newsk.prev = prev;
        newsk.next = next;
        if (prev == null) {
            list.first = newsk;
        } else {
            prev.next = newsk;
        }
        if (next == null) {
            list.last = newsk;
        } else {
            next.prev = newsk;
        }
        newsk.list = list;
        list.qlen++;
    }

    /** __skb_unlink: takes {@code skb} off {@code list}. */
    public static void __skb_unlink(SkBuff skb, SkBuffHead list) {
        if (skb.list != list) {
            throw new IllegalStateException("kernel BUG: " + skb + " unlinked from a list it is not on");
        }
        if (skb.prev == null) {
            list.first = skb.next;
        } else {
            skb.prev.next = skb.next;
        }
        if (skb.next == null) {
            list.last = skb.prev;
        } else {
            skb.next.prev = skb.prev;
        }
        skb.next = skb.prev = null;
        skb.list = null;
        list.qlen--;
    }

    /** __skb_dequeue: the first skb, taken off; null if empty. */
    public static SkBuff __skb_dequeue(SkBuffHead list) {
        SkBuff skb = list.first;
        if (skb != null) {
            __skb_unlink(skb, list);
        }
        return skb;
    }

    public static SkBuff __skb_dequeue_tail(SkBuffHead list) {
        SkBuff skb = list.last;
        if (skb != null) {
            __skb_unlink(skb, list);
        }
        return skb;
    }

    /** skb_queue_splice_tail_init: moves all of {@code list} to the end of {@code head}. */
    public static void skb_queue_splice_tail_init(SkBuffHead list, SkBuffHead head) {
        for (SkBuff skb; (skb = __skb_dequeue(list)) != null; ) {
            __skb_queue_tail(head, skb);
        }
    }

    /** The queue as its SkBuffs, first to last (for /proc and tests). */
    public java.util.List<SkBuff> skbs() {
        java.util.List<SkBuff> out = new java.util.ArrayList<>(qlen);
        for (SkBuff s = first; s != null; s = s.next) {
            out.add(s);
        }
        return out;
    }
}
