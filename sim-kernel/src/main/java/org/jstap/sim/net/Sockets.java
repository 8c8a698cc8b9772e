package org.jstap.sim.net;

import static org.jstap.sim.net.SocketDefs.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.Dentry;
import org.jstap.sim.fs.Fcntl;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.FileOperations;
import org.jstap.sim.fs.FileSystemType;
import org.jstap.sim.fs.Files;
import org.jstap.sim.fs.Inode;
import org.jstap.sim.fs.Mode;
import org.jstap.sim.fs.Path;
import org.jstap.sim.fs.PollTable;
import org.jstap.sim.fs.SuperBlock;
import org.jstap.sim.fs.VfsMount;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.printk.Printk;
import org.jstap.sim.lib.IovIter;
import org.jstap.sim.net.core.Net;

/**
 * net/socket.c: the socket layer. A socket is a sockfs inode with a {@link Socket} in it and a
 * file whose operations ({@link #socket_file_ops}) turn read, write, poll, ioctl and close into
 * the protocol's {@link ProtoOps}. socket(2) runs {@code __sys_socket -> sock_create ->
 * __sock_create -> pf->create} for the family registered with {@link #sock_register}, then
 * {@code sock_map_fd}. The other calls look the descriptor up ({@code sockfd_lookup_light}: EBADF,
 * ENOTSOCK), copy addresses in and out with Linux's checks ({@link #move_addr_to_kernel},
 * {@link #move_addr_to_user}: EINVAL for a bad length, EFAULT, the returned length is the
 * address's full one even when the copy was cut) and hand the protocol a {@link Msghdr}.
 *
 * <pre>{@code
 * Socket[] s = new Socket[1];
 * int err = kernel.net().sockets().sock_create(AF_UNIX, SOCK_DGRAM, 0, s);
 * }</pre>
 */
@LinuxFile("net/socket.c")
public final class Sockets {
    /** SOCKFS_MAGIC, what statfs reports for a socket. */
    static final long SOCKFS_MAGIC = 0x534F434BL;
    /** MSG_CMSG_COMPAT: a 32-bit caller's layout, refused by the native calls. */
    static final int MSG_CMSG_COMPAT = 0x80000000;

    /** pf_family_names: what "NET: Registered ... protocol family" prints. */
    private static final String[] PF_FAMILY_NAMES = {"PF_UNSPEC", "PF_UNIX/PF_LOCAL", "PF_INET", "PF_AX25", "PF_IPX",
        "PF_APPLETALK", "PF_NETROM", "PF_BRIDGE", "PF_ATMPVC", "PF_X25", "PF_INET6", "PF_ROSE", "PF_DECnet",
        "PF_NETBEUI", "PF_SECURITY", "PF_KEY", "PF_NETLINK/PF_ROUTE", "PF_PACKET", "PF_ASH", "PF_ECONET",
        "PF_ATMSVC", "PF_RDS", "PF_SNA", "PF_IRDA", "PF_PPPOX", "PF_WANPIPE", "PF_LLC", "PF_IB", "PF_MPLS",
        "PF_CAN", "PF_TIPC", "PF_BLUETOOTH", "PF_IUCV", "PF_RXRPC", "PF_ISDN", "PF_PHONET", "PF_IEEE802154",
        "PF_CAIF", "PF_ALG", "PF_NFC", "PF_VSOCK", "PF_KCM", "PF_QIPCRTR", "PF_SMC", "PF_XDP", "PF_MCTP"};

    private final Kernel kernel;
    private final Net net;
    /** net_families: the registered families by number; guarded by the single running thread (net_family_lock). */
    private final NetProtoFamily[] net_families = new NetProtoFamily[NPROTO];
    private SuperBlock sockfs;
    private VfsMount sock_mnt;

    public Sockets(Kernel kernel, Net net) {
        this.kernel = kernel;
        this.net = net;
    }

    // ---------------------------------------------------------------- sockfs and the family registry

    /** sock_init (a core initcall): sockfs registered and mounted internally. */
    public int sock_init() {
        FileSystemType type = new FileSystemType() {
            @Override
            public String name() {
                return "sockfs";
            }

            @Override
            public SuperBlock mount(int flags, String devName, String data, int[] err) {
                SuperBlock sb = kernel.vfs().supers().alloc_super(this, 0);
                sb.s_magic = SOCKFS_MAGIC;
                Inode root = kernel.vfs().inodes().new_inode(sb, 1, Mode.S_IFDIR | 0700);
                sb.s_root = kernel.vfs().dcache().d_make_root(sb, root);
                return sb;
            }
        };
        int r = kernel.vfs().filesystems().register_filesystem(type);
        if (r != 0) {
            return r;
        }
        int[] err = new int[1];
        sock_mnt = kernel.vfs().namespace().vfs_kern_mount(type, 0, "sockfs", null, err);
        sockfs = sock_mnt == null ? null : sock_mnt.mnt_sb;
        return err[0];
    }

