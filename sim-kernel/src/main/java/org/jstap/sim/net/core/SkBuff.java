package org.jstap.sim.net.core;

import java.util.function.Consumer;
import org.jstap.sim.arch.riscv.Page;
import org.jstap.sim.hw.Ram;
import org.jstap.sim.kernel.KernelObject;

/**
 * struct sk_buff (include/linux/skbuff.h): one packet and the buffer it lives in, laid out as
 * Linux lays it out. The buffer is a kmalloc block in RAM starting at {@link #head}; the packet's
 * bytes run from {@link #data} to the tail, and {@link #end} is where skb_shared_info begins:
 *
 * <pre>
 *   head          data                    tail                end
 *    |  headroom   |  len (linear bytes)   |     tailroom      | skb_shared_info |
 * </pre>
 *
 * As on 64-bit Linux, {@code head} and {@code data} are kernel addresses while {@code tail},
 * {@code end} and the mac/network/transport header fields are offsets from {@code head}. Layers
 * build a packet backwards: reserve headroom, put the payload, then push each header in front
 * ({@link SkBuffs#skb_push}); a receiver pulls headers off the front ({@link SkBuffs#skb_pull}).
 * The buffer being RAM, a NIC can DMA straight into it ({@code __pa(skb->data)}).
 *
 * <p>The header's inline helpers are the static methods here, named as in Linux, so that code
 * reads as it does in C ({@code skb_reserve(skb, NET_SKB_PAD)}); the functions of
 * net/core/skbuff.c are {@link SkBuffs}'. Bytes are read and written through the accessors at the
 * end, by kernel address (what a C pointer into the buffer would be), checked against the buffer.
 *
 * <pre>{@code
 * SkBuff skb = kernel.net().skb().alloc_skb(MAX_HEADER + len, Gfp.GFP_KERNEL);
 * skb_reserve(skb, MAX_HEADER);
 * skb.store(kernel.net().skb().skb_put(skb, len), payload, 0, len);
 * long iph = kernel.net().skb().skb_push(skb, 20);   // then skb_reset_network_header(skb)
 * }</pre>
 */
public final class SkBuff implements KernelObject {
    /** SMP_CACHE_BYTES on RISC-V (L1_CACHE_BYTES): what SKB_DATA_ALIGN rounds to. */
    public static final int SMP_CACHE_BYTES = 64;
    /** sizeof(struct sk_buff) on a 64-bit 6.1 kernel: the skbuff_head_cache object. */
    public static final int SIZEOF = 232;
    /** NET_SKB_PAD: headroom netdev_alloc_skb leaves for headers a driver or tunnel adds. */
    public static final int NET_SKB_PAD = Math.max(32, SMP_CACHE_BYTES);
    /** NET_IP_ALIGN: a receive buffer starts 2 bytes in, so the IP header after 14 bytes of Ethernet is aligned. */
    public static final int NET_IP_ALIGN = 2;
    /** The value of a mac/network/transport header field not set yet ((u16)~0U). */
    public static final int HEADER_UNSET = 0xffff;

    /** skb->pkt_type (include/uapi/linux/if_packet.h). */
    public static final int PACKET_HOST = 0;
    public static final int PACKET_BROADCAST = 1;
    public static final int PACKET_MULTICAST = 2;
    public static final int PACKET_OTHERHOST = 3;
    public static final int PACKET_OUTGOING = 4;
    public static final int PACKET_LOOPBACK = 5;

    /** skb->ip_summed. */
    public static final int CHECKSUM_NONE = 0;
    public static final int CHECKSUM_UNNECESSARY = 1;
    public static final int CHECKSUM_COMPLETE = 2;
    public static final int CHECKSUM_PARTIAL = 3;

    /**
     * What a layer keeps in {@code skb->cb} (Linux's 48-byte control buffer: TCP_SKB_CB, IPCB):
     * owned by whichever layer holds the skb, and copied, not shared, when it is cloned.
     */
    public interface Cb {
        Cb copy();
    }

