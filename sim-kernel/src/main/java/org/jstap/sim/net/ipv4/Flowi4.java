package org.jstap.sim.net.ipv4;

/**
 * struct flowi4 (include/net/flow.h): the key a route is looked up with and the addresses it
 * settles: ip_route_output_key fills in {@code saddr} (and the destination, for a route to a
 * local address). Host order throughout.
 *
 * <pre>{@code
 * Flowi4 fl4 = Flowi4.flowi4_init_output(oif, 0, tos, RT_SCOPE_UNIVERSE, IPPROTO_UDP, 0, daddr, saddr, dport, sport);
 * Rtable rt = kernel.net().ipv4().route().ip_route_output_flow(fl4, sk, err);
 * }</pre>
 */
public final class Flowi4 {
    /** FLOWI_FLAG_ANYSRC: a source address that is not local is allowed (transparent, freebind). */
    public static final int FLOWI_FLAG_ANYSRC = 0x01;

    public int flowi4_oif;
    public int flowi4_iif;
    public int flowi4_mark;
    public int flowi4_tos;
    public int flowi4_scope;
    public int flowi4_proto;
    public int flowi4_flags;
    public int saddr;
    public int daddr;
    /** Ports (UDP, TCP) or the ICMP type and code. */
    public int fl4_sport;
    public int fl4_dport;
    public int fl4_icmp_type;
    public int fl4_icmp_code;

    /** flowi4_init_output. */
    public static Flowi4 flowi4_init_output(int oif, int mark, int tos, int scope, int proto, int flags, int daddr,
            int saddr, int dport, int sport) {
        Flowi4 fl4 = new Flowi4();
        fl4.flowi4_oif = oif;
        fl4.flowi4_mark = mark;
        fl4.flowi4_tos = tos;
        fl4.flowi4_scope = scope;
        fl4.flowi4_proto = proto;
        fl4.flowi4_flags = flags;
        fl4.daddr = daddr;
        fl4.saddr = saddr;
        fl4.fl4_dport = dport;
        fl4.fl4_sport = sport;
        return fl4;
    }

    @Override
    public String toString() {
        return "flowi4 " + In.pI4(saddr) + ":" + fl4_sport + " -> " + In.pI4(daddr) + ":" + fl4_dport + " proto "
                + flowi4_proto + " oif " + flowi4_oif;
    }
}
