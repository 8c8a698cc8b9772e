package org.jstap.lang.ir;

/** The JVM-level types of IR values: a script long is a {@code long}, a string a {@code String}. */
public enum IrType {
    LONG, STRING, VOID,
    /** A statistic (a global fed with {@code <<<}): a {@code Stat} field. */
    STAT
}
