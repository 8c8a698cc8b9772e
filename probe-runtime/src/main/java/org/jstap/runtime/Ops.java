package org.jstap.runtime;

/** Operations generated code calls where the JVM's own would differ from stap's semantics. */
public final class Ops {
    private Ops() {}

    /** Division; {@code near} is stap's location text, e.g. {@code operator '/' at t.stp:3:9}. */
    public static long div(long a, long b, String near) {
        if (b == 0) {
            throw new StapError("division by 0 near " + near);
        }
        return a == Long.MIN_VALUE && b == -1 ? Long.MIN_VALUE : a / b;
    }

    public static long mod(long a, long b, String near) {
        if (b == 0) {
            throw new StapError("division by 0 near " + near);
        }
        return b == -1 ? 0 : a % b;
    }

    /** String comparison as strcmp: byte order. */
    public static int compare(String a, String b) {
        return a.compareTo(b);
    }
}
