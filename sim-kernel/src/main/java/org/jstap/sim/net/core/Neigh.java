package org.jstap.sim.net.core;

import static org.jstap.sim.net.core.Neighbour.*;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;

/**
 * net/core/neighbour.c: the neighbour tables' common machine. A packet routed to a next hop
 * goes {@code neigh_output -> n->output = neigh_resolve_output}: if the entry is not connected,
 * {@link #neigh_event_send} starts resolving it (INCOMPLETE: the packet is queued and the
 * protocol's solicit sends a probe at once, then one per retrans_time until ucast + mcast probes
 * have gone, then FAILED and the queue's packets are reported and dropped); otherwise the link
 * header is built from {@code n->ha} and the packet goes to {@code dev_queue_xmit}. A reply
 * ({@link #neigh_update}) makes it REACHABLE and sends what was queued. The timer ages it:
 * REACHABLE for reachable_time after a confirmation, then STALE (still used), DELAY on the next
 * use, PROBE with unicast probes if no confirmation came in delay_probe_time. All times are
 * jiffies of the virtual clock. There is no hh cache: every packet takes neigh_resolve_output,
 * as the first packets to a neighbour do in Linux, and no garbage collection of old entries.
 *
 * <pre>{@code
 * Neighbour n = net.neigh().__neigh_lookup(arp_tbl, daddr, dev, true);
 * return net.neigh().neigh_output(n, skb);
 * }</pre>
 */
@LinuxFile("net/core/neighbour.c")
public final class Neigh {
    /** NEIGH_UPDATE_F_*: how neigh_update may change an entry. */
    public static final int NEIGH_UPDATE_F_OVERRIDE = 0x00000001;
    public static final int NEIGH_UPDATE_F_WEAK_OVERRIDE = 0x00000002;
    public static final int NEIGH_UPDATE_F_ADMIN = 0x80000000;

    private final Kernel kernel;
    private final Net net;

    Neigh(Kernel kernel, Net net) {
        this.kernel = kernel;
        this.net = net;
    }

    private long jiffies() {
        return kernel.timekeeping().jiffies();
    }

    private int hz() {
        return kernel.params().hz();
    }

    /** neigh_parms_alloc: a device's parameters, with a reachable time drawn at random. */
    public NeighParms neigh_parms_alloc(NetDevice dev, NeighTable tbl) {
        NeighParms p = new NeighParms(dev, hz());
        p.reachable_time = neigh_rand_reach_time(p.base_reachable_time);
        return p;
    }

    /** neigh_rand_reach_time: uniform in [base/2, 3*base/2). */
    public long neigh_rand_reach_time(long base) {
        byte[] r = new byte[4];
        kernel.random().get_random_bytes(r);
        long v = ((r[0] & 0xffL) | (r[1] & 0xffL) << 8 | (r[2] & 0xffL) << 16 | (r[3] & 0xffL) << 24);
        return base == 0 ? 0 : (v % base) + (base >> 1);
    }

    // ---------------------------------------------------------------- lookup and creation

    /** neigh_lookup: the entry for {@code key} on {@code dev}, held, or null. */
    public Neighbour neigh_lookup(NeighTable tbl, int key, NetDevice dev) {
        tbl.lookups++;
        for (Neighbour n : tbl.entries) {
            if (n.primary_key == key && n.dev == dev && !n.dead) {
                tbl.hits++;
                n.refcnt++;
                return n;
            }
        }
        return null;
    }

    /** __neigh_lookup: neigh_lookup, creating the entry if {@code creat}. */
    public Neighbour __neigh_lookup(NeighTable tbl, int key, NetDevice dev, boolean creat) {
        Neighbour n = neigh_lookup(tbl, key, dev);
        if (n != null || !creat) {
            return n;
        }
        return __neigh_create(tbl, key, dev, true);
    }

    /**
     * __neigh_create: a NUD_NONE entry with the device's parameters, set up by the table's
     * constructor (ARP's decides NOARP and the output function); null if it refuses.
     */
    public Neighbour __neigh_create(NeighTable tbl, int key, NetDevice dev, boolean want_ref) {
        Neighbour[] self = new Neighbour[1];
        Neighbour n = new Neighbour(tbl, dev, key, () -> neigh_timer_handler(self[0]));
        self[0] = n;
        n.output = this::neigh_blackhole;
        n.updated = n.used = jiffies();
        tbl.allocs++;
        // the constructor sets the device's parameters (arp_constructor: in_dev->arp_parms)
        if (tbl.constructor.construct(n) < 0) {
            return null;
        }
        if (n.parms == null) {
            n.parms = neigh_parms_alloc(dev, tbl);
        }
        n.confirmed = jiffies() - (n.parms.base_reachable_time << 1);
        tbl.entries.add(n);
        if (want_ref) {
            n.refcnt++;
        }
        return n;
    }

