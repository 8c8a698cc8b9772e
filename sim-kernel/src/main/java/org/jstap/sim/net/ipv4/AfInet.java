package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.SocketDefs.*;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.PollTable;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.printk.Printk;
import org.jstap.sim.net.Msghdr;
import org.jstap.sim.net.NetProtoFamily;
import org.jstap.sim.net.ProtoOps;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.Socket;
import org.jstap.sim.net.core.DevIoctl;
import org.jstap.sim.net.core.Ifreq;
import org.jstap.sim.net.core.Net;

/**
 * net/ipv4/af_inet.c: the AF_INET family. socket(AF_INET, type, protocol) runs
 * {@link #inet_create}, which picks the {@link InetProtosw} of inetsw[type] that matches the
 * protocol (0 takes the type's default: SOCK_DGRAM is UDP), allocates the protocol's
 * {@link InetSock} and sets the socket's ops. The ops are generic here and call the protocol
 * through {@code sk->sk_prot}: {@link #inet_bind} (with the address checks and the port from
 * {@code get_port}), {@link #inet_sendmsg} (autobinding a port first), {@link #inet_recvmsg},
 * {@link #inet_getname}, {@link #inet_release}, {@link #inet_ioctl} (routes, ARP, addresses) and,
 * for datagrams, {@link #inet_dgram_connect}. {@link #inet_init} registers everything at boot in
 * Linux's order.
 *
 * <pre>{@code
 * socket(AF_INET, SOCK_DGRAM, 0)         -> __sock_create -> inet_create (udp_prot, inet_dgram_ops)
 * sendto(fd, buf, n, 0, &sin, sizeof sin) -> sock_sendmsg -> inet_sendmsg -> udp_sendmsg
 * // TCP: inet_register_protosw(new InetProtosw(SOCK_STREAM, IPPROTO_TCP, tcp_prot, inet_stream_ops, PERMANENT | ICSK))
 * }</pre>
 */
@LinuxFile("net/ipv4/af_inet.c")
public final class AfInet {
    /** SOCK_BINDADDR_LOCK / SOCK_BINDPORT_LOCK: sk_userlocks bits set by an explicit bind. */
    public static final int SOCK_BINDADDR_LOCK = 4;
    public static final int SOCK_BINDPORT_LOCK = 8;
    /** SIOCADDRT & co (include/uapi/linux/sockios.h). */
    public static final int SIOCADDRT = 0x890B;
    public static final int SIOCDELRT = 0x890C;
    public static final int SIOCRTMSG = 0x890D;
    public static final int SIOCGIFADDR = 0x8915;
    public static final int SIOCSIFADDR = 0x8916;
    public static final int SIOCGIFDSTADDR = 0x8917;
    public static final int SIOCSIFDSTADDR = 0x8918;
    public static final int SIOCGIFBRDADDR = 0x8919;
    public static final int SIOCSIFBRDADDR = 0x891a;
    public static final int SIOCGIFNETMASK = 0x891b;
    public static final int SIOCSIFNETMASK = 0x891c;
    public static final int SIOCDARP = 0x8953;
    public static final int SIOCGARP = 0x8954;
    public static final int SIOCSARP = 0x8955;

    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;
    /** inetsw[type]: the protocols of each socket type, in registration order (PERMANENT ones first). */
    private final List<List<InetProtosw>> inetsw = new ArrayList<>();

    AfInet(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
        for (int i = 0; i < SOCK_MAX; i++) {
            inetsw.add(new ArrayList<>());
        }
    }

    // ---------------------------------------------------------------- boot

