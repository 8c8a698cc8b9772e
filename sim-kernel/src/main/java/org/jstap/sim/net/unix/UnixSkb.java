package org.jstap.sim.net.unix;

import org.jstap.sim.fs.File;

/**
 * One buffer on a unix socket's receive queue: the bytes of one write (a stream splits large
 * writes into several), or, on a listener, one pending connection. Linux queues sk_buffs with
 * the unix control block UNIXCB (sender's credentials, passed files, how much of a stream
 * buffer was read); this is that, with the bytes in an array. The buffer is charged to the
 * sending sock ({@code truesize} in its sk_wmem_alloc) until freed, which is what limits a
 * writer to its sk_sndbuf.
 */
final class UnixSkb {
    final byte[] data;
    /** skb->len. */
    final int len;
    /** What the buffer costs its sender (skb->truesize). */
    final long truesize;
    /** skb->sk: the sending sock, or for a connection request the new sock that accept will take. */
    final UnixSock sk;
    /** UNIXCB(skb).consumed: bytes of a stream buffer already read. */
    int consumed;
    /** UNIXCB(skb).pid/uid/gid: the sender's credentials, when they were attached (pid 0 and -1 otherwise). */
    int pid;
    int uid = -1;
    int gid = -1;
    /** UNIXCB(skb).fp: files passed with SCM_RIGHTS, each holding a reference. */
    File[] fp;

    UnixSkb(int len, long truesize, UnixSock owner) {
        this.data = new byte[len];
        this.len = len;
        this.truesize = truesize;
        this.sk = owner;
    }

    /** unix_skb_len: bytes not yet read. */
    int unix_skb_len() {
        return len - consumed;
    }
}
