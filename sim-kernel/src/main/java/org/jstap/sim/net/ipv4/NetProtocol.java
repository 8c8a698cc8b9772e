package org.jstap.sim.net.ipv4;

import org.jstap.sim.net.core.SkBuff;

/**
 * struct net_protocol (include/net/protocol.h): a transport protocol's receive side as
 * {@code inet_add_protocol} registers it in inet_protos[]: {@code ip_local_deliver_finish} hands
 * each packet of its protocol number to {@link #handler} (udp_rcv, icmp_rcv, tcp_v4_rcv), with
 * the transport header at {@code skb->data}; ICMP errors about a packet this host sent go to
 * {@link #err_handler} with the original IP header at {@code skb->data}.
 *
 * <pre>{@code
 * ipv4.protocol().inet_add_protocol(new NetProtocol() {
 *     public int handler(SkBuff skb) { return tcp_v4_rcv(skb); }
 *     public int err_handler(SkBuff skb, int info) { return tcp_v4_err(skb, info); }
 * }, IPPROTO_TCP);
 * }</pre>
 */
public interface NetProtocol {
    /** handler: takes the skb; 0, or a negative protocol number to resubmit (not used here). */
    int handler(SkBuff skb);

    /** err_handler: an ICMP error (type and code in {@link IcmpHdr} at the transport header) about one of our packets. */
    default int err_handler(SkBuff skb, int info) {
        return 0;
    }
}