    /** neigh_release: one reference less (entries stay in the table until their device goes). */
    public void neigh_release(Neighbour n) {
        n.refcnt--;
    }

    /** neigh_blackhole: the output of an entry being set up or gone: the packet is dropped. */
    int neigh_blackhole(Neighbour n, SkBuff skb) {
        net.skb().kfree_skb(skb);
        return -org.jstap.sim.kernel.Errno.ENETDOWN;
    }

    // ---------------------------------------------------------------- output

    /** neigh_output: the entry's output function (neigh_hh_output would come first with an hh cache). */
    public int neigh_output(Neighbour n, SkBuff skb) {
        return n.output.output(n, skb);
    }

    /**
     * neigh_resolve_output: once the entry can be used (neigh_event_send returns 0), the link
     * header from n->ha and dev_queue_xmit; otherwise the packet waits on arp_queue (0 is
     * returned: it was taken). -EINVAL if the header cannot be built.
     */
    public int neigh_resolve_output(Neighbour neigh, SkBuff skb) {
        int rc = 0;
        if (neigh_event_send(neigh, skb) == 0) {
            NetDevice dev = neigh.dev;
            SkBuff.__skb_pull(skb, SkBuff.skb_network_offset(skb));
            int err = NetDevice.dev_hard_header(skb, dev, org.jstap.sim.lib.Byteorder.ntohs(skb.protocol),
                    neigh.address(), null, skb.len);
            if (err >= 0) {
                rc = net.xmit().dev_queue_xmit(skb);
            } else {
                rc = -org.jstap.sim.kernel.Errno.EINVAL;
                net.skb().kfree_skb(skb);
            }
        }
        return rc;
    }

    /** neigh_connected_output: for entries that never resolve (devices without a link header). */
    public int neigh_connected_output(Neighbour neigh, SkBuff skb) {
        SkBuff.__skb_pull(skb, SkBuff.skb_network_offset(skb));
        int err = NetDevice.dev_hard_header(skb, neigh.dev, org.jstap.sim.lib.Byteorder.ntohs(skb.protocol),
                neigh.address(), null, skb.len);
        if (err < 0) {
            net.skb().kfree_skb(skb);
            return -org.jstap.sim.kernel.Errno.EINVAL;
        }
        return net.xmit().dev_queue_xmit(skb);
    }