    /** next/prev: links in the sk_buff_head the skb is queued on (null when on none). */
    public SkBuff next;
    public SkBuff prev;
    /** The list it is on, so unlinking checks it (Linux trusts the caller; here a misuse is caught). */
    SkBuffHead list;
    /** dev: the device it arrived on or leaves by. */
    public NetDevice dev;
    /** tstamp: when it arrived (virtual ns), 0 if not stamped. */
    public long tstamp;
    /** cb: the owning layer's per-packet state. */
    public Cb cb;
    /** len: bytes of packet data; data_len: those not in the linear part (always 0: no frags here). */
    public int len;
    public int data_len;
    /** mac_len: length of the link-layer header (skb_reset_mac_len). */
    public int mac_len;
    /** cloned: the buffer may be shared with a clone. */
    public boolean cloned;
    public int pkt_type;
    public int ip_summed;
    /** priority: queueing priority (TC_PRIO_*, from SO_PRIORITY); picks the pfifo_fast band. */
    public int priority;
    /** queue_mapping: the device transmit queue it was given. */
    public int queue_mapping;
    /** skb_iif: ifindex of the device it arrived on. */
    public int skb_iif;
    public int mark;
    /** protocol: the link layer's idea of what follows, as __be16 (htons(ETH_P_IP)). */
    public int protocol;
    /** Offsets from head, or HEADER_UNSET. */
    public int transport_header = HEADER_UNSET;
    public int network_header = HEADER_UNSET;
    public int mac_header = HEADER_UNSET;
    /** tail, end: offsets from head (sk_buff_data_t on 64-bit). */
    public int tail;
    public int end;
    /** head: the buffer's kernel address; data: where the packet starts now. */
    public long head;
    public long data;
    /** truesize: the memory this skb charges to a socket (buffer + struct + shared info). */
    public int truesize;
    /** users: references to this sk_buff (skb_get); kfree_skb frees at the last. */
    public int users = 1;
    /** destructor: run when the skb is freed or orphaned (sock_wfree and friends). */
    public Consumer<SkBuff> destructor;
    /** sk: the sock that owns the skb (sent from it, or charged to its receive buffer), or null. */
    public org.jstap.sim.net.Sock sk;
    /** ignore_df: the packet may be fragmented locally even with DF set (the sender did not insist on PMTU). */
    public boolean ignore_df;
    /** _skb_refdst: the route the packet takes (skb_dst), or null before routing. */
    public DstEntry _skb_refdst;
    /** The skb_shared_info at end, shared with clones. */
    SkbSharedInfo shinfo;
    /** The size of the kmalloc block at head (end + shared info, as ksize gives it). */
    int bufsize;

    private final long kaddr;
    private final Ram ram;

    SkBuff(long kaddr, Ram ram) {
        this.kaddr = kaddr;
        this.ram = ram;
    }

    @Override
    public long kaddr() {
        return kaddr;
    }

    @Override
    public String toString() {
        return "skb " + Long.toHexString(kaddr) + " len " + len + (dev == null ? "" : " dev " + dev.name);
    }

    // ---------------------------------------------------------------- sizes (skbuff.h macros)

    /** SKB_DATA_ALIGN. */
    public static int SKB_DATA_ALIGN(int x) {
        return (x + SMP_CACHE_BYTES - 1) & ~(SMP_CACHE_BYTES - 1);
    }

    /** SKB_WITH_OVERHEAD: what of a {@code x}-byte buffer is left for data. */
    public static int SKB_WITH_OVERHEAD(int x) {
        return x - SKB_DATA_ALIGN(SkbSharedInfo.SIZEOF);
    }

    /** SKB_TRUESIZE: the memory an skb with {@code x} bytes of buffer costs. */
    public static int SKB_TRUESIZE(int x) {
        return x + SKB_DATA_ALIGN(SIZEOF) + SKB_DATA_ALIGN(SkbSharedInfo.SIZEOF);
    }

    // ---------------------------------------------------------------- pointers and room

    public static long skb_tail_pointer(SkBuff skb) {
        return skb.head + skb.tail;
    }

    public static long skb_end_pointer(SkBuff skb) {
        return skb.head + skb.end;
    }

    public static int skb_end_offset(SkBuff skb) {
        return skb.end;
    }

    /** skb_headroom: bytes free in front of data. */
    public static int skb_headroom(SkBuff skb) {
        return (int) (skb.data - skb.head);
    }

    /** skb_tailroom: bytes free after the tail (0 for a nonlinear skb). */
    public static int skb_tailroom(SkBuff skb) {
        return skb_is_nonlinear(skb) ? 0 : skb.end - skb.tail;
    }

