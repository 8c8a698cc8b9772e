package org.jstap.sim.net.core;

import org.jstap.sim.kernel.time.TimerList;

/**
 * struct neighbour (include/net/neighbour.h): what this host knows of one next hop on one
 * device: its link-layer address {@link #ha} and the NUD state (Neighbour Unreachability
 * Detection: INCOMPLETE while being resolved, REACHABLE when confirmed recently, STALE, DELAY,
 * PROBE, FAILED; NOARP and PERMANENT need no resolving), the timer that moves it between them,
 * and the packets queued while it is INCOMPLETE. {@link #output} is what {@code neigh_output}
 * calls: {@code neigh_resolve_output} (which resolves first when needed).
 */
public final class Neighbour {
    /** NUD states (include/uapi/linux/neighbour.h). */
    public static final int NUD_NONE = 0x00;
    public static final int NUD_INCOMPLETE = 0x01;
    public static final int NUD_REACHABLE = 0x02;
    public static final int NUD_STALE = 0x04;
    public static final int NUD_DELAY = 0x08;
    public static final int NUD_PROBE = 0x10;
    public static final int NUD_FAILED = 0x20;
    public static final int NUD_NOARP = 0x40;
    public static final int NUD_PERMANENT = 0x80;
    public static final int NUD_IN_TIMER = NUD_INCOMPLETE | NUD_REACHABLE | NUD_DELAY | NUD_PROBE;
    public static final int NUD_VALID = NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY;
    public static final int NUD_CONNECTED = NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE;

    /** neigh->output and the table's ops (struct neigh_ops). */
    @FunctionalInterface
    public interface Output {
        int output(Neighbour n, SkBuff skb);
    }

    public final NeighTable tbl;
    public final NetDevice dev;
    /** primary_key: the protocol address (IPv4: host order). */
    public final int primary_key;
    public NeighParms parms;
    public int nud_state = NUD_NONE;
    /** ha: the hardware address, dev->addr_len bytes. */
    public final byte[] ha = new byte[NetDevice.MAX_ADDR_LEN];
    /** confirmed / updated / used: jiffies of the last confirmation, state change and use. */
    public long confirmed;
    public long updated;
    public long used;
    /** probes: solicitations sent in this round. */
    public int probes;
    public boolean dead;
    public int refcnt = 1;
    public Output output;
    /** arp_queue: packets waiting for the address, at most parms.queue_len_bytes of truesize. */
    public final SkBuffHead arp_queue = new SkBuffHead();
    public int arp_queue_len_bytes;
    public final TimerList timer;

    Neighbour(NeighTable tbl, NetDevice dev, int key, Runnable timerFunction) {
        this.tbl = tbl;
        this.dev = dev;
        this.primary_key = key;
        this.timer = new TimerList(timerFunction);
    }

    /** The used part of ha. */
    public byte[] address() {
        return java.util.Arrays.copyOf(ha, dev.addr_len);
    }

    @Override
    public String toString() {
        return "neighbour " + Integer.toHexString(primary_key) + " dev " + dev.name + " nud " + nud_state;
    }
}