    /** sock_register: {@code ops} now creates the sockets of its family; EEXIST if one already does. */
    public int sock_register(NetProtoFamily ops) {
        int family = ops.family();
        if (family < 0 || family >= NPROTO) {
            kernel.printk().printk(Printk.KERN_CRIT, "protocol " + family + " >= NPROTO(" + NPROTO + ")");
            return -Errno.ENOBUFS;
        }
        int err;
        if (net_families[family] != null) {
            err = -Errno.EEXIST;
        } else {
            net_families[family] = ops;
            err = 0;
        }
        kernel.printk().printk(Printk.KERN_INFO, "NET: Registered " + PF_FAMILY_NAMES[family] + " protocol family");
        return err;
    }

    /** sock_unregister: the family's sockets can no longer be made (existing ones live on). */
    public void sock_unregister(int family) {
        net_families[family] = null;
        kernel.printk().printk(Printk.KERN_INFO, "NET: Unregistered " + PF_FAMILY_NAMES[family] + " protocol family");
    }

    /** The family registered for {@code family}, or null. */
    public NetProtoFamily net_family(int family) {
        return family < 0 || family >= NPROTO ? null : net_families[family];
    }

    // ---------------------------------------------------------------- sockets and their files

    /** sock_alloc: a socket in a new sockfs inode (S_IFSOCK, rwx for all, owned by the caller). */
    public Socket sock_alloc() {
        Inode inode = kernel.vfs().inodes().new_inode(sockfs, sockfs.get_next_ino(), Mode.S_IFSOCK | 0777);
        Socket sock = new Socket(inode);
        inode.i_private = sock;
        return sock;
    }

    /** SOCKET_I: the socket a sockfs inode holds. */
    public static Socket SOCKET_I(Inode inode) {
        return (Socket) inode.i_private;
    }

    /** sock_release: the protocol lets go of the socket, which dies with its file (or now, without one). */
    public void sock_release(Socket sock) {
        __sock_release(sock);
    }

    private void __sock_release(Socket sock) {
        if (sock.ops != null) {
            sock.ops.release(sock);
            sock.sk = null;
            sock.ops = null;
        }
        // sockfs drops its inodes at the last iput (generic_delete_inode)
        sock.inode.i_nlink = 0;
        if (sock.file == null) {
            kernel.vfs().inodes().iput_final_check(sock.inode);
            return;
        }
        sock.file = null;
    }

    /**
     * sock_alloc_file: the socket's file, read-write, named "socket:[INO]" as sockfs's d_dname
     * makes it; a stream, so lseek and pread are ESPIPE.
     */
    public File sock_alloc_file(Socket sock, int flags, String dname) {
        Dentry d = kernel.vfs().dcache().d_alloc(sockfs.s_root, "socket:[" + sock.inode.i_ino + "]");
        d.d_inode = sock.inode;
        File file = kernel.vfs().file_table().alloc_file(new Path(sock_mnt, d), Fcntl.O_RDWR | (flags & Fcntl.O_NONBLOCK),
                File.FMODE_READ | File.FMODE_WRITE | File.FMODE_STREAM, socket_file_ops);
        sock.file = file;
        file.private_data = sock;
        return file;
    }

    /** sock_map_fd: a descriptor for a new socket's file (the socket is released if there is none). */
    int sock_map_fd(Socket sock, int flags) {
        Files files = kernel.vfs().files();
        int fd = files.get_unused_fd_flags(flags);
        if (fd < 0) {
            sock_release(sock);
            return fd;
        }
        files.fd_install(fd, sock_alloc_file(sock, flags, null));
        return fd;
    }

    /** sock_from_file: the socket behind an open file, or null if it is not one. */
    public Socket sock_from_file(File file) {
        return file.f_op == socket_file_ops ? (Socket) file.private_data : null;
    }

    /** sockfd_lookup_light: the socket behind {@code fd}; null with EBADF or ENOTSOCK in err[0]. */
    Socket sockfd_lookup_light(int fd, int[] err) {
        File f = kernel.vfs().files().fget(fd);
        if (f == null) {
            err[0] = -Errno.EBADF;
            return null;
        }
        Socket sock = sock_from_file(f);
        if (sock == null) {
            err[0] = -Errno.ENOTSOCK;
        }
        return sock;
    }

