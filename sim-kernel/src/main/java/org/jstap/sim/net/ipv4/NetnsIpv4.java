package org.jstap.sim.net.ipv4;

import org.jstap.sim.Kernel;
import org.jstap.sim.net.core.Net;

/**
 * struct netns_ipv4 (include/net/netns/ipv4.h): init_net's IPv4 state, its sysctls with their
 * Linux defaults, and the IPv4 subsystems, each the class of its Linux file. Reached as
 * {@code kernel.net().ipv4()}; {@code inet_init} (an fs initcall, in {@link AfInet}) brings it up.
 *
 * <pre>{@code
 * NetnsIpv4 ipv4 = kernel.net().ipv4();
 * Rtable rt = ipv4.route().ip_route_output_key(fl4, err);
 * ipv4.output().ip_queue_xmit(sk, skb, fl4);
 * }</pre>
 */
public final class NetnsIpv4 {
    /** net.ipv4.ip_default_ttl. */
    public int sysctl_ip_default_ttl = IpHdr.IPDEFTTL;
    /** net.ipv4.ip_local_port_range: ephemeral ports for autobind and connect. */
    public int ip_local_port_range_low = 32768;
    public int ip_local_port_range_high = 60999;
    /** net.ipv4.ip_unprivileged_port_start: binding below needs CAP_NET_BIND_SERVICE. */
    public int sysctl_ip_prot_sock = 1024;
    /**
     * net.ipv4.ping_group_range: the groups that may make ICMP echo sockets. Linux's built-in
     * "1 0" allows nobody; every systemd distribution ships "0 2147483647" (50-default.conf), so
     * that iputils' ping works unprivileged, and that is what this machine starts with.
     */
    public int ping_group_range_low = 0;
    public int ping_group_range_high = Integer.MAX_VALUE;
    /** net.ipv4.ip_forward: off, so packets for other hosts are dropped (ip_error). */
    public boolean sysctl_ip_forward;
    /** net.ipv4.icmp_echo_ignore_all / icmp_echo_ignore_broadcasts. */
    public boolean sysctl_icmp_echo_ignore_all;
    public boolean sysctl_icmp_echo_ignore_broadcasts = true;
    /** net.ipv4.icmp_ratelimit (ms) and icmp_ratemask: the per-peer limit on ICMP errors. */
    public int sysctl_icmp_ratelimit_ms = 1000;
    public int sysctl_icmp_ratemask = 0x1818;
    /** net.ipv4.icmp_msgs_per_sec / icmp_msgs_burst: the global limit. */
    public int sysctl_icmp_msgs_per_sec = 1000;
    public int sysctl_icmp_msgs_burst = 50;

    private final Protocol protocol = new Protocol();
    private final Snmp mib = new Snmp();
    private final AfInet af_inet;
    private final Devinet devinet;
    private final Ipconfig ipconfig;
    private final FibFrontend fib;
    private final Route route;
    private final IpOutput output;
    private final IpInput input;
    private final IpFragment fragment;
    private final Arp arp;
    private final Icmp icmp;
    private final Udp udp;
    private final Ping ping;
    private final Datagram datagram;
    private final IpSockglue sockglue;
    private final InetHashtables inet_hashinfo;
    private final InetConnectionSock inet_csk;
    private final InetTimewaitSock inet_twsk;
    private final Tcp tcp;
    private final TcpIpv4 tcp_ipv4;
    private final TcpInput tcp_input;
    private final TcpOutput tcp_output;
    private final TcpTimer tcp_timer;
    private final TcpMinisocks tcp_minisocks;
    private final TcpCong tcp_cong = new TcpCong();

