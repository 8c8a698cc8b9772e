package org.jstap.runtime;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads {@code $var->field->field} from kernel objects. The translator checked the path against
 * the kernel's classes; here each step is a cached reflective field read. A null object on the
 * way is stap's "pointer dereference fault".
 */
final class TargetFields {
    private static final Map<String, Field> FIELDS = new ConcurrentHashMap<>();
    /** Objects of these classes are kernel data structures, whose fields pretty-print. */
    private static final String KERNEL_PACKAGE = "org.jstap.sim.";

    private TargetFields() {}

    static Object read(Object start, String path) {
        Object v = start;
        for (String name : path.split("\\.")) {
            if (v == null) {
                throw new StapError("pointer dereference fault near field '" + name + "'");
            }
            v = get(field(v.getClass(), name), v);
        }
        return v;
    }

    /**
     * stap's pretty-printing of a target value: numbers in decimal, strings quoted, a kernel
     * object's fields as {@code {.name=value, ...}} for {@code depth} levels, and below that (and
     * for anything else, such as lists) a pointer in hex.
     */
    static String pretty(Object v, int depth, Context ctx) {
        if (v == null) {
            return "0x0";
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof Character) {
            return Long.toString(ctx.asLong(v));
        }
        if (v instanceof Enum<?> e) {
            return Integer.toString(e.ordinal());
        }
        if (depth == 0 || v.getClass().isArray() || v.getClass().isHidden() || v.getClass().isSynthetic()
                || !v.getClass().getName().startsWith(KERNEL_PACKAGE)) {
            // a pointer: a kernel object's address, anything else (lists, arrays) a stable host address
            return "0x" + Long.toHexString(ctx.asLong(v));
        }
        StringBuilder out = new StringBuilder("{");
        for (Class<?> c = v.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                if (out.length() > 1) {
                    out.append(", ");
                }
                out.append('.').append(f.getName()).append('=').append(pretty(get(field(c, f.getName()), v), depth - 1, ctx));
            }
        }
        return out.append('}').toString();
    }

    private static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new StapError("cannot read field '" + f.getName() + "'");
        }
    }

    private static Field field(Class<?> c, String name) {
        return FIELDS.computeIfAbsent(c.getName() + "." + name, k -> {
            for (Class<?> cl = c; cl != null; cl = cl.getSuperclass()) {
                try {
                    Field f = cl.getDeclaredField(name);
                    f.setAccessible(true);
                    return f;
                } catch (NoSuchFieldException e) {
                    // look in the superclass
                }
            }
            throw new StapError("no field '" + name + "' in " + c.getSimpleName());
        });
    }
}
