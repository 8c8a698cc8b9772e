package org.jstap.runtime;

/**
 * How a compiled script attaches its probes. {@code sequence} orders probes of one kind
 * (stap's {@code begin(N)} priority, then script order); {@code point} is the probe point as
 * {@code pp()} returns it.
 */
public interface ProbeRegistry {
    void begin(long sequence, String point, ProbeHandler handler);

    void end(long sequence, String point, ProbeHandler handler);

    void error(long sequence, String point, ProbeHandler handler);

    /** MAXMAPENTRIES: the size of arrays declared without one. */
    int maxMapEntries();
}
