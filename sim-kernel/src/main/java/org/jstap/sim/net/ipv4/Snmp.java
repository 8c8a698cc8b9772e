package org.jstap.sim.net.ipv4;

/**
 * The IPv4 SNMP MIB counters (include/uapi/linux/snmp.h) and /proc/net/snmp's Ip, Udp and
 * UdpLite lines as net/ipv4/proc.c prints them (snmp_seq_show_ipstats, the UDP part of
 * snmp_seq_show_tcp_udp). The Tcp line follows the Ip line (net/ipv4/proc.c's order without Icmp and IcmpMsg, which are not kept).
 *
 * <pre>{@code
 * ipv4.mib().udp[Snmp.UDP_MIB_NOPORTS]++;
 * }</pre>
 */
public final class Snmp {
    /** enum ipstats (the ones /proc/net/snmp's Ip line shows, in its order, then the extended ones). */
    public static final int IPSTATS_MIB_INRECEIVES = 0;
    public static final int IPSTATS_MIB_INHDRERRORS = 1;
    public static final int IPSTATS_MIB_INADDRERRORS = 2;
    public static final int IPSTATS_MIB_OUTFORWDATAGRAMS = 3;
    public static final int IPSTATS_MIB_INUNKNOWNPROTOS = 4;
    public static final int IPSTATS_MIB_INDISCARDS = 5;
    public static final int IPSTATS_MIB_INDELIVERS = 6;
    public static final int IPSTATS_MIB_OUTREQUESTS = 7;
    public static final int IPSTATS_MIB_OUTDISCARDS = 8;
    public static final int IPSTATS_MIB_OUTNOROUTES = 9;
    public static final int IPSTATS_MIB_REASMTIMEOUT = 10;
    public static final int IPSTATS_MIB_REASMREQDS = 11;
    public static final int IPSTATS_MIB_REASMOKS = 12;
    public static final int IPSTATS_MIB_REASMFAILS = 13;
    public static final int IPSTATS_MIB_FRAGOKS = 14;
    public static final int IPSTATS_MIB_FRAGFAILS = 15;
    public static final int IPSTATS_MIB_FRAGCREATES = 16;
    public static final int IPSTATS_MIB_INTRUNCATEDPKTS = 17;
    public static final int IPSTATS_MIB_CSUMERRORS = 18;
    public static final int IPSTATS_MIB_INBCASTPKTS = 19;
    public static final int IPSTATS_MIB_OUTBCASTPKTS = 20;
    static final int IPSTATS_MIB_MAX = 21;
    /** The Ip line's names, for the first 17 counters. */
    static final String[] SNMP4_IPSTATS_LIST = {"InReceives", "InHdrErrors", "InAddrErrors", "ForwDatagrams",
        "InUnknownProtos", "InDiscards", "InDelivers", "OutRequests", "OutDiscards", "OutNoRoutes", "ReasmTimeout",
        "ReasmReqds", "ReasmOKs", "ReasmFails", "FragOKs", "FragFails", "FragCreates"};

    /** enum udp mib. */
    public static final int UDP_MIB_INDATAGRAMS = 0;
    public static final int UDP_MIB_NOPORTS = 1;
    public static final int UDP_MIB_INERRORS = 2;
    public static final int UDP_MIB_OUTDATAGRAMS = 3;
    public static final int UDP_MIB_RCVBUFERRORS = 4;
    public static final int UDP_MIB_SNDBUFERRORS = 5;
    public static final int UDP_MIB_CSUMERRORS = 6;
    public static final int UDP_MIB_IGNOREDMULTI = 7;
    public static final int UDP_MIB_MEMERRORS = 8;
    static final String[] SNMP4_UDP_LIST = {"InDatagrams", "NoPorts", "InErrors", "OutDatagrams", "RcvbufErrors",
        "SndbufErrors", "InCsumErrors", "IgnoredMulti", "MemErrors"};

    /** The Tcp line's counters (enum tcp mib) and TcpExt's TCPAbortOnClose. */
    public long tcp_activeopens;
    public long tcp_passiveopens;
    public long tcp_attemptfails;
    public long tcp_estabresets;
    public long tcp_currestab;
    public long tcp_insegs;
    public long tcp_outsegs;
    public long tcp_retranssegs;
    public long tcp_inerrs;
    public long tcp_outrsts;
    public long tcp_incsumerrors;
    public long tcp_ext_abortonclose;
    public long tcp_ext_listendrops;

    public final long[] ip = new long[IPSTATS_MIB_MAX];
    public final long[] udp = new long[SNMP4_UDP_LIST.length];
    public final long[] udplite = new long[SNMP4_UDP_LIST.length];

    /** snmp_seq_show: the Ip line pair (Forwarding 2 = not a router, DefaultTTL), then Udp and UdpLite. */
    String snmp_seq_show(NetnsIpv4 ipv4) {
        StringBuilder out = new StringBuilder("Ip: Forwarding DefaultTTL");
        for (String s : SNMP4_IPSTATS_LIST) {
            out.append(' ').append(s);
        }
        out.append("\nIp: ").append(ipv4.sysctl_ip_forward ? 1 : 2).append(' ').append(ipv4.sysctl_ip_default_ttl);
        for (int i = 0; i < SNMP4_IPSTATS_LIST.length; i++) {
            out.append(' ').append(ip[i]);
        }
        out.append('\n');
        out.append("Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab"
                + " InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors\n");
        out.append("Tcp: 1 200 120000 -1 ").append(tcp_activeopens).append(' ').append(tcp_passiveopens).append(' ')
                .append(tcp_attemptfails).append(' ').append(tcp_estabresets).append(' ').append(tcp_currestab)
                .append(' ').append(tcp_insegs).append(' ').append(tcp_outsegs).append(' ').append(tcp_retranssegs)
                .append(' ').append(tcp_inerrs).append(' ').append(tcp_outrsts).append(' ').append(tcp_incsumerrors)
                .append('\n');
        line(out, "Udp", udp);
        line(out, "UdpLite", udplite);
        return out.toString();
    }

    private static void line(StringBuilder out, String name, long[] v) {
        out.append(name).append(':');
        for (String s : SNMP4_UDP_LIST) {
            out.append(' ').append(s);
        }
        out.append('\n').append(name).append(':');
        for (long x : v) {
            out.append(' ').append(x);
        }
        out.append('\n');
    }
}
