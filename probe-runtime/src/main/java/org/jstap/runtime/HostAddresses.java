package org.jstap.runtime;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Addresses for values a probe hands out that are not kernel objects with a {@code kaddr} (a
 * list, an array, a lambda): numbered in the order the session first sees them, so a script that
 * prints {@code $var} reads the same on every run, which an identity hash would not give. At most
 * {@link #LIMIT} are remembered; after that the table starts again, with new numbers, so an
 * address is never given to two objects.
 */
final class HostAddresses {
    static final int LIMIT = 4096;
    /** Above the direct map and vmalloc ranges, as a Linux module's data would be. */
    private static final long BASE = 0xffffffff_c0000000L;
    private static final long STRIDE = 0x40;

    private final Map<Object, Long> known = new IdentityHashMap<>();
    private long next = BASE;

    long of(Object v) {
        Long a = known.get(v);
        if (a == null) {
            if (known.size() >= LIMIT) {
                known.clear();
            }
            a = next;
            next += STRIDE;
            known.put(v, a);
        }
        return a;
    }
}
