package org.jstap.sim.net.core;

/**
 * struct skb_shared_info: what sits at {@code skb->end}, shared by an skb and its clones. Here
 * every skb is linear (no page frags, no frag_list), so what remains is the reference count of
 * the data buffer: the buffer is freed when the last skb pointing at it goes.
 */
public final class SkbSharedInfo {
    /**
     * sizeof(struct skb_shared_info) on a 64-bit kernel with MAX_SKB_FRAGS 17: the bytes
     * {@code __alloc_skb} sets aside after {@code end}.
     */
    public static final int SIZEOF = 320;

    /** dataref: skbs using the buffer (the original and its clones). */
    public int dataref = 1;
}
