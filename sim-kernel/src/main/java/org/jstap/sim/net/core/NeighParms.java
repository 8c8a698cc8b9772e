package org.jstap.sim.net.core;

/**
 * struct neigh_parms (include/net/neighbour.h): a neighbour table's timings and limits for one
 * device, in jiffies where they are times, with ARP's defaults (net.ipv4.neigh.DEV.*):
 * base_reachable_time 30 s, retrans_time 1 s, delay_first_probe_time 5 s, 3 unicast and 3
 * multicast probes, 0 application probes, locktime 1 s, a queue of 212992 bytes for packets
 * waiting for an address, gc_stale_time 60 s.
 */
public final class NeighParms {
    public final NetDevice dev;
    public long base_reachable_time;
    /** reachable_time: a random time in [base/2, 3*base/2), redrawn by the table's periodic work. */
    public long reachable_time;
    public long retrans_time;
    public long delay_probe_time;
    public long gc_staletime;
    public long locktime;
    public int ucast_probes = 3;
    public int mcast_probes = 3;
    public int app_probes;
    public int mcast_reprobes;
    public int queue_len_bytes = 212992;

    public NeighParms(NetDevice dev, int hz) {
        this.dev = dev;
        this.base_reachable_time = 30L * hz;
        this.reachable_time = base_reachable_time;
        this.retrans_time = hz;
        this.delay_probe_time = 5L * hz;
        this.gc_staletime = 60L * hz;
        this.locktime = hz;
    }
}
