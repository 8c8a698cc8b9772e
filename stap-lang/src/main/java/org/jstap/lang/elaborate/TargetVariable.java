package org.jstap.lang.elaborate;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;

/**
 * A resolved {@code $name} or {@code $return} of a kernel.function probe: which argument (or the
 * return value) and its script type. Parameter names come from the kernel's class files (it is
 * compiled with -parameters); integral, boolean and char values are longs, Strings are strings.
 */
public record TargetVariable(int index, boolean isReturn, Type type) {

    /** The target variable for {@code name} in every one of the probe's functions, or null. */
    static TargetVariable resolve(String name, List<ResolvedPoint> points) {
        TargetVariable found = null;
        for (ResolvedPoint p : points) {
            if (!(p instanceof ResolvedPoint.KernelFunction f)) {
                return null;
            }
            TargetVariable here = in(name, f);
            if (here == null || found != null && !found.equals(here)) {
                return null;
            }
            found = here;
        }
        return found;
    }

    private static TargetVariable in(String name, ResolvedPoint.KernelFunction f) {
        Method m = f.method();
        if (name.equals("$return")) {
            Type t = f.isReturn() ? typeOf(m.getReturnType()) : null;
            return t == null ? null : new TargetVariable(-1, true, t);
        }
        Parameter[] params = m.getParameters();
        for (int i = 0; i < params.length; i++) {
            if (("$" + params[i].getName()).equals(name)) {
                Type t = typeOf(params[i].getType());
                return t == null ? null : new TargetVariable(i, false, t);
            }
        }
        return null;
    }

    private static Type typeOf(Class<?> c) {
        if (c == long.class || c == int.class || c == short.class || c == byte.class || c == boolean.class
                || c == char.class) {
            return Type.LONG;
        }
        if (c == String.class) {
            return Type.STRING;
        }
        return null;
    }
}
