package org.jstap.sim.net.ipv4;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.Msghdr;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.SocketDefs;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.SkBuff;

/**
 * net/ipv4/ip_sockglue.c: the SOL_IP socket options (IP_TOS, IP_TTL, IP_MTU_DISCOVER,
 * IP_RECVERR, IP_RECVTTL, IP_RECVTOS, IP_FREEBIND) and the control messages they ask for on
 * receive ({@link #ip_cmsg_recv}: IP_TTL and IP_TOS, which iputils' ping reads the TTL from).
 *
 * <pre>{@code
 * setsockopt(fd, SOL_IP, IP_RECVTTL, &one, 4)  -> ip_setsockopt; recvmsg then carries {SOL_IP, IP_TTL, ttl}
 * }</pre>
 */
@LinuxFile("net/ipv4/ip_sockglue.c")
public final class IpSockglue {
    public static final int IP_RECVTTL = 12;
    public static final int IP_RECVTOS = 13;
    public static final int IP_MTU = 14;
    public static final int IP_FREEBIND = 15;
    /** inet->cmsg_flags bits. */
    static final int IP_CMSG_TTL = 1 << 2;
    static final int IP_CMSG_TOS = 1 << 3;

    private final Kernel kernel;
    private final Net net;
    private final org.jstap.sim.net.core.Scm scm;

    IpSockglue(Kernel kernel, Net net) {
        this.kernel = kernel;
        this.net = net;
        this.scm = new org.jstap.sim.net.core.Scm(kernel);
    }

    private int get_int(long optval, int optlen, int[] out) {
        if (optlen < 1) {
            return -Errno.EINVAL;
        }
        byte[] b = new byte[4];
        int n = Math.min(optlen, 4);
        if (kernel.uaccess().copy_from_user(b, 0, optval, n) != 0) {
            return -Errno.EFAULT;
        }
        out[0] = n >= 4 ? ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt() : b[0] & 0xff;
        return 0;
    }

    /** An int option's value out to the user (the length clamped to 4, as Linux does for these). */
    int put_int_opt(int val, long optval, long optlen) {
        byte[] lb = new byte[4];
        if (kernel.uaccess().copy_from_user(lb, 0, optlen, 4) != 0) {
            return -Errno.EFAULT;
        }
        int len = ByteBuffer.wrap(lb).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (len < 0) {
            return -Errno.EINVAL;
        }
        len = Math.min(len, 4);
        byte[] v = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(val).array();
        if (kernel.uaccess().copy_to_user(optval, v, 0, len) != 0) {
            return -Errno.EFAULT;
        }
        byte[] l = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(len).array();
        return kernel.uaccess().copy_to_user(optlen, l, 0, 4) != 0 ? -Errno.EFAULT : 0;
    }

    /** ip_setsockopt: EINVAL for a TTL outside 1..255 (-1 resets it) or a bad PMTU mode; ENOPROTOOPT for others. */
    public int ip_setsockopt(Sock sk, int optname, long optval, int optlen) {
        InetSock inet = InetSock.inet_sk(sk);
        int[] v = new int[1];
        int err = get_int(optval, optlen, v);
        if (err != 0) {
            return err;
        }
        int val = v[0];
        switch (optname) {
            case In.IP_TOS -> inet.tos = val & 0xfc;
            case In.IP_TTL -> {
                if (optlen < 1 || val != -1 && (val < 1 || val > 255)) {
                    return -Errno.EINVAL;
                }
                inet.uc_ttl = val;
            }
            case In.IP_MTU_DISCOVER -> {
                if (val < In.IP_PMTUDISC_DONT || val > 5) {
                    return -Errno.EINVAL;
                }
                inet.pmtudisc = val;
            }
            case In.IP_RECVERR -> inet.recverr = val != 0;
            case IP_RECVTTL -> inet.cmsg_flags = val != 0 ? inet.cmsg_flags | IP_CMSG_TTL : inet.cmsg_flags & ~IP_CMSG_TTL;
            case IP_RECVTOS -> inet.cmsg_flags = val != 0 ? inet.cmsg_flags | IP_CMSG_TOS : inet.cmsg_flags & ~IP_CMSG_TOS;
            case IP_FREEBIND -> inet.freebind = val != 0;
            default -> {
                return -Errno.ENOPROTOOPT;
            }
        }
        return 0;
    }

    /** ip_getsockopt: the same options; IP_TTL reads the default (64) while unset; IP_MTU needs a connected route (ENOTCONN). */
    public int ip_getsockopt(Sock sk, int optname, long optval, long optlen) {
        InetSock inet = InetSock.inet_sk(sk);
        int val;
        switch (optname) {
            case In.IP_TOS -> val = inet.tos;
            case In.IP_TTL -> val = inet.uc_ttl >= 0 ? inet.uc_ttl : net.ipv4().sysctl_ip_default_ttl;
            case In.IP_MTU_DISCOVER -> val = inet.pmtudisc;
            case In.IP_RECVERR -> val = inet.recverr ? 1 : 0;
            case IP_RECVTTL -> val = (inet.cmsg_flags & IP_CMSG_TTL) != 0 ? 1 : 0;
            case IP_RECVTOS -> val = (inet.cmsg_flags & IP_CMSG_TOS) != 0 ? 1 : 0;
            case IP_FREEBIND -> val = inet.freebind ? 1 : 0;
            case IP_MTU -> {
                if (inet.sk_dst_cache == null) {
                    return -Errno.ENOTCONN;
                }
                val = inet.sk_dst_cache.dst_mtu();
            }
            default -> {
                return -Errno.ENOPROTOOPT;
            }
        }
        return put_int_opt(val, optval, optlen);
    }

    /** ip_cmsg_recv: the control messages the sock asked for (IP_TTL, IP_TOS) about the datagram's IP header. */
    public void ip_cmsg_recv(Msghdr msg, InetSock inet, SkBuff skb) {
        if (inet.cmsg_flags == 0 || msg.msg_control_user == 0) {
            return;
        }
        IpHdr iph = IpHdr.ip_hdr(skb);
        if ((inet.cmsg_flags & IP_CMSG_TTL) != 0) {
            byte[] ttl = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(iph.ttl()).array();
            scm.put_cmsg(msg, SocketDefs.SOL_IP, In.IP_TTL, ttl);
        }
        if ((inet.cmsg_flags & IP_CMSG_TOS) != 0) {
            scm.put_cmsg(msg, SocketDefs.SOL_IP, In.IP_TOS, new byte[] {(byte) iph.tos()});
        }
    }
}
