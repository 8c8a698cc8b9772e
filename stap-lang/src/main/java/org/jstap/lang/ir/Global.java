package org.jstap.lang.ir;

import org.jstap.runtime.stat.HistogramSpec;

/**
 * A global of the module: a static field. Scalars are {@code long}/{@code String} fields, a
 * statistic a {@code Stat}, an array ({@code arity > 0}) a {@code StapMap} whose elements are of
 * {@code type}.
 */
public record Global(String name, IrType type, IrExpr init, int arity, int maxEntries, boolean wrap,
                     HistogramSpec histogram, int shift) {

    public static Global scalar(String name, IrType type, IrExpr init) {
        return new Global(name, type, init, 0, 0, false, HistogramSpec.NONE, 0);
    }

    public boolean isArray() {
        return arity > 0;
    }

    /** The field name in the generated class. */
    public String field() {
        return "g_" + name;
    }
}
