package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.SocketDefs.*;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.cred.Cred;
import org.jstap.sim.lib.Checksum;
import org.jstap.sim.net.Msghdr;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.core.SkBuffHead;
import org.jstap.sim.net.core.SockCore;

/**
 * net/ipv4/ping.c: ICMP echo sockets, socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), which
 * iputils' ping uses without privilege. socket() is refused with EACCES unless the caller's
 * group is in net.ipv4.ping_group_range. The sock's local "port" is the echo identifier
 * (autobound from 1 upwards, {@link #ping_get_port}); {@link #ping_v4_sendmsg} takes the ICMP
 * header from the user's data (EINVAL unless it is an echo request), replaces the identifier
 * with the sock's and sends through ip_append_data. Echo replies are matched by identifier
 * ({@link #ping_rcv}) and read back whole, header included, with the sender's address
 * ({@link #ping_recvmsg}).
 *
 * <pre>{@code
 * fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
 * sendto(fd, {type 8, code 0, id 0, seq 1, payload}, ..., {AF_INET, 0, 127.0.0.1})  -> ping_v4_sendmsg
 * recvfrom(fd, buf, ...)   -> ping_recvmsg: {type 0, code 0, id = our ident, seq 1, payload}
 * }</pre>
 */
@LinuxFile("net/ipv4/ping.c")
public final class Ping {
    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;
    /** ping_table: the bound socks. */
    private final List<InetSock> ping_table = new ArrayList<>();
    /** ping_port_rover: where the next autobind looks from. */
    private int ping_port_rover;

    /** ping_prot. */
    public final InetProto ping_prot = new InetProto("PING", 968) {
        @Override
        public InetSock sk_alloc(long kaddr) {
            return new InetSock(this, kaddr);
        }

        @Override
        public int init(Sock sk) {
            return ping_init_sock(sk);
        }

        @Override
        public void close(Sock sk, long timeout) {
            ping_close(sk, timeout);
        }

        @Override
        public int connect(Sock sk, byte[] uaddr, int addrLen) {
            return ipv4.datagram().ip4_datagram_connect(sk, uaddr, addrLen);
        }

        @Override
        public int disconnect(Sock sk, int flags) {
            return ipv4.udp().udp_disconnect(sk, flags);
        }

        @Override
        public boolean has_bind() {
            return true;
        }

        @Override
        public int bind(Sock sk, byte[] uaddr, int addrLen) {
            return ping_bind(sk, uaddr, addrLen);
        }

        @Override
        public int get_port(Sock sk, int snum) {
            return ping_get_port(sk, snum);
        }

        @Override
        public void unhash(Sock sk) {
            ping_unhash(sk);
        }

        @Override
        public long sendmsg(Sock sk, Msghdr msg, long len) {
            return ping_v4_sendmsg(sk, msg, len);
        }

        @Override
        public long recvmsg(Sock sk, Msghdr msg, long len, int flags, int[] addrLen) {
            return ping_recvmsg(sk, msg, len, flags, addrLen);
        }
    };

    Ping(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
    }

    /** ping_init: nothing to set up beyond the table. */
    void ping_init() {}

    /** ping_init_sock: EACCES unless the caller's egid or a supplementary group is in ping_group_range. */
    int ping_init_sock(Sock sk) {
        var t = kernel.sched().current();
        Cred cred = t == null || t.cred == null ? Cred.ROOT : t.cred;
        int low = ipv4.ping_group_range_low;
        int high = ipv4.ping_group_range_high;
        if (Integer.compareUnsigned(low, cred.egid()) <= 0 && Integer.compareUnsigned(cred.egid(), high) <= 0) {
            return 0;
        }
        for (int g : cred.group_info()) {
            if (Integer.compareUnsigned(low, g) <= 0 && Integer.compareUnsigned(g, high) <= 0) {
                return 0;
            }
        }
        return -Errno.EACCES;
    }

    /** ping_close: sk_common_release. */
    void ping_close(Sock sk, long timeout) {
        net.sock().sk_common_release(sk);
    }

