package org.jstap.lang.elaborate;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.Span;
import org.jstap.lang.diag.Diagnostic;

/**
 * A resolved target expression of a kernel.function or kernel.trace probe: {@code $name} (an
 * argument), {@code $return}, or either followed by {@code ->field->field} through kernel objects.
 * Names come from the kernel's class files (compiled with -parameters); integral, boolean and char
 * values are longs, Strings are strings, and a kernel object is a pointer: its kernel address, as
 * a C pointer reads in stap, still followed by {@code ->} at compile time through its class.
 * The dwarfless {@code kprobe.function} has none of these, as in stap without debuginfo.
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

    /**
     * stap's error for a target the probe point lacks, worded as stap words it without the DWARF
     * details (die offsets, pcs): a missing local names the function and its alternatives, a
     * missing member the struct and its fields, a tracepoint its variables. Null where stap
     * says only "unresolved target-symbol expression".
     */
    static Diagnostic explain(Expr.Target t, List<ResolvedPoint> points) {
        for (ResolvedPoint p : points) {
            if (in(t, p) != null) {
                continue;
            }
            Method m;
            String where;
            boolean tracepoint;
            switch (p) {
                case ResolvedPoint.KernelFunction f when !f.dwarfless() -> {
                    m = f.method();
                    where = "in " + f.function() + " " + f.file();
                    tracepoint = false;
                }
                case ResolvedPoint.Tracepoint tp -> {
                    m = tp.event();
                    where = null;
                    tracepoint = true;
                }
                default -> {
                    return null;
                }
            }
            if (t.name().startsWith("$$") || t.name().equals("$return")) {
                return null;
            }
            Class<?> type = null;
            for (Parameter param : m.getParameters()) {
                if (("$" + param.getName()).equals(t.name())) {
                    type = param.getType();
                }
            }
            if (type == null) {
                List<String> alternatives = new ArrayList<>();
                for (Parameter param : m.getParameters()) {
                    alternatives.add("$" + param.getName());
                }
                String alt = alternatives.isEmpty() ? "<no alternatives>"
                        : "alternatives: " + String.join(" ", alternatives);
                String message = tracepoint
                        ? "unable to find tracepoint variable '" + t.name() + "' (" + alt + ")"
                        : "unable to find local '" + t.name().substring(1) + "', " + where + " (" + alt + ")";
                return Diagnostic.semanticError("sema.target-local", message, "identifier '" + t.name() + "'",
                        t.span());
            }
            return member(type, t.accessors());
        }
        return null;
    }

    /** The first {@code ->name} the classes along the path lack, as stap's "unable to find member". */
    static Diagnostic member(Class<?> type, List<Expr.Accessor> accessors) {
        for (Expr.Accessor a : accessors) {
            if (!(a instanceof Expr.Accessor.Field f)) {
                return null;
            }
            Field field = field(type, f.name());
            if (field == null) {
                if (KernelTypes.structName(type) == null) {
                    return null;
                }
                return Diagnostic.semanticError("sema.target-member", "unable to find member '" + f.name()
                        + "' for struct " + KernelTypes.structName(type) + " (alternatives: "
                        + String.join(" ", fieldNames(type)) + ")", "operator '->'", arrow(f));
            }
            type = field.getType();
        }
        return null;
    }

    /** The span of the {@code ->} before a field name. */
    private static Span arrow(Expr.Accessor.Field f) {
        return new Span(f.span().file(), f.span().start(), Math.min(f.span().end(), f.span().start() + 2));
    }

    private static List<String> fieldNames(Class<?> c) {
        List<String> names = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            List<String> level = new ArrayList<>();
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                    level.add(f.getName());
                }
            }
            names.addAll(0, level);
        }
        return names;
    }

    private static TargetVariable in(Expr.Target t, ResolvedPoint point) {
        Method m;
        boolean isReturnProbe;
        switch (point) {
            case ResolvedPoint.KernelFunction f when !f.dwarfless() -> {
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
            // "name=0x1 other=0x2": the runtime knows the names of the function that fired; the
            // variables stap can see here are the parameters (locals live in the JVM's frame only)
            return t.accessors().isEmpty() ? new TargetVariable(ALL_PARMS, false, Type.STRING, List.of("*"),
                    t.pretty()) : null;
        }
        if (t.name().equals("$$locals")) {
            return t.accessors().isEmpty() ? new TargetVariable(ALL_PARMS, false, Type.STRING, List.of(),
                    t.pretty()) : null;
        }
        if (t.name().equals("$$return")) {
            return isReturnProbe && m.getReturnType() != void.class && t.accessors().isEmpty()
                    ? new TargetVariable(RETURN_STRING, true, Type.STRING, List.of(), t.pretty()) : null;
        }
        Class<?> type;
        int index;
        if (t.name().equals("$return")) {
            if (!isReturnProbe || m.getReturnType() == void.class) {
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

    static Field field(Class<?> c, String name) {
        if (c.isPrimitive() || c.isArray()) {
            return null;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            try {
                Field f = k.getDeclaredField(name);
                return Modifier.isStatic(f.getModifiers()) ? null : f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }

    /** Numbers are longs, Strings strings, any object a pointer (a long: its address). */
    static Type typeOf(Class<?> c) {
        if (c == void.class) {
            return null;
        }
        if (c == String.class) {
            return Type.STRING;
        }
        return Type.LONG;
    }
}
