package org.jstap.sim.net.core;

import java.util.ArrayList;
import java.util.List;

/**
 * struct neigh_table (include/net/neighbour.h): one protocol's neighbours (ARP's arp_tbl) and
 * what the protocol supplies: the constructor that sets up a new entry for its device, the
 * solicit function that sends a probe, and what happens to packets that could not be resolved
 * (error_report: ARP sends the sender an ICMP host unreachable). Entries are kept in creation
 * order, which /proc/net/arp shows.
 */
public final class NeighTable {
    /** tbl->constructor: 0, or -errno to refuse the entry. */
    @FunctionalInterface
    public interface Constructor {
        int construct(Neighbour n);
    }

    /** neigh_ops.solicit: send a probe for {@code n}, about {@code skb} (the newest queued packet, or null). */
    @FunctionalInterface
    public interface Solicit {
        void solicit(Neighbour n, SkBuff skb);
    }

    /** neigh_ops.error_report: {@code skb} waited for {@code n} in vain. */
    @FunctionalInterface
    public interface ErrorReport {
        void error_report(Neighbour n, SkBuff skb);
    }

    public final String id;
    public final int key_len;
    public final Constructor constructor;
    public final Solicit solicit;
    public final ErrorReport error_report;
    /** The entries (the hash buckets of Linux, in creation order). */
    final List<Neighbour> entries = new ArrayList<>();
    /** Statistics (/proc/net/stat/arp_cache): lookups, hits, allocs, unresolved discards. */
    public long lookups;
    public long hits;
    public long allocs;
    public long unres_discards;

    public NeighTable(String id, int keyLen, Constructor constructor, Solicit solicit, ErrorReport errorReport) {
        this.id = id;
        this.key_len = keyLen;
        this.constructor = constructor;
        this.solicit = solicit;
        this.error_report = errorReport;
    }

    /** The entries now, in creation order. */
    public List<Neighbour> neighbours() {
        return List.copyOf(entries);
    }
}
