package org.jstap.sim.hw;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The Ethernet between the NICs of several machines: a learning switch with one port per NIC.
 * A unicast frame goes to the port its destination address was last seen on as a source, a
 * broadcast or multicast frame (and a unicast one to an address not learnt yet) to every other
 * port. On the way a frame can be lost (a seeded PRNG draws each delivery, so a seed gives the
 * same losses every run), delayed, and queued behind a slower egress link with a drop-tail queue.
 * Everything happens in virtual time: a frame whose last bit leaves its NIC at {@code t} is in
 * the receiving machine's event queue for {@code t + delay} (plus its queueing and egress
 * serialization when a bandwidth limit is set).
 *
 * <pre>{@code
 * Wire wire = new Wire(Wire.Config.defaults().withLoss(0.01).withDelay(50_000));
 * Wire.Port p0 = wire.attach(kernel0.hardware().nic());
 * Wire.Port p1 = wire.attach(kernel1.hardware().nic());
 * }</pre>
 *
 * <p>A station's frames may land in the event queue of another machine than the one that sent
 * them: that is only safe while no machine runs ahead of another by more than {@link
 * #lookahead()}, which is what {@code org.jstap.sim.Cluster} keeps to.
 */
public final class Wire {
    /** Ethernet's overhead on the line besides the frame: FCS (4), preamble and SFD (8), inter-frame gap (12). */
    static final int FCS_LEN = 4;
    static final int LINE_OVERHEAD = FCS_LEN + 8 + 12;
    /** The shortest frame without its FCS; shorter ones are padded. */
    public static final int ETH_ZLEN = 60;

    /**
     * How the wire behaves.
     *
     * @param linkBitsPerSecond what every NIC negotiates: 10, 100 or 1000 Mb/s
     * @param delayNs           propagation (and switching) delay of every frame
     * @param loss              probability that a delivery is lost, 0 to 1
     * @param bandwidthBitsPerSecond the rate of each egress port, or 0 for no limit but the NICs' own
     * @param queueFrames       frames an egress port holds before it drops (with a bandwidth limit)
     * @param seed              seeds the loss PRNG
     */
    public record Config(long linkBitsPerSecond, long delayNs, double loss, long bandwidthBitsPerSecond,
            int queueFrames, long seed) {
        public static final long MBPS = 1_000_000L;

        public Config {
            if (linkBitsPerSecond != 10 * MBPS && linkBitsPerSecond != 100 * MBPS && linkBitsPerSecond != 1000 * MBPS) {
                throw new IllegalArgumentException("link speed must be 10, 100 or 1000 Mb/s: " + linkBitsPerSecond);
            }
            if (delayNs < 0 || !(loss >= 0 && loss <= 1) || bandwidthBitsPerSecond < 0 || queueFrames < 1) {
                throw new IllegalArgumentException("bad wire configuration");
            }
        }

        /** Gigabit, no delay, no loss, no bandwidth limit; 1000 frames of queue (txqueuelen) if a limit is set. */
        public static Config defaults() {
            return new Config(1000 * MBPS, 0, 0, 0, 1000, 0);
        }

        public Config withLink(long bitsPerSecond) {
            return new Config(bitsPerSecond, delayNs, loss, bandwidthBitsPerSecond, queueFrames, seed);
        }

        public Config withDelay(long ns) {
            return new Config(linkBitsPerSecond, ns, loss, bandwidthBitsPerSecond, queueFrames, seed);
        }

        public Config withLoss(double probability) {
            return new Config(linkBitsPerSecond, delayNs, probability, bandwidthBitsPerSecond, queueFrames, seed);
        }

        public Config withBandwidth(long bitsPerSecond, int queue) {
            return new Config(linkBitsPerSecond, delayNs, loss, bitsPerSecond, queue, seed);
        }

        public Config withSeed(long newSeed) {
            return new Config(linkBitsPerSecond, delayNs, loss, bandwidthBitsPerSecond, queueFrames, newSeed);
        }
    }

    /** What plugs into a port: a NIC in some machine. */
    public interface Station {
        /** The event queue of the station's machine: arriving frames are events there. */
        EventQueue events();

        /** The station is plugged into {@code port}: what it transmits through. */
        void connect(Port port);

        /** A whole frame (destination address to payload, no FCS) has arrived. */
        void frame_arrived(byte[] frame);

        /** The link came up at {@code bitsPerSecond}, or went down. */
        void carrier(boolean up, long bitsPerSecond);
    }

    /** One port of the switch and its cable. */
    public final class Port {
        private final Station station;
        private final int index;
        private boolean plugged = true;
        /** The egress link with a bandwidth limit: when it is free, and when each queued frame leaves. */
        private long egressFreeNs;
        private final ArrayDeque<Long> departures = new ArrayDeque<>();
        private long txFrames;
        private long rxFrames;
        private long lost;
        private long overflows;

        private Port(Station station, int index) {
            this.station = station;
            this.index = index;
        }

        /**
         * The station sends {@code frame}; its last bit leaves at {@code lastBitNs}, which must be
         * at least one shortest frame's time after the station's present, so that {@link
         * #lookahead()} holds.
         */
        public void transmit(byte[] frame, long lastBitNs) {
            if (!plugged || frame.length < 14) {
                return;
            }
            txFrames++;
            forward(this, frame, lastBitNs);
        }

        /** Plugs the cable in or pulls it out: the station sees its carrier change. */
        public void set_plugged(boolean in) {
            if (plugged != in) {
                plugged = in;
                station.carrier(in, config.linkBitsPerSecond());
            }
        }

        public boolean plugged() {
            return plugged;
        }

        public int index() {
            return index;
        }

        /** Frames the station sent into the wire. */
        public long tx_frames() {
            return txFrames;
        }

        /** Frames handed to the station. */
        public long rx_frames() {
            return rxFrames;
        }

        /** Frames to this station that the wire lost at random. */
        public long lost() {
            return lost;
        }

        /** Frames to this station dropped because its egress queue was full. */
        public long overflows() {
            return overflows;
        }

        /** The frame is at this port's egress at {@code atNs}: through the bandwidth limit, then to the station. */
        private void egress(byte[] frame, long atNs) {
            if (!plugged) {
                return;
            }
            if (config.bandwidthBitsPerSecond() == 0) {
                deliver(frame);
                return;
            }
            while (!departures.isEmpty() && departures.peekFirst() <= atNs) {
                departures.pollFirst();
            }
            if (departures.size() >= config.queueFrames()) {
                overflows++;
                return;
            }
            egressFreeNs = Math.max(atNs, egressFreeNs) + frame_time_ns(frame.length, config.bandwidthBitsPerSecond());
            departures.addLast(egressFreeNs);
            station.events().schedule(egressFreeNs, () -> deliver(frame));
        }

        private void deliver(byte[] frame) {
            if (plugged) {
                rxFrames++;
                station.frame_arrived(frame);
            }
        }
    }

    private final Config config;
    private final List<Port> ports = new ArrayList<>();
    /** The switch's forwarding table: source address -> port it was seen on (looked up, never iterated). */
    private final Map<Long, Port> learnt = new HashMap<>();
    private final Random random;

    public Wire(Config config) {
        this.config = config;
        this.random = new Random(config.seed());
    }

    public Config config() {
        return config;
    }

    /** Plugs {@code station} into a new port; its carrier comes up at the wire's link speed. */
    public Port attach(Station station) {
        Port p = new Port(station, ports.size());
        ports.add(p);
        station.connect(p);
        station.carrier(true, config.linkBitsPerSecond());
        return p;
    }

    public List<Port> ports() {
        return Collections.unmodifiableList(ports);
    }

    /**
     * The least time between a station deciding to send (its present, when it calls {@link
     * Port#transmit}) and the frame's arrival at any other station: one shortest frame on the
     * line plus the delay. Machines that run at most this far apart never see a frame arrive in
     * their past.
     */
    public long lookahead() {
        return frame_time_ns(ETH_ZLEN, config.linkBitsPerSecond()) + config.delayNs();
    }

    /** How long a frame of {@code len} bytes (no FCS) holds a line of {@code bitsPerSecond}, with FCS, preamble and gap. */
    public static long frame_time_ns(int len, long bitsPerSecond) {
        long bits = 8L * (Math.max(len, ETH_ZLEN) + LINE_OVERHEAD);
        return (bits * 1_000_000_000L + bitsPerSecond - 1) / bitsPerSecond;
    }

    /** The 48-bit address at {@code off} of a frame, first byte highest. */
    static long mac_at(byte[] frame, int off) {
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = mac << 8 | (frame[off + i] & 0xff);
        }
        return mac;
    }

    private void forward(Port from, byte[] frame, long lastBitNs) {
        if ((frame[6] & 1) == 0) {
            learnt.put(mac_at(frame, 6), from);
        }
        Port to = (frame[0] & 1) == 0 ? learnt.get(mac_at(frame, 0)) : null;
        if (to == from) {
            return;
        }
        long at = lastBitNs + config.delayNs();
        for (Port p : ports) {
            if (p == from || (to != null && p != to) || !p.plugged) {
                continue;
            }
            if (config.loss() > 0 && random.nextDouble() < config.loss()) {
                p.lost++;
                continue;
            }
            p.station.events().schedule(at, () -> p.egress(frame, at));
        }
    }
}
