package org.jstap.sim.net.core;

import static org.jstap.sim.net.core.SkBuff.SKB_DATA_ALIGN;
import static org.jstap.sim.net.core.SkBuff.SKB_TRUESIZE;
import static org.jstap.sim.net.core.SkBuff.SKB_WITH_OVERHEAD;
import static org.jstap.sim.net.core.SkBuff.skb_headroom;
import static org.jstap.sim.net.core.SkBuff.skb_is_nonlinear;
import static org.jstap.sim.net.core.SkBuff.skb_tail_pointer;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.Kallsyms;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.Slub;

/**
 * net/core/skbuff.c: making, growing, sharing and freeing sk_buffs. The struct takes a slot in
 * {@code skbuff_head_cache}; its buffer is a kmalloc block sized as {@code __alloc_skb} sizes it
 * (the request aligned to the cache line, plus skb_shared_info, and then whatever the size class
 * gives beyond that becomes tailroom), so {@code /proc/slabinfo} and the kmem tracepoints see
 * network memory as on Linux. Running past either end of the buffer is Linux's BUG:
 * {@code skb_over_panic} / {@code skb_under_panic} print their line and the call throws.
 *
 * <pre>{@code
 * SkBuffs skbs = kernel.net().skb();
 * SkBuff skb = skbs.alloc_skb(100, Gfp.GFP_KERNEL);   // tailroom 192: kmalloc-512 less 320
 * skb_reserve(skb, 16);
 * skbs.skb_put_data(skb, bytes, 0, 60);
 * skbs.kfree_skb(skb);
 * }</pre>
 */
@LinuxFile("net/core/skbuff.c")
public final class SkBuffs {
    /** Virtual cost of making or freeing an sk_buff (slab work and initialisation). */
    static final long ALLOC_NS = 60;
    static final long FREE_NS = 30;
    /** Copying bytes between buffers (memcpy), per 64 bytes: the speed Uaccess charges. */
    static final long COPY_NS_PER_64_BYTES = 4;

    private final Kernel kernel;
    private final Slub.KmemCache skbuffHeadCache;

    public SkBuffs(Kernel kernel) {
        this.kernel = kernel;
        // skb_init: Linux makes the cache at core_initcall time; it holds nothing until used
        this.skbuffHeadCache = kernel.slab().kmem_cache_create("skbuff_head_cache", SkBuff.SIZEOF);
    }

    // ---------------------------------------------------------------- allocation

    /** alloc_skb: an empty skb with at least {@code size} bytes of tailroom; null when memory is short. */
    public SkBuff alloc_skb(int size, int gfp) {
        return __alloc_skb(size, gfp);
    }

    /**
     * __alloc_skb: the struct from skbuff_head_cache and a buffer of SKB_DATA_ALIGN(size) plus the
     * shared info; {@code end} is put as far out as the kmalloc block allows.
     */
    public SkBuff __alloc_skb(int size, int gfp) {
        if (size < 0) {
            return null;
        }
        long kaddr = kernel.slab().kmem_cache_alloc(skbuffHeadCache, gfp);
        if (kaddr == 0) {
            return null;
        }
        int want = SKB_DATA_ALIGN(size) + SKB_DATA_ALIGN(SkbSharedInfo.SIZEOF);
        long data = kmalloc_reserve(want, gfp);
        if (data == 0) {
            kernel.slab().kmem_cache_free(skbuffHeadCache, kaddr);
            return null;
        }
        SkBuff skb = new SkBuff(kaddr, kernel.ram());
        __finalize_skb_around(skb, data, (int) kernel.slab().ksize(data));
        kernel.sched().charge(ALLOC_NS);
        return skb;
    }

    private long kmalloc_reserve(int size, int gfp) {
        return kernel.slab().kmalloc(size, gfp);
    }

    /** __finalize_skb_around: an skb over the {@code osize}-byte block at {@code data}, empty at its start. */
    private static void __finalize_skb_around(SkBuff skb, long data, int osize) {
        int size = SKB_WITH_OVERHEAD(osize);
        skb.truesize = SKB_TRUESIZE(size);
        skb.users = 1;
        skb.head = data;
        skb.data = data;
        skb.tail = 0;
        skb.end = size;
        skb.bufsize = osize;
        skb.mac_header = SkBuff.HEADER_UNSET;
        skb.transport_header = SkBuff.HEADER_UNSET;
        skb.network_header = 0;
        skb.shinfo = new SkbSharedInfo();
    }

