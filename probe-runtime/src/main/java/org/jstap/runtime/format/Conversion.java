package org.jstap.runtime.format;

/** printf conversions and the argument each takes. */
public enum Conversion {
    SIGNED('d', true), SIGNED_I('i', true), UNSIGNED('u', true), OCTAL('o', true), HEX('x', true),
    HEX_UPPER('X', true), POINTER('p', true), CHAR('c', true), BINARY('b', true),
    STRING('s', false), MEMORY('m', true), MEMORY_HEX('M', true);

    public final char letter;
    /** True for a long argument, false for a string. */
    public final boolean numeric;

    Conversion(char letter, boolean numeric) {
        this.letter = letter;
        this.numeric = numeric;
    }

    public static Conversion of(char c) {
        for (Conversion v : values()) {
            if (v.letter == c) {
                return v;
            }
        }
        return null;
    }
}
