package org.jstap.runtime.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jstap.runtime.StapError;
import org.jstap.runtime.stat.HistogramSpec;
import org.jstap.runtime.stat.Stat;

/**
 * A global associative array with SystemTap's semantics: reading a missing element gives 0 or ""
 * without creating it; at most {@code maxEntries} elements (MAXMAPENTRIES or the declared
 * {@code [N]}), after which inserting is an error, unless the array wraps ({@code %}) and
 * overwrites its oldest element.
 *
 * <pre>{@code
 * StapMap m = new StapMap("counts", 1, 2048, false, false, HistogramSpec.NONE, 0);
 * m.addLong(c.key().set(0, "read"), 1);
 * }</pre>
 */
public final class StapMap {
    private final String name;
    private final int arity;
    private final int maxEntries;
    private final boolean wrap;
    private final boolean stringValues;
    private final HistogramSpec histogram;
    private final int shift;
    private Entry[] table = new Entry[64];
    private int size;
    private long nextSequence;

    public StapMap(String name, int arity, int maxEntries, boolean wrap, boolean stringValues, HistogramSpec histogram,
                   int shift) {
        this.name = name;
        this.stringValues = stringValues;
        this.arity = arity;
        this.maxEntries = maxEntries;
        this.wrap = wrap;
        this.histogram = histogram;
        this.shift = shift;
    }

    public String name() {
        return name;
    }

    /** How many indexes a key has. */
    public int arity() {
        return arity;
    }

    /** Whether the values are strings (else longs, or statistics when the array is fed with {@code <<<}). */
    public boolean stringValues() {
        return stringValues;
    }

    public int size() {
        return size;
    }

    private Entry find(MapKey k) {
        for (Entry e = table[k.hash(arity) & (table.length - 1)]; e != null; e = e.next) {
            if (k.matches(e, arity)) {
                return e;
            }
        }
        return null;
    }

    private Entry findOrInsert(MapKey k, String near) {
        Entry e = find(k);
        if (e != null) {
            return e;
        }
        if (size >= maxEntries) {
            if (!wrap) {
                throw new StapError("Array overflow, check MAXMAPENTRIES near " + near);
            }
            remove(oldest());
        }
        e = k.copy(arity);
        e.sequence = nextSequence++;
        int slot = k.hash(arity) & (table.length - 1);
        e.next = table[slot];
        table[slot] = e;
        if (++size > table.length * 3 / 4) {
            grow();
        }
        return e;
    }

    public boolean contains(MapKey k) {
        return find(k) != null;
    }

    public long getLong(MapKey k) {
        Entry e = find(k);
        return e == null ? 0 : e.longValue;
    }

    public String getString(MapKey k) {
        Entry e = find(k);
        return e == null ? "" : e.stringValue;
    }

    /** The statistic of an element for extraction; null if the element does not exist. */
    public Stat getStat(MapKey k) {
        Entry e = find(k);
        return e == null ? null : e.stat;
    }

    public long setLong(MapKey k, long v, String near) {
        findOrInsert(k, near).longValue = v;
        return v;
    }

    public String setString(MapKey k, String v, String near) {
        findOrInsert(k, near).stringValue = v;
        return v;
    }

    /** {@code a[k] += d} and {@code a[k]++}: returns the new value. */
    public long addLong(MapKey k, long d, String near) {
        Entry e = findOrInsert(k, near);
        e.longValue += d;
        return e.longValue;
    }

    /** {@code a[k] <<< v}. */
    public void addStat(MapKey k, long v, String near) {
        Entry e = findOrInsert(k, near);
        if (e.stat == null) {
            e.stat = new Stat(histogram, shift);
        }
        e.stat.add(v);
    }

    /** {@code delete a[k]}, or a slice when the key has wildcards. */
    public void delete(MapKey k) {
        boolean slice = false;
        for (int i = 0; i < arity; i++) {
            slice |= k.wildcard[i];
        }
        if (!slice) {
            Entry e = find(k);
            if (e != null) {
                remove(e);
            }
            return;
        }
        for (Entry e : entries()) {
            if (k.matches(e, arity)) {
                remove(e);
            }
        }
        for (int i = 0; i < arity; i++) {
            k.wildcard[i] = false;
        }
    }