    /**
     * inet_init (an fs initcall, as in Linux): the protocols' sock caches, the family, the
     * protocol handlers, inetsw, then ARP, the IP layer (routing, addresses), UDP, ping and ICMP,
     * the /proc/net files, and finally the ETH_P_IP packet handler.
     */
    public int inet_init() {
        int rc = net.sock().proto_register(ipv4.tcp_ipv4().tcp_prot);
        if (rc != 0) {
            return rc;
        }
        rc = net.sock().proto_register(ipv4.udp().udp_prot);
        if (rc != 0) {
            return rc;
        }
        rc = net.sock().proto_register(ipv4.ping().ping_prot);
        if (rc != 0) {
            return rc;
        }
        net.sockets().sock_register(inet_family_ops);
        if (ipv4.protocol().inet_add_protocol(ipv4.icmp().icmp_protocol, In.IPPROTO_ICMP) < 0) {
            kernel.printk().printk(Printk.KERN_CRIT, "inet_init: Cannot add ICMP protocol");
        }
        if (ipv4.protocol().inet_add_protocol(ipv4.udp().udp_protocol, In.IPPROTO_UDP) < 0) {
            kernel.printk().printk(Printk.KERN_CRIT, "inet_init: Cannot add UDP protocol");
        }
        if (ipv4.protocol().inet_add_protocol(ipv4.tcp_ipv4().tcp_protocol, In.IPPROTO_TCP) < 0) {
            kernel.printk().printk(Printk.KERN_CRIT, "inet_init: Cannot add TCP protocol");
        }
        // inetsw_array
        inet_register_protosw(new InetProtosw(SOCK_STREAM, In.IPPROTO_TCP, ipv4.tcp_ipv4().tcp_prot, inet_stream_ops,
                InetProtosw.INET_PROTOSW_PERMANENT | InetProtosw.INET_PROTOSW_ICSK));
        inet_register_protosw(new InetProtosw(SOCK_DGRAM, In.IPPROTO_UDP, ipv4.udp().udp_prot, inet_dgram_ops,
                InetProtosw.INET_PROTOSW_PERMANENT));
        inet_register_protosw(new InetProtosw(SOCK_DGRAM, In.IPPROTO_ICMP, ipv4.ping().ping_prot, inet_sockraw_ops,
                InetProtosw.INET_PROTOSW_REUSE));
        ipv4.arp().arp_init();
        ip_init();
        ipv4.tcp().tcp_init();
        ipv4.udp().udp_init();
        ipv4.ping().ping_init();
        if (ipv4.icmp().icmp_init() < 0) {
            throw new IllegalStateException("Kernel panic - not syncing: Failed to create the ICMP control socket.");
        }
        ipv4_proc_init();
        ipv4.input().ip_packet_type_register();
        return 0;
    }

    /** ip_init: routing (ip_rt_init: devinet_init, ip_fib_init) and the IP id generator. */
    private void ip_init() {
        ipv4.route().ip_rt_init();
        ipv4.output().ip_idents_init();
    }

    /** ipv4_proc_init: /proc/net/tcp (tcp4_proc_init) and /proc/net/snmp (route, arp and udp come with their subsystems). */
    private void ipv4_proc_init() {
        kernel.proc().proc_net().proc_create_net_single("tcp", 0444, i -> ipv4.tcp_ipv4().tcp4_seq_show());
        kernel.proc().proc_net().proc_create_net_single("snmp", 0444, i -> ipv4.mib().snmp_seq_show(ipv4));
    }

    /**
     * inet_register_protosw: adds {@code p} to inetsw[type]. A second permanent protocol for the
     * same type and protocol is refused (Linux prints "Ignoring attempt to register invalid
     * socket type" or "...override permanent protocol").
     */
    public void inet_register_protosw(InetProtosw p) {
        if (p.type() >= SOCK_MAX) {
            kernel.printk().printk(Printk.KERN_ERR, "Ignoring attempt to register invalid socket type " + p.type() + ".");
            return;
        }
        List<InetProtosw> list = inetsw.get(p.type());
        int at = 0;
        for (InetProtosw q : list) {
            if ((q.flags() & InetProtosw.INET_PROTOSW_PERMANENT) == 0) {
                break;
            }
            if (q.protocol() == p.protocol()) {
                kernel.printk().printk(Printk.KERN_ERR, "Attempt to override permanent protocol " + p.protocol() + ".");
                return;
            }
            at++;
        }
        list.add(at, p);
    }

    /** inet_unregister_protosw: a protocol that is not permanent goes away. */
    public void inet_unregister_protosw(InetProtosw p) {
        if ((p.flags() & InetProtosw.INET_PROTOSW_PERMANENT) != 0) {
            kernel.printk().printk(Printk.KERN_ERR, "Attempt to unregister permanent protocol " + p.protocol() + ".");
            return;
        }
        inetsw.get(p.type()).remove(p);
    }

