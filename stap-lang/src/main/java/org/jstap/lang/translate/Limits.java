package org.jstap.lang.translate;

/** SystemTap's limits and their defaults; {@code -D NAME=VALUE} overrides them (see the runtime). */
final class Limits {
    private Limits() {}

    /** Elements an array holds unless declared with {@code [N]}. */
    static final int MAXMAPENTRIES = 2048;
}
