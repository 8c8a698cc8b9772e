package org.jstap.sim.fs;

/** The outcome of a path walk: the place found, or the errno why not (then {@code path} is null). */
public record Lookup(int err, Path path) {
    static Lookup error(int err) {
        return new Lookup(err, null);
    }
}