    /**
     * __netdev_alloc_skb: a receive skb for {@code dev} with NET_SKB_PAD of headroom, taken
     * atomically (drivers refill from interrupt and softirq context).
     */
    public SkBuff __netdev_alloc_skb(NetDevice dev, int len, int gfp) {
        SkBuff skb = __alloc_skb(len + SkBuff.NET_SKB_PAD, gfp);
        if (skb == null) {
            return null;
        }
        SkBuff.skb_reserve(skb, SkBuff.NET_SKB_PAD);
        skb.dev = dev;
        return skb;
    }

    /** netdev_alloc_skb. */
    public SkBuff netdev_alloc_skb(NetDevice dev, int len) {
        return __netdev_alloc_skb(dev, len, Gfp.GFP_ATOMIC);
    }

    /** netdev_alloc_skb_ip_align: with NET_IP_ALIGN more headroom, so the IP header lands aligned. */
    public SkBuff netdev_alloc_skb_ip_align(NetDevice dev, int len) {
        SkBuff skb = netdev_alloc_skb(dev, len + SkBuff.NET_IP_ALIGN);
        if (skb != null) {
            SkBuff.skb_reserve(skb, SkBuff.NET_IP_ALIGN);
        }
        return skb;
    }

    /** dev_alloc_skb: netdev_alloc_skb for no device in particular. */
    public SkBuff dev_alloc_skb(int len) {
        return netdev_alloc_skb(null, len);
    }

    // ---------------------------------------------------------------- freeing

    /** skb_unref: drops one reference; true when it was the last and the skb must be freed. */
    private static boolean skb_unref(SkBuff skb) {
        if (skb.users <= 0) {
            throw new IllegalStateException("refcount_t: underflow; use-after-free of " + skb);
        }
        if (skb.users == 1) {
            return true;
        }
        skb.users--;
        return false;
    }

    /** kfree_skb: drops a reference to a packet that was dropped (an error path); frees it at the last. */
    public void kfree_skb(SkBuff skb) {
        if (skb == null || !skb_unref(skb)) {
            return;
        }
        __kfree_skb(skb);
    }

    /** consume_skb: the same for a packet that was used as meant (delivered, transmitted). */
    public void consume_skb(SkBuff skb) {
        if (skb == null || !skb_unref(skb)) {
            return;
        }
        __kfree_skb(skb);
    }

    /** __kfree_skb: the owner's destructor, the buffer (unless a clone still uses it), then the struct. */
    public void __kfree_skb(SkBuff skb) {
        skb_release_head_state(skb);
        skb_release_data(skb);
        skb.users = 0;
        kernel.slab().kmem_cache_free(skbuffHeadCache, skb.kaddr());
        kernel.sched().charge(FREE_NS);
    }

    private static void skb_release_head_state(SkBuff skb) {
        skb._skb_refdst = null;
        if (skb.destructor != null) {
            skb.destructor.accept(skb);
            skb.destructor = null;
        }
    }

    private void skb_release_data(SkBuff skb) {
        if (!skb.cloned || --skb.shinfo.dataref == 0) {
            kernel.slab().kfree(skb.head);
        }
    }

    /** skb_queue_purge: frees every skb on {@code list}. */
    public void skb_queue_purge(SkBuffHead list) {
        for (SkBuff skb; (skb = SkBuffHead.__skb_dequeue(list)) != null; ) {
            kfree_skb(skb);
        }
    }

    // ---------------------------------------------------------------- sharing and copying

    /**
     * skb_clone: a second sk_buff over the same buffer (both become cloned; the data must then
     * not be written without skb_cow_head or pskb_expand_head). Null when memory is short.
     */
    public SkBuff skb_clone(SkBuff skb, int gfp) {
        long kaddr = kernel.slab().kmem_cache_alloc(skbuffHeadCache, gfp);
        if (kaddr == 0) {
            return null;
        }
        SkBuff n = new SkBuff(kaddr, kernel.ram());
        __copy_skb_header(n, skb);
        n.len = skb.len;
        n.data_len = skb.data_len;
        n.mac_len = skb.mac_len;
        n.head = skb.head;
        n.data = skb.data;
        n.tail = skb.tail;
        n.end = skb.end;
        n.bufsize = skb.bufsize;
        n.truesize = skb.truesize;
        n.shinfo = skb.shinfo;
        n.users = 1;
        n.cloned = true;
        skb.cloned = true;
        skb.shinfo.dataref++;
        kernel.sched().charge(ALLOC_NS);
        return n;
    }

