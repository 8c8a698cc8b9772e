package org.jstap.sim.net.core;

import static org.jstap.sim.net.core.SkBuff.skb_cloned;
import static org.jstap.sim.net.core.SkBuff.skb_headroom;
import static org.jstap.sim.net.core.SkBuff.skb_network_header;
import static org.jstap.sim.net.core.SkBuff.skb_reserve;
import static org.jstap.sim.net.core.SkBuff.skb_reset_network_header;
import static org.jstap.sim.net.core.SkBuff.skb_tail_pointer;
import static org.jstap.sim.net.core.SkBuff.skb_tailroom;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.Slub;
import org.junit.jupiter.api.Test;

/** sk_buff layout as Linux's skbuff.c computes it, and its BUGs. */
class SkBuffTest {
    private static final Kernel K = Kernel.boot(new KernelConfig(1, 64, 0, ""));
    private static final SkBuffs SKB = K.net().skb();

    private static long active(String cache) {
        return K.slab().caches().stream().filter(c -> c.name().equals(cache)).mapToLong(Slub.KmemCache::active_objs)
                .sum();
    }

    @Test
    void allocSkb_sizesTheBufferAsLinux_theKmallocClassLessSharedInfo() {
        // SKB_DATA_ALIGN(size) + 320 of skb_shared_info, rounded up by kmalloc; what is left past 320 is tailroom
        int[][] sizeToEnd = {{0, 192}, {100, 192}, {192, 192}, {193, 704}, {1500, 1728}, {1728, 1728},
            {4000, 7872}, {65536 + 64, 131072 - 320}};
        for (int[] c : sizeToEnd) {
            SkBuff skb = SKB.alloc_skb(c[0], Gfp.GFP_KERNEL);
            assertEquals(c[1], skb.end, "alloc_skb(" + c[0] + ")");
            assertEquals(c[1], skb_tailroom(skb));
            assertEquals(0, skb_headroom(skb));
            assertEquals(0, skb.len);
            assertEquals(skb.head, skb.data);
            assertEquals(0, skb.tail);
            // SKB_TRUESIZE: the buffer, the struct (232 aligned to 256) and the shared info
            assertEquals(c[1] + 256 + 320, skb.truesize);
            SKB.kfree_skb(skb);
        }
    }

    @Test
    void reservePutPushPull_moveDataAndTailAsLinux() {
        SkBuff skb = SKB.alloc_skb(100, Gfp.GFP_KERNEL);
        long head = skb.head;
        skb_reserve(skb, 64);
        assertEquals(64, skb_headroom(skb));
        assertEquals(128, skb_tailroom(skb));
        assertEquals(0, skb.len);

        long p = SKB.skb_put(skb, 40);
        assertEquals(head + 64, p, "skb_put returns the old tail");
        assertEquals(40, skb.len);
        assertEquals(head + 104, skb_tail_pointer(skb));
        assertEquals(88, skb_tailroom(skb));

        long h = SKB.skb_push(skb, 20);
        assertEquals(head + 44, h, "skb_push returns the new data");
        assertEquals(60, skb.len);
        assertEquals(44, skb_headroom(skb));
        skb_reset_network_header(skb);
        assertEquals(h, skb_network_header(skb));

        assertEquals(head + 64, SKB.skb_pull(skb, 20));
        assertEquals(40, skb.len);
        assertEquals(0, SKB.skb_pull(skb, 41), "pulling more than len fails and changes nothing");
        assertEquals(40, skb.len);
        assertEquals(head + 64, skb.data);

        SKB.skb_trim(skb, 10);
        assertEquals(10, skb.len);
        assertEquals(head + 74, skb_tail_pointer(skb));
        assertEquals(118, skb_tailroom(skb));
        SKB.kfree_skb(skb);
    }

    @Test
    void skbPutPastEnd_isSkbOverPanic_withLinuxLine() {
        SkBuff skb = SKB.alloc_skb(100, Gfp.GFP_KERNEL);
        skb_reserve(skb, 16);
        var e = assertThrows(IllegalStateException.class, () -> SKB.skb_put(skb, 200));
        assertEquals("kernel BUG at net/core/skbuff.c: skb_over_panic", e.getMessage());
        String line = K.printk().dmesg().getLast();
        assertTrue(line.matches(".*skb_over_panic: text:[0-9a-f]{16} len:200 put:200 head:" + Long.toHexString(skb.head)
                + " data:" + Long.toHexString(skb.head + 16) + " tail:0xd8 end:0xc0 dev:<NULL>"), line);
    }

