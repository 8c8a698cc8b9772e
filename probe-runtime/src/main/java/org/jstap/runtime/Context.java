package org.jstap.runtime;

import org.jstap.sim.Kernel;

/**
 * The state of one probe hit, passed to every handler and runtime function. One per CPU, reused
 * from hit to hit so a hit allocates nothing.
 */
public final class Context {
    private final Session session;
    /** Script output of the current hit; flushed to the relay channel when the handler returns. */
    final StringBuilder out = new StringBuilder(256);
    String probePoint = "";
    /** Filled in place for each array access, so an access allocates nothing. */
    private final org.jstap.runtime.map.MapKey key = new org.jstap.runtime.map.MapKey();

    Context(Session session) {
        this.session = session;
    }

    public Session session() {
        return session;
    }

    public Kernel kernel() {
        return session.kernel();
    }

    /** {@code pp()}: the probe point that fired. */
    public String probePoint() {
        return probePoint;
    }

    /** Groups of the last successful =~, for matched(n). */
    private String[] matched;

    /** What tokenize("", delim) continues with. */
    private String tokenizeRest = "";

    public String tokenizeRest() {
        return tokenizeRest;
    }

    public void setTokenizeRest(String rest) {
        tokenizeRest = rest;
    }

    public String[] matched() {
        return matched;
    }

    public void setMatched(String[] groups) {
        matched = groups;
    }

    public org.jstap.runtime.map.MapKey key() {
        return key;
    }

    public StringBuilder out() {
        return out;
    }

    public void print(String s) {
        out.append(s);
    }

    public void print(long v) {
        out.append(v);
    }

    public void print(char c) {
        out.append(c);
    }
}
