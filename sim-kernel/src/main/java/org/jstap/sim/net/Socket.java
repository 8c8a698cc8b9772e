package org.jstap.sim.net;

import org.jstap.sim.fs.File;
import org.jstap.sim.fs.Inode;
import org.jstap.sim.kernel.KernelObject;
import org.jstap.sim.kernel.sched.WaitQueueHead;

/**
 * struct socket (include/linux/net.h): the BSD-socket half of a socket, the part the file and the
 * syscalls see. It lives in a sockfs inode ({@code SOCKET_I}), points to its open file and to the
 * protocol's {@link Sock}, and carries the protocol family's {@link ProtoOps}, through which
 * every socket call is dispatched. Tasks sleeping on the socket wait on {@code wq} (the sock's
 * {@code sk_wq} once grafted). Guarded by the machine's single running thread (Linux: the sock
 * lock).
 */
public final class Socket implements KernelObject {
    /** socket_state: SS_FREE .. SS_DISCONNECTING. */
    public static final int SS_FREE = 0;
    public static final int SS_UNCONNECTED = 1;
    public static final int SS_CONNECTING = 2;
    public static final int SS_CONNECTED = 3;
    public static final int SS_DISCONNECTING = 4;

    /** Bits of {@code flags} (SOCK_NOSPACE, SOCK_PASSCRED...). */
    public static final int SOCK_NOSPACE = 2;
    public static final int SOCK_PASSCRED = 3;

    public int state = SS_UNCONNECTED;
    /** SOCK_STREAM, SOCK_DGRAM... */
    public int type;
    public long flags;
    public ProtoOps ops;
    public File file;
    public Sock sk;
    /** struct socket_wq: where readers, writers and pollers of this socket sleep. */
    public final WaitQueueHead wq = new WaitQueueHead();
    /** The sockfs inode the socket is embedded in (struct socket_alloc). */
    public final Inode inode;

    Socket(Inode inode) {
        this.inode = inode;
    }

    public boolean test_bit(int bit) {
        return (flags & (1L << bit)) != 0;
    }

    public void set_bit(int bit, boolean on) {
        flags = on ? flags | (1L << bit) : flags & ~(1L << bit);
    }

    /** SOCK_INODE(sock)->i_ino, as /proc/net/unix and "socket:[INO]" show it. */
    public long i_ino() {
        return inode.i_ino;
    }

    @Override
    public long kaddr() {
        return inode.kaddr();
    }
}