    // ---------------------------------------------------------------- socket(2)

    /** inet_family_ops. */
    final NetProtoFamily inet_family_ops = new NetProtoFamily() {
        @Override
        public int family() {
            return AF_INET;
        }

        @Override
        public int create(Net n, Socket sock, int protocol, boolean kern) {
            return inet_create(n, sock, protocol, kern);
        }
    };

    /**
     * inet_create: EINVAL for a protocol out of range, ESOCKTNOSUPPORT for a type nothing
     * registered, EPROTONOSUPPORT for a protocol the type does not have, EPERM for SOCK_RAW
     * without CAP_NET_RAW; then the protocol's sock with inet's defaults and the protocol's init
     * (ping's checks ping_group_range: EACCES).
     */
    public int inet_create(Net n, Socket sock, int protocol, boolean kern) {
        if (protocol < 0 || protocol >= In.MAX_INET_PROTOS) {
            return -Errno.EINVAL;
        }
        sock.state = Socket.SS_UNCONNECTED;
        int err = -Errno.ESOCKTNOSUPPORT;
        InetProtosw answer = null;
        for (InetProtosw a : inetsw.get(sock.type)) {
            err = 0;
            if (protocol == a.protocol()) {
                if (protocol != In.IPPROTO_IP) {
                    answer = a;
                    break;
                }
            } else {
                if (protocol == In.IPPROTO_IP) {
                    protocol = a.protocol();
                    answer = a;
                    break;
                }
                if (a.protocol() == In.IPPROTO_IP) {
                    answer = a;
                    break;
                }
            }
            err = -Errno.EPROTONOSUPPORT;
        }
        if (answer == null) {
            return err != 0 ? err : -Errno.EPROTONOSUPPORT;
        }
        if (sock.type == SOCK_RAW && !kern && !capable()) {
            return -Errno.EPERM;
        }
        sock.ops = answer.ops();
        InetProto prot = (InetProto) answer.prot();
        long kaddr = net.sock().sk_prot_alloc(prot);
        if (kaddr == 0) {
            return -Errno.ENOBUFS;
        }
        InetSock inet = prot.sk_alloc(kaddr);
        if ((answer.flags() & InetProtosw.INET_PROTOSW_REUSE) != 0) {
            inet.sk_reuse = Sock.SK_CAN_REUSE;
        }
        inet.is_icsk = (answer.flags() & InetProtosw.INET_PROTOSW_ICSK) != 0;
        if (sock.type == SOCK_RAW) {
            inet.inet_num = protocol;
            inet.hdrincl = protocol == In.IPPROTO_RAW;
        }
        inet.pmtudisc = In.IP_PMTUDISC_WANT;
        inet.inet_id = 0;
        net.sock().sock_init_data(sock, inet);
        inet.sk_destruct = this::inet_sock_destruct;
        inet.sk_protocol = protocol;
        inet.uc_ttl = -1;
        if (inet.inet_num != 0) {
            inet.inet_sport = inet.inet_num;
            err = prot.hash(inet);
            if (err != 0) {
                net.sock().sk_common_release(inet);
                sock.sk = null;
                return err;
            }
        }
        err = prot.init(inet);
        if (err != 0) {
            net.sock().sk_common_release(inet);
            sock.sk = null;
            return err;
        }
        return 0;
    }

    /** CAP_NET_RAW / CAP_NET_BIND_SERVICE in the only user namespace: euid 0. */
    private boolean capable() {
        var t = kernel.sched().current();
        return t == null || t.cred == null || t.cred.euid() == 0;
    }

    /** inet_sock_destruct: what is left queued goes with the sock. */
    void inet_sock_destruct(Sock sk) {
        InetSock inet = InetSock.inet_sk(sk);
        net.skb().skb_queue_purge(inet.sk_receive_queue);
        net.skb().skb_queue_purge(inet.sk_write_queue);
        inet.sk_dst_cache = null;
    }

    // ---------------------------------------------------------------- the calls