    /** ping_get_port: a free identifier after the rover (never 0), or {@code ident} unless a sock without reuse has it. */
    int ping_get_port(Sock sk, int ident) {
        InetSock isk = InetSock.inet_sk(sk);
        if (ident == 0) {
            int result = (ping_port_rover + 1) & 0xffff;
            boolean found = false;
            for (int i = 0; i < (1 << 16); i++, result = (result + 1) & 0xffff) {
                if (result == 0) {
                    result++;
                }
                if (!inuse(isk, result, true)) {
                    ping_port_rover = ident = result;
                    found = true;
                    break;
                }
            }
            if (!found) {
                return -Errno.EADDRINUSE;
            }
        } else if (inuse(isk, ident, false)) {
            return -Errno.EADDRINUSE;
        }
        isk.inet_num = ident;
        if (!ping_table.contains(isk)) {
            ping_table.add(isk);
        }
        return 0;
    }

    private boolean inuse(InetSock isk, int ident, boolean any) {
        for (InetSock isk2 : ping_table) {
            if (isk2 != isk && isk2.inet_num == ident && (any || isk2.sk_reuse == 0 || isk.sk_reuse == 0)) {
                return true;
            }
        }
        return false;
    }

    /** ping_unhash: out of the table. */
    void ping_unhash(Sock sk) {
        InetSock isk = InetSock.inet_sk(sk);
        if (ping_table.remove(isk)) {
            isk.inet_num = 0;
            isk.inet_sport = 0;
        }
    }

    /** ping_bind: EINVAL if bound; the address checks of inet_bind; EADDRINUSE for a taken identifier. */
    int ping_bind(Sock sk, byte[] uaddr, int addrLen) {
        InetSock isk = InetSock.inet_sk(sk);
        if (addrLen < In.SOCKADDR_IN_SIZE) {
            return -Errno.EINVAL;
        }
        int family = In.sin_family(uaddr);
        int addr = In.sin_addr(uaddr);
        if (family != AF_INET && !(family == AF_UNSPEC && addr == In.INADDR_ANY)) {
            return -Errno.EAFNOSUPPORT;
        }
        int chk = ipv4.fib().inet_addr_type(addr);
        if (!AfInet.inet_addr_valid_or_nonlocal(isk, addr, chk)) {
            return -Errno.EADDRNOTAVAIL;
        }
        if (isk.inet_num != 0) {
            return -Errno.EINVAL;
        }
        int snum = In.sin_port(uaddr);
        if (ping_get_port(sk, snum) != 0) {
            return -Errno.EADDRINUSE;
        }
        isk.inet_rcv_saddr = isk.inet_saddr = addr;
        if (chk == Fib.RTN_MULTICAST || chk == Fib.RTN_BROADCAST) {
            isk.inet_saddr = 0;
        }
        if (isk.inet_rcv_saddr != 0) {
            sk.sk_userlocks |= AfInet.SOCK_BINDADDR_LOCK;
        }
        if (snum != 0) {
            sk.sk_userlocks |= AfInet.SOCK_BINDPORT_LOCK;
        }
        isk.inet_sport = isk.inet_num;
        isk.inet_daddr = 0;
        isk.inet_dport = 0;
        isk.sk_dst_cache = null;
        return 0;
    }

    /** ping_lookup: the sock with this identifier bound to the packet's destination (or any). */
    InetSock ping_lookup(SkBuff skb, int ident) {
        int daddr = IpHdr.ip_hdr(skb).daddr();
        for (InetSock isk : ping_table) {
            if (isk.inet_num != ident) {
                continue;
            }
            if (isk.inet_rcv_saddr != 0 && isk.inet_rcv_saddr != daddr) {
                continue;
            }
            if (isk.sk_bound_dev_if != 0 && isk.sk_bound_dev_if != skb.skb_iif) {
                continue;
            }
            return isk;
        }
        return null;
    }

