package org.jstap.sim.net.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.mm.Gfp;
import org.junit.jupiter.api.Test;

/** skb_put_padto and eth_skb_pad: short frames padded with zeros, in place or in a buffer of their own. */
class SkbPadTest {
    private static final Kernel K = Kernel.boot(new KernelConfig(1, 64, 0, ""));
    private static final SkBuffs SKB = K.net().skb();

    private static byte[] bytes(SkBuff skb) {
        byte[] b = new byte[skb.len];
        skb.load(skb.data, b, 0, b.length);
        return b;
    }

    @Test
    void ethSkbPad_zeroPadsAShortFrameToEthZlen_inItsTailroom() {
        SkBuff skb = SKB.alloc_skb(128, Gfp.GFP_KERNEL);
        // the tailroom holds old bytes: padding must not leak them
        skb.store(skb.data, new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}, 0, 20);
        SKB.skb_put_data(skb, new byte[] {1, 2, 3}, 0, 3);
        long head = skb.head;
        assertEquals(0, K.net().eth().eth_skb_pad(skb));
        assertEquals(60, skb.len);
        assertEquals(head, skb.head, "room enough: the same buffer");
        byte[] want = new byte[60];
        want[0] = 1;
        want[1] = 2;
        want[2] = 3;
        assertArrayEquals(want, bytes(skb));
        SKB.kfree_skb(skb);
    }

    @Test
    void skbPutPadto_leavesALongEnoughFrameAlone() {
        SkBuff skb = SKB.alloc_skb(128, Gfp.GFP_KERNEL);
        SKB.skb_put_zero(skb, 100);
        assertEquals(0, SKB.skb_put_padto(skb, 60));
        assertEquals(100, skb.len);
        SKB.kfree_skb(skb);
    }

    @Test
    void skbPutPadto_ofAClone_writesIntoABufferOfItsOwn_andGrowsWhenTheRoomIsShort() {
        SkBuff skb = SKB.alloc_skb(0, Gfp.GFP_KERNEL);
        SKB.skb_put_data(skb, new byte[] {7}, 0, 1);
        SkBuff clone = SKB.skb_clone(skb, Gfp.GFP_ATOMIC);
        assertEquals(0, SKB.skb_put_padto(clone, 60));
        assertNotEquals(skb.head, clone.head, "a cloned buffer is not written");
        assertFalse(SkBuff.skb_cloned(clone));
        assertEquals(60, clone.len);
        assertEquals(7, clone.u8(clone.data));
        assertEquals(1, skb.len);
        SKB.kfree_skb(clone);

        assertEquals(0, SKB.skb_put_padto(skb, 300));
        assertEquals(300, skb.len);
        byte[] want = new byte[300];
        want[0] = 7;
        assertArrayEquals(want, bytes(skb));
        SKB.kfree_skb(skb);
    }
}