    /** inet_release: the protocol's close (with SO_LINGER's time); the socket loses its sock. */
    public int inet_release(Socket sock) {
        Sock sk = sock.sk;
        if (sk != null) {
            long timeout = 0;
            if (sk.sock_flag(Sock.SOCK_LINGER)) {
                timeout = sk.sk_lingertime;
            }
            sk.sk_prot.close(sk, timeout);
            sock.sk = null;
        }
        return 0;
    }

    /** inet_bind: the protocol's own bind (ping) or, for a sockaddr_in, __inet_bind. */
    public int inet_bind(Socket sock, byte[] uaddr, int addrLen) {
        Sock sk = sock.sk;
        if (sk.sk_prot.has_bind()) {
            return sk.sk_prot.bind(sk, uaddr, addrLen);
        }
        if (addrLen < In.SOCKADDR_IN_SIZE) {
            return -Errno.EINVAL;
        }
        return __inet_bind(sk, uaddr, addrLen);
    }

    /**
     * inet_addr_valid_or_nonlocal: a bind address must be one of ours (local, or a broadcast or
     * multicast address), or any, unless IP_FREEBIND allows another.
     */
    static boolean inet_addr_valid_or_nonlocal(InetSock inet, int addr, int addrType) {
        return inet.freebind || addr == In.INADDR_ANY || addrType == Fib.RTN_LOCAL || addrType == Fib.RTN_MULTICAST
                || addrType == Fib.RTN_BROADCAST;
    }

    /**
     * __inet_bind: EAFNOSUPPORT for a family other than AF_INET (AF_UNSPEC with INADDR_ANY is
     * taken for old programs), EADDRNOTAVAIL for an address not ours, EACCES for a port below
     * 1024 without privilege, EINVAL if already bound, EADDRINUSE from the protocol's get_port.
     */
    public int __inet_bind(Sock sk, byte[] uaddr, int addrLen) {
        InetSock inet = InetSock.inet_sk(sk);
        int family = In.sin_family(uaddr);
        int addr = In.sin_addr(uaddr);
        if (family != AF_INET) {
            if (family != AF_UNSPEC || addr != In.INADDR_ANY) {
                return -Errno.EAFNOSUPPORT;
            }
        }
        int chk_addr_ret = ipv4.fib().inet_addr_type(addr);
        if (!inet_addr_valid_or_nonlocal(inet, addr, chk_addr_ret)) {
            return -Errno.EADDRNOTAVAIL;
        }
        int snum = In.sin_port(uaddr);
        if (snum != 0 && snum < ipv4.sysctl_ip_prot_sock && !capable()) {
            return -Errno.EACCES;
        }
        if (sk.sk_state != Sock.TCP_CLOSE || inet.inet_num != 0) {
            return -Errno.EINVAL;
        }
        inet.inet_rcv_saddr = inet.inet_saddr = addr;
        if (chk_addr_ret == Fib.RTN_MULTICAST || chk_addr_ret == Fib.RTN_BROADCAST) {
            // use the device's address to send from
            inet.inet_saddr = 0;
        }
        int err = sk.sk_prot.get_port(sk, snum);
        if (err != 0) {
            inet.inet_saddr = inet.inet_rcv_saddr = 0;
            return err;
        }
        if (inet.inet_rcv_saddr != 0) {
            sk.sk_userlocks |= SOCK_BINDADDR_LOCK;
        }
        if (snum != 0) {
            sk.sk_userlocks |= SOCK_BINDPORT_LOCK;
        }
        inet.inet_sport = inet.inet_num;
        inet.inet_daddr = 0;
        inet.inet_dport = 0;
        inet.sk_dst_cache = null;
        return 0;
    }

    /** inet_autobind: an unbound sock gets an ephemeral port; EAGAIN when none is free. */
    int inet_autobind(Sock sk) {
        InetSock inet = InetSock.inet_sk(sk);
        if (inet.inet_num == 0) {
            if (sk.sk_prot.get_port(sk, 0) != 0) {
                return -Errno.EAGAIN;
            }
            inet.inet_sport = inet.inet_num;
        }
        return 0;
    }