    /** __copy_skb_header: the fields a copy or clone inherits (not the buffer, not the owner). */
    private static void __copy_skb_header(SkBuff n, SkBuff old) {
        n.tstamp = old.tstamp;
        n.dev = old.dev;
        n.cb = old.cb == null ? null : old.cb.copy();
        n.pkt_type = old.pkt_type;
        n.ip_summed = old.ip_summed;
        n.priority = old.priority;
        n.skb_iif = old.skb_iif;
        n.mark = old.mark;
        n.protocol = old.protocol;
        n.transport_header = old.transport_header;
        n.network_header = old.network_header;
        n.mac_header = old.mac_header;
        n._skb_refdst = old._skb_refdst;
    }

    /**
     * skb_copy: a private copy, buffer and all, with the same headroom (so the header offsets
     * stay valid). Null when memory is short.
     */
    public SkBuff skb_copy(SkBuff skb, int gfp) {
        int headerlen = skb_headroom(skb);
        SkBuff n = __alloc_skb(skb.end + skb.data_len, gfp);
        if (n == null) {
            return null;
        }
        SkBuff.skb_reserve(n, headerlen);
        skb_put(n, skb.len);
        copy(skb.head, n.head, headerlen + skb.len);
        __copy_skb_header(n, skb);
        n.mac_len = skb.mac_len;
        return n;
    }

    /** skb_share_check: an skb of one's own to modify the struct of: a clone if others hold this one. */
    public SkBuff skb_share_check(SkBuff skb, int gfp) {
        if (SkBuff.skb_shared(skb)) {
            SkBuff nskb = skb_clone(skb, gfp);
            if (nskb != null) {
                consume_skb(skb);
            } else {
                kfree_skb(skb);
            }
            return nskb;
        }
        return skb;
    }

    /** skb_unshare: an skb whose data one may write: a copy if the buffer is shared with a clone. */
    public SkBuff skb_unshare(SkBuff skb, int gfp) {
        if (SkBuff.skb_cloned(skb)) {
            SkBuff nskb = skb_copy(skb, gfp);
            if (nskb != null) {
                consume_skb(skb);
            } else {
                kfree_skb(skb);
            }
            return nskb;
        }
        return skb;
    }

    /**
     * pskb_expand_head: a new private buffer with {@code nhead} more bytes in front and
     * {@code ntail} more behind; the skb (not shared) keeps its header offsets relative to the new
     * data. 0, or -ENOMEM with the skb unchanged.
     */
    public int pskb_expand_head(SkBuff skb, int nhead, int ntail, int gfp) {
        if (nhead < 0 || SkBuff.skb_shared(skb)) {
            throw new IllegalStateException("kernel BUG at net/core/skbuff.c: pskb_expand_head of " + skb);
        }
        int osize = skb.end;
        int size = SKB_DATA_ALIGN(nhead + skb.end + ntail);
        long data = kmalloc_reserve(size + SKB_DATA_ALIGN(SkbSharedInfo.SIZEOF), gfp);
        if (data == 0) {
            return -Errno.ENOMEM;
        }
        int ksize = (int) kernel.slab().ksize(data);
        size = SKB_WITH_OVERHEAD(ksize);
        // the whole used part of the old buffer, headroom included, moves nhead bytes in
        copy(skb.head, data + nhead, (int) (skb_tail_pointer(skb) - skb.head));
        skb_release_data(skb);
        long off = data + nhead - skb.head;
        skb.head = data;
        skb.data += off;
        skb.end = size;
        skb.bufsize = ksize;
        skb.tail += nhead;
        if (SkBuff.skb_mac_header_was_set(skb)) {
            skb.mac_header += nhead;
        }
        skb.network_header += nhead;
        if (SkBuff.skb_transport_header_was_set(skb)) {
            skb.transport_header += nhead;
        }
        skb.cloned = false;
        skb.shinfo = new SkbSharedInfo();
        if (skb.destructor == null) {
            skb.truesize += size - osize;
        }
        return 0;
    }

