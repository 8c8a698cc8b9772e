package org.jstap.sim.net.unix;

import static org.jstap.sim.net.SocketDefs.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.Inode;
import org.jstap.sim.fs.Lookup;
import org.jstap.sim.fs.Mode;
import org.jstap.sim.fs.Namei;
import org.jstap.sim.fs.Namespace;
import org.jstap.sim.fs.Path;
import org.jstap.sim.fs.PollTable;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.signal.Siginfo;
import org.jstap.sim.kernel.signal.Signals;
import org.jstap.sim.net.Msghdr;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.NetProtoFamily;
import org.jstap.sim.net.Proto;
import org.jstap.sim.net.ProtoOps;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.Socket;
import org.jstap.sim.net.core.Scm;
import org.jstap.sim.net.core.ScmCookie;
import org.jstap.sim.net.core.SockCore;

/**
 * net/unix/af_unix.c: AF_UNIX sockets, stream, datagram and seqpacket. A name is a file
 * (bind makes an S_IFSOCK inode: EADDRINUSE if the name exists; connect looks it up: ENOENT,
 * ECONNREFUSED when nobody listens or it is no socket, EPROTOTYPE for the wrong type) or an
 * abstract name (a leading NUL byte, in a table of its own per type). A stream connect
 * completes at once: the connecting side gets a new sock for the server end, queued on the
 * listener (at most backlog + 1, else it waits or EAGAIN) for accept to graft onto a socket.
 * Data goes straight into the peer's receive queue as {@link UnixSkb}s charged to the sender's
 * send buffer; the sender sleeps once sk_sndbuf is in flight, and for a datagram socket that
 * is not the receiver's peer, also while the receiver has more than net.unix.max_dgram_qlen
 * queued. Closing one end gives the other EOF and EPIPE (with ECONNRESET first if data was left
 * unread); a datagram sender to a closed socket gets ECONNREFUSED.
 *
 * <pre>{@code
 * socketpair(AF_UNIX, SOCK_STREAM, 0, sv)  -> unix_socketpair
 * write(sv[0], ...)                         -> sock_write_iter -> unix_stream_sendmsg
 * read(sv[1], ...)                          -> sock_read_iter -> unix_stream_recvmsg
 * }</pre>
 */
@LinuxFile("net/unix/af_unix.c")
public final class AfUnix {
    /** offsetof(struct sockaddr_un, sun_path). */
    static final int SUN_PATH_OFFSET = 2;
    /** sizeof(struct sockaddr_un). */
    static final int SOCKADDR_UN_SIZE = 110;
    /** __SO_ACCEPTCON: the Flags column of a listening socket in /proc/net/unix. */
    static final int SO_ACCEPTCON = 1 << 16;
    /** SKB_MAX_HEAD(0): the linear bytes of a one-page buffer head. */
    static final long SKB_MAX_HEAD0 = 4096 - SockCore.SKB_SHINFO_SIZE;
    /** UNIX_SKB_FRAGS_SZ: the paged bytes one stream buffer may carry. */
    static final long UNIX_SKB_FRAGS_SZ = 32768;
    /** SKB_MAX_ALLOC: the most a datagram keeps linear (an order-2 head). */
    static final long SKB_MAX_ALLOC = (4096L << 2) - SockCore.SKB_SHINFO_SIZE;
    /** MAX_SKB_FRAGS. */
    static final int MAX_SKB_FRAGS = 17;
    /** PAGE_ALLOC_COSTLY_ORDER: the largest page block a datagram buffer uses. */
    static final int PAGE_ALLOC_COSTLY_ORDER = 3;

    private final Kernel kernel;
    private final Net net;
    private final SockCore core;
    private final Scm scm;
    /** unix_proto: the "UNIX" sock cache; about sizeof(struct unix_sock). */
    final Proto unix_proto = new Proto("UNIX", 1024);
    /** Every unix sock that is not released, in the order they were made (the hash table /proc/net/unix walks). */
    private final Set<UnixSock> unix_socket_table = new LinkedHashSet<>();
    /** Socks bound to a file, by its inode (unix_find_socket_byinode). */
    private final Map<Inode, UnixSock> bsd_socket_table = new IdentityHashMap<>();
    /** Socks with an abstract name, by type and name. */
    private final Map<String, UnixSock> abstract_table = new HashMap<>();

    public AfUnix(Kernel kernel, Net net) {
        this.kernel = kernel;
        this.net = net;
        this.core = net.sock();
        this.scm = new Scm(kernel);
    }

    /** af_unix_init (an fs initcall): the proto, the family, and /proc/net/unix. */
    public int af_unix_init() {
        int rc = core.proto_register(unix_proto);
        if (rc != 0) {
            return rc;
        }
        rc = net.sockets().sock_register(unix_family_ops);
        if (rc != 0) {
            return rc;
        }
        kernel.proc().proc_net().proc_create_net_single("unix", 0444, i -> unix_seq_show());
        return 0;
    }

    /** unix_family_ops. */
    final NetProtoFamily unix_family_ops = new NetProtoFamily() {
        @Override
        public int family() {
            return AF_UNIX;
        }

        @Override
        public int create(Net n, Socket sock, int protocol, boolean kern) {
            return unix_create(n, sock, protocol, kern);
        }
    };

    private static UnixSock unix_sk(Sock sk) {
        return (UnixSock) sk;
    }

    private TaskStruct current() {
        return kernel.sched().current();
    }

    // ---------------------------------------------------------------- creation and release

    /** unix_create: the type picks the ops (SOCK_RAW is taken as SOCK_DGRAM); other protocols than 0 are EPROTONOSUPPORT. */
    int unix_create(Net n, Socket sock, int protocol, boolean kern) {
        if (protocol != 0 && protocol != AF_UNIX) {
            return -Errno.EPROTONOSUPPORT;
        }
        sock.state = Socket.SS_UNCONNECTED;
        switch (sock.type) {
            case SOCK_STREAM -> sock.ops = unix_stream_ops;
            case SOCK_RAW, SOCK_DGRAM -> {
                sock.type = SOCK_DGRAM;
                sock.ops = unix_dgram_ops;
            }
            case SOCK_SEQPACKET -> sock.ops = unix_seqpacket_ops;
            default -> {
                return -Errno.ESOCKTNOSUPPORT;
            }
        }
        return unix_create1(sock, sock.type) == null ? -Errno.ENOMEM : 0;
    }

    /** unix_create1: a new sock of {@code type} for {@code sock} (null: the server end of a connection). */
    UnixSock unix_create1(Socket sock, int type) {
        long kaddr = core.sk_prot_alloc(unix_proto);
        if (kaddr == 0) {
            return null;
        }
        UnixSock sk = new UnixSock(unix_proto, kaddr);
        core.sock_init_data(sock, sk);
        sk.sk_type = type;
        sk.sk_write_space = this::unix_write_space;
        sk.sk_max_ack_backlog = net.unx_sysctl_max_dgram_qlen;
        sk.sk_destruct = this::unix_sock_destructor;
        unix_insert_unbound_socket(sk);
        return sk;
    }

    /** unix_insert_unbound_socket: into the table (which holds a reference). */
    private void unix_insert_unbound_socket(UnixSock sk) {
        SockCore.sock_hold(sk);
        unix_socket_table.add(sk);
    }

    /** unix_remove_socket. */
    private void unix_remove_socket(UnixSock sk) {
        if (unix_socket_table.remove(sk)) {
            sk.sk_refcnt--;
        }
        if (sk.addr != null && sk.addr.is_abstract()) {
            abstract_table.remove(abstract_key(sk.addr.name, sk.addr.len, sk.sk_type), sk);
        }
    }

