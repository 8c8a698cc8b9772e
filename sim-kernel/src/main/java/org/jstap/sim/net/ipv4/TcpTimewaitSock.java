package org.jstap.sim.net.ipv4;

import org.jstap.sim.kernel.time.TimerList;
import org.jstap.sim.net.Proto;

/**
 * struct inet_timewait_sock with tcp_timewait_sock (include/net/inet_timewait_sock.h,
 * tcp.h): what is left of a connection that closed first: its addresses and ports in the
 * established hash (sk_state TCP_TIME_WAIT, tw_substate TIME_WAIT or FIN_WAIT2), its place in
 * the port's bind bucket (so bind(2) sees the port in use unless SO_REUSEADDR), the sequence
 * numbers to re-ACK a retransmitted FIN with, and the timer that kills it (TCP_TIMEWAIT_LEN, 60
 * s). Taken from the "tw_sock_TCP" slab cache.
 */
public final class TcpTimewaitSock extends InetSock {
    public int tw_substate;
    public int tw_rcv_nxt;
    public int tw_snd_nxt;
    public int tw_rcv_wnd;
    public InetBindBucket tw_tb;
    public final TimerList tw_timer;

    TcpTimewaitSock(Proto prot, long kaddr, Runnable timer) {
        super(prot, kaddr);
        this.sk_state = TCP_TIME_WAIT;
        this.tw_timer = new TimerList(timer);
    }
}
