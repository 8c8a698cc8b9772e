package org.jstap.lang.ir;

/** A global scalar: a static field of the module class. */
public record Global(String name, IrType type, IrExpr init) {

    /** The field name in the generated class. */
    public String field() {
        return "g_" + name;
    }
}
