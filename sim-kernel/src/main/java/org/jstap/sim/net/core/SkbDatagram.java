package org.jstap.sim.net.core;

import org.jstap.sim.Kernel;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.PollTable;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.Msghdr;
import org.jstap.sim.net.Sock;
import org.jstap.sim.net.Socket;

/**
 * net/core/datagram.c: the generic receive side of datagram sockets: waiting for a datagram
 * ({@link #__skb_recv_datagram}: the pending error first, then the queue, then a sleep that a
 * signal, a shutdown or the timeout ends), copying it out, and {@link #datagram_poll}. Linux
 * reads {@code sk->sk_receive_queue}; the IPv4 socks keep theirs on {@code InetSock}, so the
 * queue is passed in.
 *
 * <pre>{@code
 * SkBuff skb = net.datagram().__skb_recv_datagram(sk, inet.sk_receive_queue, flags, err);
 * }</pre>
 */
@LinuxFile("net/core/datagram.c")
public final class SkbDatagram {
    private final Kernel kernel;
    private final Net net;

    SkbDatagram(Kernel kernel, Net net) {
        this.kernel = kernel;
        this.net = net;
    }

    /**
     * __skb_recv_datagram: the next datagram (left queued under MSG_PEEK), or null with the
     * error: the sock's pending error, EAGAIN (non-blocking or timed out), a signal's errno; a
     * receive shutdown gives null with 0 (end of file).
     */
    public SkBuff __skb_recv_datagram(Sock sk, SkBuffHead queue, int flags, int[] err) {
        long[] timeo = {SockCore.sock_rcvtimeo(sk, (flags & org.jstap.sim.net.SocketDefs.MSG_DONTWAIT) != 0)};
        while (true) {
            int e = SockCore.sock_error(sk);
            if (e != 0) {
                err[0] = e;
                return null;
            }
            SkBuff skb = SkBuffHead.skb_peek(queue);
            if (skb != null) {
                if ((flags & org.jstap.sim.net.SocketDefs.MSG_PEEK) == 0) {
                    SkBuffHead.__skb_unlink(skb, queue);
                }
                return skb;
            }
            err[0] = -Errno.EAGAIN;
            if (timeo[0] == 0 || __skb_wait_for_more_packets(sk, queue, err, timeo) != 0) {
                return null;
            }
        }
    }

    /**
     * __skb_wait_for_more_packets: sleeps for a datagram; 0 to look again (with the jiffies left
     * in timeo[0]), or nonzero with err[0] set (0 for a shutdown: end of file).
     */
    int __skb_wait_for_more_packets(Sock sk, SkBuffHead queue, int[] err, long[] timeo) {
        if (sk.sk_err != 0) {
            err[0] = SockCore.sock_error(sk);
            return 1;
        }
        if ((sk.sk_shutdown & Sock.RCV_SHUTDOWN) != 0) {
            err[0] = 0;
            return 1;
        }
        if (kernel.signal().signal_pending(kernel.sched().current())) {
            err[0] = SockCore.sock_intr_errno(timeo[0]);
            return 1;
        }
        long t = timeo[0];
        timeo[0] = net.sock().sk_wait_event(sk.sk_sleep(), t, () -> !SkBuffHead.skb_queue_empty(queue)
                || sk.sk_err != 0 || (sk.sk_shutdown & Sock.RCV_SHUTDOWN) != 0);
        if (kernel.signal().signal_pending(kernel.sched().current()) && SkBuffHead.skb_queue_empty(queue)) {
            err[0] = SockCore.sock_intr_errno(t);
            return 1;
        }
        return 0;
    }

    /** skb_copy_datagram_msg: {@code len} bytes from {@code offset} past skb->data to the reader's buffers; 0 or -EFAULT. */
    public int skb_copy_datagram_msg(SkBuff skb, int offset, Msghdr msg, int len) {
        byte[] b = new byte[len];
        skb.load(skb.data + offset, b, 0, len);
        kernel.sched().charge(SkBuffs.copyCost(len));
        return msg.msg_iter.copy_to_iter(b, 0, len) != len ? -Errno.EFAULT : 0;
    }

    /** skb_free_datagram: the reader is done with it. */
    public void skb_free_datagram(Sock sk, SkBuff skb) {
        net.skb().consume_skb(skb);
    }

    /** sock_writeable: less than half the send buffer in flight. */
    public static boolean sock_writeable(Sock sk) {
        return sk.sk_wmem_alloc < (sk.sk_sndbuf >> 1);
    }

    /**
     * datagram_poll: POLLERR for a pending error, POLLRDHUP|POLLIN after a receive shutdown,
     * POLLHUP when shut both ways, POLLIN with a datagram queued, POLLOUT while the send buffer
     * is less than half used.
     */
    public int datagram_poll(File file, Socket sock, PollTable wait, SkBuffHead queue) {
        Sock sk = sock.sk;
        PollTable.poll_wait(wait, sock.wq);
        int mask = 0;
        if (sk.sk_err != 0) {
            mask |= PollTable.POLLERR;
        }
        int shutdown = sk.sk_shutdown;
        if ((shutdown & Sock.RCV_SHUTDOWN) != 0) {
            mask |= PollTable.POLLRDHUP | PollTable.POLLIN | PollTable.POLLRDNORM;
        }
        if (shutdown == Sock.SHUTDOWN_MASK) {
            mask |= PollTable.POLLHUP;
        }
        if (!SkBuffHead.skb_queue_empty(queue)) {
            mask |= PollTable.POLLIN | PollTable.POLLRDNORM;
        }
        if (sock_writeable(sk)) {
            mask |= PollTable.POLLOUT | PollTable.POLLWRNORM | PollTable.POLLWRBAND;
        }
        return mask;
    }
}
