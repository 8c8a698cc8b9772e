package org.jstap.sim.net;

/**
 * include/linux/socket.h, include/linux/net.h and include/uapi/asm-generic/socket.h: the numbers
 * programs pass to the socket calls (address families, socket types and their flags, message
 * flags, option levels and SOL_SOCKET options), with the asm-generic (RISC-V) values.
 */
public final class SocketDefs {
    private SocketDefs() {}

    /** Address families (AF_* == PF_*). */
    public static final int AF_UNSPEC = 0;
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    /** NPROTO / AF_MAX: families are below this. */
    public static final int NPROTO = 46;

    /** Socket types (enum sock_type). */
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_RDM = 4;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_DCCP = 6;
    public static final int SOCK_PACKET = 10;
    /** SOCK_MAX: types are below this. */
    public static final int SOCK_MAX = SOCK_PACKET + 1;
    /** SOCK_TYPE_MASK: the type; the bits above are flags. */
    public static final int SOCK_TYPE_MASK = 0xf;
    /** socket(2)/socketpair(2)/accept4(2) flags: the same bits as O_CLOEXEC and O_NONBLOCK. */
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int SOCK_NONBLOCK = 04000;

    /** Message flags (MSG_*). */
    public static final int MSG_OOB = 1;
    public static final int MSG_PEEK = 2;
    public static final int MSG_DONTROUTE = 4;
    public static final int MSG_CTRUNC = 8;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_EOR = 0x80;
    public static final int MSG_WAITALL = 0x100;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int MSG_MORE = 0x8000;
    public static final int MSG_CMSG_CLOEXEC = 0x40000000;

    /** Option levels. */
    public static final int SOL_SOCKET = 1;
    public static final int SOL_IP = 0;
    public static final int SOL_TCP = 6;
    public static final int SOL_UDP = 17;

    /** SOL_SOCKET options (asm-generic/socket.h). */
    public static final int SO_DEBUG = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_TYPE = 3;
    public static final int SO_ERROR = 4;
    public static final int SO_DONTROUTE = 5;
    public static final int SO_BROADCAST = 6;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_KEEPALIVE = 9;
    public static final int SO_OOBINLINE = 10;
    public static final int SO_NO_CHECK = 11;
    public static final int SO_PRIORITY = 12;
    public static final int SO_LINGER = 13;
    public static final int SO_BSDCOMPAT = 14;
    public static final int SO_REUSEPORT = 15;
    public static final int SO_PASSCRED = 16;
    public static final int SO_PEERCRED = 17;
    public static final int SO_RCVLOWAT = 18;
    public static final int SO_SNDLOWAT = 19;
    /** SO_RCVTIMEO/SO_SNDTIMEO take a struct timeval (the _OLD numbers on 64-bit). */
    public static final int SO_RCVTIMEO_OLD = 20;
    public static final int SO_SNDTIMEO_OLD = 21;
    public static final int SO_PEERNAME = 28;
    public static final int SO_ACCEPTCONN = 30;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SO_PROTOCOL = 38;
    public static final int SO_DOMAIN = 39;
    public static final int SO_PEEK_OFF = 42;
    public static final int SO_RCVTIMEO_NEW = 66;
    public static final int SO_SNDTIMEO_NEW = 67;

    /** Control message types at SOL_SOCKET (SCM_*). */
    public static final int SCM_RIGHTS = 1;
    public static final int SCM_CREDENTIALS = 2;

    /** shutdown(2)'s how. */
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    /** sizeof(struct sockaddr_storage): the most a socket address takes. */
    public static final int SOCKADDR_STORAGE_SIZE = 128;
    /** sizeof(struct user_msghdr) on a 64-bit machine. */
    public static final int USER_MSGHDR_SIZE = 56;

    /** ioctls on sockets (SIOCINQ is FIONREAD, SIOCOUTQ is TIOCOUTQ). */
    public static final int SIOCINQ = 0x541B;
    public static final int SIOCOUTQ = 0x5411;
}
