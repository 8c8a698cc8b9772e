package org.jstap.sim.net;

import org.jstap.sim.mm.Slub;

/**
 * struct proto (include/net/sock.h): a transport protocol's side of the sock: its name (what
 * /proc/net/protocols and accept's new file show), the size of its sock and the slab cache
 * {@code sk_alloc} takes them from, and the hooks the generic code calls. A hook a protocol
 * does not have is Linux's NULL pointer: the default does nothing.
 */
public class Proto {
    public final String name;
    /** obj_size: sizeof the protocol's sock (struct unix_sock, struct tcp_sock...). */
    public final int obj_size;
    /** The protocol's sock cache; proto_register makes it. */
    public Slub.KmemCache slab;

    public Proto(String name, int objSize) {
        this.name = name;
        this.obj_size = objSize;
    }

    /** keepalive: SO_KEEPALIVE was set or cleared (TCP arms its keepalive timer). */
    public void keepalive(Sock sk, boolean on) {}

    /** unhash: the sock leaves the protocol's lookup tables. */
    public void unhash(Sock sk) {}

    /** The slab cache of this protocol's socks, once registered. */
    public Slub.KmemCache slab() {
        return slab;
    }
}
