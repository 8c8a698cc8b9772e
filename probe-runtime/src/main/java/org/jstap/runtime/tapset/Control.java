package org.jstap.runtime.tapset;

import org.jstap.runtime.Context;
import org.jstap.runtime.StapError;

/** Session control: exit, error, warn, log. */
public final class Control {
    private Control() {}

    /** Ends the session after the current probe; end probes then run. */
    @Function
    public static void exit(Context c) {
        c.session().requestExit();
    }

    /** Ends the session at once: no end or error probes run (stap's abort()). */
    @Function
    public static void abort(Context c) {
        c.session().abort();
        throw new org.jstap.runtime.NextProbe.Abort();
    }

    /** A random number in {@code [0, n)}, from the machine's seed, so runs repeat exactly. */
    @Function
    public static long randint(Context c, long n) {
        if (n <= 0 || n > (1L << 32)) {
            throw new StapError("handle_randint: invalid number " + n);
        }
        return c.session().random().nextLong(n);
    }

    /** The probe point that fired, as written with its resolved name: {@code kernel.function("do_timer@...")}. */
    @Function
    public static String pp(Context c) {
        return c.probePoint();
    }

    /**
     * The function named in the probe point, as stap parses it from pp(): the first quoted name up
     * to any '@' ({@code do_timer} for a kernel.function, the event for a kernel.trace), or "" when
     * the probe point quotes nothing.
     */
    @Function
    public static String ppfunc(Context c) {
        String pp = c.probePoint();
        int open = pp.indexOf('"');
        if (open < 0) {
            return "";
        }
        int start = open + 1;
        int end = pp.indexOf('@', start);
        return pp.substring(start, end < 0 ? pp.indexOf('"', start) : end);
    }

    /** Older name of ppfunc(). */
    @Function
    public static String probefunc(Context c) {
        return ppfunc(c);
    }

    /** Writes {@code msg} and a newline to the script's output. */
    @Function
    public static void log(Context c, String msg) {
        c.print(msg);
        c.print('\n');
    }

    /** Raises a run-time error: the probe stops and the error is counted. */
    @Function
    public static void error(Context c, String msg) {
        throw new StapError(msg);
    }

    /** Prints {@code WARNING: msg} on the error stream. */
    @Function
    public static void warn(Context c, String msg) {
        c.session().warn(msg);
    }
}