    /**
     * ping_v4_sendmsg: EMSGSIZE past 65535, EINVAL for less than an ICMP header or anything but
     * an echo request, EOPNOTSUPP for MSG_OOB, EINVAL/EAFNOSUPPORT for a bad address,
     * EDESTADDRREQ unconnected without one, the route's errors, EACCES for a broadcast without
     * SO_BROADCAST. The length sent on success.
     */
    public long ping_v4_sendmsg(Sock sk, Msghdr msg, long len) {
        InetSock inet = InetSock.inet_sk(sk);
        if (len > 0xFFFF) {
            return -Errno.EMSGSIZE;
        }
        if (len < IcmpHdr.SIZEOF) {
            return -Errno.EINVAL;
        }
        if ((msg.msg_flags & MSG_OOB) != 0) {
            return -Errno.EOPNOTSUPP;
        }
        byte[] user = new byte[IcmpHdr.SIZEOF];
        if (msg.msg_iter.copy_from_iter(user, 0, IcmpHdr.SIZEOF) != IcmpHdr.SIZEOF) {
            return -Errno.EFAULT;
        }
        int type = user[0] & 0xff;
        int code = user[1] & 0xff;
        if (type != IcmpHdr.ICMP_ECHO || code != 0) {
            return -Errno.EINVAL;
        }
        int sequence = (user[6] & 0xff) << 8 | (user[7] & 0xff);
        int daddr;
        if (msg.msg_name != null) {
            if (msg.msg_namelen < In.SOCKADDR_IN_SIZE) {
                return -Errno.EINVAL;
            }
            if (In.sin_family(msg.msg_name) != AF_INET) {
                return -Errno.EAFNOSUPPORT;
            }
            daddr = In.sin_addr(msg.msg_name);
        } else {
            if (sk.sk_state != Sock.TCP_ESTABLISHED) {
                return -Errno.EDESTADDRREQ;
            }
            daddr = inet.inet_daddr;
        }
        Flowi4 fl4 = Flowi4.flowi4_init_output(inet.sk_bound_dev_if, 0, inet.tos, Fib.RT_SCOPE_UNIVERSE,
                sk.sk_protocol, 0, daddr, inet.inet_saddr, 0, 0);
        fl4.fl4_icmp_type = type;
        fl4.fl4_icmp_code = code;
        int[] err = new int[1];
        Rtable rt = ipv4.route().ip_route_output_flow(fl4, sk, err);
        if (rt == null) {
            if (err[0] == -Errno.ENETUNREACH) {
                ipv4.mib().ip[Snmp.IPSTATS_MIB_OUTNOROUTES]++;
            }
            return err[0];
        }
        if ((rt.rt_flags & Rtable.RTCF_BROADCAST) != 0 && !sk.sock_flag(Sock.SOCK_BROADCAST)) {
            return -Errno.EACCES;
        }
        IpOutput out = ipv4.output();
        int e = out.ip_append_data(inet, fl4, IpOutput.ip_generic_getfrag(msg), (int) len, IcmpHdr.SIZEOF, rt,
                msg.msg_flags);
        if (e != 0) {
            out.ip_flush_pending_frames(inet);
            return e;
        }
        e = ping_v4_push_pending_frames(inet, type, code, inet.inet_sport, sequence, fl4);
        return e != 0 ? e : len;
    }

    /** ping_v4_push_pending_frames: the ICMP header (our identifier) and checksum, then ip_push_pending_frames. */
    int ping_v4_push_pending_frames(InetSock inet, int type, int code, int id, int sequence, Flowi4 fl4) {
        SkBuff skb = SkBuffHead.skb_peek(inet.sk_write_queue);
        if (skb == null) {
            return 0;
        }
        IcmpHdr icmph = IcmpHdr.icmp_hdr(skb);
        icmph.set_type(type);
        icmph.set_code(code);
        icmph.set_checksum(0);
        icmph.set_un(id << 16 | sequence);
        long end = SkBuff.skb_tail_pointer(skb);
        icmph.set_checksum(Checksum.csum_fold(Checksum.csum_partial(skb, icmph.p, (int) (end - icmph.p), 0)));
        skb.ip_summed = SkBuff.CHECKSUM_NONE;
        return ipv4.output().ip_push_pending_frames(inet, fl4);
    }

    /** ping_rcv: an echo reply goes (a clone, header pushed back) to the sock with its identifier; false if none. */
    public boolean ping_rcv(SkBuff skb) {
        IcmpHdr icmph = IcmpHdr.icmp_hdr(skb);
        net.skb().skb_push(skb, (int) (skb.data - icmph.p));
        InetSock sk = ping_lookup(skb, icmph.echo_id());
        if (sk != null) {
            SkBuff skb2 = net.skb().skb_clone(skb, org.jstap.sim.mm.Gfp.GFP_ATOMIC);
            if (skb2 != null && ping_queue_rcv_skb(sk, skb2) == 0) {
                return true;
            }
        }
        return false;
    }