    /** unix_remove_bsd_socket. */
    private void unix_remove_bsd_socket(UnixSock sk) {
        if (sk.path != null) {
            bsd_socket_table.remove(sk.path.inode(), sk);
        }
    }

    /** unix_sock_destructor: what is left on the queue goes with the sock. */
    void unix_sock_destructor(Sock s) {
        UnixSock sk = unix_sk(s);
        while (!sk.sk_receive_queue.isEmpty()) {
            kfree_skb(sk.sk_receive_queue.remove(0));
        }
    }

    /** unix_release: close(2) of the last descriptor. */
    int unix_release(Socket sock) {
        Sock sk = sock.sk;
        if (sk == null) {
            return 0;
        }
        unix_release_sock(unix_sk(sk), false);
        sock.sk = null;
        return 0;
    }

    /**
     * unix_release_sock: the sock leaves the tables and its name; a connected peer is shut
     * down both ways (ECONNRESET if this end left data unread or was never accepted), and on a
     * listener each connection not yet accepted is released too.
     */
    void unix_release_sock(UnixSock sk, boolean embrion) {
        unix_remove_socket(sk);
        unix_remove_bsd_socket(sk);
        core.sock_orphan(sk);
        sk.sk_shutdown = Sock.SHUTDOWN_MASK;
        Path path = sk.path;
        sk.path = null;
        int state = sk.sk_state;
        sk.sk_state = Sock.TCP_CLOSE;
        UnixSock skpair = sk.peer;
        sk.peer = null;
        kernel.waitq().wake_up(sk.peer_wait);
        if (skpair != null) {
            if (sk.sk_type == SOCK_STREAM || sk.sk_type == SOCK_SEQPACKET) {
                skpair.sk_shutdown = Sock.SHUTDOWN_MASK;
                if (!sk.sk_receive_queue.isEmpty() || embrion) {
                    skpair.sk_err = Errno.ECONNRESET;
                }
                skpair.sk_state_change.call(skpair);
            }
            // unix_dgram_peer_wake_disconnect: senders waiting for room here wake and find us dead
            kernel.waitq().wake_up(skpair.peer_wait);
            core.sock_put(skpair);
        }
        while (!sk.sk_receive_queue.isEmpty()) {
            UnixSkb skb = sk.sk_receive_queue.remove(0);
            if (state == Sock.TCP_LISTEN) {
                unix_release_sock(skb.sk, true);
            }
            skb.consumed = skb.len;
            kfree_skb(skb);
        }
        if (path != null) {
            path_put(path);
        }
        core.sock_put(sk);
    }

    private void path_get(Path path) {
        kernel.vfs().inodes().ihold(path.inode());
        Namespace.mntget(path.mnt());
    }

    private void path_put(Path path) {
        Namespace.mntput(path.mnt());
        kernel.vfs().inodes().iput(path.inode());
    }

    // ---------------------------------------------------------------- buffers

    /** kfree_skb: passed files dropped (unix_destruct_scm), the sender's buffer space given back. */
    void kfree_skb(UnixSkb skb) {
        if (skb.fp != null) {
            ScmCookie c = new ScmCookie();
            c.fp = skb.fp;
            skb.fp = null;
            scm.scm_destroy(c);
        }
        core.sock_wfree(skb.sk, skb.truesize);
    }

    /** unix_writable: not listening, and at most a quarter of the send buffer in flight. */
    static boolean unix_writable(Sock sk) {
        return sk.sk_state != Sock.TCP_LISTEN && sk.sk_wmem_alloc << 2 <= sk.sk_sndbuf;
    }

    /** unix_write_space: a buffer of ours was freed; writers wake once the socket is writable. */
    void unix_write_space(Sock sk) {
        if (unix_writable(sk) && sk.sk_sleep() != null) {
            kernel.waitq().wake_up(sk.sk_sleep());
        }
    }

    /** unix_recvq_full: more than the backlog (or max_dgram_qlen) waiting. */
    static boolean unix_recvq_full(UnixSock sk) {
        return sk.sk_receive_queue.size() > sk.sk_max_ack_backlog;
    }

    private UnixSock unix_peer_get(UnixSock sk) {
        UnixSock peer = sk.peer;
        if (peer != null) {
            SockCore.sock_hold(peer);
        }
        return peer;
    }

    /** init_peercred: the caller is who SO_PEERCRED will name. */
    private void init_peercred(Sock sk) {
        TaskStruct t = current();
        sk.sk_peer_pid = t.tgid;
        sk.sk_peer_cred = t.cred;
    }

    private static void copy_peercred(Sock sk, Sock peersk) {
        sk.sk_peer_pid = peersk.sk_peer_pid;
        sk.sk_peer_cred = peersk.sk_peer_cred;
    }

    /** unix_passcred_enabled: either side asked for credentials (or the receiver is not accepted yet). */
    private static boolean unix_passcred_enabled(Socket sock, Sock other) {
        return sock.test_bit(Socket.SOCK_PASSCRED) || other.sk_socket == null
                || other.sk_socket.test_bit(Socket.SOCK_PASSCRED);
    }

    /** maybe_add_creds: the sender's pid, uid and gid go with the buffer when credentials are wanted. */
    private void maybe_add_creds(UnixSkb skb, Socket sock, Sock other) {
        if (skb.pid != 0) {
            return;
        }
        if (unix_passcred_enabled(sock, other)) {
            TaskStruct t = current();
            skb.pid = t.tgid;
            skb.uid = t.cred.uid();
            skb.gid = t.cred.gid();
        }
    }

    /** unix_scm_to_skb: credentials of the message, and its files (the first buffer only). */
    private static void unix_scm_to_skb(ScmCookie c, UnixSkb skb, boolean sendFds) {
        skb.pid = c.pid;
        skb.uid = c.uid;
        skb.gid = c.gid;
        if (c.fp != null && sendFds) {
            // unix_attach_fds: the buffer takes over the message's references
            skb.fp = c.fp;
            c.fp = null;
        }
    }

    private static boolean unix_skb_scm_eq(UnixSkb skb, ScmCookie c) {
        return skb.pid == c.pid && skb.uid == c.uid && skb.gid == c.gid;
    }

    /** send_sig(SIGPIPE, current, 0): what a write to a shut connection raises. */
    private void send_sigpipe() {
        TaskStruct t = current();
        kernel.signal().send_signal(Signals.SIGPIPE,
                new Siginfo(Signals.SIGPIPE, 0, Siginfo.SI_USER, t.tgid, t.cred.uid(), 0, 0), t, false);
    }

    // ---------------------------------------------------------------- names

    private static int sun_family(byte[] a) {
        return (a[0] & 0xff) | (a[1] & 0xff) << 8;
    }

    /** unix_validate_addr: at least one byte of sun_path, at most a sockaddr_un, and AF_UNIX. */
    static int unix_validate_addr(byte[] sunaddr, int addrLen) {
        if (addrLen <= SUN_PATH_OFFSET || addrLen > SOCKADDR_UN_SIZE) {
            return -Errno.EINVAL;
        }
        return sun_family(sunaddr) != AF_UNIX ? -Errno.EINVAL : 0;
    }

    /** unix_mkname_bsd: sun_path as a C string (the buffer has room for the NUL after 108 bytes). */
    private static String unix_mkname_bsd(byte[] sunaddr, int addrLen) {
        sunaddr[addrLen] = 0;
        int end = SUN_PATH_OFFSET;
        while (sunaddr[end] != 0) {
            end++;
        }
        return new String(sunaddr, SUN_PATH_OFFSET, end - SUN_PATH_OFFSET, StandardCharsets.ISO_8859_1);
    }

