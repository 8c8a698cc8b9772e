package org.jstap.lang.elaborate;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jstap.runtime.Context;
import org.jstap.runtime.tapset.Function;
import org.jstap.runtime.tapset.Library;

/**
 * A function the runtime implements in Java (SystemTap's embedded-C tapset functions), found by
 * its {@link Function} annotation. Generated code calls {@link #method()} directly.
 */
public record RuntimeFunction(String name, List<Type> params, Type returns, boolean takesContext, boolean pure,
                              boolean near, Method method) {

    private static final Map<String, List<RuntimeFunction>> ALL = load();

    /** The runtime functions of that name, one per arity. */
    public static List<RuntimeFunction> named(String name) {
        return ALL.getOrDefault(name, List.of());
    }

    public static java.util.Set<String> names() {
        return ALL.keySet();
    }

    private static Map<String, List<RuntimeFunction>> load() {
        Map<String, List<RuntimeFunction>> all = new HashMap<>();
        for (Class<?> owner : Library.CLASSES) {
            for (Method m : owner.getDeclaredMethods()) {
                Function f = m.getAnnotation(Function.class);
                if (f == null || !Modifier.isStatic(m.getModifiers()) || !Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                Class<?>[] types = m.getParameterTypes();
                boolean ctx = types.length > 0 && types[0] == Context.class;
                List<Type> params = new ArrayList<>();
                int end = f.near() ? types.length - 1 : types.length;
                if (f.near() && (end < 0 || types[end] != String.class)) {
                    throw new IllegalStateException("runtime function " + m + " takes near but has no String last");
                }
                for (int i = ctx ? 1 : 0; i < end; i++) {
                    params.add(typeOf(types[i], m));
                }
                String name = f.value().isEmpty() ? m.getName() : f.value();
                Type returns = m.getReturnType() == void.class ? Type.UNKNOWN : typeOf(m.getReturnType(), m);
                all.computeIfAbsent(name, k -> new ArrayList<>()).add(new RuntimeFunction(name, List.copyOf(params),
                        returns, ctx, f.pure(), f.near(), m));
            }
        }
        return all;
    }

    private static Type typeOf(Class<?> c, Method m) {
        if (c == long.class) {
            return Type.LONG;
        }
        if (c == String.class) {
            return Type.STRING;
        }
        throw new IllegalStateException("runtime function " + m + " uses a type scripts cannot have: " + c);
    }
}
