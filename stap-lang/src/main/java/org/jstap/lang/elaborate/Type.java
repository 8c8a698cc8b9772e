package org.jstap.lang.elaborate;

/** The value types of the language, as stap infers them. */
public enum Type {
    UNKNOWN("unknown"), LONG("long"), STRING("string"), STATS("stats"),
    /** The result of @hist_log/@hist_linear: only printable. */
    HISTOGRAM("histogram");

    public final String text;

    Type(String text) {
        this.text = text;
    }

    public boolean known() {
        return this != UNKNOWN;
    }

    public static Type of(org.jstap.lang.ast.TypeName name) {
        if (name == null) {
            return UNKNOWN;
        }
        return name == org.jstap.lang.ast.TypeName.LONG ? LONG : STRING;
    }
}
