package org.jstap.sim.net.ipv4;

import org.jstap.sim.net.Proto;

/**
 * struct udp_sock (include/linux/udp.h): an inet_sock with UDP's cork state (a datagram being
 * built across sends with MSG_MORE or UDP_CORK) and its place in the port hash.
 */
public final class UdpSock extends InetSock {
    /** pending: AF_INET while a corked datagram is being built, else 0. */
    public int pending;
    /** corkflag: UDP_CORK is set. */
    public boolean corkflag;
    /** len: the corked datagram's length so far (UDP header included). */
    public int len;
    /** udp_port_hash: the local port the sock is hashed by. */
    public int udp_port_hash;
    /** Whether the sock is in the port hash (sk_unhashed is the negation). */
    boolean hashed;

    public UdpSock(Proto prot, long kaddr) {
        super(prot, kaddr);
    }

    /** udp_sk. */
    public static UdpSock udp_sk(org.jstap.sim.net.Sock sk) {
        return (UdpSock) sk;
    }
}
