package org.jstap.sim.userland.sh;

/**
 * A shell syntax error, worded as dash words it ("Syntax error: \"|\" unexpected"). {@code
 * incomplete} says the input ended inside a construct, so an interactive shell asks for more.
 */
public final class SyntaxError extends Exception {
    private final int line;
    private final boolean incomplete;

    public SyntaxError(String message, int line, boolean incomplete) {
        super(message, null, false, false);
        this.line = line;
        this.incomplete = incomplete;
    }

    public int line() {
        return line;
    }

    public boolean incomplete() {
        return incomplete;
    }
}
