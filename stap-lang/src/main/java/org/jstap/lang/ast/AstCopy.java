package org.jstap.lang.ast;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Deep copies of statements, so that one probe body expanded through several aliases
 * ({@code probe syscall.* {...}}) is a tree of its own in each probe: later passes key what they
 * learn (a variable's binding, a type) by node identity. Spans and other values are shared.
 */
public final class AstCopy {
    private AstCopy() {}

    @SuppressWarnings("unchecked")
    public static <T extends Stmt> T of(T node) {
        return (T) copy(node);
    }

    private static Object copy(Object value) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(copy(o));
            }
            // the AST's lists are unmodifiable but may hold nulls (a key slice's '*')
            return java.util.Collections.unmodifiableList(out);
        }
        if (!(value instanceof Record r) || !(value instanceof Expr || value instanceof Stmt)) {
            return value;
        }
        RecordComponent[] parts = r.getClass().getRecordComponents();
        Object[] args = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                args[i] = copy(parts[i].getAccessor().invoke(r));
                types[i] = parts[i].getType();
            }
            Constructor<?> c = r.getClass().getDeclaredConstructor(types);
            c.setAccessible(true);
            return c.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + r.getClass(), e);
        }
    }
}