    @Test
    void skbPushPastHead_isSkbUnderPanic() {
        SkBuff skb = SKB.alloc_skb(100, Gfp.GFP_KERNEL);
        skb_reserve(skb, 8);
        SKB.skb_put(skb, 10);
        var e = assertThrows(IllegalStateException.class, () -> SKB.skb_push(skb, 9));
        assertEquals("kernel BUG at net/core/skbuff.c: skb_under_panic", e.getMessage());
        String line = K.printk().dmesg().getLast();
        assertTrue(line.matches(".*skb_under_panic: text:[0-9a-f]{16} len:19 put:9 head:" + Long.toHexString(skb.head)
                + " data:" + Long.toHexString(skb.head - 1) + " tail:0x12 end:0xc0 dev:<NULL>"), line);
    }

    @Test
    void bytes_liveInTheBuffer_andOutOfBoundsAccessIsABug() {
        SkBuff skb = SKB.alloc_skb(64, Gfp.GFP_KERNEL);
        long p = SKB.skb_put(skb, 8);
        skb.set_be16(p, 0x0800);
        skb.set_be32(p + 2, 0x7f000001);
        assertEquals(0x08, skb.u8(p));
        assertEquals(0x0008, skb.u16(p), "a raw load of a __be16 is htons() of it");
        assertEquals(0x0800, skb.be16(p));
        assertEquals(0x7f000001, skb.be32(p + 2));
        byte[] b = new byte[6];
        assertEquals(0, SKB.skb_copy_bits(skb, 0, b, 0, 6));
        assertArrayEquals(new byte[] {8, 0, 0x7f, 0, 0, 1}, b);
        assertTrue(SKB.skb_copy_bits(skb, 4, b, 0, 6) < 0, "only len bytes are there");
        assertThrows(IllegalStateException.class, () -> skb.u8(skb.head + skb.end));
        assertThrows(IllegalStateException.class, () -> skb.u8(skb.head - 1));
        SKB.kfree_skb(skb);
    }

    @Test
    void clone_sharesTheBufferUntilTheLastUserFreesIt() {
        long skbs = active("skbuff_head_cache");
        long bufs = active("kmalloc-512");
        SkBuff skb = SKB.alloc_skb(100, Gfp.GFP_KERNEL);
        SKB.skb_put_data(skb, new byte[] {1, 2, 3}, 0, 3);
        SkBuff clone = SKB.skb_clone(skb, Gfp.GFP_ATOMIC);
        assertEquals(skb.head, clone.head);
        assertEquals(skb.data, clone.data);
        assertEquals(3, clone.len);
        assertTrue(skb_cloned(skb) && skb_cloned(clone));
        assertEquals(skbs + 2, active("skbuff_head_cache"));
        assertEquals(bufs + 1, active("kmalloc-512"));
        SKB.kfree_skb(skb);
        assertFalse(skb_cloned(clone), "the buffer has one user left");
        assertEquals(bufs + 1, active("kmalloc-512"));
        assertEquals(2, clone.u8(clone.data + 1));
        SKB.consume_skb(clone);
        assertEquals(skbs, active("skbuff_head_cache"));
        assertEquals(bufs, active("kmalloc-512"));
    }

    @Test
    void copy_hasItsOwnBuffer_withTheSameHeadroomAndHeaders() {
        SkBuff skb = SKB.alloc_skb(100, Gfp.GFP_KERNEL);
        skb_reserve(skb, 32);
        SKB.skb_put_data(skb, new byte[] {9, 8, 7, 6}, 0, 4);
        skb_reset_network_header(skb);
        SkBuff copy = SKB.skb_copy(skb, Gfp.GFP_ATOMIC);
        assertNotEquals(skb.head, copy.head);
        assertEquals(32, skb_headroom(copy));
        assertEquals(4, copy.len);
        assertEquals(skb.network_header, copy.network_header);
        copy.set_u8(copy.data, 0);
        assertEquals(9, skb.u8(skb.data), "writing the copy leaves the original");
        assertFalse(skb_cloned(skb) || skb_cloned(copy));
        SKB.kfree_skb(skb);
        SKB.kfree_skb(copy);
    }