    /** inet_dgram_connect: AF_UNSPEC disconnects; else autobind, then the protocol's connect (ip4_datagram_connect). */
    public int inet_dgram_connect(Socket sock, byte[] uaddr, int addrLen, int flags) {
        Sock sk = sock.sk;
        if (addrLen < 2) {
            return -Errno.EINVAL;
        }
        if (In.sin_family(uaddr) == AF_UNSPEC) {
            return sk.sk_prot.disconnect(sk, flags);
        }
        if (InetSock.inet_sk(sk).inet_num == 0 && inet_autobind(sk) != 0) {
            return -Errno.EAGAIN;
        }
        return sk.sk_prot.connect(sk, uaddr, addrLen);
    }

    /** inet_getname: our address and port, or (peer) the connected peer's (ENOTCONN without one). */
    public int inet_getname(Socket sock, byte[] uaddr, int peer) {
        InetSock inet = InetSock.inet_sk(sock.sk);
        if (peer != 0) {
            if (inet.inet_dport == 0 || ((inet.sk_state == Sock.TCP_CLOSE || inet.sk_state == Sock.TCP_SYN_SENT)
                    && peer == 1)) {
                return -Errno.ENOTCONN;
            }
            In.put_sockaddr_in(uaddr, inet.inet_dport, inet.inet_daddr);
        } else {
            int addr = inet.inet_rcv_saddr != 0 ? inet.inet_rcv_saddr : inet.inet_saddr;
            In.put_sockaddr_in(uaddr, inet.inet_sport, addr);
        }
        return In.SOCKADDR_IN_SIZE;
    }

    /** inet_send_prepare: autobind before the first send (not for TCP); EAGAIN if no port is free. */
    int inet_send_prepare(Sock sk) {
        if (InetSock.inet_sk(sk).inet_num == 0 && !((InetProto) sk.sk_prot).no_autobind() && inet_autobind(sk) != 0) {
            return -Errno.EAGAIN;
        }
        return 0;
    }

    /** inet_sendmsg: sk->sk_prot->sendmsg (udp_sendmsg, ping_v4_sendmsg, tcp_sendmsg). */
    public long inet_sendmsg(Socket sock, Msghdr msg, long size) {
        Sock sk = sock.sk;
        if (inet_send_prepare(sk) != 0) {
            return -Errno.EAGAIN;
        }
        return sk.sk_prot.sendmsg(sk, msg, size);
    }

    /** inet_recvmsg: sk->sk_prot->recvmsg; the sender's address length becomes msg_namelen. */
    public long inet_recvmsg(Socket sock, Msghdr msg, long size, int flags) {
        Sock sk = sock.sk;
        int[] addrLen = {0};
        long err = sk.sk_prot.recvmsg(sk, msg, size, flags, addrLen);
        if (err >= 0) {
            msg.msg_namelen = addrLen[0];
        }
        return err;
    }

    /**
     * inet_shutdown: the shutdown bits (EINVAL for a bad how); an unconnected sock answers
     * ENOTCONN but its bits are set all the same, so pollers wake (Linux's "hack to wake up other
     * listeners").
     */
    public int inet_shutdown(Socket sock, int how) {
        Sock sk = sock.sk;
        how++;
        if ((how & ~Sock.SHUTDOWN_MASK) != 0 || how == 0) {
            return -Errno.EINVAL;
        }
        int err = 0;
        if (sock.state == Socket.SS_CONNECTING) {
            sock.state = (1 << sk.sk_state & (1 << Sock.TCP_SYN_SENT | 1 << Sock.TCP_SYN_RECV | 1 << Sock.TCP_CLOSE)) != 0
                    ? Socket.SS_DISCONNECTING : Socket.SS_CONNECTED;
        }
        switch (sk.sk_state) {
            case Sock.TCP_LISTEN -> {
                if ((how & Sock.RCV_SHUTDOWN) != 0) {
                    err = sk.sk_prot.disconnect(sk, org.jstap.sim.fs.Fcntl.O_NONBLOCK);
                    sock.state = err != 0 ? Socket.SS_DISCONNECTING : Socket.SS_UNCONNECTED;
                }
            }
            case Sock.TCP_SYN_SENT -> {
                err = sk.sk_prot.disconnect(sk, org.jstap.sim.fs.Fcntl.O_NONBLOCK);
                sock.state = err != 0 ? Socket.SS_DISCONNECTING : Socket.SS_UNCONNECTED;
            }
            default -> {
                if (sk.sk_state == Sock.TCP_CLOSE) {
                    err = -Errno.ENOTCONN;
                }
                sk.sk_shutdown |= how;
                sk.sk_prot.shutdown(sk, how);
            }
        }
        sk.sk_state_change.call(sk);
        return err;
    }

