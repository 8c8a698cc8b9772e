package org.jstap.sim.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The switch on its own: stations that record what reaches them, on one event queue. */
class WireTest {
    private static final long GIG = 1_000_000_000L;

    private final EventQueue events = new EventQueue();
    private long now;

    private final class Station implements Wire.Station {
        final long mac;
        Wire.Port port;
        final List<Long> times = new ArrayList<>();
        final List<Integer> tags = new ArrayList<>();
        boolean carrier;

        Station(long mac) {
            this.mac = mac;
        }

        @Override
        public EventQueue events() {
            return events;
        }

        @Override
        public void connect(Wire.Port p) {
            port = p;
        }

        @Override
        public void frame_arrived(byte[] frame) {
            times.add(now);
            tags.add(frame[14] & 0xff | (frame[15] & 0xff) << 8);
        }

        @Override
        public void carrier(boolean up, long bitsPerSecond) {
            carrier = up;
        }

        /** Sends a frame tagged {@code tag} to {@code dst}, whose last bit leaves at {@code lastBit}. */
        void send(long dst, int tag, int len, long lastBit) {
            byte[] payload = new byte[len - 14];
            payload[0] = (byte) tag;
            payload[1] = (byte) (tag >> 8);
            port.transmit(NicHarness.frame(dst, mac, payload), lastBit);
        }
    }

    private void run() {
        EventQueue.Event e;
        while ((e = events.poll()) != null) {
            now = Math.max(now, e.timeNs());
            e.action.run();
        }
    }

    @Test
    void unicastGoesWhereTheAddressWasLearnt_broadcastAndUnknownFlood() {
        Wire wire = new Wire(Wire.Config.defaults().withDelay(5_000));
        Station a = new Station(0xa), b = new Station(0xb), c = new Station(0xc);
        wire.attach(a);
        wire.attach(b);
        wire.attach(c);
        assertTrue(a.carrier && b.carrier && c.carrier, "attaching brings the carrier up");
        a.send(0xb, 1, 100, 1_000);
        run();
        assertEquals(List.of(1), b.tags);
        assertEquals(List.of(1), c.tags, "b not learnt yet: flooded");
        assertEquals(List.of(6_000L), b.times, "last bit out at 1 us, 5 us on the wire");
        b.send(0xa, 2, 100, 10_000);
        run();
        assertEquals(List.of(2), a.tags);
        assertEquals(List.of(1), c.tags, "a was learnt from its first frame");
        c.send(0xffff_ffff_ffffL, 3, 60, 20_000);
        run();
        assertEquals(List.of(2, 3), a.tags);
        assertEquals(List.of(1, 3), b.tags);
        assertEquals(List.of(), c.times.subList(1, c.times.size()), "never back to the sender");
        assertEquals(1, wire.ports().get(0).tx_frames());
        assertEquals(2, wire.ports().get(1).rx_frames());
    }

    /** Which of 2000 frames arrive through a wire with 10% loss and {@code seed}. */
    private List<Integer> survivors(long seed) {
        Wire wire = new Wire(Wire.Config.defaults().withLoss(0.10).withSeed(seed));
        Station a = new Station(0xa), b = new Station(0xb);
        wire.attach(a);
        wire.attach(b);
        for (int i = 0; i < 2000; i++) {
            a.send(0xb, i, 100, (i + 1) * 1_000L);
        }
        run();
        assertEquals(2000 - b.tags.size(), wire.ports().get(1).lost());
        return b.tags;
    }

    @Test
    void loss_isDrawnFromTheSeed_sameSeedSameLosses() {
        List<Integer> first = survivors(42);
        assertEquals(first, survivors(42));
        assertNotEquals(first, survivors(43));
        int lost = 2000 - first.size();
        assertTrue(lost > 140 && lost < 260, "about 10%: " + lost);
    }

    @Test
    void bandwidthLimit_queuesAtTheEgress_andDropsTailWhenTheQueueIsFull() {
        long tenMeg = 10_000_000L;
        Wire wire = new Wire(Wire.Config.defaults().withBandwidth(tenMeg, 5));
        Station a = new Station(0xa), b = new Station(0xb);
        wire.attach(a);
        wire.attach(b);
        b.send(0xa, 0, 60, 1);
        run();
        long ft = Wire.frame_time_ns(100, GIG);
        long slow = Wire.frame_time_ns(100, tenMeg);
        for (int i = 1; i <= 10; i++) {
            a.send(0xb, i, 100, 1_000_000 + i * ft);
        }
        run();
        assertEquals(List.of(1, 2, 3, 4, 5), b.tags, "five fit in the queue");
        List<Long> expected = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            expected.add(1_000_000 + ft + i * slow);
        }
        assertEquals(expected, b.times, "one every 99.2 us at 10 Mb/s");
        assertEquals(5, wire.ports().get(1).overflows());
    }

    @Test
    void frameTime_countsFcsPreambleAndGap_andPadsShortFrames() {
        assertEquals(672, Wire.frame_time_ns(14, GIG));
        assertEquals(672, Wire.frame_time_ns(60, GIG));
        assertEquals(12_304, Wire.frame_time_ns(1514, GIG));
        assertEquals(123_040, Wire.frame_time_ns(1514, 100_000_000L));
        assertEquals(672 + 7, new Wire(Wire.Config.defaults().withDelay(7)).lookahead());
        assertThrows(IllegalArgumentException.class, () -> Wire.Config.defaults().withLink(2_500_000_000L));
        assertThrows(IllegalArgumentException.class, () -> Wire.Config.defaults().withLoss(1.5));
    }

    @Test
    void unplugging_dropsTheCarrier_andFramesToThatPort() {
        Wire wire = new Wire(Wire.Config.defaults());
        Station a = new Station(0xa), b = new Station(0xb);
        wire.attach(a);
        wire.attach(b);
        wire.ports().get(1).set_plugged(false);
        assertEquals(false, b.carrier);
        a.send(0xb, 1, 100, 1_000);
        run();
        assertEquals(List.of(), b.tags);
        wire.ports().get(1).set_plugged(true);
        assertEquals(true, b.carrier);
    }
}
