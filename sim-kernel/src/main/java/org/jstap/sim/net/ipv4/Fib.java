package org.jstap.sim.net.ipv4;

import org.jstap.sim.net.core.NetDevice;

/**
 * include/net/ip_fib.h and the route numbers of include/uapi/linux/rtnetlink.h: route types,
 * scopes, tables and origins, and the structures of the forwarding information base: a
 * {@link FibInfo} (a route's attributes and its one next hop, struct fib_info with its fib_nh),
 * a {@link FibAlias} (a prefix in a table pointing at a FibInfo) and a {@link FibResult} (what a
 * lookup found). Addresses are host order.
 */
public final class Fib {
    private Fib() {}

    /** Route types (enum rtn_type). */
    public static final int RTN_UNSPEC = 0;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;
    public static final int RTN_BROADCAST = 3;
    public static final int RTN_ANYCAST = 4;
    public static final int RTN_MULTICAST = 5;
    public static final int RTN_BLACKHOLE = 6;
    public static final int RTN_UNREACHABLE = 7;
    public static final int RTN_PROHIBIT = 8;

    /** Scopes (enum rt_scope_t): how far a route or address reaches. */
    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_SITE = 200;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;
    public static final int RT_SCOPE_NOWHERE = 255;

    /** Tables. */
    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;

    /** Who made a route (rtm_protocol). */
    public static final int RTPROT_KERNEL = 2;
    public static final int RTPROT_BOOT = 3;

    /** struct rtentry flags (include/uapi/linux/route.h), also /proc/net/route's Flags. */
    public static final int RTF_UP = 0x0001;
    public static final int RTF_GATEWAY = 0x0002;
    public static final int RTF_HOST = 0x0004;
    public static final int RTF_REJECT = 0x0200;

    /** struct fib_info with its single struct fib_nh: what a route does. */
    public static final class FibInfo {
        public int fib_protocol;
        public int fib_scope;
        /** fib_prefsrc: the source address packets on this route get (the interface's, for connected routes). */
        public int fib_prefsrc;
        /** fib_priority: the metric. */
        public int fib_priority;
        /** The next hop: device, gateway (0: on link), and its scope. */
        public NetDevice fib_nh_dev;
        public int fib_nh_oif;
        public int fib_nh_gw4;
        public int fib_nh_scope;
        /** nh_rth_output / nh_rth_input: the cached routes of this next hop (rt_cache_route). */
        public Rtable nh_rth_output;
        public Rtable nh_rth_input;

        /** Two routes that say the same (fib_info_hash's comparison, for EEXIST). */
        boolean same(FibInfo o) {
            return fib_protocol == o.fib_protocol && fib_scope == o.fib_scope && fib_prefsrc == o.fib_prefsrc
                    && fib_priority == o.fib_priority && fib_nh_oif == o.fib_nh_oif && fib_nh_gw4 == o.fib_nh_gw4;
        }
    }

    /** struct fib_alias and the key of its trie leaf: a prefix, its type, in a table. */
    public record FibAlias(int dst, int prefixlen, int type, int tos, FibInfo fi) {
        public int mask() {
            return In.inet_make_mask(prefixlen);
        }
    }

    /** struct fib_result: the prefix a lookup matched, its type and scope, the route, the table. */
    public static final class FibResult {
        public int prefix;
        public int prefixlen;
        public int type;
        public int scope;
        public FibInfo fi;
        public FibTable table;

        /** FIB_RES_DEV. */
        public NetDevice dev() {
            return fi.fib_nh_dev;
        }
    }
}
