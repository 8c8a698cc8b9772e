package org.jstap.sim.net;

import org.jstap.sim.kernel.Errno;
import org.jstap.sim.mm.Slub;

/**
 * struct proto (include/net/sock.h): a transport protocol's side of the sock: its name (what
 * /proc/net/protocols and accept's new file show), the size of its sock and the slab cache
 * {@code sk_alloc} takes them from, and the hooks the generic code calls. A hook a protocol
 * does not have is Linux's NULL pointer: the default does nothing.
 */
public class Proto {
    public final String name;
    /** obj_size: sizeof the protocol's sock (struct unix_sock, struct tcp_sock...). */
    public final int obj_size;
    /** The protocol's sock cache; proto_register makes it. */
    public Slub.KmemCache slab;

    public Proto(String name, int objSize) {
        this.name = name;
        this.obj_size = objSize;
    }

    /** keepalive: SO_KEEPALIVE was set or cleared (TCP arms its keepalive timer). */
    public void keepalive(Sock sk, boolean on) {}

    /** unhash: the sock leaves the protocol's lookup tables. */
    public void unhash(Sock sk) {}

    // The operations of struct proto that AF_INET's socket calls pass on (inet_sendmsg ->
    // sk->sk_prot->sendmsg). A protocol overrides what it has; the defaults answer as Linux does
    // for a NULL pointer where the caller checks one, else EOPNOTSUPP.

    /** init: a new sock of this protocol is set up (0 or -errno). */
    public int init(Sock sk) {
        return 0;
    }

    /** destroy: the protocol's own teardown of a sock (sk_common_release). */
    public void destroy(Sock sk) {}

    /** close: the socket's last descriptor went ({@code timeout}: SO_LINGER's, in jiffies). */
    public void close(Sock sk, long timeout) {}

    /** connect: to the address in {@code uaddr} (a struct sockaddr of {@code addrLen} bytes). */
    public int connect(Sock sk, byte[] uaddr, int addrLen) {
        return -Errno.EOPNOTSUPP;
    }

    /** disconnect: connect(AF_UNSPEC), or a reset. */
    public int disconnect(Sock sk, int flags) {
        return -Errno.EOPNOTSUPP;
    }

    /** has_bind / bind: a protocol with its own bind (ping); others use inet_bind's. */
    public boolean has_bind() {
        return false;
    }

    public int bind(Sock sk, byte[] uaddr, int addrLen) {
        return -Errno.EOPNOTSUPP;
    }

    /** get_port: binds the sock to local port {@code snum} (0: pick one); 0 or nonzero if it is taken. */
    public int get_port(Sock sk, int snum) {
        return -Errno.EOPNOTSUPP;
    }

    /** hash: the sock enters the lookup tables. */
    public int hash(Sock sk) {
        return 0;
    }

    /** ioctl: the protocol's commands (SIOCINQ, SIOCOUTQ); -ENOIOCTLCMD for others. */
    public int ioctl(Sock sk, int cmd, long arg) {
        return -Errno.ENOIOCTLCMD;
    }

    public int setsockopt(Sock sk, int level, int optname, long optval, int optlen) {
        return -Errno.ENOPROTOOPT;
    }

    public int getsockopt(Sock sk, int level, int optname, long optval, long optlen) {
        return -Errno.ENOPROTOOPT;
    }

    /** sendmsg: bytes sent, or -errno. */
    public long sendmsg(Sock sk, Msghdr msg, long len) {
        return -Errno.EOPNOTSUPP;
    }

    /** recvmsg: bytes received, or -errno; the sender's address length goes to {@code addrLen[0]}. */
    public long recvmsg(Sock sk, Msghdr msg, long len, int flags, int[] addrLen) {
        return -Errno.EOPNOTSUPP;
    }

    /** shutdown: TCP sends its FIN; datagram protocols have nothing to do. */
    public void shutdown(Sock sk, int how) {}

    /** backlog_rcv: a segment that waited on sk_backlog while the user owned the sock (tcp_v4_do_rcv). */
    public int backlog_rcv(Sock sk, org.jstap.sim.net.core.SkBuff skb) {
        return 0;
    }

    /** release_cb: deferred work once the socket lock is let go. */
    public void release_cb(Sock sk) {}

    /** The slab cache of this protocol's socks, once registered. */
    public Slub.KmemCache slab() {
        return slab;
    }
}
