package org.jstap.api;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jstap.runtime.map.StapMap;
import org.jstap.runtime.stat.Stat;

/**
 * A session's globals read as Java values: the generated module keeps each global as a static
 * field of its class ({@code long}, {@code String}, a statistic, or an array), the same state
 * stap's end-of-session display of unread globals prints. Reading takes a snapshot; read while
 * the machine is stopped (between {@link Machine#run} calls, or after {@link ProbeSession#detach}).
 * A global the script never uses is removed by pass 2's optimizer and is not here.
 *
 * <pre>{@code
 * Globals g = session.globals();
 * long opens = g.getLong("opens");
 * String last = g.getString("last_file");
 * GlobalArray perExec = g.array("count");
 * Aggregate sizes = g.stat("sizes");
 * }</pre>
 */
public final class Globals {
    /** The prefix ModuleEmitter gives a global's field. */
    private static final String FIELD_PREFIX = "g_";

    private final Map<String, Field> fields = new TreeMap<>();

    Globals(Class<?> module) {
        for (Field f : module.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getName().startsWith(FIELD_PREFIX)) {
                f.setAccessible(true);
                fields.put(f.getName().substring(FIELD_PREFIX.length()), f);
            }
        }
    }

    /** The names of the script's globals, sorted. */
    public List<String> names() {
        return new ArrayList<>(fields.keySet());
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /** A long scalar ({@code global n; ... n++}). */
    public long getLong(String name) {
        return as(name, Long.class);
    }

    /** A string scalar. */
    public String getString(String name) {
        return as(name, String.class);
    }

    /** An associative array, as a snapshot. */
    public GlobalArray array(String name) {
        return GlobalArray.of(as(name, StapMap.class));
    }

    /** A statistic scalar ({@code s <<< v}), as a snapshot of its aggregates and histogram. */
    public Aggregate stat(String name) {
        return Aggregate.of(as(name, Stat.class));
    }

    /** Any global as the Java value the typed readers give: Long, String, GlobalArray or Aggregate. */
    public Object get(String name) {
        Object v = raw(name);
        return v instanceof StapMap m ? GlobalArray.of(m) : v instanceof Stat s ? Aggregate.of(s) : v;
    }

    private <T> T as(String name, Class<T> type) {
        Object v = raw(name);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("global " + name + " is " + kind(v) + ", not " + kind(type));
        }
        return type.cast(v);
    }

    private Object raw(String name) {
        Field f = fields.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no global " + name + " in the script (globals: "
                    + String.join(", ", fields.keySet()) + ")");
        }
        try {
            return f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read global " + name, e);
        }
    }

    private static String kind(Object v) {
        return v == null ? "not initialised" : kind(v.getClass());
    }

    private static String kind(Class<?> c) {
        return c == Long.class ? "a long" : c == String.class ? "a string" : c == StapMap.class ? "an array"
                : c == Stat.class ? "a statistic" : c.getSimpleName();
    }
}
