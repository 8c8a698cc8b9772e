package org.jstap.sim.net.ipv4;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * struct fib_table, one routing table (local: the host's addresses and broadcasts; main: the
 * connected subnets and what users add). Linux keeps the prefixes in an LC-trie
 * (net/ipv4/fib_trie.c); a few interfaces give a handful of routes, so here they are a list
 * kept in the trie's walk order (by prefix, then longer prefixes first), and a lookup is
 * longest-prefix match over it: the same answers, the same /proc/net/route order.
 *
 * <pre>{@code
 * FibResult res = new FibResult();
 * if (table.fib_table_lookup(fl4, res) == 0) dev = res.dev();
 * }</pre>
 */
@LinuxFile("net/ipv4/fib_trie.c")
public final class FibTable {
    public final int tb_id;
    /** The routes, sorted as the trie walks them. */
    private final List<Fib.FibAlias> aliases = new ArrayList<>();

    FibTable(int id) {
        this.tb_id = id;
    }

    /** The routes in walk order (fib_route_seq_show, ip route). */
    public List<Fib.FibAlias> aliases() {
        return List.copyOf(aliases);
    }

    /** fib_table_insert: the route, or EEXIST for one that says the same; EINVAL for host bits in the prefix. */
    public int fib_table_insert(Fib.FibAlias fa) {
        if ((fa.dst() & ~fa.mask()) != 0) {
            return -Errno.EINVAL;
        }
        int at = 0;
        for (Fib.FibAlias o : aliases) {
            int c = Integer.compareUnsigned(o.dst(), fa.dst());
            if (c > 0 || (c == 0 && o.prefixlen() < fa.prefixlen())) {
                break;
            }
            if (c == 0 && o.prefixlen() == fa.prefixlen() && o.type() == fa.type() && o.tos() == fa.tos()
                    && o.fi().same(fa.fi())) {
                return -Errno.EEXIST;
            }
            at++;
        }
        aliases.add(at, fa);
        return 0;
    }

    /**
     * fib_table_delete: the first route of that prefix that matches what is given (type, and
     * gateway, device and priority when set); ESRCH if none.
     */
    public int fib_table_delete(int dst, int prefixlen, int type, Fib.FibInfo want) {
        for (Fib.FibAlias o : aliases) {
            if (o.dst() != dst || o.prefixlen() != prefixlen) {
                continue;
            }
            if (type != Fib.RTN_UNSPEC && o.type() != type) {
                continue;
            }
            if (want != null && ((want.fib_nh_gw4 != 0 && want.fib_nh_gw4 != o.fi().fib_nh_gw4)
                    || (want.fib_nh_oif != 0 && want.fib_nh_oif != o.fi().fib_nh_oif)
                    || (want.fib_priority != 0 && want.fib_priority != o.fi().fib_priority)
                    || (want.fib_prefsrc != 0 && want.fib_prefsrc != o.fi().fib_prefsrc))) {
                continue;
            }
            aliases.remove(o);
            return 0;
        }
        return -Errno.ESRCH;
    }

    /** fib_table_flush: the routes through a device that went down (fib_sync_down_dev marks them dead first). */
    public void fib_table_flush(org.jstap.sim.net.core.NetDevice dev) {
        aliases.removeIf(fa -> fa.fi().fib_nh_dev == dev);
    }

    /**
     * fib_table_lookup: the longest prefix containing {@code fl4.daddr} whose route's scope is at
     * least the flow's and, with an output interface given, whose device it is. 0 with
     * {@code res} filled, or -EAGAIN (nothing here: the caller tries the next table).
     */
    public int fib_table_lookup(Flowi4 fl4, Fib.FibResult res) {
        Fib.FibAlias best = null;
        for (Fib.FibAlias fa : aliases) {
            if ((fl4.daddr & fa.mask()) != fa.dst()) {
                continue;
            }
            if (fa.fi().fib_scope < fl4.flowi4_scope) {
                continue;
            }
            if (fl4.flowi4_oif != 0 && fl4.flowi4_oif != fa.fi().fib_nh_oif) {
                continue;
            }
            if (best == null || fa.prefixlen() > best.prefixlen()) {
                best = fa;
            }
        }
        if (best == null) {
            return -Errno.EAGAIN;
        }
        res.prefix = best.dst();
        res.prefixlen = best.prefixlen();
        res.type = best.type();
        res.scope = best.fi().fib_scope;
        res.fi = best.fi();
        res.table = this;
        return 0;
    }

    /**
     * fib_route_seq_show: /proc/net/route, the old route(8) view of this (the main) table: one
     * line per unicast route padded to 127 columns, addresses as the raw __be32 in hex (so
     * 10.0.0.1 is 0100000A on a little-endian machine), Flags from fib_flag_trans.
     */
    public String fib_route_seq_show() {
        StringBuilder out = new StringBuilder(String.format("%-127s\n",
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT"));
        for (Fib.FibAlias fa : aliases) {
            if (fa.type() == Fib.RTN_BROADCAST || fa.type() == Fib.RTN_MULTICAST) {
                continue;
            }
            Fib.FibInfo fi = fa.fi();
            int flags = fib_flag_trans(fa.type(), fa.mask(), fi);
            String line = String.format("%s\t%08X\t%08X\t%04X\t0\t0\t%d\t%08X\t%d\t%d\t%d",
                    fi.fib_nh_dev != null ? fi.fib_nh_dev.name : "*", Integer.reverseBytes(fa.dst()),
                    Integer.reverseBytes(fi.fib_nh_gw4), flags, fi.fib_priority, Integer.reverseBytes(fa.mask()), 0, 0, 0);
            out.append(String.format("%-127s\n", line));
        }
        return out.toString();
    }

    /** fib_flag_trans: RTF_UP, RTF_GATEWAY with a gateway, RTF_HOST for a /32, RTF_REJECT for unreachable and prohibit. */
    static int fib_flag_trans(int type, int mask, Fib.FibInfo fi) {
        int flags = type == Fib.RTN_UNREACHABLE || type == Fib.RTN_PROHIBIT ? Fib.RTF_REJECT : 0;
        if (fi != null && fi.fib_nh_gw4 != 0) {
            flags |= Fib.RTF_GATEWAY;
        }
        if (mask == -1) {
            flags |= Fib.RTF_HOST;
        }
        return flags | Fib.RTF_UP;
    }
}
