package org.jstap.sim.net.ipv4;

import java.util.ArrayList;
import java.util.List;

/**
 * struct inet_bind_bucket (include/net/inet_hashtables.h): one local port in use by TCP, with
 * every sock bound to it (full socks and TIME_WAIT ones, in bind order) and whether it was taken
 * by bind(2) or only by connect's ephemeral choice ({@code fastreuse} &lt; 0 marks a port that
 * connect may share among different peers).
 */
public final class InetBindBucket {
    public final int port;
    /** fastreuse: 1 if every owner set SO_REUSEADDR (and none listens), 0 if not, -1 for connect-only ports. */
    public int fastreuse;
    public final List<InetSock> owners = new ArrayList<>();

    InetBindBucket(int port) {
        this.port = port;
    }
}
