package org.jstap.lang.driver;

import java.lang.reflect.Parameter;
import org.jstap.lang.elaborate.ResolvedPoint;

/** What {@code -L} shows after a probe point: its target variables with C-style types, as stap -L does. */
final class TargetTypes {
    private TargetTypes() {}

    static String describe(ResolvedPoint point) {
        if (!(point instanceof ResolvedPoint.KernelFunction f)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Parameter p : f.method().getParameters()) {
            out.append(" $").append(p.getName()).append(':').append(cType(p.getType()));
        }
        if (f.isReturn() && f.method().getReturnType() != void.class) {
            out.append(" $return:").append(cType(f.method().getReturnType()));
        }
        return out.toString();
    }

    /** The C type a kernel declaration would use for a Java type. */
    static String cType(Class<?> c) {
        if (c == long.class) {
            return "long int";
        }
        if (c == int.class) {
            return "int";
        }
        if (c == boolean.class) {
            return "_Bool";
        }
        if (c == char.class || c == byte.class) {
            return "char";
        }
        if (c == short.class) {
            return "short int";
        }
        if (c == String.class) {
            return "char*";
        }
        if (c.isArray()) {
            return cType(c.getComponentType()) + "*";
        }
        return "struct " + snake(c.getSimpleName()) + "*";
    }

    /** TimerList -> timer_list, as the Linux struct it stands for. */
    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
