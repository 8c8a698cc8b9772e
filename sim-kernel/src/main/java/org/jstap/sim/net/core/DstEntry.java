package org.jstap.sim.net.core;

import org.jstap.sim.net.Sock;

/**
 * struct dst_entry (include/net/dst.h): where a packet goes next, as routing decided it. It is
 * attached to the skb ({@code skb_dst}) and carries the two functions the packet is passed to:
 * {@link #output} for a packet this host sends ({@code ip_output}) and {@link #input} for one it
 * received ({@code ip_local_deliver}, {@code ip_forward}, {@code ip_error}). IPv4's
 * {@code struct rtable} extends it. Routes are cached in their next hop and live as long as it;
 * {@code __refcnt} counts users as Linux's does, for /proc and probes, without freeing anything.
 */
public class DstEntry {
    /** dst.output: ip_output and friends. */
    @FunctionalInterface
    public interface Output {
        int output(Net net, Sock sk, SkBuff skb);
    }

    /** dst.input: ip_local_deliver, ip_forward, ip_error. */
    @FunctionalInterface
    public interface Input {
        int input(SkBuff skb);
    }

    /** DST_OBSOLETE_*: a cached route that must be checked before use. */
    public static final int DST_OBSOLETE_NONE = 0;
    public static final int DST_OBSOLETE_DEAD = 2;
    public static final int DST_OBSOLETE_FORCE_CHK = -1;

    public NetDevice dev;
    public Output output;
    public Input input;
    /** error: the errno (positive) a packet to an unreachable destination gets (EHOSTUNREACH...). */
    public int error;
    public int obsolete;
    public int __refcnt = 1;
    /** __use: how many packets took this route. */
    public int __use;
    /** lastuse: jiffies of the last use. */
    public long lastuse;

    public DstEntry(NetDevice dev, int obsolete) {
        this.dev = dev;
        this.obsolete = obsolete;
    }

    /** dst_mtu: the path MTU (the device's unless the route learnt a smaller one). */
    public int dst_mtu() {
        return dev.mtu;
    }
}