    /** skb_cow_head: at least {@code headroom} in front and a header of one's own; 0 or -ENOMEM. */
    public int skb_cow_head(SkBuff skb, int headroom) {
        int delta = Math.max(0, headroom - skb_headroom(skb));
        if (delta > 0 || SkBuff.skb_cloned(skb)) {
            int pad = SkBuff.NET_SKB_PAD;
            return pskb_expand_head(skb, (delta + pad - 1) / pad * pad, 0, Gfp.GFP_ATOMIC);
        }
        return 0;
    }

    /**
     * skb_expand_head: {@code skb} with at least {@code headroom} in front, made private first if
     * shared; the skb to go on with, or null (it was freed) when memory is short.
     */
    public SkBuff skb_expand_head(SkBuff skb, int headroom) {
        int delta = headroom - skb_headroom(skb);
        if (delta <= 0) {
            return skb;
        }
        if (SkBuff.skb_shared(skb)) {
            SkBuff nskb = skb_clone(skb, Gfp.GFP_ATOMIC);
            if (nskb == null) {
                kfree_skb(skb);
                return null;
            }
            consume_skb(skb);
            skb = nskb;
        }
        if (pskb_expand_head(skb, SKB_DATA_ALIGN(delta), 0, Gfp.GFP_ATOMIC) != 0) {
            kfree_skb(skb);
            return null;
        }
        return skb;
    }

    // ---------------------------------------------------------------- data

    /** skb_put: extends the data by {@code len} at the tail; returns where the new bytes go. */
    public long skb_put(SkBuff skb, int len) {
        long tmp = skb_tail_pointer(skb);
        if (skb_is_nonlinear(skb)) {
            throw new IllegalStateException("kernel BUG: SKB_LINEAR_ASSERT in skb_put");
        }
        skb.tail += len;
        skb.len += len;
        if (skb.tail > skb.end) {
            skb_over_panic(skb, len);
        }
        return tmp;
    }

    /** skb_put_data: skb_put and copy {@code len} bytes of {@code src} there. */
    public long skb_put_data(SkBuff skb, byte[] src, int off, int len) {
        long p = skb_put(skb, len);
        skb.store(p, src, off, len);
        kernel.sched().charge(copyCost(len));
        return p;
    }

    /** skb_put_zero: skb_put and zero the new bytes. */
    public long skb_put_zero(SkBuff skb, int len) {
        long p = skb_put(skb, len);
        skb.store(p, new byte[len], 0, len);
        return p;
    }

    /**
     * __skb_pad: {@code pad} zero bytes after the data (not put: the caller puts them), in a
     * buffer grown at the tail if the room is short or shared with a clone; 0, or -ENOMEM (the
     * skb freed if {@code free_on_error}).
     */
    public int __skb_pad(SkBuff skb, int pad, boolean free_on_error) {
        if (!SkBuff.skb_cloned(skb) && SkBuff.skb_tailroom(skb) >= pad) {
            skb.store(skb_tail_pointer(skb), new byte[pad], 0, pad);
            return 0;
        }
        int ntail = skb.data_len + pad - (skb.end - skb.tail);
        if (SkBuff.skb_cloned(skb) || ntail > 0) {
            int err = pskb_expand_head(skb, 0, Math.max(ntail, 0), Gfp.GFP_ATOMIC);
            if (err != 0) {
                if (free_on_error) {
                    kfree_skb(skb);
                }
                return err;
            }
        }
        skb.store(skb_tail_pointer(skb), new byte[pad], 0, pad);
        return 0;
    }

    /** skb_pad: __skb_pad that frees the skb when it fails. */
    public int skb_pad(SkBuff skb, int pad) {
        return __skb_pad(skb, pad, true);
    }

    /**
     * skb_put_padto: a packet shorter than {@code len} is zero-padded to it (drivers whose
     * hardware must not pad short frames itself); 0, or -ENOMEM with the skb freed.
     */
    public int skb_put_padto(SkBuff skb, int len) {
        int size = skb.len;
        if (size < len) {
            len -= size;
            if (__skb_pad(skb, len, true) != 0) {
                return -Errno.ENOMEM;
            }
            SkBuff.__skb_put(skb, len);
        }
        return 0;
    }