    /**
     * inet_ioctl: routes (SIOCADDRT/SIOCDELRT: ip_rt_ioctl), the ARP table (SIOC[SGD]ARP:
     * arp_ioctl), interface addresses (SIOC[GS]IF{ADDR,BRDADDR,NETMASK,DSTADDR} and SIOCSIFFLAGS:
     * devinet_ioctl); else the protocol's (SIOCINQ, SIOCOUTQ).
     */
    public int inet_ioctl(Socket sock, int cmd, long arg) {
        Sock sk = sock.sk;
        switch (cmd) {
            case SIOCADDRT, SIOCDELRT -> {
                byte[] rt = new byte[Rtentry.SIZEOF];
                if (kernel.uaccess().copy_from_user(rt, 0, arg, rt.length) != 0) {
                    return -Errno.EFAULT;
                }
                return ipv4.fib().ip_rt_ioctl(cmd, new Rtentry(kernel, rt));
            }
            case SIOCRTMSG -> {
                return -Errno.EINVAL;
            }
            case SIOCDARP, SIOCGARP, SIOCSARP -> {
                return ipv4.arp().arp_ioctl(cmd, arg);
            }
            case SIOCGIFADDR, SIOCGIFBRDADDR, SIOCGIFNETMASK, SIOCGIFDSTADDR, SIOCSIFADDR, SIOCSIFBRDADDR,
                    SIOCSIFNETMASK, SIOCSIFDSTADDR, DevIoctl.SIOCSIFFLAGS -> {
                byte[] raw = new byte[Ifreq.SIZEOF];
                if (kernel.uaccess().copy_from_user(raw, 0, arg, raw.length) != 0) {
                    return -Errno.EFAULT;
                }
                Ifreq ifr = Ifreq.from(raw);
                int err = ipv4.devinet().devinet_ioctl(cmd, ifr);
                boolean get = cmd == SIOCGIFADDR || cmd == SIOCGIFBRDADDR || cmd == SIOCGIFNETMASK
                        || cmd == SIOCGIFDSTADDR;
                if (err == 0 && get && kernel.uaccess().copy_to_user(arg, ifr.bytes(), 0, Ifreq.SIZEOF) != 0) {
                    err = -Errno.EFAULT;
                }
                return err;
            }
            default -> {
                return sk.sk_prot.ioctl(sk, cmd, arg);
            }
        }
    }

    /** inet_setsockopt / inet_getsockopt: SOL_IP at the IP layer, other levels at the protocol. */
    int inet_setsockopt(Socket sock, int level, int optname, long optval, int optlen) {
        if (level == SOL_IP) {
            return ipv4.sockglue().ip_setsockopt(sock.sk, optname, optval, optlen);
        }
        return sock.sk.sk_prot.setsockopt(sock.sk, level, optname, optval, optlen);
    }

    int inet_getsockopt(Socket sock, int level, int optname, long optval, long optlen) {
        if (level == SOL_IP) {
            return ipv4.sockglue().ip_getsockopt(sock.sk, optname, optval, optlen);
        }
        return sock.sk.sk_prot.getsockopt(sock.sk, level, optname, optval, optlen);
    }

    /** The proto_ops every AF_INET type shares (the stream ops will add listen, accept, stream connect). */
    public abstract class InetOps implements ProtoOps {
        @Override
        public int family() {
            return AF_INET;
        }

        @Override
        public int release(Socket sock) {
            return inet_release(sock);
        }

        @Override
        public int bind(Socket sock, byte[] uaddr, int addrLen) {
            return inet_bind(sock, uaddr, addrLen);
        }

        @Override
        public int getname(Socket sock, byte[] uaddr, int peer) {
            return inet_getname(sock, uaddr, peer);
        }

        @Override
        public int ioctl(Socket sock, int cmd, long arg) {
            return inet_ioctl(sock, cmd, arg);
        }