    private static String abstract_key(byte[] name, int len, int type) {
        return type + ":" + new String(name, SUN_PATH_OFFSET, len - SUN_PATH_OFFSET, StandardCharsets.ISO_8859_1);
    }

    /** unix_bind: a file name, an abstract name, or (an address of just the family) an autobind. */
    int unix_bind(Socket sock, byte[] sunaddr, int addrLen) {
        UnixSock sk = unix_sk(sock.sk);
        if (addrLen == SUN_PATH_OFFSET && sun_family(sunaddr) == AF_UNIX) {
            return unix_autobind(sk);
        }
        int err = unix_validate_addr(sunaddr, addrLen);
        if (err != 0) {
            return err;
        }
        return sunaddr[SUN_PATH_OFFSET] != 0 ? unix_bind_bsd(sk, sunaddr, addrLen)
                : unix_bind_abstract(sk, sunaddr, addrLen);
    }

    /**
     * unix_bind_bsd: mknod of an S_IFSOCK file (mode 0777 less the umask); an existing name is
     * EADDRINUSE. A socket already bound gets EINVAL, after the new file is made and removed.
     */
    int unix_bind_bsd(UnixSock sk, byte[] sunaddr, int addrLen) {
        String name = unix_mkname_bsd(sunaddr, addrLen);
        int len = name.length() + SUN_PATH_OFFSET + 1;
        UnixAddress addr = new UnixAddress(sunaddr, len);
        Namei namei = kernel.vfs().namei();
        int mode = Mode.S_IFSOCK | (sk.sk_socket.inode.i_mode & 0777 & ~namei.current_umask());
        // kern_path_create, then vfs_mknod in the parent
        Namei.Create c = namei.kern_path_create(Fcntl.AT_FDCWD, name);
        int err = c.err();
        if (err == 0) {
            err = namei.vfs_mknod(c.dir(), c.dentry(), mode, 0);
        }
        if (err != 0) {
            return err == -Errno.EEXIST ? -Errno.EADDRINUSE : err;
        }
        if (sk.addr != null) {
            // bound meanwhile: what we made goes again
            namei.vfs_unlink(c.dir(), c.dentry());
            return -Errno.EINVAL;
        }
        Path made = new Path(c.dir().mnt(), c.dentry());
        path_get(made);
        sk.path = made;
        sk.addr = addr;
        bsd_socket_table.put(made.inode(), sk);
        return 0;
    }

    /** unix_bind_abstract: EINVAL if bound, EADDRINUSE if a sock of this type has the name. */
    int unix_bind_abstract(UnixSock sk, byte[] sunaddr, int addrLen) {
        UnixAddress addr = new UnixAddress(sunaddr, addrLen);
        if (sk.addr != null) {
            return -Errno.EINVAL;
        }
        String key = abstract_key(addr.name, addr.len, sk.sk_type);
        if (abstract_table.containsKey(key)) {
            return -Errno.EADDRINUSE;
        }
        sk.addr = addr;
        abstract_table.put(key, sk);
        return 0;
    }

    /** unix_autobind: an abstract name of five hex digits, from a random start; ENOSPC when all are taken. */
    int unix_autobind(UnixSock sk) {
        if (sk.addr != null) {
            return 0;
        }
        byte[] r = new byte[4];
        kernel.random().get_random_bytes(r);
        int ordernum = ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int lastnum = ordernum & 0xFFFFF;
        while (true) {
            ordernum = (ordernum + 1) & 0xFFFFF;
            byte[] sunaddr = new byte[SUN_PATH_OFFSET + 6];
            sunaddr[0] = (byte) AF_UNIX;
            byte[] digits = String.format("%05x", ordernum).getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(digits, 0, sunaddr, SUN_PATH_OFFSET + 1, 5);
            UnixAddress addr = new UnixAddress(sunaddr, SUN_PATH_OFFSET + 6);
            String key = abstract_key(addr.name, addr.len, sk.sk_type);
            if (!abstract_table.containsKey(key)) {
                sk.addr = addr;
                abstract_table.put(key, sk);
                return 0;
            }
            if (ordernum == lastnum) {
                return -Errno.ENOSPC;
            }
        }
    }

    /**
     * unix_find_bsd: the sock bound to the file the name leads to: ENOENT & co from the walk,
     * EACCES without write permission, ECONNREFUSED for no socket, EPROTOTYPE for another type.
     */
    UnixSock unix_find_bsd(byte[] sunaddr, int addrLen, int type, int[] err) {
        String name = unix_mkname_bsd(sunaddr, addrLen);
        Lookup l = kernel.vfs().namei().filename_lookup(Fcntl.AT_FDCWD, name, Namei.LOOKUP_FOLLOW);
        if (l.err() != 0) {
            err[0] = l.err();
            return null;
        }
        Inode inode = l.path().inode();
        int r = kernel.vfs().namei().inode_permission(l.path().mnt(), inode, Fcntl.MAY_WRITE);
        if (r != 0) {
            err[0] = r;
            return null;
        }
        UnixSock sk = Mode.S_ISSOCK(inode.i_mode) ? bsd_socket_table.get(inode) : null;
        if (sk == null) {
            err[0] = -Errno.ECONNREFUSED;
            return null;
        }
        if (sk.sk_type != type) {
            err[0] = -Errno.EPROTOTYPE;
            return null;
        }
        SockCore.sock_hold(sk);
        return sk;
    }

    /** unix_find_abstract: ECONNREFUSED when no sock of this type has the name. */
    UnixSock unix_find_abstract(byte[] sunaddr, int addrLen, int type, int[] err) {
        UnixSock sk = abstract_table.get(abstract_key(sunaddr, addrLen, type));
        if (sk == null) {
            err[0] = -Errno.ECONNREFUSED;
            return null;
        }
        SockCore.sock_hold(sk);
        return sk;
    }

    /** unix_find_other: the sock an address names, held; null with the errno. */
    UnixSock unix_find_other(byte[] sunaddr, int addrLen, int type, int[] err) {
        return sunaddr[SUN_PATH_OFFSET] != 0 ? unix_find_bsd(sunaddr, addrLen, type, err)
                : unix_find_abstract(sunaddr, addrLen, type, err);
    }

    /** unix_getname: our name or the peer's (ENOTCONN without one); an unbound one is just the family. */
    int unix_getname(Socket sock, byte[] uaddr, int peer) {
        UnixSock sk = unix_sk(sock.sk);
        if (peer != 0) {
            sk = sk.peer;
            if (sk == null) {
                return -Errno.ENOTCONN;
            }
        }
        UnixAddress addr = sk.addr;
        if (addr == null) {
            uaddr[0] = (byte) AF_UNIX;
            uaddr[1] = 0;
            uaddr[SUN_PATH_OFFSET] = 0;
            return SUN_PATH_OFFSET;
        }
        System.arraycopy(addr.name, 0, uaddr, 0, addr.len);
        return addr.len;
    }

    /** unix_copy_addr: the sender's name for recvfrom/recvmsg (nothing, length 0, if unbound). */
    private static void unix_copy_addr(Msghdr msg, UnixSock sk) {
        UnixAddress addr = sk.addr;
        if (addr != null) {
            msg.msg_namelen = addr.len;
            System.arraycopy(addr.name, 0, msg.msg_name, 0, addr.len);
        }
    }

    // ---------------------------------------------------------------- connections