    /**
     * __sock_create: a socket of {@code family}, {@code type} and {@code protocol}, made by the
     * family's create. EAFNOSUPPORT for a family out of range or not registered, EINVAL for a
     * type out of range; the family decides the rest (ESOCKTNOSUPPORT, EPROTONOSUPPORT...).
     */
    public int __sock_create(Net net, int family, int type, int protocol, Socket[] res, boolean kern) {
        if (family < 0 || family >= NPROTO) {
            return -Errno.EAFNOSUPPORT;
        }
        if (type < 0 || type >= SOCK_MAX) {
            return -Errno.EINVAL;
        }
        // compatibility: (PF_INET, SOCK_PACKET) was how packet sockets were once made
        if (family == AF_INET && type == SOCK_PACKET) {
            kernel.printk().printk(Printk.KERN_INFO, kernel.sched().current().comm
                    + " uses obsolete (PF_INET,SOCK_PACKET)");
            family = AF_PACKET;
        }
        Socket sock = sock_alloc();
        sock.type = type;
        NetProtoFamily pf = net_families[family];
        if (pf == null) {
            sock_release(sock);
            return -Errno.EAFNOSUPPORT;
        }
        int err = pf.create(net, sock, protocol, kern);
        if (err < 0) {
            sock.ops = null;
            sock_release(sock);
            return err;
        }
        res[0] = sock;
        return 0;
    }

    /** sock_create: a user socket in the machine's network namespace. */
    public int sock_create(int family, int type, int protocol, Socket[] res) {
        return __sock_create(net, family, type, protocol, res, false);
    }

    /** sock_create_kern: a socket for the kernel's own use. */
    public int sock_create_kern(int family, int type, int protocol, Socket[] res) {
        return __sock_create(net, family, type, protocol, res, true);
    }

    /** sock_sendmsg: the protocol's sendmsg with what is left in the message's iterator. */
    public long sock_sendmsg(Socket sock, Msghdr msg) {
        return sock.ops.sendmsg(sock, msg, msg.msg_data_left());
    }

    /** sock_recvmsg: the protocol's recvmsg for as much as the iterator holds. */
    public long sock_recvmsg(Socket sock, Msghdr msg, int flags) {
        return sock.ops.recvmsg(sock, msg, msg.msg_data_left(), flags);
    }

    /** socket_file_ops: what a socket's file does. */
    final FileOperations socket_file_ops = new FileOperations() {
        @Override
        public long read_iter(File file, IovIter to) {
            return sock_read_iter(file, to);
        }

        @Override
        public long write_iter(File file, IovIter from) {
            return sock_write_iter(file, from);
        }

        @Override
        public boolean has_iter() {
            return true;
        }

        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            return sock_read_iter(file, IovIter.kvec(buf, off, len));
        }

        @Override
        public long write(File file, byte[] buf, int off, int len, long[] ppos) {
            return sock_write_iter(file, IovIter.kvec(buf, off, len));
        }

        @Override
        public long llseek(File file, long offset, int whence) {
            return -Errno.ESPIPE;
        }

        @Override
        public int poll(File file, PollTable pt) {
            return sock_poll(file, pt);
        }

        @Override
        public long unlocked_ioctl(File file, int cmd, long arg) {
            return sock_ioctl(file, cmd, arg);
        }

        @Override
        public void release(Inode inode, File file) {
            sock_close(inode, file);
        }

