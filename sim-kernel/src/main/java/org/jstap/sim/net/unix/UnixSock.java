package org.jstap.sim.net.unix;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.fs.Path;
import org.jstap.sim.kernel.sched.WaitQueueHead;
import org.jstap.sim.net.Proto;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.SocketDefs;

/**
 * struct unix_sock (include/net/af_unix.h): a sock of AF_UNIX. Besides struct sock it has its
 * bound name ({@code addr}, and {@code path} for a file name), its peer (the other end of a
 * connection, or a datagram socket's connected destination, held by reference), the queue of
 * buffers other socks sent it, and {@code peer_wait}, where senders wait for room in this
 * sock's queue (datagrams, and connect on a full backlog).
 */
public final class UnixSock extends Sock {
    public UnixAddress addr;
    public Path path;
    /** unix_peer(sk). */
    public UnixSock peer;
    public final WaitQueueHead peer_wait = new WaitQueueHead();
    /** Where a connection's sleepers wait until accept grafts it onto a socket. */
    final WaitQueueHead peer_wq = new WaitQueueHead();
    /**
     * sk_receive_queue. Linux keeps it in struct sock as sk_buffs; until the stack has sk_buff,
     * unix keeps its own queue of {@link UnixSkb}s here.
     */
    final List<UnixSkb> sk_receive_queue = new ArrayList<>();

    UnixSock(Proto prot, long kaddr) {
        super(SocketDefs.AF_UNIX, prot, kaddr);
    }

    /** Buffers waiting in the receive queue (skb_queue_len). */
    public int receive_queue_len() {
        return sk_receive_queue.size();
    }
}
