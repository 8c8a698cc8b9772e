package org.jstap.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jstap.runtime.map.Entry;
import org.jstap.runtime.map.StapMap;

/**
 * A snapshot of a script's associative array as Java values: keys are lists of {@link Long} and
 * {@link String} (one element per index), values are {@link Long}, {@link String} or
 * {@link Aggregate}. Elements keep the order they were added in, as an unsorted {@code foreach}
 * visits them.
 *
 * <pre>{@code
 * GlobalArray calls = session.globals().array("calls");     // global calls; calls[name]++
 * assertEquals(1, calls.getLong("openat"));
 * assertEquals(0, calls.getLong("nosuch"));                  // a missing element reads 0, as in stap
 * }</pre>
 */
public final class GlobalArray {
    private final String name;
    private final Map<List<Object>, Object> elements;

    private GlobalArray(String name, Map<List<Object>, Object> elements) {
        this.name = name;
        this.elements = Collections.unmodifiableMap(elements);
    }

    static GlobalArray of(StapMap map) {
        Map<List<Object>, Object> all = new LinkedHashMap<>();
        for (Entry e : map.iterate(null, StapMap.SortBy.NONE, 0, 0, -1)) {
            List<Object> key = new ArrayList<>(map.arity());
            for (int i = 0; i < map.arity(); i++) {
                key.add(e.isStringKey(i) ? e.stringKey(i) : (Object) e.longKey(i));
            }
            Object value = e.stat() != null ? Aggregate.of(e.stat())
                    : map.stringValues() ? e.stringValue() : (Object) e.longValue();
            all.put(List.copyOf(key), value);
        }
        return new GlobalArray(map.name(), all);
    }

    public String name() {
        return name;
    }

    public int size() {
        return elements.size();
    }

    /** Every element, key list to value, in insertion order. */
    public Map<List<Object>, Object> asMap() {
        return elements;
    }

    public List<List<Object>> keys() {
        return List.copyOf(elements.keySet());
    }

    /** Whether {@code [key...] in array} holds. */
    public boolean contains(Object... key) {
        return elements.containsKey(key(key));
    }

    /** A long element; 0 when missing, as reading a missing element gives in stap. */
    public long getLong(Object... key) {
        Object v = elements.get(key(key));
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Long l)) {
            throw new IllegalStateException(name + " does not hold longs: " + v.getClass().getSimpleName());
        }
        return l;
    }

    /** A string element; "" when missing. */
    public String getString(Object... key) {
        Object v = elements.get(key(key));
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw new IllegalStateException(name + " does not hold strings: " + v.getClass().getSimpleName());
        }
        return s;
    }

    /** A statistic element; null when missing. */
    public Aggregate getStat(Object... key) {
        Object v = elements.get(key(key));
        if (v != null && !(v instanceof Aggregate)) {
            throw new IllegalStateException(name + " does not hold statistics");
        }
        return (Aggregate) v;
    }

    /** The sum of the long values, as a total over all keys. */
    public long sum() {
        long total = 0;
        for (Object v : elements.values()) {
            total += v instanceof Long l ? l : 0;
        }
        return total;
    }

    /** Java ints, shorts and bytes are script longs; strings stay strings. */
    private static List<Object> key(Object... parts) {
        List<Object> k = new ArrayList<>(parts.length);
        for (Object p : parts) {
            k.add(p instanceof Number n && !(p instanceof Double) && !(p instanceof Float) ? (Object) n.longValue() : p);
        }
        return k;
    }

    @Override
    public String toString() {
        return name + elements;
    }
}
