package org.jstap.runtime;

/** Thrown by {@code next} inside a function to leave the probe handler; carries no stack trace. */
public final class NextProbe extends RuntimeException {
    public static final NextProbe INSTANCE = new NextProbe();

    private NextProbe() {
        super(null, null, false, false);
    }
}