    @Test
    void expandHead_movesTheDataBehindMoreHeadroom_andUnsharesAClone() {
        SkBuff skb = SKB.alloc_skb(100, Gfp.GFP_KERNEL);
        skb_reserve(skb, 16);
        SKB.skb_put_data(skb, new byte[] {1, 2, 3, 4, 5}, 0, 5);
        skb_reset_network_header(skb);
        SkBuff clone = SKB.skb_clone(skb, Gfp.GFP_ATOMIC);
        assertEquals(0, SKB.skb_cow_head(clone, 100));
        assertEquals(16 + 128, skb_headroom(clone), "nhead is ALIGN(100 - 16, NET_SKB_PAD) more");
        assertFalse(skb_cloned(clone));
        assertFalse(skb_cloned(skb));
        assertEquals(5, clone.len);
        assertEquals(clone.data, skb_network_header(clone), "header offsets move with the data");
        byte[] b = new byte[5];
        clone.load(clone.data, b, 0, 5);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, b);
        SKB.kfree_skb(skb);
        SKB.kfree_skb(clone);
    }

    @Test
    void freeingTwice_isCaught() {
        SkBuff skb = SKB.alloc_skb(10, Gfp.GFP_KERNEL);
        SkBuff.skb_get(skb);
        SKB.kfree_skb(skb);
        assertEquals(1, skb.users, "the first kfree_skb only dropped a reference");
        SKB.kfree_skb(skb);
        assertThrows(IllegalStateException.class, () -> SKB.kfree_skb(skb));
    }

    @Test
    void queue_keepsOrder_andUnlinksFromTheMiddle() {
        SkBuffHead q = new SkBuffHead();
        SkBuff a = SKB.alloc_skb(1, Gfp.GFP_KERNEL);
        SkBuff b = SKB.alloc_skb(1, Gfp.GFP_KERNEL);
        SkBuff c = SKB.alloc_skb(1, Gfp.GFP_KERNEL);
        SkBuffHead.__skb_queue_tail(q, a);
        SkBuffHead.__skb_queue_tail(q, c);
        SkBuffHead.__skb_queue_before(q, c, b);
        assertEquals(List.of(a, b, c), q.skbs());
        SkBuffHead.__skb_unlink(b, q);
        assertEquals(List.of(a, c), q.skbs());
        assertEquals(2, SkBuffHead.skb_queue_len(q));
        assertThrows(IllegalStateException.class, () -> SkBuffHead.__skb_queue_tail(new SkBuffHead(), a));
        assertEquals(a, SkBuffHead.__skb_dequeue(q));
        SKB.kfree_skb(a);
        SKB.kfree_skb(b);
        SKB.skb_queue_purge(q);
        assertTrue(SkBuffHead.skb_queue_empty(q));
    }

    /** One step on an skb: reserve (only while empty), put, push or pull, of {@code n} bytes. */
    record Op(int kind, int n) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        return Arbitraries.integers().between(0, 3).flatMap(kind -> Arbitraries.integers().between(0, 300)
                .map(n -> new Op(kind, n))).list().ofMaxSize(30);
    }

    @Property(tries = 200)
    void layout_headroomPlusLenPlusTailroomIsEnd_whateverFitsIsDone(@ForAll("ops") List<Op> ops,
            @ForAll("sizes") int size) {
        SkBuff skb = SKB.alloc_skb(size, Gfp.GFP_KERNEL);
        try {
            for (Op op : ops) {
                int before = skb.len;
                switch (op.kind()) {
                    case 0 -> {
                        if (skb.len == 0 && op.n() <= skb_tailroom(skb)) {
                            skb_reserve(skb, op.n());
                        }
                    }
                    case 1 -> {
                        if (op.n() <= skb_tailroom(skb)) {
                            assertEquals(skb_tail_pointer(skb), SKB.skb_put(skb, op.n()));
                            assertEquals(before + op.n(), skb.len);
                        } else {
                            assertThrows(IllegalStateException.class, () -> SKB.skb_put(skb, op.n()));
                            return;
                        }
                    }
                    case 2 -> {
                        if (op.n() <= skb_headroom(skb)) {
                            assertEquals(skb.data - op.n(), SKB.skb_push(skb, op.n()));
                        } else {
                            assertThrows(IllegalStateException.class, () -> SKB.skb_push(skb, op.n()));
                            return;
                        }
                    }
                    default -> {
                        long r = SKB.skb_pull(skb, op.n());
                        assertEquals(op.n() <= before ? skb.data : 0, r);
                        assertEquals(op.n() <= before ? before - op.n() : before, skb.len);
                    }
                }
                assertTrue(skb.head <= skb.data && skb.data <= skb_tail_pointer(skb)
                        && skb.tail <= skb.end);
                assertEquals(skb.end, skb_headroom(skb) + skb.len + skb_tailroom(skb));
            }
        } finally {
            // a panicked skb is left as the BUG found it; Linux would have stopped here
            if (skb.tail <= skb.end && skb.data >= skb.head) {
                SKB.kfree_skb(skb);
            }
        }
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.integers().between(0, 9000);
    }
}
