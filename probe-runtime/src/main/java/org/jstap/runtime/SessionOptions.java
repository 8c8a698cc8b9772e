package org.jstap.runtime;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * What a session needs from the command line.
 *
 * @param out  where script output goes (stdout, or the {@code -o} file)
 * @param err  where ERROR and WARNING lines go
 * @param limits MAXACTION and friends
 * @param timing {@code -t}: keep each probe's hits and cost and print stap's probe hit report at exit
 */
public record SessionOptions(OutputStream out, PrintStream err, Limits limits, boolean timing) {

    public SessionOptions(OutputStream out, PrintStream err, Limits limits) {
        this(out, err, limits, false);
    }

    public SessionOptions(OutputStream out, PrintStream err) {
        this(out, err, Limits.DEFAULTS);
    }
}
