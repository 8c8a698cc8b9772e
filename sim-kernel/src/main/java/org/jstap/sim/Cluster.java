package org.jstap.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jstap.sim.hw.Wire;

/**
 * Several machines on one Ethernet in one run: host0 .. hostN-1, each a {@link Kernel} of its
 * own (probes attach to one of them as to any kernel) with an e1000 whose address follows from
 * its index, all plugged into one {@link Wire}.
 *
 * <p>Each machine keeps its own virtual clock and event queue; they run one after another on
 * the caller's thread in conservative lockstep. A frame sent at {@code t} lands in the
 * receiver's event queue for {@code t + frame time + delay}, never earlier than {@code t +}
 * {@link Wire#lookahead()} (L). So before a machine runs, the cluster finds the earliest moment
 * any other machine could next act (its clock if it has a runnable task, else its next event;
 * or L after this machine next acts, when a frame from it could wake the other) and lets it run
 * to that moment plus L: no frame can arrive before then that is not in its event queue already.
 * Idle machines leap from event to event; busy ones move by about 2L per round. Machines take turns
 * in index order, so a run repeats exactly. A machine whose task overshoots its horizon by a
 * charge takes a frame due inside the overshoot when the task gives the CPU back, as one machine
 * takes a disk interrupt.
 *
 * <pre>{@code
 * Cluster c = Cluster.boot(2, KernelConfig.defaults(), Wire.Config.defaults().withLoss(0.01));
 * c.run_until(() -> false, c.host(0).hardware().now() + 1_000_000_000L);
 * c.kernel_power_off();
 * }</pre>
 */
public final class Cluster {
    private final List<Kernel> hosts;
    private final Wire wire;

    private Cluster(List<Kernel> hosts, Wire wire) {
        this.hosts = hosts;
        this.wire = wire;
    }

    /**
     * The machines powered on and cabled, their kernels loaded but not started, so probes can be
     * attached to one before {@link #start_kernels}.
     */
    public static Cluster create(int n, KernelConfig base, Wire.Config wireConfig) {
        return create(n, i -> host_config(base, i), wireConfig);
    }

    /** {@link #create} with each host's configuration made by {@code config} from its index. */
    public static Cluster create(int n, java.util.function.IntFunction<KernelConfig> config, Wire.Config wireConfig) {
        if (n < 1) {
            throw new IllegalArgumentException("a cluster needs a host: " + n);
        }
        Wire wire = new Wire(wireConfig);
        List<Kernel> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Kernel k = Kernel.create(config.apply(i));
            k.initramfs().add("/etc/hostname", hostname(i) + "\n");
            wire.attach(k.hardware().nic());
            hosts.add(k);
        }
        return new Cluster(Collections.unmodifiableList(hosts), wire);
    }

    /** Builds the cluster and boots every machine until each one is starting init. */
    public static Cluster boot(int n, KernelConfig base, Wire.Config wireConfig) {
        Cluster c = create(n, base, wireConfig);
        c.start_kernels();
        return c;
    }

    /** {@code host3}. */
    public static String hostname(int index) {
        return "host" + index;
    }

    /** Host {@code index}'s IPv4 address on the wire when the hosts are addressed: 10.0.0.(index + 1). */
    public static String address(int index) {
        return "10.0.0." + (index + 1);
    }

    /**
     * {@link #host_config} plus the kernel's own IP configuration (ip=, net/ipv4/ipconfig.c):
     * eth0 up at boot with {@link #address} on 10.0.0.0/24, as a {@code --hosts} run wants them.
     */
    public static KernelConfig addressed_host_config(KernelConfig base, int index) {
        return host_config(base, index).withAppend("ip=" + address(index) + ":::255.255.255.0:" + hostname(index) + ":eth0:off");
    }

    /** Host {@code index}'s machine: its own seed (the base's plus the index), a NIC, its name on the command line. */
    public static KernelConfig host_config(KernelConfig base, int index) {
        return base.withSeed(base.seed() + index).withNic(index).withAppend("hostname=" + hostname(index));
    }

    /** start_kernel on every machine, then all of them together until every one has booted. */
    public void start_kernels() {
        for (Kernel k : hosts) {
            k.enter_start_kernel();
        }
        run_until(() -> hosts.stream().allMatch(k -> k.init().booted()), Long.MAX_VALUE);
    }

    /**
     * Runs the machines in lockstep until {@code done} holds or every clock has reached {@code
     * deadlineNs}. Returns true if {@code done} ended it.
     */
    public boolean run_until(BooleanSupplier done, long deadlineNs) {
        long lookahead = wire.lookahead();
        while (!done.getAsBoolean()) {
            boolean behind = false;
            for (Kernel k : hosts) {
                long horizon = Math.min(deadlineNs, horizon(k, lookahead));
                if (k.hardware().now() < horizon && k.run_until(done, horizon)) {
                    return true;
                }
                behind |= k.hardware().now() < deadlineNs;
            }
            if (!behind) {
                return done.getAsBoolean();
            }
        }
        return true;
    }

    /**
     * How far {@code k} may run: no frame can reach it earlier. Another machine sends no sooner
     * than it next acts, or than a frame {@code k} sends could reach it and wake it (L after
     * {@code k} next acts); what it sends needs L more to arrive.
     */
    private long horizon(Kernel k, long lookahead) {
        long others = Long.MAX_VALUE;
        for (Kernel o : hosts) {
            if (o != k) {
                others = Math.min(others, earliest(o));
            }
        }
        long woken = saturating_add(earliest(k), lookahead);
        return saturating_add(Math.min(others, woken), lookahead);
    }

    /** The earliest virtual time at which {@code k} can next act: now with a runnable task, else at its next event. */
    private static long earliest(Kernel k) {
        long now = k.hardware().now();
        return k.sched().has_runnable() ? now : Math.max(now, k.hardware().events().peekTime());
    }

    private static long saturating_add(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }

    public Kernel host(int index) {
        return hosts.get(index);
    }

    public List<Kernel> hosts() {
        return hosts;
    }

    public int size() {
        return hosts.size();
    }

    public Wire wire() {
        return wire;
    }

    /** The time every machine has reached. */
    public long now() {
        long min = Long.MAX_VALUE;
        for (Kernel k : hosts) {
            min = Math.min(min, k.hardware().now());
        }
        return min;
    }

    /** kernel_power_off on every machine. */
    public void kernel_power_off() {
        for (Kernel k : hosts) {
            k.kernel_power_off();
        }
    }
}
