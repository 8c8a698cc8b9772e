package org.jstap.sim.net.ipv4;

import org.jstap.sim.net.Proto;
import org.jstap.sim.net.ProtoOps;

/**
 * struct inet_protosw (include/net/protocol.h): one entry of inetsw[], which socket(AF_INET,
 * type, protocol) picks from in inet_create: the protocol for a socket type (with
 * {@code IPPROTO_IP} as the wildcard that matches protocol 0), its struct proto and proto_ops.
 * TCP registers {@code {SOCK_STREAM, IPPROTO_TCP, tcp_prot, inet_stream_ops, PERMANENT | ICSK}}.
 */
public record InetProtosw(int type, int protocol, Proto prot, ProtoOps ops, int flags) {
    /** INET_PROTOSW_REUSE: sockets of this kind may reuse addresses by default (SO_REUSEADDR on). */
    public static final int INET_PROTOSW_REUSE = 0x01;
    /** INET_PROTOSW_PERMANENT: cannot be unregistered. */
    public static final int INET_PROTOSW_PERMANENT = 0x02;
    /** INET_PROTOSW_ICSK: an inet_connection_sock (TCP). */
    public static final int INET_PROTOSW_ICSK = 0x04;
}