    /** unix_listen: stream and seqpacket only (EOPNOTSUPP), bound (EINVAL), not connected (EINVAL). */
    int unix_listen(Socket sock, int backlog) {
        UnixSock sk = unix_sk(sock.sk);
        if (sock.type != SOCK_STREAM && sock.type != SOCK_SEQPACKET) {
            return -Errno.EOPNOTSUPP;
        }
        if (sk.addr == null) {
            return -Errno.EINVAL;
        }
        if (sk.sk_state != Sock.TCP_CLOSE && sk.sk_state != Sock.TCP_LISTEN) {
            return -Errno.EINVAL;
        }
        if (backlog > sk.sk_max_ack_backlog) {
            kernel.waitq().wake_up(sk.peer_wait);
        }
        sk.sk_max_ack_backlog = backlog;
        sk.sk_state = Sock.TCP_LISTEN;
        init_peercred(sk);
        return 0;
    }

    /** unix_wait_for_peer: sleeps until the listener's (or receiver's) queue has room, it dies or shuts. */
    private long unix_wait_for_peer(UnixSock other, long timeo) {
        BooleanSupplier room = () -> other.sock_flag(Sock.SOCK_DEAD)
                || (other.sk_shutdown & Sock.RCV_SHUTDOWN) != 0 || !unix_recvq_full(other);
        return core.sk_wait_event(other.peer_wait, timeo, room);
    }

    private boolean signal_pending() {
        return kernel.signal().signal_pending(current());
    }

    /**
     * unix_stream_connect: a new sock for the server end, connected to ours and queued on the
     * listener, all at once; ECONNREFUSED if the name's sock is not listening, EAGAIN (or a wait)
     * if its backlog is full, EISCONN if we are connected.
     */
    int unix_stream_connect(Socket sock, byte[] sunaddr, int addrLen, int flags) {
        UnixSock sk = unix_sk(sock.sk);
        int err = unix_validate_addr(sunaddr, addrLen);
        if (err != 0) {
            return err;
        }
        if (sock.test_bit(Socket.SOCK_PASSCRED) && sk.addr == null) {
            err = unix_autobind(sk);
            if (err != 0) {
                return err;
            }
        }
        long timeo = SockCore.sock_sndtimeo(sk, (flags & Fcntl.O_NONBLOCK) != 0);
        UnixSock newsk = unix_create1(null, sock.type);
        if (newsk == null) {
            return -Errno.ENOMEM;
        }
        // sock_wmalloc(newsk, 1): the request the listener's accept will take
        long truesize = SockCore.alloc_skb_truesize(1, 0, 0);
        newsk.sk_wmem_alloc += truesize;
        UnixSkb skb = new UnixSkb(1, truesize, newsk);
        int[] e = new int[1];
        while (true) {
            UnixSock other = unix_find_other(sunaddr, addrLen, sk.sk_type, e);
            if (other == null) {
                err = e[0];
                break;
            }
            if (other.sock_flag(Sock.SOCK_DEAD)) {
                core.sock_put(other);
                continue;
            }
            err = -Errno.ECONNREFUSED;
            if (other.sk_state != Sock.TCP_LISTEN || (other.sk_shutdown & Sock.RCV_SHUTDOWN) != 0) {
                core.sock_put(other);
                break;
            }
            if (unix_recvq_full(other)) {
                err = -Errno.EAGAIN;
                if (timeo == 0) {
                    core.sock_put(other);
                    break;
                }
                timeo = unix_wait_for_peer(other, timeo);
                err = SockCore.sock_intr_errno(timeo);
                core.sock_put(other);
                if (signal_pending()) {
                    break;
                }
                continue;
            }
            int st = sk.sk_state;
            if (st != Sock.TCP_CLOSE) {
                err = st == Sock.TCP_ESTABLISHED ? -Errno.EISCONN : -Errno.EINVAL;
                core.sock_put(other);
                break;
            }
            // the way is open: set up the server end, then ours
            SockCore.sock_hold(sk);
            newsk.peer = sk;
            newsk.sk_state = Sock.TCP_ESTABLISHED;
            newsk.sk_type = sk.sk_type;
            init_peercred(newsk);
            newsk.sk_wq = newsk.peer_wq;
            if (other.path != null) {
                path_get(other.path);
                newsk.path = other.path;
            }
            newsk.addr = other.addr;
            copy_peercred(sk, other);
            sock.state = Socket.SS_CONNECTED;
            sk.sk_state = Sock.TCP_ESTABLISHED;
            SockCore.sock_hold(newsk);
            sk.peer = newsk;
            other.sk_receive_queue.add(skb);
            other.sk_data_ready.call(other);
            core.sock_put(other);
            return 0;
        }
        kfree_skb(skb);
        unix_release_sock(newsk, false);
        return err;
    }

    /**
     * unix_accept: the next queued connection (waiting unless the listener is O_NONBLOCK),
     * grafted onto {@code newsock}; EINVAL if not listening, EOPNOTSUPP for datagrams.
     */
    int unix_accept(Socket sock, Socket newsock, int flags, boolean kern) {
        UnixSock sk = unix_sk(sock.sk);
        if (sock.type != SOCK_STREAM && sock.type != SOCK_SEQPACKET) {
            return -Errno.EOPNOTSUPP;
        }
        if (sk.sk_state != Sock.TCP_LISTEN) {
            return -Errno.EINVAL;
        }
        int[] err = new int[1];
        UnixSkb skb = __skb_recv_datagram(sk, (flags & Fcntl.O_NONBLOCK) != 0 ? MSG_DONTWAIT : 0, err);
        if (skb == null) {
            // nothing and no error: the listener was shut down
            return err[0] == 0 ? -Errno.EINVAL : err[0];
        }
        UnixSock tsk = skb.sk;
        kfree_skb(skb);
        kernel.waitq().wake_up(sk.peer_wait);
        newsock.state = Socket.SS_CONNECTED;
        // unix_sock_inherit_flags
        newsock.set_bit(Socket.SOCK_PASSCRED, sock.test_bit(Socket.SOCK_PASSCRED));
        core.sock_graft(tsk, newsock);
        return 0;
    }

    /** unix_socketpair: two new socks joined back to back. */
    int unix_socketpair(Socket socka, Socket sockb) {
        UnixSock ska = unix_sk(socka.sk);
        UnixSock skb = unix_sk(sockb.sk);
        SockCore.sock_hold(ska);
        SockCore.sock_hold(skb);
        ska.peer = skb;
        skb.peer = ska;
        init_peercred(ska);
        init_peercred(skb);
        ska.sk_state = Sock.TCP_ESTABLISHED;
        skb.sk_state = Sock.TCP_ESTABLISHED;
        socka.state = Socket.SS_CONNECTED;
        sockb.state = Socket.SS_CONNECTED;
        return 0;
    }

    /** unix_may_send: {@code osk} is connected to nobody, or to us. */
    private static boolean unix_may_send(UnixSock sk, UnixSock osk) {
        return osk.peer == null || osk.peer == sk;
    }

    /**
     * unix_dgram_disconnected: leaving a peer drops what we had queued; if it was connected to
     * us it gets ECONNRESET.
     */
    private void unix_dgram_disconnected(UnixSock sk, UnixSock other) {
        if (!sk.sk_receive_queue.isEmpty()) {
            while (!sk.sk_receive_queue.isEmpty()) {
                kfree_skb(sk.sk_receive_queue.remove(0));
            }
            kernel.waitq().wake_up(sk.peer_wait);
            if (!other.sock_flag(Sock.SOCK_DEAD) && other.peer == sk) {
                other.sk_err = Errno.ECONNRESET;
                other.sk_error_report.call(other);
            }
        }
        other.sk_state = Sock.TCP_CLOSE;
    }

