package org.jstap.lang.elaborate;

/**
 * The printing functions that are part of the language rather than tapsets (stap's
 * print_format): variadic, type-checked against their format at compile time.
 */
public enum Builtin {
    PRINT("print", false, false, false, false),
    PRINTLN("println", false, false, true, false),
    PRINTD("printd", false, false, false, true),
    PRINTDLN("printdln", false, false, true, true),
    PRINTF("printf", false, true, false, false),
    SPRINT("sprint", true, false, false, false),
    SPRINTLN("sprintln", true, false, true, false),
    SPRINTD("sprintd", true, false, false, true),
    SPRINTDLN("sprintdln", true, false, true, true),
    SPRINTF("sprintf", true, true, false, false);

    public final String text;
    /** Returns the string instead of printing it. */
    public final boolean toString;
    /** First argument is a format string literal. */
    public final boolean formatted;
    /** Ends with a newline. */
    public final boolean newline;
    /** First argument is a delimiter string literal. */
    public final boolean delimited;

    Builtin(String text, boolean toString, boolean formatted, boolean newline, boolean delimited) {
        this.text = text;
        this.toString = toString;
        this.formatted = formatted;
        this.newline = newline;
        this.delimited = delimited;
    }

    public static Builtin named(String name) {
        for (Builtin b : values()) {
            if (b.text.equals(name)) {
                return b;
            }
        }
        return null;
    }
}