    public NetnsIpv4(Kernel kernel, Net net) {
        this.af_inet = new AfInet(kernel, net, this);
        this.devinet = new Devinet(kernel, net, this);
        this.ipconfig = new Ipconfig(kernel, this);
        this.fib = new FibFrontend(kernel, net, this);
        this.route = new Route(kernel, net, this);
        this.output = new IpOutput(kernel, net, this);
        this.input = new IpInput(kernel, net, this);
        this.fragment = new IpFragment(kernel, net, this);
        this.arp = new Arp(kernel, net, this);
        this.icmp = new Icmp(kernel, net, this);
        this.udp = new Udp(kernel, net, this);
        this.ping = new Ping(kernel, net, this);
        this.datagram = new Datagram(kernel, net, this);
        this.sockglue = new IpSockglue(kernel, net);
        this.inet_hashinfo = new InetHashtables(kernel, this);
        this.inet_csk = new InetConnectionSock(kernel, net, this);
        this.inet_twsk = new InetTimewaitSock(kernel, net, this);
        this.tcp = new Tcp(kernel, net, this);
        this.tcp_ipv4 = new TcpIpv4(kernel, net, this);
        this.tcp_input = new TcpInput(kernel, net, this);
        this.tcp_output = new TcpOutput(kernel, net, this);
        this.tcp_timer = new TcpTimer(kernel, net, this);
        this.tcp_minisocks = new TcpMinisocks(kernel, net, this);
    }

    /** net/ipv4/af_inet.c: the family, inet_init. */
    public AfInet af_inet() {
        return af_inet;
    }

    /** net/ipv4/protocol.c: inet_protos[]. */
    public Protocol protocol() {
        return protocol;
    }

    /** The SNMP counters of /proc/net/snmp. */
    public Snmp mib() {
        return mib;
    }

    /** net/ipv4/devinet.c: addresses on devices. */
    public Devinet devinet() {
        return devinet;
    }

    /** net/ipv4/fib_frontend.c (and fib_trie.c behind it): the routing tables. */
    public FibFrontend fib() {
        return fib;
    }

    /** net/ipv4/ipconfig.c: ip= on the command line. */
    public Ipconfig ipconfig() {
        return ipconfig;
    }

    /** net/ipv4/route.c: route lookups and the rtables they make. */
    public Route route() {
        return route;
    }

    /** net/ipv4/ip_output.c. */
    public IpOutput output() {
        return output;
    }

    /** net/ipv4/ip_input.c. */
    public IpInput input() {
        return input;
    }

    /** net/ipv4/ip_fragment.c: reassembly (ip_defrag). */
    public IpFragment fragment() {
        return fragment;
    }

    /** net/ipv4/arp.c (and net/core/neighbour.c through it). */
    public Arp arp() {
        return arp;
    }

    /** net/ipv4/icmp.c. */
    public Icmp icmp() {
        return icmp;
    }

    /** net/ipv4/udp.c. */
    public Udp udp() {
        return udp;
    }

    /** net/ipv4/ping.c: ICMP echo sockets. */
    public Ping ping() {
        return ping;
    }

    /** net/ipv4/ip_sockglue.c: SOL_IP options and their control messages. */
    public IpSockglue sockglue() {
        return sockglue;
    }

    /** net/ipv4/datagram.c: connect for datagram socks. */
    public Datagram datagram() {
        return datagram;
    }

    /** net/ipv4/inet_hashtables.c: TCP's bind, listening and established hashes (tcp_hashinfo). */
    public InetHashtables inet_hashinfo() {
        return inet_hashinfo;
    }

    /** net/ipv4/inet_connection_sock.c: ports, listen, accept. */
    public InetConnectionSock inet_csk() {
        return inet_csk;
    }

    /** net/ipv4/inet_timewait_sock.c: TIME_WAIT socks. */
    public InetTimewaitSock inet_twsk() {
        return inet_twsk;
    }

    /** net/ipv4/tcp.c: TCP's socket calls. */
    public Tcp tcp() {
        return tcp;
    }

    /** net/ipv4/tcp_ipv4.c: tcp_prot, tcp_v4_connect, tcp_v4_rcv, /proc/net/tcp. */
    public TcpIpv4 tcp_ipv4() {
        return tcp_ipv4;
    }

    /** net/ipv4/tcp_input.c. */
    public TcpInput tcp_input() {
        return tcp_input;
    }

    /** net/ipv4/tcp_output.c. */
    public TcpOutput tcp_output() {
        return tcp_output;
    }

    /** net/ipv4/tcp_timer.c. */
    public TcpTimer tcp_timer() {
        return tcp_timer;
    }

    /** net/ipv4/tcp_minisocks.c: TIME_WAIT processing, request socks' children. */
    public TcpMinisocks tcp_minisocks() {
        return tcp_minisocks;
    }

    /** net/ipv4/tcp_cong.c: Reno. */
    public TcpCong tcp_cong() {
        return tcp_cong;
    }
}
