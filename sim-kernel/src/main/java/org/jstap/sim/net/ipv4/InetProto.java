package org.jstap.sim.net.ipv4;

import org.jstap.sim.net.Proto;

/**
 * A struct proto of the AF_INET family: besides {@link Proto}'s operations it makes the
 * protocol's sock object ({@code sk_alloc} takes the slot of {@code obj_size} from the slab;
 * this makes the Java object of the protocol's struct: an {@link InetSock} or a subclass such
 * as tcp_sock), and says whether inet_sendmsg may autobind a port first ({@code no_autobind}:
 * TCP).
 *
 * <pre>{@code
 * final InetProto tcp_prot = new InetProto("TCP", 2368) {
 *     public InetSock sk_alloc(long kaddr) { return new TcpSock(this, kaddr); }
 *     public boolean no_autobind() { return true; }
 *     ...
 * };
 * }</pre>
 */
public abstract class InetProto extends Proto {
    protected InetProto(String name, int objSize) {
        super(name, objSize);
    }

    /** The protocol's sock at slab address {@code kaddr}. */
    public abstract InetSock sk_alloc(long kaddr);

    /** no_autobind: sendmsg on an unbound sock does not pick a port for it (TCP binds at connect). */
    public boolean no_autobind() {
        return false;
    }
}