    /** {@code [k, *] in a}: whether any element matches. */
    public boolean containsSlice(MapKey k) {
        boolean found = false;
        search:
        for (Entry head : table) {
            for (Entry e = head; e != null; e = e.next) {
                if (k.matches(e, arity)) {
                    found = true;
                    break search;
                }
            }
        }
        Arrays.fill(k.wildcard, false);
        return found;
    }

    public void clear() {
        Arrays.fill(table, null);
        size = 0;
    }

    private void remove(Entry victim) {
        int slot = MapKey.hash(victim.longs, victim.strings, arity) & (table.length - 1);
        Entry prev = null;
        for (Entry e = table[slot]; e != null; prev = e, e = e.next) {
            if (e == victim) {
                if (prev == null) {
                    table[slot] = e.next;
                } else {
                    prev.next = e.next;
                }
                size--;
                return;
            }
        }
    }

    private Entry oldest() {
        Entry oldest = null;
        for (Entry e : entries()) {
            if (oldest == null || e.sequence < oldest.sequence) {
                oldest = e;
            }
        }
        return oldest;
    }

    private void grow() {
        Entry[] old = table;
        table = new Entry[old.length * 2];
        for (Entry head : old) {
            for (Entry e = head; e != null; ) {
                Entry next = e.next;
                int slot = MapKey.hash(e.longs, e.strings, arity) & (table.length - 1);
                e.next = table[slot];
                table[slot] = e;
                e = next;
            }
        }
    }

    private List<Entry> entries() {
        List<Entry> all = new ArrayList<>(size);
        for (Entry head : table) {
            for (Entry e = head; e != null; e = e.next) {
                all.add(e);
            }
        }
        return all;
    }

    /** What foreach sorts by. */
    public enum SortBy { NONE, VALUE, KEY, COUNT, SUM, MIN, MAX, AVG }

    /**
     * The elements for a {@code foreach}, as a snapshot: matching {@code slice} (may be null), sorted
     * by a key column or the value (ascending {@code direction > 0}, descending {@code < 0}), cut to
     * {@code limit} (negative for none). Unsorted iteration is in insertion order.
     */
    public Entry[] iterate(MapKey slice, SortBy by, int keyColumn, int direction, long limit) {
        List<Entry> all = entries();
        if (slice != null) {
            all.removeIf(e -> !slice.matches(e, arity));
            Arrays.fill(slice.wildcard, false);
        }
        Comparator<Entry> order = Comparator.comparingLong(e -> e.sequence);
        if (by != SortBy.NONE && direction != 0) {
            Comparator<Entry> c = switch (by) {
                case KEY -> (a, b) -> a.strings[keyColumn] != null || b.strings[keyColumn] != null
                        ? a.stringKeyOrEmpty(keyColumn).compareTo(b.stringKeyOrEmpty(keyColumn))
                        : Long.compare(a.longs[keyColumn], b.longs[keyColumn]);
                case VALUE -> stringValues ? (a, b) -> a.stringValue.compareTo(b.stringValue)
                        : (a, b) -> a.stat != null || b.stat != null
                        ? Long.compare(statValue(a, SortBy.COUNT), statValue(b, SortBy.COUNT))
                        : Long.compare(a.longValue, b.longValue);
                default -> Comparator.comparingLong(e -> statValue(e, by));
            };
            order = (direction > 0 ? c : c.reversed()).thenComparing(order);
        }
        all.sort(order);
        if (limit >= 0 && limit < all.size()) {
            all = all.subList(0, (int) limit);
        }
        return all.toArray(new Entry[0]);
    }

    private static long statValue(Entry e, SortBy by) {
        Stat s = e.stat;
        if (s == null || s.count() == 0) {
            return 0;
        }
        return switch (by) {
            case COUNT -> s.count();
            case SUM -> s.sum();
            case MIN -> s.min("");
            case MAX -> s.max("");
            case AVG -> s.avg("");
            default -> 0;
        };
    }
}