    /** unix_dgram_connect: sets (or with AF_UNSPEC clears) the default destination; EPERM if it is connected elsewhere. */
    int unix_dgram_connect(Socket sock, byte[] addr, int alen, int flags) {
        UnixSock sk = unix_sk(sock.sk);
        if (alen < 2) {
            return -Errno.EINVAL;
        }
        UnixSock other = null;
        if (sun_family(addr) != AF_UNSPEC) {
            int err = unix_validate_addr(addr, alen);
            if (err != 0) {
                return err;
            }
            if (sock.test_bit(Socket.SOCK_PASSCRED) && sk.addr == null) {
                err = unix_autobind(sk);
                if (err != 0) {
                    return err;
                }
            }
            int[] e = new int[1];
            while (true) {
                other = unix_find_other(addr, alen, sock.type, e);
                if (other == null) {
                    return e[0];
                }
                if (!other.sock_flag(Sock.SOCK_DEAD)) {
                    break;
                }
                core.sock_put(other);
            }
            if (!unix_may_send(sk, other)) {
                core.sock_put(other);
                return -Errno.EPERM;
            }
            sk.sk_state = Sock.TCP_ESTABLISHED;
            other.sk_state = Sock.TCP_ESTABLISHED;
        }
        UnixSock oldPeer = sk.peer;
        sk.peer = other;
        if (oldPeer != null) {
            if (other == null) {
                sk.sk_state = Sock.TCP_CLOSE;
            }
            kernel.waitq().wake_up(oldPeer.peer_wait);
            if (other != oldPeer) {
                unix_dgram_disconnected(sk, oldPeer);
            }
            core.sock_put(oldPeer);
        }
        return 0;
    }

    /** unix_shutdown: our side's bits, and for a connection the mirror bits on the peer. */
    int unix_shutdown(Socket sock, int mode) {
        UnixSock sk = unix_sk(sock.sk);
        if (mode < SHUT_RD || mode > SHUT_RDWR) {
            return -Errno.EINVAL;
        }
        // SHUT_RD -> RCV_SHUTDOWN, SHUT_WR -> SEND_SHUTDOWN, SHUT_RDWR -> SHUTDOWN_MASK
        ++mode;
        sk.sk_shutdown |= mode;
        UnixSock other = unix_peer_get(sk);
        sk.sk_state_change.call(sk);
        if (other != null && (sk.sk_type == SOCK_STREAM || sk.sk_type == SOCK_SEQPACKET)) {
            int peerMode = 0;
            other.sk_prot.unhash(other);
            if ((mode & Sock.RCV_SHUTDOWN) != 0) {
                peerMode |= Sock.SEND_SHUTDOWN;
            }
            if ((mode & Sock.SEND_SHUTDOWN) != 0) {
                peerMode |= Sock.RCV_SHUTDOWN;
            }
            other.sk_shutdown |= peerMode;
            other.sk_state_change.call(other);
        }
        if (other != null) {
            core.sock_put(other);
        }
        return 0;
    }

    // ---------------------------------------------------------------- receiving a buffer

    /**
     * __skb_recv_datagram with __skb_wait_for_more_packets: the first buffer of the queue
     * (left there under MSG_PEEK), waiting for one unless MSG_DONTWAIT or the timeout runs
     * out (EAGAIN). A pending error comes first; a shut-down receiver gets null with 0 (EOF); a
     * connection-based sock that is neither connected nor listening ENOTCONN.
     */
    UnixSkb __skb_recv_datagram(UnixSock sk, int flags, int[] err) {
        long timeo = SockCore.sock_rcvtimeo(sk, (flags & MSG_DONTWAIT) != 0);
        boolean connectionBased = sk.sk_type == SOCK_STREAM || sk.sk_type == SOCK_SEQPACKET;
        while (true) {
            int error = SockCore.sock_error(sk);
            if (error != 0) {
                err[0] = error;
                return null;
            }
            if (!sk.sk_receive_queue.isEmpty()) {
                return (flags & MSG_PEEK) != 0 ? sk.sk_receive_queue.get(0) : sk.sk_receive_queue.remove(0);
            }
            err[0] = -Errno.EAGAIN;
            if (timeo == 0) {
                return null;
            }
            error = SockCore.sock_error(sk);
            if (error != 0) {
                err[0] = error;
                return null;
            }
            if ((sk.sk_shutdown & Sock.RCV_SHUTDOWN) != 0) {
                err[0] = 0;
                return null;
            }
            if (connectionBased && sk.sk_state != Sock.TCP_ESTABLISHED && sk.sk_state != Sock.TCP_LISTEN) {
                err[0] = -Errno.ENOTCONN;
                return null;
            }
            if (signal_pending()) {
                err[0] = SockCore.sock_intr_errno(timeo);
                return null;
            }
            timeo = core.sk_wait_event(sk.sk_sleep(), timeo, () -> !sk.sk_receive_queue.isEmpty() || sk.sk_err != 0
                    || (sk.sk_shutdown & Sock.RCV_SHUTDOWN) != 0
                    || (connectionBased && sk.sk_state != Sock.TCP_ESTABLISHED && sk.sk_state != Sock.TCP_LISTEN));
        }
    }

    /** unix_detach_fds: the buffer's files move to the receive's control data. */
    private static void unix_detach_fds(ScmCookie c, UnixSkb skb) {
        c.fp = skb.fp;
        skb.fp = null;
    }

    /** unix_peek_fds: MSG_PEEK gives the receiver its own references to the files. */
    private static void unix_peek_fds(ScmCookie c, UnixSkb skb) {
        c.fp = Scm.scm_fp_dup(skb.fp);
    }

    // ---------------------------------------------------------------- datagrams

