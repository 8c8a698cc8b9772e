package org.jstap.runtime;

/**
 * What the translator's generated module class implements. {@link #register} runs as the
 * module's init: it initialises globals and registers every probe with the session.
 */
public interface CompiledScript {
    void register(ProbeRegistry registry);
}
