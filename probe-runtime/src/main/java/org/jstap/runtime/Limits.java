package org.jstap.runtime;

import java.util.Map;

/**
 * SystemTap's run-time limits, by their stap names, with stap's defaults; {@code -D NAME=VALUE}
 * overrides any of them.
 *
 * @param maxStringLen  longest string, in bytes, including stap's terminating NUL (MAXSTRINGLEN)
 * @param maxAction     statements one probe hit may run (MAXACTION); begin/end probes get 10x
 * @param maxMapEntries elements of an array declared without a size (MAXMAPENTRIES)
 * @param maxNesting    depth of nested function calls (MAXNESTING)
 * @param maxErrors     errors tolerated before the session stops (MAXERRORS)
 * @param maxSkipped    skipped probes tolerated before the session stops (MAXSKIPPED)
 */
public record Limits(int maxStringLen, long maxAction, int maxMapEntries, int maxNesting, long maxErrors,
                     long maxSkipped) {

    public static final Limits DEFAULTS = new Limits(512, 1000, 2048, 10, 0, 100);

    /** Applies {@code -D} settings; unknown names are ignored here (the driver reports them). */
    public static Limits of(Map<String, Long> defines) {
        Limits d = DEFAULTS;
        return new Limits(
                (int) (long) defines.getOrDefault("MAXSTRINGLEN", (long) d.maxStringLen),
                defines.getOrDefault("MAXACTION", d.maxAction),
                (int) (long) defines.getOrDefault("MAXMAPENTRIES", (long) d.maxMapEntries),
                (int) (long) defines.getOrDefault("MAXNESTING", (long) d.maxNesting),
                defines.getOrDefault("MAXERRORS", d.maxErrors),
                defines.getOrDefault("MAXSKIPPED", d.maxSkipped));
    }

    /** The names -D accepts. */
    public static final java.util.Set<String> NAMES = java.util.Set.of("MAXSTRINGLEN", "MAXACTION",
            "MAXMAPENTRIES", "MAXNESTING", "MAXERRORS", "MAXSKIPPED");
}
