package org.jstap.sim.net.ipv4;

import org.jstap.sim.kernel.LinuxFile;

/**
 * net/ipv4/protocol.c: inet_protos[], the transport protocols by IP protocol number, which
 * ip_local_deliver_finish hands packets to and icmp_socket_deliver hands errors to.
 *
 * <pre>{@code
 * ipv4.protocol().inet_add_protocol(tcp_protocol, IPPROTO_TCP);   // 0, or -1 if taken
 * }</pre>
 */
@LinuxFile("net/ipv4/protocol.c")
public final class Protocol {
    /** inet_protos: guarded by the single running thread (RCU in Linux). */
    private final NetProtocol[] inet_protos = new NetProtocol[In.MAX_INET_PROTOS];

    /** inet_add_protocol: 0, or -1 when the number is taken. */
    public int inet_add_protocol(NetProtocol prot, int protocol) {
        if (inet_protos[protocol] != null) {
            return -1;
        }
        inet_protos[protocol] = prot;
        return 0;
    }

    /** inet_del_protocol: 0, or -1 when {@code prot} was not the handler of {@code protocol}. */
    public int inet_del_protocol(NetProtocol prot, int protocol) {
        if (inet_protos[protocol] != prot) {
            return -1;
        }
        inet_protos[protocol] = null;
        return 0;
    }

    /** inet_protos[protocol], or null. */
    public NetProtocol inet_proto(int protocol) {
        return inet_protos[protocol & 0xff];
    }
}
