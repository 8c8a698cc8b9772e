package org.jstap.sim.net.core;

/**
 * struct packet_type: a protocol's receive handler, registered with {@code dev_add_pack}.
 * {@code __netif_receive_skb_core} hands each packet whose {@code skb->protocol} equals
 * {@link #type} (and, if {@link #dev} is set, that arrived on that device) to {@link #func};
 * {@code ETH_P_ALL} handlers (taps, packet sockets) see every packet, outgoing ones too.
 *
 * <pre>{@code
 * PacketType ip = new PacketType(htons(ETH_P_IP), null, "ip_rcv", (skb, dev, pt, orig) -> ip_rcv(skb, dev, pt, orig));
 * kernel.net().dev().dev_add_pack(ip);
 * }</pre>
 */
public final class PacketType {
    /** packet_type.func: takes ownership of {@code skb}; NET_RX_SUCCESS or NET_RX_DROP. */
    @FunctionalInterface
    public interface Func {
        int func(SkBuff skb, NetDevice dev, PacketType pt, NetDevice orig_dev);
    }

    /** type: __be16, htons(ETH_P_*). */
    public final int type;
    /** dev: only packets of this device, or null for all. */
    public final NetDevice dev;
    /** The handler's function name, for /proc/net/ptype (%ps). */
    public final String name;
    public final Func func;
    /** ignore_outgoing: a tap that does not want to see transmitted packets. */
    public boolean ignore_outgoing;

    public PacketType(int type, NetDevice dev, String name, Func func) {
        this.type = type;
        this.dev = dev;
        this.name = name;
        this.func = func;
    }

    @Override
    public String toString() {
        return "packet_type " + name;
    }
}
