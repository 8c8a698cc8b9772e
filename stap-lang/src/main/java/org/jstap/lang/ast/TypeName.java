package org.jstap.lang.ast;

/** The types a script can spell out: {@code :long} and {@code :string}. */
public enum TypeName {
    LONG("long"), STRING("string");

    public final String text;

    TypeName(String text) {
        this.text = text;
    }
}
