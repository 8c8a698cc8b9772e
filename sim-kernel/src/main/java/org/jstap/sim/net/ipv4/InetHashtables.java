package org.jstap.sim.net.ipv4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.net.Sock;

/**
 * net/ipv4/inet_hashtables.c: TCP's three tables (struct inet_hashinfo). The bind hash holds an
 * {@link InetBindBucket} per local port in use; the listening hash the LISTEN socks by port; the
 * established hash every connection by its 4-tuple (full socks, request socks in
 * TCP_NEW_SYN_RECV and TIME_WAIT socks, as Linux keeps them together). Lookups:
 * {@link #__inet_lookup_established} (exact 4-tuple) then {@link #__inet_lookup_listener} (the
 * best-scoring listener: a bound address beats INADDR_ANY). {@link #inet_hash_connect} picks
 * connect(2)'s ephemeral port. Tables iterate in port order (bind, listen) and insertion order
 * (established), so /proc/net/tcp is deterministic.
 *
 * <pre>{@code
 * Sock sk = hashinfo.__inet_lookup(saddr, sport, daddr, dport, dif);   // tcp_v4_rcv
 * }</pre>
 */
@LinuxFile("net/ipv4/inet_hashtables.c")
public final class InetHashtables {
    /** The established hash's key: local address and port, remote address and port. */
    record Ehash(int laddr, int lport, int raddr, int rport) {}

    private final Kernel kernel;
    private final NetnsIpv4 ipv4;
    final TreeMap<Integer, InetBindBucket> bhash = new TreeMap<>();
    final TreeMap<Integer, List<TcpSock>> lhash = new TreeMap<>();
    final LinkedHashMap<Ehash, InetSock> ehash = new LinkedHashMap<>();

    InetHashtables(Kernel kernel, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.ipv4 = ipv4;
    }

    static Ehash key(InetSock sk) {
        return new Ehash(sk.inet_rcv_saddr, sk.inet_num, sk.inet_daddr, sk.inet_dport);
    }

    // ---------------------------------------------------------------- bind hash

    /** inet_bind_bucket_create: the bucket of {@code port}, made if it is not there. */
    InetBindBucket inet_bind_bucket_create(int port) {
        return bhash.computeIfAbsent(port, InetBindBucket::new);
    }

    InetBindBucket inet_bind_bucket(int port) {
        return bhash.get(port);
    }

    /** inet_bind_hash: {@code sk} owns {@code snum} through bucket {@code tb}. */
    void inet_bind_hash(TcpSock sk, InetBindBucket tb, int snum) {
        sk.inet_num = snum;
        sk.icsk_bind_hash = tb;
        tb.owners.add(sk);
    }

    /** inet_bind_bucket_destroy: a bucket nobody owns goes. */
    void inet_bind_bucket_destroy(InetBindBucket tb) {
        if (tb.owners.isEmpty()) {
            bhash.remove(tb.port);
        }
    }

    /** inet_put_port (__inet_put_port): {@code sk} lets its port go. */
    public void inet_put_port(TcpSock sk) {
        InetBindBucket tb = sk.icsk_bind_hash;
        if (tb == null) {
            return;
        }
        tb.owners.remove(sk);
        sk.icsk_bind_hash = null;
        sk.inet_num = 0;
        inet_bind_bucket_destroy(tb);
    }

    /** __inet_inherit_port: an accepted child shares its listener's port (and bucket). */
    void __inet_inherit_port(TcpSock listener, TcpSock child) {
        InetBindBucket tb = listener.icsk_bind_hash;
        child.icsk_bind_hash = tb;
        tb.owners.add(child);
    }

    // ---------------------------------------------------------------- listening and established

    /** __inet_hash: a listener enters the listening hash. */
    int __inet_hash(TcpSock sk) {
        lhash.computeIfAbsent(sk.inet_num, p -> new ArrayList<>()).add(sk);
        return 0;
    }

    /** inet_hash: LISTEN socks go to the listening hash (others are hashed by inet_ehash_insert). */
    public int inet_hash(Sock sk) {
        if (sk.sk_state != Sock.TCP_CLOSE && sk.sk_state == Sock.TCP_LISTEN) {
            return __inet_hash((TcpSock) sk);
        }
        return 0;
    }

    /** inet_unhash: out of the listening or established hash. */
    public void inet_unhash(Sock s) {
        InetSock sk = InetSock.inet_sk(s);
        if (sk.sk_state == Sock.TCP_LISTEN) {
            List<TcpSock> l = lhash.get(sk.inet_num);
            if (l != null) {
                l.remove(sk);
                if (l.isEmpty()) {
                    lhash.remove(sk.inet_num);
                }
            }
            return;
        }
        Ehash k = key(sk);
        if (ehash.get(k) == sk) {
            ehash.remove(k);
        }
    }

