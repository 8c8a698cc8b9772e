package org.jstap.sim.net;

import org.jstap.sim.Kernel;
import org.jstap.sim.net.core.SockCore;
import org.jstap.sim.net.unix.AfUnix;

/**
 * The network stack of one machine, reached as {@code kernel.net()}: the socket layer
 * ({@link Sockets}, net/socket.c), the generic sock code ({@link SockCore}, net/core/sock.c),
 * and the protocol families registered with {@code sock_register} (today AF_UNIX). It also
 * stands for {@code init_net}, the one network namespace, holding the sysctls Linux keeps per
 * namespace or globally for the socket layer, with their Linux defaults.
 *
 * <pre>{@code
 * Socket[] s = new Socket[1];
 * int err = kernel.net().sockets().sock_create(SocketDefs.AF_UNIX, SocketDefs.SOCK_STREAM, 0, s);
 * }</pre>
 */
public final class Net {
    /** net.core.somaxconn: listen(2)'s backlog is clamped to this. */
    public int sysctl_somaxconn = 4096;
    /** net.core.wmem_max / rmem_max: SO_SNDBUF / SO_RCVBUF are clamped to these (then doubled). */
    public int sysctl_wmem_max = 212992;
    public int sysctl_rmem_max = 212992;
    /** net.core.wmem_default / rmem_default: a new sock's sk_sndbuf / sk_rcvbuf. */
    public int sysctl_wmem_default = 212992;
    public int sysctl_rmem_default = 212992;
    /** net.unix.max_dgram_qlen: a datagram socket's queue limit, and a new unix sock's backlog. */
    public int unx_sysctl_max_dgram_qlen = 10;

    private final Kernel kernel;
    private final Sockets sockets;
    private final SockCore sock;
    private final AfUnix unix;

    public Net(Kernel kernel) {
        this.kernel = kernel;
        this.sock = new SockCore(kernel, this);
        this.sockets = new Sockets(kernel, this);
        this.unix = new AfUnix(kernel, this);
    }

    public Kernel kernel() {
        return kernel;
    }

    /** net/socket.c: sockfs, the socket calls, the family registry. */
    public Sockets sockets() {
        return sockets;
    }

    /** net/core/sock.c: sk_alloc, sock options, the generic waits and wake-ups. */
    public SockCore sock() {
        return sock;
    }

    /** net/unix/af_unix.c: AF_UNIX. */
    public AfUnix unix() {
        return unix;
    }
}
