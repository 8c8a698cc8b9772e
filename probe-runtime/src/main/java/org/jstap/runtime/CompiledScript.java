package org.jstap.runtime;

/**
 * What the translator's generated module class implements. {@link #register} runs as the
 * module's init: it initialises globals and registers every probe with the session.
 */
public interface CompiledScript {
    void register(ProbeRegistry registry);

    /**
     * For each probe {@link #register} registers, in the same order, two strings: where its
     * declaration is ({@code FILE:LINE:COL}) and its derivation as stap's probe table holds it
     * ({@code " from: syscall.read"}). {@code stap -t}'s report prints them; a module without
     * the table reports empty ones.
     */
    default String[] probeSites() {
        return new String[0];
    }
}
