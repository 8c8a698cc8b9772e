package org.jstap.sim.drivers.net.e1000;

/**
 * struct e1000_hw_stats: the device's clear-on-read statistics registers, added up by
 * {@code e1000_update_stats} at each watchdog run (the ones the board keeps; Linux reads some
 * forty). The 64-bit octet counters are kept as Linux keeps them, a sum of low halves and a sum
 * of high halves.
 */
public final class E1000HwStats {
    /** mpc: missed packets (no descriptor); rnbc: receive no buffers; roc: oversized frames. */
    public long mpc;
    public long rnbc;
    public long roc;
    /** gprc/gptc: good packets received and transmitted; bprc/mprc: broadcast and multicast received. */
    public long gprc;
    public long gptc;
    public long bprc;
    public long mprc;
    /** tpr/tpt: total packets received and transmitted. */
    public long tpr;
    public long tpt;
    /** Good octets received and transmitted, total octets received and transmitted (FCS included). */
    public long gorcl;
    public long gorch;
    public long gotcl;
    public long gotch;
    public long torl;
    public long torh;
    public long totl;
    public long toth;
}