    /**
     * unix_dgram_sendmsg: one buffer of the whole message (EMSGSIZE past sk_sndbuf - 32) to the
     * address given or the connected peer (ENOTCONN without either); waits (or EAGAIN) while the
     * receiver, not connected back to us, has its queue full. A destination that has been
     * closed is ECONNREFUSED (once: we are disconnected then).
     */
    long unix_dgram_sendmsg(Socket sock, Msghdr msg, long len) {
        UnixSock sk = unix_sk(sock.sk);
        ScmCookie c = new ScmCookie();
        int err = scm.scm_send(sock, msg, c, false);
        if (err < 0) {
            return err;
        }
        byte[] sunaddr = null;
        UnixSock other = null;
        UnixSkb skb = null;
        try {
            if ((msg.msg_flags & MSG_OOB) != 0) {
                return -Errno.EOPNOTSUPP;
            }
            if (msg.msg_namelen != 0) {
                err = unix_validate_addr(msg.msg_name, msg.msg_namelen);
                if (err != 0) {
                    return err;
                }
                sunaddr = msg.msg_name;
            } else {
                other = unix_peer_get(sk);
                if (other == null) {
                    return -Errno.ENOTCONN;
                }
            }
            if (sock.test_bit(Socket.SOCK_PASSCRED) && sk.addr == null) {
                err = unix_autobind(sk);
                if (err != 0) {
                    return err;
                }
            }
            if (len > sk.sk_sndbuf - 32) {
                return -Errno.EMSGSIZE;
            }
            long dataLen = 0;
            if (len > SKB_MAX_ALLOC) {
                dataLen = Math.min(len - SKB_MAX_ALLOC, (long) MAX_SKB_FRAGS * 4096);
                dataLen = (dataLen + 4095) & -4096L;
            }
            int[] e = new int[1];
            boolean noblock = (msg.msg_flags & MSG_DONTWAIT) != 0;
            long truesize = core.sock_alloc_send_pskb(sk, len - dataLen, dataLen, noblock, PAGE_ALLOC_COSTLY_ORDER, e);
            if (truesize < 0) {
                return e[0];
            }
            skb = new UnixSkb((int) len, truesize, sk);
            unix_scm_to_skb(c, skb, true);
            if (msg.msg_iter.copy_from_iter(skb.data, 0, (int) len) != len) {
                return -Errno.EFAULT;
            }
            long timeo = SockCore.sock_sndtimeo(sk, noblock);
            while (true) {
                if (other == null) {
                    if (sunaddr == null) {
                        return -Errno.ECONNRESET;
                    }
                    other = unix_find_other(sunaddr, msg.msg_namelen, sk.sk_type, e);
                    if (other == null) {
                        return e[0];
                    }
                }
                if (!unix_may_send(sk, other)) {
                    return -Errno.EPERM;
                }
                if (other.sock_flag(Sock.SOCK_DEAD)) {
                    UnixSock dead = other;
                    other = null;
                    core.sock_put(dead);
                    if (sk.sk_type == SOCK_SEQPACKET) {
                        return -Errno.EPIPE;
                    }
                    if (sk.peer == dead) {
                        sk.peer = null;
                        sk.sk_state = Sock.TCP_CLOSE;
                        unix_dgram_disconnected(sk, dead);
                        core.sock_put(dead);
                        return -Errno.ECONNREFUSED;
                    }
                    continue;
                }
                if ((other.sk_shutdown & Sock.RCV_SHUTDOWN) != 0) {
                    return -Errno.EPIPE;
                }
                if (other != sk && other.peer != sk && unix_recvq_full(other)) {
                    if (timeo != 0) {
                        timeo = unix_wait_for_peer(other, timeo);
                        if (signal_pending()) {
                            return SockCore.sock_intr_errno(timeo);
                        }
                        continue;
                    }
                    return -Errno.EAGAIN;
                }
                break;
            }
            maybe_add_creds(skb, sock, other);
            other.sk_receive_queue.add(skb);
            skb = null;
            other.sk_data_ready.call(other);
            return len;
        } finally {
            if (skb != null) {
                kfree_skb(skb);
            }
            if (other != null) {
                core.sock_put(other);
            }
            scm.scm_destroy(c);
        }
    }

    /**
     * __unix_dgram_recvmsg: the next datagram; what does not fit the buffer is lost and sets
     * MSG_TRUNC (the call returns the whole length under the MSG_TRUNC flag). The sender's
     * name goes to msg_name.
     */
    long __unix_dgram_recvmsg(UnixSock sk, Msghdr msg, long size, int flags) {
        if ((flags & MSG_OOB) != 0) {
            return -Errno.EOPNOTSUPP;
        }
        int[] err = new int[1];
        UnixSkb skb = __skb_recv_datagram(sk, flags, err);
        if (skb == null) {
            // EOF on a disconnected non-blocking seqpacket socket
            if (sk.sk_type == SOCK_SEQPACKET && err[0] == -Errno.EAGAIN && (sk.sk_shutdown & Sock.RCV_SHUTDOWN) != 0) {
                return 0;
            }
            return err[0];
        }
        boolean peek = (flags & MSG_PEEK) != 0;
        try {
            if (sk.peer_wait.waitqueue_active()) {
                kernel.waitq().wake_up(sk.peer_wait);
            }
            if (msg.msg_name != null) {
                unix_copy_addr(msg, skb.sk);
            }
            if (size > skb.len) {
                size = skb.len;
            } else if (size < skb.len) {
                msg.msg_flags |= MSG_TRUNC;
            }
            if (msg.msg_iter.copy_to_iter(skb.data, 0, (int) size) != size) {
                return -Errno.EFAULT;
            }
            ScmCookie c = new ScmCookie();
            c.scm_set_cred(skb.pid, skb.uid, skb.gid);
            if (!peek) {
                if (skb.fp != null) {
                    unix_detach_fds(c, skb);
                }
            } else if (skb.fp != null) {
                unix_peek_fds(c, skb);
            }
            long r = (flags & MSG_TRUNC) != 0 ? skb.len : size;
            scm.scm_recv(sk.sk_socket, msg, c, flags);
            return r;
        } finally {
            // skb_free_datagram: a peeked buffer stays queued
            if (!peek) {
                kfree_skb(skb);
            }
        }
    }

    /** unix_seqpacket_sendmsg: connected only; the name is ignored. */
    long unix_seqpacket_sendmsg(Socket sock, Msghdr msg, long len) {
        Sock sk = sock.sk;
        int err = SockCore.sock_error(sk);
        if (err != 0) {
            return err;
        }
        if (sk.sk_state != Sock.TCP_ESTABLISHED) {
            return -Errno.ENOTCONN;
        }
        msg.msg_namelen = 0;
        return unix_dgram_sendmsg(sock, msg, len);
    }

    long unix_seqpacket_recvmsg(Socket sock, Msghdr msg, long size, int flags) {
        if (sock.sk.sk_state != Sock.TCP_ESTABLISHED) {
            return -Errno.ENOTCONN;
        }
        return __unix_dgram_recvmsg(unix_sk(sock.sk), msg, size, flags);
    }

    // ---------------------------------------------------------------- streams

    /**
     * unix_stream_sendmsg: the data in buffers of at most half the send buffer (and 36 KiB),
     * each waiting for room; ENOTCONN unconnected, EISCONN/EOPNOTSUPP with an address; a shut
     * or closed peer is EPIPE, with SIGPIPE unless MSG_NOSIGNAL or some data went. Returns what
     * was sent if that is anything.
     */
    long unix_stream_sendmsg(Socket sock, Msghdr msg, long len) {
        UnixSock sk = unix_sk(sock.sk);
        ScmCookie c = new ScmCookie();
        int err = scm.scm_send(sock, msg, c, false);
        if (err < 0) {
            return err;
        }
        long sent = 0;
        boolean fdsSent = false;
        try {
            if ((msg.msg_flags & MSG_OOB) != 0) {
                return -Errno.EOPNOTSUPP;
            }
            if (msg.msg_namelen != 0) {
                return sk.sk_state == Sock.TCP_ESTABLISHED ? -Errno.EISCONN : -Errno.EOPNOTSUPP;
            }
            UnixSock other = sk.peer;
            if (other == null) {
                return -Errno.ENOTCONN;
            }
            if ((sk.sk_shutdown & Sock.SEND_SHUTDOWN) != 0) {
                return pipe_err(sent, msg);
            }
            boolean noblock = (msg.msg_flags & MSG_DONTWAIT) != 0;
            while (sent < len) {
                long size = len - sent;
                // keep two messages in the pipe so it schedules better
                size = Math.min(size, (sk.sk_sndbuf >> 1) - 64);
                size = Math.min(size, SKB_MAX_HEAD0 + UNIX_SKB_FRAGS_SZ);
                long dataLen = Math.max(0, size - SKB_MAX_HEAD0);
                dataLen = Math.min(size, (dataLen + 4095) & -4096L);
                int[] e = new int[1];
                long truesize = core.sock_alloc_send_pskb(sk, size - dataLen, dataLen, noblock, 3, e);
                if (truesize < 0) {
                    return sent > 0 ? sent : e[0];
                }
                UnixSkb skb = new UnixSkb((int) size, truesize, sk);
                unix_scm_to_skb(c, skb, !fdsSent);
                fdsSent = true;
                if (msg.msg_iter.copy_from_iter(skb.data, 0, (int) size) != size) {
                    kfree_skb(skb);
                    return sent > 0 ? sent : -Errno.EFAULT;
                }
                if (other.sock_flag(Sock.SOCK_DEAD) || (other.sk_shutdown & Sock.RCV_SHUTDOWN) != 0) {
                    kfree_skb(skb);
                    return pipe_err(sent, msg);
                }
                maybe_add_creds(skb, sock, other);
                other.sk_receive_queue.add(skb);
                other.sk_data_ready.call(other);
                sent += size;
            }
            return sent;
        } finally {
            scm.scm_destroy(c);
        }
    }