    /** ping_queue_rcv_skb (sock_queue_rcv_skb): onto the receive queue unless SO_RCVBUF is full (sk_drops). */
    int ping_queue_rcv_skb(InetSock sk, SkBuff skb) {
        if (sk.sk_rmem_alloc >= sk.sk_rcvbuf) {
            sk.sk_drops++;
            net.skb().kfree_skb(skb);
            return -Errno.ENOMEM;
        }
        SockCore.skb_set_owner_r(skb, sk);
        SkBuffHead.__skb_queue_tail(sk.sk_receive_queue, skb);
        if (!sk.sock_flag(Sock.SOCK_DEAD)) {
            sk.sk_data_ready.call(sk);
        }
        return 0;
    }

    /**
     * ping_err: an ICMP error quoting one of our echo requests: a hard one (protocol or port
     * unreachable, parameter problem, fragmentation needed) is reported to a connected sock, any
     * to one with IP_RECVERR.
     */
    void ping_err(SkBuff skb, int info) {
        IpHdr iph = new IpHdr(skb, skb.data);
        IcmpHdr quoted = new IcmpHdr(skb, skb.data + iph.ihl() * 4L);
        if (quoted.type() != IcmpHdr.ICMP_ECHO || quoted.code() != 0) {
            return;
        }
        IcmpHdr icmph = IcmpHdr.icmp_hdr(skb);
        int type = icmph.type();
        int code = icmph.code();
        InetSock sk = null;
        for (InetSock isk : ping_table) {
            if (isk.inet_num == quoted.echo_id()) {
                sk = isk;
                break;
            }
        }
        if (sk == null) {
            return;
        }
        int err;
        boolean harderr = false;
        switch (type) {
            case IcmpHdr.ICMP_SOURCE_QUENCH, IcmpHdr.ICMP_REDIRECT -> err = 121; // EREMOTEIO
            case IcmpHdr.ICMP_PARAMETERPROB -> {
                err = Errno.EPROTO;
                harderr = true;
            }
            case IcmpHdr.ICMP_DEST_UNREACH -> {
                if (code == IcmpHdr.ICMP_FRAG_NEEDED) {
                    if (sk.pmtudisc == In.IP_PMTUDISC_DONT) {
                        return;
                    }
                    err = Errno.EMSGSIZE;
                    harderr = true;
                } else {
                    err = Errno.EHOSTUNREACH;
                    if (code <= IcmpHdr.NR_ICMP_UNREACH) {
                        harderr = Icmp.ICMP_ERR_CONVERT[code][1] != 0;
                        err = Icmp.ICMP_ERR_CONVERT[code][0];
                    }
                }
            }
            default -> err = Errno.EHOSTUNREACH;
        }
        if (!sk.recverr && (!harderr || sk.sk_state != Sock.TCP_ESTABLISHED)) {
            return;
        }
        sk.sk_err = err;
        sk.sk_error_report.call(sk);
    }

    /**
     * ping_recvmsg: the next reply, ICMP header and payload (cut to the buffer: MSG_TRUNC in
     * msg_flags), and the sender's address with port 0. EOPNOTSUPP for MSG_OOB.
     */
    public long ping_recvmsg(Sock sk, Msghdr msg, long len, int flags, int[] addrLen) {
        InetSock inet = InetSock.inet_sk(sk);
        if ((flags & MSG_OOB) != 0) {
            return -Errno.EOPNOTSUPP;
        }
        int[] err = new int[1];
        SkBuff skb = net.datagram().__skb_recv_datagram(sk, inet.sk_receive_queue, flags, err);
        if (skb == null) {
            return err[0];
        }
        int copied = skb.len;
        if (copied > len) {
            msg.msg_flags |= MSG_TRUNC;
            copied = (int) len;
        }
        int e = net.datagram().skb_copy_datagram_msg(skb, 0, msg, copied);
        if (e == 0) {
            if (msg.msg_name != null) {
                In.put_sockaddr_in(msg.msg_name, 0, IpHdr.ip_hdr(skb).saddr());
                addrLen[0] = In.SOCKADDR_IN_SIZE;
            }
            ipv4.sockglue().ip_cmsg_recv(msg, inet, skb);
        }
        if ((flags & MSG_PEEK) == 0) {
            net.datagram().skb_free_datagram(sk, skb);
        }
        return e != 0 ? e : copied;
    }
}