    /** inet_ehash_insert: {@code sk} enters the established hash, replacing {@code osk} if given (a request or full sock). */
    boolean inet_ehash_insert(InetSock sk, InetSock osk) {
        Ehash k = key(sk);
        if (osk != null) {
            if (ehash.get(k) == osk) {
                ehash.remove(k);
            }
        } else if (ehash.containsKey(k)) {
            return false;
        }
        ehash.put(k, sk);
        return true;
    }

    /** inet_ehash_nolisten. */
    boolean inet_ehash_nolisten(InetSock sk, InetSock osk) {
        return inet_ehash_insert(sk, osk);
    }

    /** __inet_lookup_established: the sock with exactly this 4-tuple, or null. */
    public InetSock __inet_lookup_established(int saddr, int sport, int daddr, int hnum) {
        return ehash.get(new Ehash(daddr, hnum, saddr, sport));
    }

    /** compute_score: -1 if {@code sk} does not listen for this, higher when bound to the exact address. */
    static int compute_score(TcpSock sk, int daddr, int hnum, int dif) {
        if (sk.inet_num != hnum) {
            return -1;
        }
        int score = 1;
        if (sk.inet_rcv_saddr != 0) {
            if (sk.inet_rcv_saddr != daddr) {
                return -1;
            }
            score++;
        }
        if (sk.sk_bound_dev_if != 0) {
            if (sk.sk_bound_dev_if != dif) {
                return -1;
            }
            score++;
        }
        return score;
    }

    /** __inet_lookup_listener: the best listener on {@code hnum} for {@code daddr}, or null. */
    public TcpSock __inet_lookup_listener(int saddr, int sport, int daddr, int hnum, int dif) {
        TcpSock result = null;
        int hiscore = 0;
        for (TcpSock sk : lhash.getOrDefault(hnum, List.of())) {
            int score = compute_score(sk, daddr, hnum, dif);
            if (score > hiscore) {
                result = sk;
                hiscore = score;
            }
        }
        return result;
    }

    /** __inet_lookup: established first, then listeners. */
    public InetSock __inet_lookup(int saddr, int sport, int daddr, int dport, int dif) {
        InetSock sk = __inet_lookup_established(saddr, sport, daddr, dport);
        return sk != null ? sk : __inet_lookup_listener(saddr, sport, daddr, dport, dif);
    }

    // ---------------------------------------------------------------- connect's port

    /**
     * __inet_check_established: is the 4-tuple {@code sk} would have with local port {@code lport}
     * free? A TIME_WAIT sock holding it is not reused here (net.ipv4.tcp_tw_reuse's loopback
     * case is not modelled).
     */
    boolean __inet_check_established(TcpSock sk, int lport) {
        return !ehash.containsKey(new Ehash(sk.inet_rcv_saddr, lport, sk.inet_daddr, sk.inet_dport));
    }

    /**
     * inet_hash_connect (__inet_hash_connect): a bound sock keeps its port (EADDRNOTAVAIL if the
     * 4-tuple is taken); else a port of ip_local_port_range from a random offset, even ports
     * first as Linux 6.x searches, skipping ports bound by bind(2) and 4-tuples in use;
     * EADDRNOTAVAIL if none is left. The sock then enters the established hash.
     */
    public int inet_hash_connect(TcpSock sk) {
        if (sk.inet_num != 0) {
            if (!__inet_check_established(sk, sk.inet_num)) {
                return -Errno.EADDRNOTAVAIL;
            }
            inet_ehash_insert(sk, null);
            return 0;
        }
        int low = ipv4.ip_local_port_range_low;
        int high = ipv4.ip_local_port_range_high;
        int remaining = high - low + 1;
        byte[] r = new byte[4];
        kernel.random().get_random_bytes(r);
        int offset = (int) (((r[0] & 0xffL) | (r[1] & 0xffL) << 8 | (r[2] & 0xffL) << 16 | (r[3] & 0xffL) << 24)
                % remaining) & ~1;
        for (int parity = 0; parity < 2; parity++) {
            for (int i = 0; i < remaining; i += 2) {
                int port = low + (offset + parity + i) % remaining;
                InetBindBucket tb = bhash.get(port);
                if (tb != null && tb.fastreuse >= 0) {
                    continue;
                }
                if (!__inet_check_established(sk, port)) {
                    continue;
                }
                if (tb == null) {
                    tb = inet_bind_bucket_create(port);
                    tb.fastreuse = -1;
                }
                inet_bind_hash(sk, tb, port);
                sk.inet_sport = port;
                inet_ehash_insert(sk, null);
                return 0;
            }
        }
        return -Errno.EADDRNOTAVAIL;
    }

    /** Every sock in the tables, in /proc/net/tcp's order: listeners by port, then the established hash. */
    public List<InetSock> socks() {
        List<InetSock> all = new ArrayList<>();
        lhash.values().forEach(all::addAll);
        all.addAll(ehash.values());
        return all;
    }

    Map<Ehash, InetSock> established() {
        return ehash;
    }
}