    private long pipe_err(long sent, Msghdr msg) {
        if (sent == 0 && (msg.msg_flags & MSG_NOSIGNAL) == 0) {
            send_sigpipe();
        }
        return sent > 0 ? sent : -Errno.EPIPE;
    }

    /** unix_stream_data_wait: sleeps until data arrives, an error, a shutdown or the timeout. */
    private long unix_stream_data_wait(UnixSock sk, long timeo) {
        return core.sk_wait_event(sk.sk_sleep(), timeo, () -> !sk.sk_receive_queue.isEmpty() || sk.sk_err != 0
                || (sk.sk_shutdown & Sock.RCV_SHUTDOWN) != 0 || sk.sock_flag(Sock.SOCK_DEAD));
    }

    /**
     * unix_stream_read_generic: bytes from the queued buffers in order, across buffers until
     * the request is met; waits only while less than the low-water mark (all of it under
     * MSG_WAITALL) has come. EINVAL unconnected; a pending error (ECONNRESET) after the data;
     * 0 at end of stream. With SO_PASSCRED, buffers of different writers are not glued together.
     */
    long unix_stream_read_generic(Socket sock, Msghdr msg, long size, int flags) {
        UnixSock sk = unix_sk(sock.sk);
        if (sk.sk_state != Sock.TCP_ESTABLISHED) {
            return -Errno.EINVAL;
        }
        if ((flags & MSG_OOB) != 0) {
            return -Errno.EOPNOTSUPP;
        }
        long target = SockCore.sock_rcvlowat(sk, (flags & MSG_WAITALL) != 0, size);
        long timeo = SockCore.sock_rcvtimeo(sk, (flags & MSG_DONTWAIT) != 0);
        boolean peek = (flags & MSG_PEEK) != 0;
        ScmCookie c = new ScmCookie();
        boolean checkCreds = false;
        long copied = 0;
        int err = 0;
        int pos = 0;
        outer:
        do {
            if (sk.sock_flag(Sock.SOCK_DEAD)) {
                err = -Errno.ECONNRESET;
                break;
            }
            if (pos >= sk.sk_receive_queue.size()) {
                if (copied >= target || pos > 0) {
                    break;
                }
                err = SockCore.sock_error(sk);
                if (err != 0 || (sk.sk_shutdown & Sock.RCV_SHUTDOWN) != 0) {
                    break;
                }
                if (timeo == 0) {
                    err = -Errno.EAGAIN;
                    break;
                }
                timeo = unix_stream_data_wait(sk, timeo);
                if (signal_pending()) {
                    scm.scm_destroy(c);
                    return copied != 0 ? copied : SockCore.sock_intr_errno(timeo);
                }
                continue;
            }
            UnixSkb skb = sk.sk_receive_queue.get(pos);
            if (checkCreds) {
                // never glue messages from different writers
                if (!unix_skb_scm_eq(skb, c)) {
                    break;
                }
            } else if (sock.test_bit(Socket.SOCK_PASSCRED)) {
                c.scm_set_cred(skb.pid, skb.uid, skb.gid);
                checkCreds = true;
            }
            if (msg.msg_name != null) {
                unix_copy_addr(msg, skb.sk);
            }
            int chunk = (int) Math.min(skb.unix_skb_len(), size);
            if (msg.msg_iter.copy_to_iter(skb.data, skb.consumed, chunk) != chunk) {
                if (copied == 0) {
                    copied = -Errno.EFAULT;
                }
                break;
            }
            copied += chunk;
            size -= chunk;
            if (!peek) {
                skb.consumed += chunk;
                if (skb.fp != null) {
                    unix_detach_fds(c, skb);
                }
                if (skb.unix_skb_len() != 0) {
                    break;
                }
                sk.sk_receive_queue.remove(0);
                kfree_skb(skb);
                if (c.fp != null) {
                    break;
                }
            } else {
                if (skb.fp != null) {
                    unix_peek_fds(c, skb);
                    break outer;
                }
                pos++;
            }
        } while (size > 0);
        scm.scm_recv(sock, msg, c, flags);
        return copied != 0 ? copied : err;
    }

    long unix_stream_recvmsg(Socket sock, Msghdr msg, long size, int flags) {
        return unix_stream_read_generic(sock, msg, size, flags);
    }

    // ---------------------------------------------------------------- poll and ioctl

    /**
     * unix_poll: streams and seqpacket listeners. POLLHUP when shut both ways or unconnected,
     * POLLRDHUP with POLLIN once the peer stopped writing, POLLOUT while a quarter of the send
     * buffer or less is in flight.
     */
    int unix_poll(File file, Socket sock, PollTable wait) {
        Sock sk = sock.sk;
        PollTable.poll_wait(wait, sock.wq);
        int mask = 0;
        if (sk.sk_err != 0) {
            mask |= PollTable.POLLERR;
        }
        if (sk.sk_shutdown == Sock.SHUTDOWN_MASK) {
            mask |= PollTable.POLLHUP;
        }
        if ((sk.sk_shutdown & Sock.RCV_SHUTDOWN) != 0) {
            mask |= PollTable.POLLRDHUP | PollTable.POLLIN | PollTable.POLLRDNORM;
        }
        if (!unix_sk(sk).sk_receive_queue.isEmpty()) {
            mask |= PollTable.POLLIN | PollTable.POLLRDNORM;
        }
        if ((sk.sk_type == SOCK_STREAM || sk.sk_type == SOCK_SEQPACKET) && sk.sk_state == Sock.TCP_CLOSE) {
            mask |= PollTable.POLLHUP;
        }
        if (unix_writable(sk)) {
            mask |= PollTable.POLLOUT | PollTable.POLLWRNORM | PollTable.POLLWRBAND;
        }
        return mask;
    }

    /**
     * unix_dgram_poll: datagrams and seqpacket. Not writable while the peer, not connected
     * back to us, has a full queue; the poller then also waits on the peer's peer_wait.
     */
    int unix_dgram_poll(File file, Socket sock, PollTable wait) {
        UnixSock sk = unix_sk(sock.sk);
        PollTable.poll_wait(wait, sock.wq);
        int mask = 0;
        if (sk.sk_err != 0) {
            mask |= PollTable.POLLERR;
        }
        if ((sk.sk_shutdown & Sock.RCV_SHUTDOWN) != 0) {
            mask |= PollTable.POLLRDHUP | PollTable.POLLIN | PollTable.POLLRDNORM;
        }
        if (sk.sk_shutdown == Sock.SHUTDOWN_MASK) {
            mask |= PollTable.POLLHUP;
        }
        if (!sk.sk_receive_queue.isEmpty()) {
            mask |= PollTable.POLLIN | PollTable.POLLRDNORM;
        }
        if (sk.sk_type == SOCK_SEQPACKET) {
            if (sk.sk_state == Sock.TCP_CLOSE) {
                mask |= PollTable.POLLHUP;
            }
            if (sk.sk_state == Sock.TCP_SYN_SENT) {
                return mask;
            }
        }
        boolean writable = unix_writable(sk);
        if (writable) {
            UnixSock other = sk.peer;
            if (other != null && other.peer != sk && unix_recvq_full(other)) {
                // unix_dgram_peer_wake_me
                PollTable.poll_wait(wait, other.peer_wait);
                writable = false;
            }
        }
        if (writable) {
            mask |= PollTable.POLLOUT | PollTable.POLLWRNORM | PollTable.POLLWRBAND;
        }
        return mask;
    }

