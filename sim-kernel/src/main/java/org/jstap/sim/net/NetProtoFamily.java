package org.jstap.sim.net;

import org.jstap.sim.net.core.Net;

/**
 * struct net_proto_family (include/linux/net.h): a protocol family as {@code sock_register}
 * records it. {@code create} is what socket(2) ends in ({@code __sock_create -> pf->create}):
 * given a fresh {@link Socket} with its type set, it checks type and protocol, sets
 * {@code sock.ops} and attaches a new {@link Sock} (0), or returns -errno.
 *
 * <pre>{@code
 * kernel.net().sockets().sock_register(new NetProtoFamily() {
 *     public int family() { return SocketDefs.AF_INET; }
 *     public int create(Net net, Socket sock, int protocol, boolean kern) { return inet_create(net, sock, protocol, kern); }
 * });
 * }</pre>
 */
public interface NetProtoFamily {
    int family();

    int create(Net net, Socket sock, int protocol, boolean kern);
}
