package org.jstap.sim.kernel.signal;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * struct sigpending: the signals waiting for a thread (or, as shared_pending, for its whole
 * process): a bit per signal and the queued siginfo. A standard signal is queued once; real-time
 * ones queue every instance.
 */
public final class SigPending {
    public long signal;
    final ArrayDeque<Siginfo> list = new ArrayDeque<>();

    boolean add(Siginfo info) {
        long bit = Signals.sigmask(info.signo());
        if (info.signo() < Signals.SIGRTMIN && (signal & bit) != 0) {
            return false;
        }
        signal |= bit;
        list.add(info);
        return true;
    }

    /** Removes and returns the first queued instance of {@code sig}. */
    Siginfo take(int sig) {
        Siginfo found = null;
        boolean more = false;
        for (Iterator<Siginfo> it = list.iterator(); it.hasNext();) {
            Siginfo i = it.next();
            if (i.signo() == sig) {
                if (found == null) {
                    found = i;
                    it.remove();
                } else {
                    more = true;
                }
            }
        }
        if (!more) {
            signal &= ~Signals.sigmask(sig);
        }
        return found != null ? found : Siginfo.kernel(sig);
    }

    /** Drops every instance of the signals in {@code mask}. */
    void flush(long mask) {
        signal &= ~mask;
        list.removeIf(i -> (Signals.sigmask(i.signo()) & mask) != 0);
    }

    /** Queued siginfos (what SigQ counts in /proc/PID/status). */
    public int queued() {
        return list.size();
    }
}