        @Override
        public boolean stream() {
            return true;
        }
    };

    /** sock_read_iter: read(2) and readv(2) are recvmsg without an address (MSG_DONTWAIT if O_NONBLOCK). */
    long sock_read_iter(File file, IovIter to) {
        Socket sock = (Socket) file.private_data;
        Msghdr msg = new Msghdr();
        msg.msg_iter = to;
        msg.msg_flags = file.nonblock() ? MSG_DONTWAIT : 0;
        if (to.iov_iter_count() == 0) {
            return 0;
        }
        return sock_recvmsg(sock, msg, msg.msg_flags);
    }

    /** sock_write_iter: write(2) and writev(2) are one sendmsg (a whole record on SOCK_SEQPACKET). */
    long sock_write_iter(File file, IovIter from) {
        Socket sock = (Socket) file.private_data;
        Msghdr msg = new Msghdr();
        msg.msg_iter = from;
        msg.msg_flags = file.nonblock() ? MSG_DONTWAIT : 0;
        if (sock.type == SOCK_SEQPACKET) {
            msg.msg_flags |= MSG_EOR;
        }
        return sock_sendmsg(sock, msg);
    }

    /** sock_poll: the protocol's readiness. */
    int sock_poll(File file, PollTable wait) {
        Socket sock = (Socket) file.private_data;
        return sock.ops.poll(file, sock, wait);
    }

    /** sock_ioctl: the protocol's commands (SIOCINQ, SIOCOUTQ...), then sock_do_ioctl's fallback to the device ioctls. */
    long sock_ioctl(File file, int cmd, long arg) {
        Socket sock = (Socket) file.private_data;
        return sock_do_ioctl(sock, cmd, arg);
    }

    /**
     * sock_do_ioctl: what the protocol does not know (-ENOIOCTLCMD) and is a socket ioctl
     * (type 0x89) goes to dev_ioctl with the struct ifreq copied in (and out, when it answers);
     * anything else is ENOTTY.
     */
    long sock_do_ioctl(Socket sock, int cmd, long arg) {
        int err = sock.ops.ioctl(sock, cmd, arg);
        if (err != -Errno.ENOIOCTLCMD) {
            return err;
        }
        if ((cmd >>> 8 & 0xff) != 0x89) {
            return -Errno.ENOTTY;
        }
        byte[] raw = new byte[org.jstap.sim.net.core.Ifreq.SIZEOF];
        if (kernel.uaccess().copy_from_user(raw, 0, arg, raw.length) != 0) {
            return -Errno.EFAULT;
        }
        org.jstap.sim.net.core.Ifreq ifr = org.jstap.sim.net.core.Ifreq.from(raw);
        boolean[] needCopyout = new boolean[1];
        err = net.dev_ioctl().dev_ioctl(cmd, ifr, needCopyout);
        if (err == 0 && needCopyout[0] && kernel.uaccess().copy_to_user(arg, ifr.bytes(), 0, raw.length) != 0) {
            return -Errno.EFAULT;
        }
        return err;
    }

    /** sock_close: the file's last reference is gone. */
    void sock_close(Inode inode, File file) {
        __sock_release(SOCKET_I(inode));
    }

    // ---------------------------------------------------------------- addresses across the boundary

    /** move_addr_to_kernel: {@code ulen} bytes of address into {@code kaddr}; EINVAL if ulen is not 0..128. */
    public int move_addr_to_kernel(long uaddr, int ulen, byte[] kaddr) {
        if (ulen < 0 || ulen > SOCKADDR_STORAGE_SIZE) {
            return -Errno.EINVAL;
        }
        if (ulen == 0) {
            return 0;
        }
        return kernel.uaccess().copy_from_user(kaddr, 0, uaddr, ulen) != 0 ? -Errno.EFAULT : 0;
    }

    /**
     * move_addr_to_user: as much of the {@code klen}-byte address as the user's length at
     * {@code ulen} allows, then klen there ("fromlen shall refer to the value before truncation").
     */
    public int move_addr_to_user(byte[] kaddr, int klen, long uaddr, long ulen) {
        int[] len = new int[1];
        if (get_int(ulen, len) != 0) {
            return -Errno.EFAULT;
        }
        int n = Math.min(len[0], klen);
        if (n < 0) {
            return -Errno.EINVAL;
        }
        if (n > 0 && kernel.uaccess().copy_to_user(uaddr, kaddr, 0, n) != 0) {
            return -Errno.EFAULT;
        }
        return put_int(klen, ulen);
    }

    private int get_int(long uaddr, int[] out) {
        byte[] b = new byte[4];
        if (kernel.uaccess().copy_from_user(b, 0, uaddr, 4) != 0) {
            return -Errno.EFAULT;
        }
        out[0] = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return 0;
    }

    private int put_int(int v, long uaddr) {
        byte[] b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
        return kernel.uaccess().copy_to_user(uaddr, b, 0, 4) != 0 ? -Errno.EFAULT : 0;
    }

    // ---------------------------------------------------------------- the calls

    /** __sys_socket_create: flags apart from SOCK_CLOEXEC/SOCK_NONBLOCK are EINVAL. */
    int __sys_socket_create(int family, int type, int protocol, Socket[] res) {
        int flags = type & ~SOCK_TYPE_MASK;
        if ((flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) != 0) {
            return -Errno.EINVAL;
        }
        return sock_create(family, type & SOCK_TYPE_MASK, protocol, res);
    }

    /** __sys_socket: socket(2). */
    public long __sys_socket(int family, int type, int protocol) {
        Socket[] sock = new Socket[1];
        int err = __sys_socket_create(family, type, protocol, sock);
        if (err < 0) {
            return err;
        }
        int flags = type & ~SOCK_TYPE_MASK;
        return sock_map_fd(sock[0], flags & (Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK));
    }

    /**
     * __sys_socketpair: socketpair(2). The descriptors are reserved and written to
     * {@code usockvec} first, so a bad pointer fails before any socket is made.
     */
    public long __sys_socketpair(int family, int type, int protocol, long usockvec) {
        int flags = type & ~SOCK_TYPE_MASK;
        if ((flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) != 0) {
            return -Errno.EINVAL;
        }
        type &= SOCK_TYPE_MASK;
        Files files = kernel.vfs().files();
        int fd1 = files.get_unused_fd_flags(flags);
        if (fd1 < 0) {
            return fd1;
        }
        int fd2 = files.get_unused_fd_flags(flags);
        if (fd2 < 0) {
            files.put_unused_fd(fd1);
            return fd2;
        }
        int err = put_int(fd1, usockvec);
        if (err == 0) {
            err = put_int(fd2, usockvec + 4);
        }
        Socket[] s1 = new Socket[1];
        Socket[] s2 = new Socket[1];
        if (err == 0) {
            err = sock_create(family, type, protocol, s1);
        }
        if (err == 0) {
            err = sock_create(family, type, protocol, s2);
            if (err < 0) {
                sock_release(s1[0]);
            }
        }
        if (err == 0) {
            err = s1[0].ops.socketpair(s1[0], s2[0]);
            if (err < 0) {
                sock_release(s2[0]);
                sock_release(s1[0]);
            }
        }
        if (err < 0) {
            files.put_unused_fd(fd2);
            files.put_unused_fd(fd1);
            return err;
        }
        files.fd_install(fd1, sock_alloc_file(s1[0], flags, null));
        files.fd_install(fd2, sock_alloc_file(s2[0], flags, null));
        return 0;
    }

    /** __sys_bind: bind(2). */
    public long __sys_bind(int fd, long umyaddr, int addrlen) {
        int[] err = new int[1];
        Socket sock = sockfd_lookup_light(fd, err);
        if (sock == null) {
            return err[0];
        }
        byte[] address = new byte[SOCKADDR_STORAGE_SIZE];
        int r = move_addr_to_kernel(umyaddr, addrlen, address);
        return r != 0 ? r : sock.ops.bind(sock, address, addrlen);
    }

    /** __sys_listen: listen(2); the backlog is clamped to net.core.somaxconn. */
    public long __sys_listen(int fd, int backlog) {
        int[] err = new int[1];
        Socket sock = sockfd_lookup_light(fd, err);
        if (sock == null) {
            return err[0];
        }
        if (Integer.compareUnsigned(backlog, net.sysctl_somaxconn) > 0) {
            backlog = net.sysctl_somaxconn;
        }
        return sock.ops.listen(sock, backlog);
    }

    /**
     * do_accept: a new socket of the listener's type and ops, grafted with the next connection,
     * and its file; the peer's address goes out if asked for. A failure to copy it out
     * (EFAULT) drops the connection just taken, as Linux does.
     */
    File do_accept(File file, long upeerSockaddr, long upeerAddrlen, int flags, int[] err) {
        Socket sock = sock_from_file(file);
        if (sock == null) {
            err[0] = -Errno.ENOTSOCK;
            return null;
        }
        Socket newsock = sock_alloc();
        newsock.type = sock.type;
        newsock.ops = sock.ops;
        File newfile = sock_alloc_file(newsock, flags, sock.sk.sk_prot.name);
        int r = sock.ops.accept(sock, newsock, sock.file.f_flags, false);
        if (r >= 0 && upeerSockaddr != 0) {
            byte[] address = new byte[SOCKADDR_STORAGE_SIZE];
            int len = newsock.ops.getname(newsock, address, 2);
            r = len < 0 ? -Errno.ECONNABORTED : move_addr_to_user(address, len, upeerSockaddr, upeerAddrlen);
        }
        if (r < 0) {
            kernel.vfs().file_table().fput(newfile);
            err[0] = r;
            return null;
        }
        return newfile;
    }

    /** __sys_accept4_file: the descriptor is reserved first, so EMFILE comes before anything else. */
    long __sys_accept4_file(File file, long upeerSockaddr, long upeerAddrlen, int flags) {
        if ((flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) != 0) {
            return -Errno.EINVAL;
        }
        Files files = kernel.vfs().files();
        int newfd = files.get_unused_fd_flags(flags);
        if (newfd < 0) {
            return newfd;
        }
        int[] err = new int[1];
        File newfile = do_accept(file, upeerSockaddr, upeerAddrlen, flags, err);
        if (newfile == null) {
            files.put_unused_fd(newfd);
            return err[0];
        }
        files.fd_install(newfd, newfile);
        return newfd;
    }

    /** __sys_accept4: accept4(2) and accept(2). */
    public long __sys_accept4(int fd, long upeerSockaddr, long upeerAddrlen, int flags) {
        File f = kernel.vfs().files().fget(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        return __sys_accept4_file(f, upeerSockaddr, upeerAddrlen, flags);
    }

    /** __sys_connect_file: the protocol's connect with the file's flags (O_NONBLOCK). */
    int __sys_connect_file(File file, byte[] address, int addrlen, int fileFlags) {
        Socket sock = sock_from_file(file);
        if (sock == null) {
            return -Errno.ENOTSOCK;
        }
        return sock.ops.connect(sock, address, addrlen, sock.file.f_flags | fileFlags);
    }

    /** __sys_connect: connect(2); the address is copied in before the descriptor is checked to be a socket. */
    public long __sys_connect(int fd, long uservaddr, int addrlen) {
        File f = kernel.vfs().files().fget(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        byte[] address = new byte[SOCKADDR_STORAGE_SIZE];
        int r = move_addr_to_kernel(uservaddr, addrlen, address);
        return r != 0 ? r : __sys_connect_file(f, address, addrlen, 0);
    }

    /** __sys_getsockname: getsockname(2). */
    public long __sys_getsockname(int fd, long usockaddr, long usockaddrLen) {
        return getname(fd, usockaddr, usockaddrLen, 0);
    }

    /** __sys_getpeername: getpeername(2) (ENOTCONN from the protocol when there is no peer). */
    public long __sys_getpeername(int fd, long usockaddr, long usockaddrLen) {
        return getname(fd, usockaddr, usockaddrLen, 1);
    }

    private long getname(int fd, long usockaddr, long usockaddrLen, int peer) {
        int[] err = new int[1];
        Socket sock = sockfd_lookup_light(fd, err);
        if (sock == null) {
            return err[0];
        }
        byte[] address = new byte[SOCKADDR_STORAGE_SIZE];
        int len = sock.ops.getname(sock, address, peer);
        if (len < 0) {
            return len;
        }
        return move_addr_to_user(address, len, usockaddr, usockaddrLen);
    }

    /** __sys_sendto: sendto(2) and send(2); the buffer is checked to be in user space before the descriptor. */
    public long __sys_sendto(int fd, long buff, long len, int flags, long addr, int addrLen) {
        int[] err = new int[1];
        IovIter iter = IovIter.import_single_range(kernel.uaccess(), buff, len, err);
        if (iter == null) {
            return err[0];
        }
        Socket sock = sockfd_lookup_light(fd, err);
        if (sock == null) {
            return err[0];
        }
        Msghdr msg = new Msghdr();
        msg.msg_iter = iter;
        if (addr != 0) {
            byte[] address = new byte[SOCKADDR_STORAGE_SIZE];
            int r = move_addr_to_kernel(addr, addrLen, address);
            if (r < 0) {
                return r;
            }
            msg.msg_name = address;
            msg.msg_namelen = addrLen;
        }
        if (sock.file.nonblock()) {
            flags |= MSG_DONTWAIT;
        }
        msg.msg_flags = flags;
        return sock_sendmsg(sock, msg);
    }

    /** __sys_recvfrom: recvfrom(2) and recv(2); the sender's address only if asked for. */
    public long __sys_recvfrom(int fd, long ubuf, long size, int flags, long addr, long addrLen) {
        int[] err = new int[1];
        IovIter iter = IovIter.import_single_range(kernel.uaccess(), ubuf, size, err);
        if (iter == null) {
            return err[0];
        }
        Socket sock = sockfd_lookup_light(fd, err);
        if (sock == null) {
            return err[0];
        }
        Msghdr msg = new Msghdr();
        msg.msg_iter = iter;
        msg.msg_name = addr != 0 ? new byte[SOCKADDR_STORAGE_SIZE] : null;
        if (sock.file.nonblock()) {
            flags |= MSG_DONTWAIT;
        }
        long r = sock_recvmsg(sock, msg, flags);
        if (r >= 0 && addr != 0) {
            int r2 = move_addr_to_user(msg.msg_name, msg.msg_namelen, addr, addrLen);
            if (r2 < 0) {
                r = r2;
            }
        }
        return r;
    }

    /** __sys_setsockopt: SOL_SOCKET goes to sock_setsockopt, other levels to the protocol. */
    public long __sys_setsockopt(int fd, int level, int optname, long optval, int optlen) {
        if (optlen < 0) {
            return -Errno.EINVAL;
        }
        int[] err = new int[1];
        Socket sock = sockfd_lookup_light(fd, err);
        if (sock == null) {
            return err[0];
        }
        if (level == SOL_SOCKET) {
            return net.sock().sock_setsockopt(sock, level, optname, optval, optlen);
        }
        return sock.ops.setsockopt(sock, level, optname, optval, optlen);
    }

    /** __sys_getsockopt: as setsockopt; {@code optlen} is the user's in-out length. */
    public long __sys_getsockopt(int fd, int level, int optname, long optval, long optlen) {
        int[] err = new int[1];
        Socket sock = sockfd_lookup_light(fd, err);
        if (sock == null) {
            return err[0];
        }
        if (level == SOL_SOCKET) {
            return net.sock().sock_getsockopt(sock, level, optname, optval, optlen);
        }
        return sock.ops.getsockopt(sock, level, optname, optval, optlen);
    }

    /** __sys_shutdown: shutdown(2). */
    public long __sys_shutdown(int fd, int how) {
        int[] err = new int[1];
        Socket sock = sockfd_lookup_light(fd, err);
        return sock == null ? err[0] : sock.ops.shutdown(sock, how);
    }

    /** What copy_msghdr_from_user read of a struct user_msghdr, besides what goes in the Msghdr. */
    private record UserMsghdr(long name, int namelen, long control, long controllen) {}

    /**
     * copy_msghdr_from_user: the user's struct msghdr, its iovecs into the iterator and, when
     * sending, the address into {@code kmsg.msg_name}; EFAULT, EINVAL for a negative name
     * length, EMSGSIZE for more than UIO_MAXIOV iovecs. Null with the error in err[0].
     */
    private UserMsghdr copy_msghdr_from_user(Msghdr kmsg, long umsg, boolean recv, int[] err) {
        byte[] raw = new byte[USER_MSGHDR_SIZE];
        if (kernel.uaccess().copy_from_user(raw, 0, umsg, raw.length) != 0) {
            err[0] = -Errno.EFAULT;
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long name = b.getLong(0);
        int namelen = b.getInt(8);
        long iov = b.getLong(16);
        long iovlen = b.getLong(24);
        long control = b.getLong(32);
        long controllen = b.getLong(40);
        kmsg.msg_flags = b.getInt(48);
        if (name == 0) {
            namelen = 0;
        }
        if (namelen < 0) {
            err[0] = -Errno.EINVAL;
            return null;
        }
        namelen = Math.min(namelen, SOCKADDR_STORAGE_SIZE);
        if (name != 0 && namelen != 0) {
            if (!recv) {
                kmsg.msg_name = new byte[SOCKADDR_STORAGE_SIZE];
                int r = move_addr_to_kernel(name, namelen, kmsg.msg_name);
                if (r < 0) {
                    err[0] = r;
                    return null;
                }
            }
            kmsg.msg_namelen = namelen;
        } else {
            kmsg.msg_name = null;
            kmsg.msg_namelen = 0;
        }
        if (Long.compareUnsigned(iovlen, IovIter.UIO_MAXIOV) > 0) {
            err[0] = -Errno.EMSGSIZE;
            return null;
        }
        kmsg.msg_iter = IovIter.import_iovec(kernel.uaccess(), iov, iovlen, err);
        if (kmsg.msg_iter == null) {
            return null;
        }
        return new UserMsghdr(name, namelen, control, controllen);
    }

    /** __sys_sendmsg: sendmsg(2). */
    public long __sys_sendmsg(int fd, long msg, int flags, boolean forbidCmsgCompat) {
        if (forbidCmsgCompat && (flags & MSG_CMSG_COMPAT) != 0) {
            return -Errno.EINVAL;
        }
        int[] err = new int[1];
        Socket sock = sockfd_lookup_light(fd, err);
        if (sock == null) {
            return err[0];
        }
        return ___sys_sendmsg(sock, msg, new Msghdr(), flags);
    }

    /** ___sys_sendmsg: the user's msghdr in, then the send. */
    long ___sys_sendmsg(Socket sock, long umsg, Msghdr msgSys, int flags) {
        int[] err = new int[1];
        UserMsghdr u = copy_msghdr_from_user(msgSys, umsg, false, err);
        if (u == null) {
            return err[0];
        }
        return ____sys_sendmsg(sock, msgSys, u, flags);
    }

    /** ____sys_sendmsg: the control messages copied in (ENOBUFS past INT_MAX), the msghdr's own flags ignored. */
    long ____sys_sendmsg(Socket sock, Msghdr msgSys, UserMsghdr u, int flags) {
        if (Long.compareUnsigned(u.controllen(), Integer.MAX_VALUE) > 0) {
            return -Errno.ENOBUFS;
        }
        int ctlLen = (int) u.controllen();
        msgSys.msg_controllen = ctlLen;
        if (ctlLen > 0) {
            byte[] ctl = new byte[ctlLen];
            if (kernel.uaccess().copy_from_user(ctl, 0, u.control(), ctlLen) != 0) {
                return -Errno.EFAULT;
            }
            msgSys.msg_control = ctl;
        }
        msgSys.msg_flags = flags;
        if (sock.file.nonblock()) {
            msgSys.msg_flags |= MSG_DONTWAIT;
        }
        return sock_sendmsg(sock, msgSys);
    }

    /** __sys_recvmsg: recvmsg(2). */
    public long __sys_recvmsg(int fd, long msg, int flags, boolean forbidCmsgCompat) {
        if (forbidCmsgCompat && (flags & MSG_CMSG_COMPAT) != 0) {
            return -Errno.EINVAL;
        }
        int[] err = new int[1];
        Socket sock = sockfd_lookup_light(fd, err);
        if (sock == null) {
            return err[0];
        }
        return ___sys_recvmsg(sock, msg, new Msghdr(), flags);
    }

    /** ___sys_recvmsg: the user's msghdr in, then the receive. */
    long ___sys_recvmsg(Socket sock, long umsg, Msghdr msgSys, int flags) {
        int[] err = new int[1];
        UserMsghdr u = copy_msghdr_from_user(msgSys, umsg, true, err);
        if (u == null) {
            return err[0];
        }
        return ____sys_recvmsg(sock, msgSys, umsg, u, flags);
    }

    /**
     * ____sys_recvmsg: the receive, then the sender's address (its length into the user's
     * msg_namelen), msg_flags and how much control data was written (msg_controllen).
     */
    long ____sys_recvmsg(Socket sock, Msghdr msgSys, long umsg, UserMsghdr u, int flags) {
        msgSys.msg_name = new byte[SOCKADDR_STORAGE_SIZE];
        msgSys.msg_namelen = 0;
        msgSys.msg_control_user = u.control();
        msgSys.msg_controllen = (int) Math.min(u.controllen(), Integer.MAX_VALUE);
        msgSys.msg_flags = flags & MSG_CMSG_CLOEXEC;
        if (sock.file.nonblock()) {
            flags |= MSG_DONTWAIT;
        }
        long len = sock_recvmsg(sock, msgSys, flags);
        if (len < 0) {
            return len;
        }
        if (u.name() != 0) {
            int r = move_addr_to_user(msgSys.msg_name, msgSys.msg_namelen, u.name(), umsg + 8);
            if (r < 0) {
                return r;
            }
        }
        if (put_int(msgSys.msg_flags & ~MSG_CMSG_COMPAT, umsg + 48) != 0) {
            return -Errno.EFAULT;
        }
        long written = msgSys.msg_control_user - u.control();
        byte[] cl = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(written).array();
        if (kernel.uaccess().copy_to_user(umsg + 40, cl, 0, 8) != 0) {
            return -Errno.EFAULT;
        }
        return len;
    }

    // ---------------------------------------------------------------- syscall entries

    public long __do_sys_socket(int family, int type, int protocol) {
        return __sys_socket(family, type, protocol);
    }

    public long __do_sys_socketpair(int family, int type, int protocol, long usockvec) {
        return __sys_socketpair(family, type, protocol, usockvec);
    }

    public long __do_sys_bind(int fd, long umyaddr, int addrlen) {
        return __sys_bind(fd, umyaddr, addrlen);
    }

    public long __do_sys_listen(int fd, int backlog) {
        return __sys_listen(fd, backlog);
    }

    public long __do_sys_accept(int fd, long upeer_sockaddr, long upeer_addrlen) {
        return __sys_accept4(fd, upeer_sockaddr, upeer_addrlen, 0);
    }

    public long __do_sys_accept4(int fd, long upeer_sockaddr, long upeer_addrlen, int flags) {
        return __sys_accept4(fd, upeer_sockaddr, upeer_addrlen, flags);
    }

    public long __do_sys_connect(int fd, long uservaddr, int addrlen) {
        return __sys_connect(fd, uservaddr, addrlen);
    }

    public long __do_sys_getsockname(int fd, long usockaddr, long usockaddr_len) {
        return __sys_getsockname(fd, usockaddr, usockaddr_len);
    }

    public long __do_sys_getpeername(int fd, long usockaddr, long usockaddr_len) {
        return __sys_getpeername(fd, usockaddr, usockaddr_len);
    }

    public long __do_sys_sendto(int fd, long buff, long len, int flags, long addr, int addr_len) {
        return __sys_sendto(fd, buff, len, flags, addr, addr_len);
    }

    public long __do_sys_recvfrom(int fd, long ubuf, long size, int flags, long addr, long addr_len) {
        return __sys_recvfrom(fd, ubuf, size, flags, addr, addr_len);
    }

    public long __do_sys_setsockopt(int fd, int level, int optname, long optval, int optlen) {
        return __sys_setsockopt(fd, level, optname, optval, optlen);
    }

    public long __do_sys_getsockopt(int fd, int level, int optname, long optval, long optlen) {
        return __sys_getsockopt(fd, level, optname, optval, optlen);
    }

    public long __do_sys_shutdown(int fd, int how) {
        return __sys_shutdown(fd, how);
    }

    public long __do_sys_sendmsg(int fd, long msg, int flags) {
        return __sys_sendmsg(fd, msg, flags, true);
    }

    public long __do_sys_recvmsg(int fd, long msg, int flags) {
        return __sys_recvmsg(fd, msg, flags, true);
    }
}
