package org.jstap.sim.net.core;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.Sock;

/**
 * net/core/dst.c and the inline helpers of include/net/dst.h: passing a routed packet on to its
 * dst's output or input function, and the reference counting around {@link DstEntry}. They are
 * ordinary methods so that a backtrace shows them between ip_local_out and ip_output, and between
 * ip_rcv_finish and ip_local_deliver.
 *
 * <pre>{@code
 * skb_dst_set(skb, rt);
 * return kernel.net().dst().dst_output(net, sk, skb);   // rt.output: ip_output
 * }</pre>
 */
@LinuxFile("net/core/dst.c")
public final class Dst {
    private final Kernel kernel;

    Dst(Kernel kernel) {
        this.kernel = kernel;
    }

    /** dst_output: the skb's route sends it (ip_output). */
    public int dst_output(Net net, Sock sk, SkBuff skb) {
        return SkBuff.skb_dst(skb).output.output(net, sk, skb);
    }

    /** dst_input: the skb's route takes it in (ip_local_deliver, ip_forward, ip_error). */
    public int dst_input(SkBuff skb) {
        return SkBuff.skb_dst(skb).input.input(skb);
    }

    /** dst_hold. */
    public static void dst_hold(DstEntry dst) {
        dst.__refcnt++;
    }

    /** dst_release: one user less. */
    public static void dst_release(DstEntry dst) {
        if (dst != null) {
            dst.__refcnt--;
        }
    }

    /** dst_use_noref: a packet took the route now. */
    public void dst_use_noref(DstEntry dst) {
        dst.__use++;
        dst.lastuse = kernel.timekeeping().jiffies();
    }
}