    public static boolean skb_is_nonlinear(SkBuff skb) {
        return skb.data_len != 0;
    }

    /** skb_headlen: bytes in the linear part. */
    public static int skb_headlen(SkBuff skb) {
        return skb.len - skb.data_len;
    }

    public static void skb_reset_tail_pointer(SkBuff skb) {
        skb.tail = (int) (skb.data - skb.head);
    }

    public static void skb_set_tail_pointer(SkBuff skb, int offset) {
        skb.tail = (int) (skb.data - skb.head) + offset;
    }

    /** skb_reserve: headroom for an empty skb, by moving data and tail on. */
    public static void skb_reserve(SkBuff skb, int len) {
        skb.data += len;
        skb.tail += len;
    }

    /** __skb_put: extends the data at the tail without checking room; returns the old tail. */
    public static long __skb_put(SkBuff skb, int len) {
        long tmp = skb_tail_pointer(skb);
        if (skb_is_nonlinear(skb)) {
            throw new IllegalStateException("kernel BUG: SKB_LINEAR_ASSERT in __skb_put");
        }
        skb.tail += len;
        skb.len += len;
        return tmp;
    }

    /** __skb_push: extends the data at the front without checking room; returns the new data. */
    public static long __skb_push(SkBuff skb, int len) {
        skb.data -= len;
        skb.len += len;
        return skb.data;
    }

    /** __skb_pull: removes bytes from the front; returns the new data. */
    public static long __skb_pull(SkBuff skb, int len) {
        skb.len -= len;
        if (skb.len < skb.data_len) {
            throw new IllegalStateException("kernel BUG: __skb_pull past the linear part");
        }
        return skb.data += len;
    }

    /** skb_pull_inline: __skb_pull, or 0 (NULL) when the skb is shorter than {@code len}. */
    public static long skb_pull_inline(SkBuff skb, int len) {
        return len > skb.len ? 0 : __skb_pull(skb, len);
    }

    /** pskb_may_pull: whether {@code len} bytes from data are in the linear part (all of them are). */
    public static boolean pskb_may_pull(SkBuff skb, int len) {
        return len <= skb_headlen(skb);
    }

    /** __skb_trim: cuts the data to {@code len} bytes. */
    public static void __skb_trim(SkBuff skb, int len) {
        skb.len = len;
        skb_set_tail_pointer(skb, len);
    }

    // ---------------------------------------------------------------- header offsets

    public static long skb_mac_header(SkBuff skb) {
        return skb.head + skb.mac_header;
    }

    public static boolean skb_mac_header_was_set(SkBuff skb) {
        return skb.mac_header != HEADER_UNSET;
    }

    public static void skb_reset_mac_header(SkBuff skb) {
        skb.mac_header = (int) (skb.data - skb.head);
    }

    public static void skb_set_mac_header(SkBuff skb, int offset) {
        skb_reset_mac_header(skb);
        skb.mac_header += offset;
    }

    /** skb_mac_offset: where the link header starts, relative to data. */
    public static int skb_mac_offset(SkBuff skb) {
        return (int) (skb_mac_header(skb) - skb.data);
    }

    public static void skb_reset_mac_len(SkBuff skb) {
        skb.mac_len = skb_mac_header_was_set(skb) ? skb.network_header - skb.mac_header : 0;
    }

    public static long skb_network_header(SkBuff skb) {
        return skb.head + skb.network_header;
    }

    public static void skb_reset_network_header(SkBuff skb) {
        skb.network_header = (int) (skb.data - skb.head);
    }

    public static void skb_set_network_header(SkBuff skb, int offset) {
        skb_reset_network_header(skb);
        skb.network_header += offset;
    }

    /** skb_network_offset: where the network header starts, relative to data. */
    public static int skb_network_offset(SkBuff skb) {
        return (int) (skb_network_header(skb) - skb.data);
    }

    public static long skb_transport_header(SkBuff skb) {
        return skb.head + skb.transport_header;
    }

    public static boolean skb_transport_header_was_set(SkBuff skb) {
        return skb.transport_header != HEADER_UNSET;
    }

    public static void skb_reset_transport_header(SkBuff skb) {
        skb.transport_header = (int) (skb.data - skb.head);
    }

