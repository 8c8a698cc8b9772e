package org.jstap.lang.elaborate;

import java.util.Arrays;
import org.jstap.lang.ast.Span;

/**
 * A script variable (global, local or function parameter) and what is inferred about it: its
 * type, whether it is an array and of which key types, where each was first inferred.
 */
public final class Variable {
    public enum Kind { GLOBAL, LOCAL, PARAM }

    private final String name;
    private final Kind kind;
    private final Span declared;
    Type type = Type.UNKNOWN;
    Span typeInferredAt;
    /** -1 until known; 0 for scalars; else the number of index expressions. */
    int arity = -1;
    Type[] keyTypes = new Type[0];
    Span[] keyInferredAt = new Span[0];
    /** What stap names where each key type was first inferred, e.g. {@code number '1'}. */
    String[] keySubject = new String[0];
    /** Declared array size (global a[N]); 0 for the default. */
    long maxEntries;
    /** {@code %}: the array overwrites its oldest entries when full. */
    boolean wrap;
    boolean written;
    boolean read;

    Variable(String name, Kind kind, Span declared) {
        this.name = name;
        this.kind = kind;
        this.declared = declared;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public Span declared() {
        return declared;
    }

    public Type type() {
        return type;
    }

    public boolean isArray() {
        return arity > 0;
    }

    public int arity() {
        return arity;
    }

    public Type[] keyTypes() {
        return Arrays.copyOf(keyTypes, keyTypes.length);
    }

    public long maxEntries() {
        return maxEntries;
    }

    public boolean wrap() {
        return wrap;
    }

    public boolean written() {
        return written;
    }

    public boolean read() {
        return read;
    }

    void setArity(int n) {
        arity = n;
        if (keyTypes.length != n && n > 0) {
            keyTypes = new Type[n];
            Arrays.fill(keyTypes, Type.UNKNOWN);
            keyInferredAt = new Span[n];
            keySubject = new String[n];
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
