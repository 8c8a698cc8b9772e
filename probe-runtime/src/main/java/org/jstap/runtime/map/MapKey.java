package org.jstap.runtime.map;

import java.util.Arrays;

/**
 * The key of an array access, filled in place by generated code ({@code c.key().set(0, k)...})
 * so that looking up an existing element allocates nothing. Positions hold a long or a string,
 * as the array's key types say; {@link #WILDCARD} marks a slice position.
 */
public final class MapKey {
    /** Up to nine indexes, as SystemTap allows. */
    public static final int MAX_ARITY = 9;

    final long[] longs = new long[MAX_ARITY];
    final String[] strings = new String[MAX_ARITY];
    final boolean[] wildcard = new boolean[MAX_ARITY];

    public MapKey set(int i, long v) {
        longs[i] = v;
        strings[i] = null;
        wildcard[i] = false;
        return this;
    }

    public MapKey set(int i, String v) {
        strings[i] = v;
        wildcard[i] = false;
        return this;
    }

    public MapKey any(int i) {
        wildcard[i] = true;
        return this;
    }

    int hash(int arity) {
        return hash(longs, strings, arity);
    }

    /** The hash of a key held in columns; an entry's own keys hash the same way. */
    static int hash(long[] longs, String[] strings, int arity) {
        int h = 1;
        for (int i = 0; i < arity; i++) {
            h = 31 * h + (strings[i] != null ? strings[i].hashCode() : Long.hashCode(longs[i]));
        }
        return h ^ (h >>> 16);
    }

    boolean matches(Entry e, int arity) {
        for (int i = 0; i < arity; i++) {
            if (wildcard[i]) {
                continue;
            }
            if (strings[i] != null ? !strings[i].equals(e.strings[i]) : e.strings[i] != null || e.longs[i] != longs[i]) {
                return false;
            }
        }
        return true;
    }

    Entry copy(int arity) {
        Entry e = new Entry(arity);
        System.arraycopy(longs, 0, e.longs, 0, arity);
        System.arraycopy(strings, 0, e.strings, 0, arity);
        return e;
    }

    @Override
    public String toString() {
        return Arrays.toString(longs) + Arrays.toString(strings);
    }
}