    /** unix_inq_len: unread bytes of a stream or seqpacket socket, the next datagram's size; EINVAL listening. */
    long unix_inq_len(UnixSock sk) {
        if (sk.sk_state == Sock.TCP_LISTEN) {
            return -Errno.EINVAL;
        }
        long amount = 0;
        if (sk.sk_type == SOCK_STREAM || sk.sk_type == SOCK_SEQPACKET) {
            for (UnixSkb skb : sk.sk_receive_queue) {
                amount += skb.unix_skb_len();
            }
        } else if (!sk.sk_receive_queue.isEmpty()) {
            amount = sk.sk_receive_queue.get(0).len;
        }
        return amount;
    }

    /** unix_ioctl: SIOCOUTQ (bytes in flight from us, as buffers count them) and SIOCINQ (FIONREAD). */
    int unix_ioctl(Socket sock, int cmd, long arg) {
        UnixSock sk = unix_sk(sock.sk);
        long amount;
        switch (cmd) {
            case SIOCOUTQ -> amount = sk.sk_wmem_alloc_get();
            case SIOCINQ -> {
                amount = unix_inq_len(sk);
                if (amount < 0) {
                    return (int) amount;
                }
            }
            default -> {
                return -Errno.ENOIOCTLCMD;
            }
        }
        byte[] v = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) amount).array();
        return kernel.uaccess().copy_to_user(arg, v, 0, 4) != 0 ? -Errno.EFAULT : 0;
    }

    // ---------------------------------------------------------------- the ops

    /** The ops all three types share. */
    private abstract class UnixOps implements ProtoOps {
        @Override
        public int family() {
            return AF_UNIX;
        }

        @Override
        public int release(Socket sock) {
            return unix_release(sock);
        }

        @Override
        public int bind(Socket sock, byte[] uaddr, int addrLen) {
            return unix_bind(sock, uaddr, addrLen);
        }

        @Override
        public int socketpair(Socket a, Socket b) {
            return unix_socketpair(a, b);
        }

        @Override
        public int getname(Socket sock, byte[] uaddr, int peer) {
            return unix_getname(sock, uaddr, peer);
        }

        @Override
        public int ioctl(Socket sock, int cmd, long arg) {
            return unix_ioctl(sock, cmd, arg);
        }

        @Override
        public int shutdown(Socket sock, int how) {
            return unix_shutdown(sock, how);
        }
    }

    /** unix_stream_ops. */
    final ProtoOps unix_stream_ops = new UnixOps() {
        @Override
        public int connect(Socket sock, byte[] uaddr, int addrLen, int flags) {
            return unix_stream_connect(sock, uaddr, addrLen, flags);
        }

        @Override
        public int accept(Socket sock, Socket newsock, int flags, boolean kern) {
            return unix_accept(sock, newsock, flags, kern);
        }

        @Override
        public int poll(File file, Socket sock, PollTable wait) {
            return unix_poll(file, sock, wait);
        }

        @Override
        public int listen(Socket sock, int backlog) {
            return unix_listen(sock, backlog);
        }

        @Override
        public long sendmsg(Socket sock, Msghdr m, long len) {
            return unix_stream_sendmsg(sock, m, len);
        }

        @Override
        public long recvmsg(Socket sock, Msghdr m, long len, int flags) {
            return unix_stream_recvmsg(sock, m, len, flags);
        }
    };

    /** unix_dgram_ops: no listen or accept. */
    final ProtoOps unix_dgram_ops = new UnixOps() {
        @Override
        public int connect(Socket sock, byte[] uaddr, int addrLen, int flags) {
            return unix_dgram_connect(sock, uaddr, addrLen, flags);
        }

        @Override
        public int poll(File file, Socket sock, PollTable wait) {
            return unix_dgram_poll(file, sock, wait);
        }

        @Override
        public long sendmsg(Socket sock, Msghdr m, long len) {
            return unix_dgram_sendmsg(sock, m, len);
        }

        @Override
        public long recvmsg(Socket sock, Msghdr m, long len, int flags) {
            return __unix_dgram_recvmsg(unix_sk(sock.sk), m, len, flags);
        }
    };

    /** unix_seqpacket_ops: connections of records. */
    final ProtoOps unix_seqpacket_ops = new UnixOps() {
        @Override
        public int connect(Socket sock, byte[] uaddr, int addrLen, int flags) {
            return unix_stream_connect(sock, uaddr, addrLen, flags);
        }

        @Override
        public int accept(Socket sock, Socket newsock, int flags, boolean kern) {
            return unix_accept(sock, newsock, flags, kern);
        }

        @Override
        public int poll(File file, Socket sock, PollTable wait) {
            return unix_dgram_poll(file, sock, wait);
        }

        @Override
        public int listen(Socket sock, int backlog) {
            return unix_listen(sock, backlog);
        }

        @Override
        public long sendmsg(Socket sock, Msghdr m, long len) {
            return unix_seqpacket_sendmsg(sock, m, len);
        }

        @Override
        public long recvmsg(Socket sock, Msghdr m, long len, int flags) {
            return unix_seqpacket_recvmsg(sock, m, len, flags);
        }
    };

    // ---------------------------------------------------------------- /proc/net/unix

    /**
     * unix_seq_show: /proc/net/unix as Linux prints it. Num is the sock's address; St is
     * SS_CONNECTED/SS_UNCONNECTED for a sock with a socket, SS_CONNECTING/SS_DISCONNECTING for
     * one that has none (a connection not yet accepted); in Path an abstract name starts with @
     * and its NUL bytes print as @. Socks are listed in the order they were made.
     */
    public String unix_seq_show() {
        StringBuilder out = new StringBuilder("Num       RefCount Protocol Flags    Type St Inode Path\n");
        for (UnixSock s : unix_socket_table) {
            boolean est = s.sk_state == Sock.TCP_ESTABLISHED;
            int st = s.sk_socket != null ? (est ? Socket.SS_CONNECTED : Socket.SS_UNCONNECTED)
                    : (est ? Socket.SS_CONNECTING : Socket.SS_DISCONNECTING);
            out.append(String.format("%016x: %08X %08X %08X %04X %02X %5d", s.kaddr(), s.sk_refcnt, 0,
                    s.sk_state == Sock.TCP_LISTEN ? SO_ACCEPTCON : 0, s.sk_type, st,
                    s.sk_socket != null ? s.sk_socket.i_ino() : 0));
            UnixAddress addr = s.addr;
            if (addr != null) {
                out.append(' ');
                int i = 0;
                int len = addr.len - SUN_PATH_OFFSET;
                if (addr.name[SUN_PATH_OFFSET] != 0) {
                    len--;
                } else {
                    out.append('@');
                    i++;
                }
                for (; i < len; i++) {
                    byte b = addr.name[SUN_PATH_OFFSET + i];
                    out.append(b != 0 ? (char) (b & 0xff) : '@');
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The unix socks alive now (for tests and tools). */
    public int nr_socks() {
        return unix_socket_table.size();
    }
}
