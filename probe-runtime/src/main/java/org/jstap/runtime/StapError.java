package org.jstap.runtime;

/**
 * A run-time error in a probe handler ({@code error()}, division by zero, a limit). The session
 * prints it as stap does ({@code ERROR: division by 0 near operator '/' at t.stp:3:9}) and counts it.
 */
public final class StapError extends RuntimeException {
    public StapError(String message) {
        super(message, null, false, false);
    }
}
