package org.jstap.runtime.map;

import org.jstap.runtime.stat.Stat;

/** One element of an associative array: its keys and its value (long, string or statistic). */
public final class Entry {
    final long[] longs;
    final String[] strings;
    long longValue;
    String stringValue = "";
    Stat stat;
    /** Insertion order, for the oldest-first eviction of {@code %} arrays and stable sorting. */
    long sequence;
    Entry next;

    Entry(int arity) {
        longs = new long[arity];
        strings = new String[arity];
    }

    public long longKey(int i) {
        return longs[i];
    }

    public String stringKey(int i) {
        return strings[i] == null ? "" : strings[i];
    }

    /** Whether key {@code i} is a string (else a long): what a reader outside generated code needs to tell. */
    public boolean isStringKey(int i) {
        return strings[i] != null;
    }

    String stringKeyOrEmpty(int i) {
        return strings[i] == null ? "" : strings[i];
    }

    public long longValue() {
        return longValue;
    }

    public String stringValue() {
        return stringValue;
    }

    public Stat stat() {
        return stat;
    }
}
