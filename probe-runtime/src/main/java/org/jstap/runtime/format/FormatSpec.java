package org.jstap.runtime.format;

/**
 * One conversion of a printf format: {@code %-08.3lx}. Width and precision are -1 when absent
 * and {@link #STAR} when given as {@code *} (taken from an argument).
 */
public record FormatSpec(boolean left, boolean plus, boolean space, boolean alt, boolean zero, int width,
                         int precision, Conversion conversion) {
    public static final int STAR = -2;
}