        @Override
        public int shutdown(Socket sock, int how) {
            return inet_shutdown(sock, how);
        }

        @Override
        public int setsockopt(Socket sock, int level, int optname, long optval, int optlen) {
            return inet_setsockopt(sock, level, optname, optval, optlen);
        }

        @Override
        public int getsockopt(Socket sock, int level, int optname, long optval, long optlen) {
            return inet_getsockopt(sock, level, optname, optval, optlen);
        }

        @Override
        public long sendmsg(Socket sock, Msghdr m, long len) {
            return inet_sendmsg(sock, m, len);
        }

        @Override
        public long recvmsg(Socket sock, Msghdr m, long len, int flags) {
            return inet_recvmsg(sock, m, len, flags);
        }
    }

    /**
     * __inet_stream_connect: AF_UNSPEC disconnects; EISCONN when connected, EALREADY while a
     * non-blocking connect is under way; else the protocol's connect and, unless non-blocking
     * (EINPROGRESS), the wait for the handshake (inet_wait_for_connect): its error
     * (ECONNREFUSED, ETIMEDOUT...) or a signal's errno.
     */
    public int inet_stream_connect(Socket sock, byte[] uaddr, int addrLen, int flags) {
        Sock sk = sock.sk;
        net.sock().lock_sock(sk);
        try {
            return __inet_stream_connect(sock, uaddr, addrLen, flags);
        } finally {
            net.sock().release_sock(sk);
        }
    }

