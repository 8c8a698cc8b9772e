package org.jstap.sim.net;

import org.jstap.sim.fs.File;
import org.jstap.sim.fs.PollTable;
import org.jstap.sim.kernel.Errno;

/**
 * struct proto_ops (include/linux/net.h): what a protocol family does for each socket call. The
 * socket layer ({@link Sockets}) checks the descriptor and copies addresses and option values,
 * then calls these with kernel copies ({@code uaddr} is a struct sockaddr_storage) or, for data,
 * a {@link Msghdr} whose iterator reaches the caller's buffers. Each default is what Linux's
 * {@code sock_no_*} helper (or a NULL pointer) answers: EOPNOTSUPP, or no readiness for poll.
 *
 * <pre>{@code
 * final ProtoOps inet_stream_ops = new ProtoOps() {
 *     public int family() { return SocketDefs.AF_INET; }
 *     public long sendmsg(Socket sock, Msghdr m, long len) { return inet_sendmsg(sock, m, len); }
 *     ...
 * };
 * }</pre>
 */
public interface ProtoOps {
    int family();

    /** release: the socket's file is gone; tear the sock down. */
    int release(Socket sock);

    default int bind(Socket sock, byte[] uaddr, int addrLen) {
        return -Errno.EOPNOTSUPP;
    }

    /** connect: {@code flags} are the file's (O_NONBLOCK). */
    default int connect(Socket sock, byte[] uaddr, int addrLen, int flags) {
        return -Errno.EOPNOTSUPP;
    }

    default int socketpair(Socket a, Socket b) {
        return -Errno.EOPNOTSUPP;
    }

    /** accept: {@code newsock} is allocated with this socket's type and ops; graft the connection onto it. */
    default int accept(Socket sock, Socket newsock, int flags, boolean kern) {
        return -Errno.EOPNOTSUPP;
    }

    /** getname: writes the local (peer == 0) or remote address into {@code uaddr}; its length, or -errno. */
    default int getname(Socket sock, byte[] uaddr, int peer) {
        return -Errno.EOPNOTSUPP;
    }

    /** poll: the readiness mask, registering the socket's wait queue with {@code wait}. */
    default int poll(File file, Socket sock, PollTable wait) {
        return 0;
    }

    /** ioctl: a protocol's own commands; -ENOIOCTLCMD for others. */
    default int ioctl(Socket sock, int cmd, long arg) {
        return -Errno.ENOIOCTLCMD;
    }

    default int listen(Socket sock, int backlog) {
        return -Errno.EOPNOTSUPP;
    }

    default int shutdown(Socket sock, int how) {
        return -Errno.EOPNOTSUPP;
    }

    /** setsockopt for levels other than SOL_SOCKET; {@code optval} is a user address. */
    default int setsockopt(Socket sock, int level, int optname, long optval, int optlen) {
        return -Errno.EOPNOTSUPP;
    }

    /** getsockopt for levels other than SOL_SOCKET; {@code optval}/{@code optlen} are user addresses. */
    default int getsockopt(Socket sock, int level, int optname, long optval, long optlen) {
        return -Errno.EOPNOTSUPP;
    }

    /** sendmsg: bytes sent from {@code m.msg_iter}, or -errno. */
    default long sendmsg(Socket sock, Msghdr m, long totalLen) {
        return -Errno.EOPNOTSUPP;
    }

    /** recvmsg: bytes received into {@code m.msg_iter} (the datagram's length under MSG_TRUNC), or -errno. */
    default long recvmsg(Socket sock, Msghdr m, long totalLen, int flags) {
        return -Errno.EOPNOTSUPP;
    }
}
