package org.jstap.runtime;

/** Thrown by {@code next} inside a function to leave the probe handler; carries no stack trace. */
public final class NextProbe extends RuntimeException {
    public static final NextProbe INSTANCE = new NextProbe();

    private NextProbe() {
        super(null, null, false, false);
    }

    /** Thrown by abort(): leaves the probe like next, after the session was told to stop at once. */
    public static final class Abort extends RuntimeException {
        public Abort() {
            super(null, null, false, false);
        }
    }
}