    int __inet_stream_connect(Socket sock, byte[] uaddr, int addrLen, int flags) {
        Sock sk = sock.sk;
        if (addrLen < 2) {
            return -Errno.EINVAL;
        }
        if (In.sin_family(uaddr) == AF_UNSPEC) {
            int err = sk.sk_prot.disconnect(sk, flags);
            sock.state = err != 0 ? Socket.SS_DISCONNECTING : Socket.SS_UNCONNECTED;
            return err;
        }
        int err;
        switch (sock.state) {
            case Socket.SS_CONNECTED -> {
                return -Errno.EISCONN;
            }
            case Socket.SS_CONNECTING -> {
                if (sk.sk_state == Sock.TCP_CLOSE) {
                    return inet_stream_connect_error(sock);
                }
                if ((1 << sk.sk_state & (1 << Sock.TCP_ESTABLISHED | 1 << Sock.TCP_CLOSE_WAIT)) != 0) {
                    sock.state = Socket.SS_CONNECTED;
                    return -Errno.EISCONN;
                }
                err = -Errno.EALREADY;
            }
            case Socket.SS_UNCONNECTED -> {
                if (sk.sk_state != Sock.TCP_CLOSE) {
                    return -Errno.EISCONN;
                }
                err = sk.sk_prot.connect(sk, uaddr, addrLen);
                if (err < 0) {
                    return err;
                }
                sock.state = Socket.SS_CONNECTING;
                err = -Errno.EINPROGRESS;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
        long timeo = org.jstap.sim.net.core.SockCore.sock_sndtimeo(sk, (flags & org.jstap.sim.fs.Fcntl.O_NONBLOCK) != 0);
        if ((1 << sk.sk_state & (1 << Sock.TCP_SYN_SENT | 1 << Sock.TCP_SYN_RECV)) != 0) {
            if (timeo == 0) {
                return err;
            }
            timeo = inet_wait_for_connect(sk, timeo);
            if (kernel.signal().signal_pending(kernel.sched().current())
                    && (1 << sk.sk_state & (1 << Sock.TCP_SYN_SENT | 1 << Sock.TCP_SYN_RECV)) != 0) {
                return org.jstap.sim.net.core.SockCore.sock_intr_errno(timeo);
            }
            if ((1 << sk.sk_state & (1 << Sock.TCP_SYN_SENT | 1 << Sock.TCP_SYN_RECV)) != 0) {
                return err == -Errno.EINPROGRESS ? -Errno.EAGAIN : err;
            }
        }
        if (sk.sk_state == Sock.TCP_CLOSE) {
            return inet_stream_connect_error(sock);
        }
        sock.state = Socket.SS_CONNECTED;
        return 0;
    }

    /** sock_error: the failed handshake's error (ECONNABORTED if none), and a disconnect that forgets the addresses. */
    private int inet_stream_connect_error(Socket sock) {
        Sock sk = sock.sk;
        int e = org.jstap.sim.net.core.SockCore.sock_error(sk);
        sock.state = Socket.SS_UNCONNECTED;
        if (sk.sk_prot.disconnect(sk, 0) != 0) {
            sock.state = Socket.SS_DISCONNECTING;
        }
        return e != 0 ? e : -Errno.ECONNABORTED;
    }

    /** inet_wait_for_connect: sleeps (the sock unlocked) while the handshake is in progress. */
    long inet_wait_for_connect(Sock sk, long timeo) {
        net.sock().release_sock(sk);
        long left = net.sock().sk_wait_event(sk.sk_sleep(), timeo,
                () -> (1 << sk.sk_state & ~(1 << Sock.TCP_SYN_SENT | 1 << Sock.TCP_SYN_RECV)) != 0);
        net.sock().lock_sock(sk);
        return left;
    }

    /**
     * inet_listen: EINVAL unless an unconnected stream socket; the first listen starts listening
     * (EADDRINUSE if the port is taken now; an unbound sock gets an ephemeral port), a later one
     * only changes the backlog.
     */
    public int inet_listen(Socket sock, int backlog) {
        Sock sk = sock.sk;
        if (sock.state != Socket.SS_UNCONNECTED || sock.type != SOCK_STREAM) {
            return -Errno.EINVAL;
        }
        net.sock().lock_sock(sk);
        try {
            int old = sk.sk_state;
            if ((1 << old & (1 << Sock.TCP_CLOSE | 1 << Sock.TCP_LISTEN)) == 0) {
                return -Errno.EINVAL;
            }
            sk.sk_max_ack_backlog = backlog;
            if (old != Sock.TCP_LISTEN) {
                return ipv4.inet_csk().inet_csk_listen_start((TcpSock) sk);
            }
            return 0;
        } finally {
            net.sock().release_sock(sk);
        }
    }

    /** inet_accept: the next connection grafted onto {@code newsock}, which becomes connected. */
    public int inet_accept(Socket sock, Socket newsock, int flags, boolean kern) {
        int[] err = {0};
        TcpSock sk2 = ipv4.inet_csk().inet_csk_accept((TcpSock) sock.sk, flags, err);
        if (sk2 == null) {
            return err[0];
        }
        net.sock().sock_graft(sk2, newsock);
        newsock.state = Socket.SS_CONNECTED;
        return 0;
    }

    /** inet_stream_ops: TCP. */
    public final ProtoOps inet_stream_ops = new InetOps() {
        @Override
        public int connect(Socket sock, byte[] uaddr, int addrLen, int flags) {
            return inet_stream_connect(sock, uaddr, addrLen, flags);
        }

        @Override
        public int listen(Socket sock, int backlog) {
            return inet_listen(sock, backlog);
        }

        @Override
        public int accept(Socket sock, Socket newsock, int flags, boolean kern) {
            return inet_accept(sock, newsock, flags, kern);
        }

        @Override
        public int poll(File file, Socket sock, PollTable wait) {
            return ipv4.tcp().tcp_poll(file, sock, wait);
        }
    };

    /** inet_dgram_ops: UDP. */
    public final ProtoOps inet_dgram_ops = new InetOps() {
        @Override
        public int connect(Socket sock, byte[] uaddr, int addrLen, int flags) {
            return inet_dgram_connect(sock, uaddr, addrLen, flags);
        }

        @Override
        public int poll(File file, Socket sock, PollTable wait) {
            return ipv4.udp().udp_poll(file, sock, wait);
        }
    };

    /** inet_sockraw_ops: ping sockets (and raw ones, were there any): datagram_poll. */
    public final ProtoOps inet_sockraw_ops = new InetOps() {
        @Override
        public int connect(Socket sock, byte[] uaddr, int addrLen, int flags) {
            return inet_dgram_connect(sock, uaddr, addrLen, flags);
        }

        @Override
        public int poll(File file, Socket sock, PollTable wait) {
            return net.datagram().datagram_poll(file, sock, wait, InetSock.inet_sk(sock.sk).sk_receive_queue);
        }
    };
}
