package org.jstap.sim.net.ipv4;

import org.jstap.sim.kernel.time.TimerList;
import org.jstap.sim.net.Proto;

/**
 * struct request_sock / inet_request_sock / tcp_request_sock (include/net/request_sock.h,
 * inet_sock.h, tcp.h): a connection a listener has answered with a SYN-ACK (state
 * TCP_NEW_SYN_RECV, in the established hash so its ACK finds it), then, once the handshake is
 * complete, the carrier of the child on the accept queue. Taken from the "request_sock_TCP"
 * slab cache.
 *
 * <pre>{@code
 * RequestSock req = ...;  // ir_loc_addr:ir_num <- ir_rmt_addr:ir_rmt_port
 * }</pre>
 */
public final class RequestSock extends InetSock {
    /** TCP_NEW_SYN_RECV: the sk_state a request sock reports. */
    public static final int TCP_NEW_SYN_RECV = 12;

    public final TcpSock rsk_listener;
    public int rcv_isn;
    public int snt_isn;
    /** The MSS the SYN offered. */
    public int mss;
    public int rsk_rcv_wnd;
    /** num_timeout: SYN-ACK retransmissions so far. */
    public int num_timeout;
    /** When the last SYN-ACK went (virtual ns), for the handshake RTT. */
    public long tx_ns;
    public final TimerList rsk_timer;
    /** The child made when the handshake completed (on the accept queue). */
    public TcpSock sk;

    RequestSock(Proto prot, long kaddr, TcpSock listener, Runnable timer) {
        super(prot, kaddr);
        this.rsk_listener = listener;
        this.sk_state = TCP_NEW_SYN_RECV;
        this.rsk_timer = new TimerList(timer);
    }
}
