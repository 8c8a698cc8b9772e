package org.jstap.lang.elaborate;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.jstap.lang.ast.Expr;

/**
 * A resolved target expression of a kernel.function or kernel.trace probe: {@code $name} (an
 * argument), {@code $return}, or either followed by {@code ->field->field} through kernel objects.
 * Names come from the kernel's class files (compiled with -parameters); integral, boolean and char
 * values are longs, Strings are strings.
 *
 * @param index  the argument, or -1 for $return
 * @param fields the field path after the argument, empty for the argument itself
 * @param pretty the {@code $}/{@code $$} suffix: the value pretty-printed as a string
 */
public record TargetVariable(int index, boolean isReturn, Type type, List<String> fields, Expr.Pretty pretty) {

    /** Index meaning "all parameters" ({@code $$parms}, {@code $$vars}), or the return value ({@code $$return}). */
    public static final int ALL_PARMS = -3;
    public static final int RETURN_STRING = -4;

    /** The same target in every one of the probe's points, or null if some point lacks it. */
    static TargetVariable resolve(Expr.Target t, List<ResolvedPoint> points) {
        TargetVariable found = null;
        for (ResolvedPoint p : points) {
            TargetVariable here = in(t, p);
            if (here == null || found != null && !found.equals(here)) {
                return null;
            }
            found = here;
        }
        return found;
    }

    private static TargetVariable in(Expr.Target t, ResolvedPoint point) {
        Method m;
        boolean isReturnProbe;
        switch (point) {
            case ResolvedPoint.KernelFunction f -> {
                m = f.method();
                isReturnProbe = f.isReturn();
            }
            case ResolvedPoint.Tracepoint tp -> {
                m = tp.event();
                isReturnProbe = false;
            }
            default -> {
                return null;
            }
        }
        if (t.name().equals("$$parms") || t.name().equals("$$vars")) {
            // "name=0x1 other=0x2": the runtime knows the names of the function that fired
            return plain(t) ? new TargetVariable(ALL_PARMS, false, Type.STRING, List.of("*"), Expr.Pretty.NONE) : null;
        }
        if (t.name().equals("$$locals")) {
            return plain(t) ? new TargetVariable(ALL_PARMS, false, Type.STRING, List.of(), Expr.Pretty.NONE) : null;
        }
        if (t.name().equals("$$return")) {
            return isReturnProbe && m.getReturnType() != void.class && plain(t)
                    ? new TargetVariable(RETURN_STRING, true, Type.STRING, List.of(), Expr.Pretty.NONE) : null;
        }
        Class<?> type;
        int index;
        if (t.name().equals("$return")) {
            if (!isReturnProbe) {
                return null;
            }
            type = m.getReturnType();
            index = -1;
        } else {
            Parameter[] params = m.getParameters();
            index = -2;
            type = null;
            for (int i = 0; i < params.length; i++) {
                if (("$" + params[i].getName()).equals(t.name())) {
                    index = i;
                    type = params[i].getType();
                }
            }
            if (index == -2) {
                return null;
            }
        }
        List<String> fields = new ArrayList<>();
        for (Expr.Accessor a : t.accessors()) {
            if (!(a instanceof Expr.Accessor.Field f)) {
                return null;
            }
            Field field = field(type, f.name());
            if (field == null) {
                return null;
            }
            fields.add(f.name());
            type = field.getType();
        }
        if (t.pretty() != Expr.Pretty.NONE) {
            // any value pretty-prints: numbers, strings, and kernel objects as {.field=value, ...}
            return new TargetVariable(index, index == -1, Type.STRING, List.copyOf(fields), t.pretty());
        }
        Type scriptType = typeOf(type);
        return scriptType == null ? null
                : new TargetVariable(index, index == -1, scriptType, List.copyOf(fields), Expr.Pretty.NONE);
    }

    private static boolean plain(Expr.Target t) {
        return t.accessors().isEmpty() && t.pretty() == Expr.Pretty.NONE;
    }

    private static Field field(Class<?> c, String name) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            try {
                return k.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
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
        // a pointer to a kernel structure (struct task_struct *): its value is the object's kernel
        // address, which task_*() and the tapsets take, as in stap
        if (org.jstap.sim.kernel.KernelObject.class.isAssignableFrom(c)) {
            return Type.LONG;
        }
        return null;
    }
}