    /** neigh_event_send: 0 if the entry is usable now (CONNECTED, DELAY or PROBE), else __neigh_event_send. */
    public int neigh_event_send(Neighbour neigh, SkBuff skb) {
        long now = jiffies();
        if (neigh.used != now) {
            neigh.used = now;
        }
        if ((neigh.nud_state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE)) == 0) {
            return __neigh_event_send(neigh, skb, true);
        }
        return 0;
    }

    /**
     * __neigh_event_send: a new or failed entry becomes INCOMPLETE and is probed at once; a
     * STALE one becomes DELAY (usable, confirmed later). While INCOMPLETE the packet is queued
     * (the oldest dropped past queue_len_bytes) and 1 is returned.
     */
    int __neigh_event_send(Neighbour neigh, SkBuff skb, boolean immediate_ok) {
        int rc = 0;
        boolean immediate_probe = false;
        if ((neigh.nud_state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE)) != 0) {
            return 0;
        }
        if (neigh.dead) {
            net.skb().kfree_skb(skb);
            return 1;
        }
        long now = jiffies();
        if ((neigh.nud_state & (NUD_STALE | NUD_INCOMPLETE)) == 0) {
            if (neigh.parms.mcast_probes + neigh.parms.app_probes != 0) {
                neigh.probes = neigh.parms.ucast_probes;
                neigh_del_timer(neigh);
                neigh.nud_state = NUD_INCOMPLETE;
                neigh.updated = now;
                long next;
                if (!immediate_ok) {
                    next = now + 1;
                } else {
                    immediate_probe = true;
                    next = now + Math.max(neigh.parms.retrans_time, hz() / 100);
                }
                neigh_add_timer(neigh, next);
            } else {
                neigh.nud_state = NUD_FAILED;
                neigh.updated = now;
                net.skb().kfree_skb(skb);
                return 1;
            }
        } else if ((neigh.nud_state & NUD_STALE) != 0) {
            neigh_del_timer(neigh);
            neigh.nud_state = NUD_DELAY;
            neigh.updated = now;
            neigh_add_timer(neigh, now + neigh.parms.delay_probe_time);
        }
        if (neigh.nud_state == NUD_INCOMPLETE) {
            if (skb != null) {
                while (neigh.arp_queue_len_bytes + skb.truesize > neigh.parms.queue_len_bytes) {
                    SkBuff buff = SkBuffHead.__skb_dequeue(neigh.arp_queue);
                    if (buff == null) {
                        break;
                    }
                    neigh.arp_queue_len_bytes -= buff.truesize;
                    net.skb().kfree_skb(buff);
                    neigh.tbl.unres_discards++;
                }
                SkBuffHead.__skb_queue_tail(neigh.arp_queue, skb);
                neigh.arp_queue_len_bytes += skb.truesize;
            }
            rc = 1;
        }
        if (immediate_probe) {
            neigh_probe(neigh);
        }
        return rc;
    }

    /** neigh_probe: the protocol's solicit about the newest queued packet; one more probe counted. */
    void neigh_probe(Neighbour neigh) {
        SkBuff skb = SkBuffHead.skb_peek_tail(neigh.arp_queue);
        neigh.tbl.solicit.solicit(neigh, skb);
        neigh.probes++;
    }

    private void neigh_add_timer(Neighbour n, long when) {
        kernel.timers().mod_timer(n.timer, when);
    }

    private void neigh_del_timer(Neighbour n) {
        kernel.timers().del_timer(n.timer);
    }

    /** neigh_max_probes: unicast + application + multicast (re)probes. */
    static int neigh_max_probes(Neighbour n) {
        NeighParms p = n.parms;
        return p.ucast_probes + p.app_probes + ((n.nud_state & NUD_PROBE) != 0 ? p.mcast_reprobes : p.mcast_probes);
    }

    /**
     * neigh_timer_handler: the NUD state machine's clock (in the TIMER softirq). REACHABLE ages
     * to DELAY (used recently) or STALE; DELAY returns to REACHABLE if confirmed meanwhile, else
     * PROBE; INCOMPLETE and PROBE send another probe or, out of probes, FAIL.
     */
    void neigh_timer_handler(Neighbour neigh) {
        int state = neigh.nud_state;
        long now = jiffies();
        long next = now + hz();
        if ((state & NUD_IN_TIMER) == 0) {
            return;
        }
        if ((state & NUD_REACHABLE) != 0) {
            if (now <= neigh.confirmed + neigh.parms.reachable_time) {
                next = neigh.confirmed + neigh.parms.reachable_time;
            } else if (now <= neigh.used + neigh.parms.delay_probe_time) {
                neigh.nud_state = NUD_DELAY;
                neigh.updated = now;
                next = now + neigh.parms.delay_probe_time;
            } else {
                neigh.nud_state = NUD_STALE;
                neigh.updated = now;
            }
        } else if ((state & NUD_DELAY) != 0) {
            if (now <= neigh.confirmed + neigh.parms.delay_probe_time) {
                neigh.nud_state = NUD_REACHABLE;
                neigh.updated = now;
                next = neigh.confirmed + neigh.parms.reachable_time;
            } else {
                neigh.nud_state = NUD_PROBE;
                neigh.updated = now;
                neigh.probes = 0;
                next = now + Math.max(neigh.parms.retrans_time, hz() / 100);
            }
        } else {
            next = now + Math.max(neigh.parms.retrans_time, hz() / 100);
        }
        if ((neigh.nud_state & (NUD_INCOMPLETE | NUD_PROBE)) != 0 && neigh.probes >= neigh_max_probes(neigh)) {
            neigh.nud_state = NUD_FAILED;
            neigh_invalidate(neigh);
            return;
        }
        if ((neigh.nud_state & NUD_IN_TIMER) != 0) {
            if (next < now + hz() / 100) {
                next = now + hz() / 100;
            }
            kernel.timers().mod_timer(neigh.timer, next);
        }
        if ((neigh.nud_state & (NUD_INCOMPLETE | NUD_PROBE)) != 0) {
            neigh_probe(neigh);
        }
    }

    /** neigh_invalidate: every packet still waiting is reported (error_report) and dropped. */
    void neigh_invalidate(Neighbour neigh) {
        for (SkBuff skb; neigh.nud_state == NUD_FAILED && (skb = SkBuffHead.__skb_dequeue(neigh.arp_queue)) != null; ) {
            neigh.tbl.error_report.error_report(neigh, skb);
        }
        net.skb().skb_queue_purge(neigh.arp_queue);
        neigh.arp_queue_len_bytes = 0;
    }

    /**
     * neigh_update: a new state and maybe address from the protocol (an ARP reply, a request
     * from the neighbour, an administrative change). An entry that becomes valid sends what was
     * queued for it; admin-only entries (NOARP, PERMANENT) change only with NEIGH_UPDATE_F_ADMIN;
     * a different address replaces a valid one only with OVERRIDE.
     */
    public int neigh_update(Neighbour neigh, byte[] lladdr, int nstate, int flags) {
        int old = neigh.nud_state;
        NetDevice dev = neigh.dev;
        if ((flags & NEIGH_UPDATE_F_ADMIN) == 0 && (old & (NUD_NOARP | NUD_PERMANENT)) != 0) {
            return -org.jstap.sim.kernel.Errno.EPERM;
        }
        if (neigh.dead) {
            return -org.jstap.sim.kernel.Errno.EINVAL;
        }
        long now = jiffies();
        if ((nstate & NUD_VALID) == 0) {
            neigh_del_timer(neigh);
            neigh.nud_state = nstate;
            if ((old & (NUD_INCOMPLETE | NUD_PROBE)) != 0 && (nstate & NUD_FAILED) != 0) {
                neigh_invalidate(neigh);
            }
            return 0;
        }
        boolean sameAddr;
        if (dev.addr_len == 0) {
            sameAddr = true;
        } else if (lladdr != null) {
            sameAddr = (old & NUD_VALID) != 0 && java.util.Arrays.equals(lladdr, 0, dev.addr_len, neigh.ha, 0, dev.addr_len);
        } else {
            if ((old & NUD_VALID) == 0) {
                return -org.jstap.sim.kernel.Errno.EINVAL;
            }
            sameAddr = true;
        }
        if ((nstate & NUD_CONNECTED) != 0) {
            neigh.confirmed = now;
        }
        if ((old & NUD_VALID) != 0) {
            if (!sameAddr && (flags & NEIGH_UPDATE_F_OVERRIDE) == 0) {
                if ((flags & NEIGH_UPDATE_F_WEAK_OVERRIDE) != 0 && (old & NUD_CONNECTED) != 0) {
                    sameAddr = true;
                    nstate = NUD_STALE;
                } else {
                    return 0;
                }
            } else if (sameAddr && nstate == NUD_STALE && (flags & NEIGH_UPDATE_F_ADMIN) == 0) {
                nstate = old;
            }
        }
        if (nstate != old || !sameAddr) {
            neigh.updated = now;
        }
        if (nstate != old) {
            neigh_del_timer(neigh);
            if ((nstate & NUD_PROBE) != 0) {
                neigh.probes = 0;
            }
            if ((nstate & NUD_IN_TIMER) != 0) {
                neigh_add_timer(neigh, now + ((nstate & NUD_REACHABLE) != 0 ? neigh.parms.reachable_time : 0));
            }
            neigh.nud_state = nstate;
        }
        if (!sameAddr) {
            System.arraycopy(lladdr, 0, neigh.ha, 0, dev.addr_len);
            if ((nstate & NUD_CONNECTED) == 0) {
                neigh.confirmed = now - (neigh.parms.base_reachable_time << 1);
            }
        }
        if (nstate == old) {
            return 0;
        }
        if ((old & NUD_VALID) == 0) {
            // the packets that waited for the address go now
            for (SkBuff skb; (neigh.nud_state & NUD_VALID) != 0
                    && (skb = SkBuffHead.__skb_dequeue(neigh.arp_queue)) != null; ) {
                neigh.arp_queue_len_bytes -= skb.truesize;
                neigh.output.output(neigh, skb);
            }
            net.skb().skb_queue_purge(neigh.arp_queue);
            neigh.arp_queue_len_bytes = 0;
        }
        return 0;
    }

    /** neigh_event_ns: the sender of a solicitation is a neighbour (STALE, its address overriding), created if need be. */
    public Neighbour neigh_event_ns(NeighTable tbl, byte[] lladdr, int saddr, NetDevice dev) {
        Neighbour neigh = __neigh_lookup(tbl, saddr, dev, lladdr != null || dev.addr_len == 0);
        if (neigh != null) {
            neigh_update(neigh, lladdr, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE);
        }
        return neigh;
    }

    /** neigh_ifdown: a device going down loses its entries; their timers stop and waiting packets are dropped. */
    public void neigh_ifdown(NeighTable tbl, NetDevice dev) {
        for (Neighbour n : java.util.List.copyOf(tbl.entries)) {
            if (dev != null && n.dev != dev) {
                continue;
            }
            tbl.entries.remove(n);
            neigh_del_timer(n);
            n.dead = true;
            n.output = this::neigh_blackhole;
            net.skb().skb_queue_purge(n.arp_queue);
            n.arp_queue_len_bytes = 0;
            n.nud_state = (n.nud_state & (NUD_NOARP | NUD_PERMANENT)) != 0 ? NUD_NOARP : NUD_NONE;
        }
    }

    /** neigh_delete (the SIOCDARP path): the entry fails and leaves the table. */
    public int neigh_delete(NeighTable tbl, Neighbour n) {
        neigh_update(n, null, NUD_FAILED, NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN);
        tbl.entries.remove(n);
        n.dead = true;
        return 0;
    }
}