    /** skb_push: extends the data by {@code len} at the front; returns the new start. */
    public long skb_push(SkBuff skb, int len) {
        skb.data -= len;
        skb.len += len;
        if (skb.data < skb.head) {
            skb_under_panic(skb, len);
        }
        return skb.data;
    }

    /** skb_pull: removes {@code len} bytes at the front; the new start, or 0 if the skb is shorter. */
    public long skb_pull(SkBuff skb, int len) {
        return SkBuff.skb_pull_inline(skb, len);
    }

    /** skb_trim: cuts the data to {@code len} bytes (nothing if it is no longer). */
    public void skb_trim(SkBuff skb, int len) {
        if (skb.len > len) {
            SkBuff.__skb_trim(skb, len);
        }
    }

    /**
     * skb_copy_bits: {@code len} bytes from {@code offset} past data (negative: into the headroom)
     * into {@code to}; 0, or -EFAULT if they are not all there.
     */
    public int skb_copy_bits(SkBuff skb, int offset, byte[] to, int toOff, int len) {
        if (len < 0 || offset > skb.len - len || skb.data + offset < skb.head) {
            return -Errno.EFAULT;
        }
        skb.load(skb.data + offset, to, toOff, len);
        kernel.sched().charge(copyCost(len));
        return 0;
    }

    /** skb_store_bits: {@code len} bytes of {@code from} written at {@code offset} past data; 0 or -EFAULT. */
    public int skb_store_bits(SkBuff skb, int offset, byte[] from, int fromOff, int len) {
        if (len < 0 || offset > skb.len - len || skb.data + offset < skb.head) {
            return -Errno.EFAULT;
        }
        skb.store(skb.data + offset, from, fromOff, len);
        kernel.sched().charge(copyCost(len));
        return 0;
    }

    /** Copies bytes between two kernel addresses (memcpy of buffer contents). */
    private void copy(long from, long to, int len) {
        if (len <= 0) {
            return;
        }
        byte[] tmp = new byte[len];
        kernel.ram().dma_read(org.jstap.sim.arch.riscv.Page.__pa(from), tmp, 0, len);
        kernel.ram().dma_write(org.jstap.sim.arch.riscv.Page.__pa(to), tmp, 0, len);
        kernel.sched().charge(copyCost(len));
    }

    public static long copyCost(long bytes) {
        return (bytes + 63) / 64 * COPY_NS_PER_64_BYTES;
    }

    // ---------------------------------------------------------------- queues (locked variants)

    /** skb_queue_tail. */
    public void skb_queue_tail(SkBuffHead list, SkBuff newsk) {
        SkBuffHead.__skb_queue_tail(list, newsk);
    }

    /** skb_queue_head. */
    public void skb_queue_head(SkBuffHead list, SkBuff newsk) {
        SkBuffHead.__skb_queue_head(list, newsk);
    }

    /** skb_dequeue. */
    public SkBuff skb_dequeue(SkBuffHead list) {
        return SkBuffHead.__skb_dequeue(list);
    }

    /** skb_unlink. */
    public void skb_unlink(SkBuff skb, SkBuffHead list) {
        SkBuffHead.__skb_unlink(skb, list);
    }

    // ---------------------------------------------------------------- BUG

    /** skb_over_panic: skb_put ran past end. */
    void skb_over_panic(SkBuff skb, int sz) {
        skb_panic(skb, sz, "skb_over_panic");
    }

    /** skb_under_panic: skb_push ran past head. */
    void skb_under_panic(SkBuff skb, int sz) {
        skb_panic(skb, sz, "skb_under_panic");
    }

    /** skb_panic: Linux's line, then BUG(). {@code text} is the caller of skb_put/skb_push. */
    private void skb_panic(SkBuff skb, int sz, String msg) {
        long caller = Kallsyms.ret_ip(SkBuffs.class);
        kernel.printk().printk(org.jstap.sim.kernel.printk.Printk.KERN_EMERG,
                String.format("%s: text:%016x len:%d put:%d head:%016x data:%016x tail:%s end:%s dev:%s", msg,
                        caller, skb.len, sz, skb.head, skb.data, hex(skb.tail), hex(skb.end),
                        skb.dev == null ? "<NULL>" : skb.dev.name));
        throw new IllegalStateException("kernel BUG at net/core/skbuff.c: " + msg);
    }

    /** %#lx. */
    private static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }
}