    public static void skb_set_transport_header(SkBuff skb, int offset) {
        skb_reset_transport_header(skb);
        skb.transport_header += offset;
    }

    public static int skb_transport_offset(SkBuff skb) {
        return (int) (skb_transport_header(skb) - skb.data);
    }

    // ---------------------------------------------------------------- sharing

    /** skb_get: one more reference to the sk_buff. */
    public static SkBuff skb_get(SkBuff skb) {
        skb.users++;
        return skb;
    }

    /** skb_shared: someone else holds a reference to this sk_buff too. */
    public static boolean skb_shared(SkBuff skb) {
        return skb.users != 1;
    }

    /** skb_cloned: the data buffer is shared with a clone, so it must not be written. */
    public static boolean skb_cloned(SkBuff skb) {
        return skb.cloned && skb.shinfo.dataref != 1;
    }

    /** skb_shinfo: the shared info at end. */
    public static SkbSharedInfo skb_shinfo(SkBuff skb) {
        return skb.shinfo;
    }

    /** skb_dst: the route attached to the skb. */
    public static DstEntry skb_dst(SkBuff skb) {
        return skb._skb_refdst;
    }

    /** skb_dst_set: attaches a route (the reference passes to the skb). */
    public static void skb_dst_set(SkBuff skb, DstEntry dst) {
        skb._skb_refdst = dst;
    }

    /** skb_dst_drop: the skb forgets its route. */
    public static void skb_dst_drop(SkBuff skb) {
        if (skb._skb_refdst != null) {
            Dst.dst_release(skb._skb_refdst);
            skb._skb_refdst = null;
        }
    }

    /** skb_orphan: runs the destructor now (the owner lets go) and forgets it. */
    public static void skb_orphan(SkBuff skb) {
        if (skb.destructor != null) {
            Consumer<SkBuff> d = skb.destructor;
            skb.destructor = null;
            d.accept(skb);
        }
        skb.sk = null;
    }

    // ---------------------------------------------------------------- the bytes

    /** The physical address of {@code n} bytes at kernel address {@code p}, which must lie in the buffer. */
    private long pa(long p, int n) {
        if (p < head || n < 0 || p + n > head + end) {
            throw new IllegalStateException(String.format(
                    "BUG: KASAN: slab-out-of-bounds: %d bytes at %x, outside skb buffer %x+%d", n, p, head, end));
        }
        return Page.__pa(p);
    }

    /** *(u8 *)p. */
    public int u8(long p) {
        return ram.read8(pa(p, 1));
    }

    /** *(u16 *)p: the raw 16 bits as the CPU loads them (a __be16 field stays in network order). */
    public int u16(long p) {
        long a = pa(p, 2);
        return (a & 1) == 0 ? ram.read16(a) : ram.read8(a) | ram.read8(a + 1) << 8;
    }

    /** *(u32 *)p, raw. */
    public int u32(long p) {
        return u16(p) | u16(p + 2) << 16;
    }

    /** ntohs(*(__be16 *)p): a big-endian field's value. */
    public int be16(long p) {
        return u8(p) << 8 | u8(p + 1);
    }

    /** ntohl(*(__be32 *)p). */
    public int be32(long p) {
        return be16(p) << 16 | be16(p + 2);
    }

    public void set_u8(long p, int v) {
        ram.write8(pa(p, 1), v);
    }

    /** *(u16 *)p = v, raw. */
    public void set_u16(long p, int v) {
        set_u8(p, v);
        set_u8(p + 1, v >>> 8);
    }

    /** *(__be16 *)p = htons(v). */
    public void set_be16(long p, int v) {
        set_u8(p, v >>> 8);
        set_u8(p + 1, v);
    }

    /** *(__be32 *)p = htonl(v). */
    public void set_be32(long p, int v) {
        set_be16(p, v >>> 16);
        set_be16(p + 2, v);
    }

    /** memcpy(p, src + off, n). */
    public void store(long p, byte[] src, int off, int n) {
        ram.dma_write(pa(p, n), src, off, n);
    }

    /** memcpy(dst + off, p, n). */
    public void load(long p, byte[] dst, int off, int n) {
        ram.dma_read(pa(p, n), dst, off, n);
    }
}
