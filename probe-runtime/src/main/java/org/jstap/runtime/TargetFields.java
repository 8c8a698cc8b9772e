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

    private TargetFields() {}

    static Object read(Object start, String path) {
        Object v = start;
        for (String name : path.split("\\.")) {
            if (v == null) {
                throw new StapError("pointer dereference fault near field '" + name + "'");
            }
            Field f = field(v.getClass(), name);
            try {
                v = f.get(v);
            } catch (IllegalAccessException e) {
                throw new StapError("cannot read field '" + name + "'");
            }
        }
        return v;
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
