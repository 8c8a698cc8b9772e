package org.jstap.lang.cli;

/**
 * SIGINT and SIGTERM end a session the way exit() does, so end probes run, as with stap.
 * Uses sun.misc.Signal (module jdk.unsupported); where that is missing, the JVM's default applies.
 */
final class Signals {
    private Signals() {}

    static void onInterrupt(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.run());
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // signal not available here: keep the default behaviour
            }
        }
    }
}
