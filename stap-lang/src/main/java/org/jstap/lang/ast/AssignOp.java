package org.jstap.lang.ast;

/** Assignment operators; {@code <<<} (aggregate) is one too, as in stap's grammar. */
public enum AssignOp {
    ASSIGN("=", null), ADD("+=", BinaryOp.ADD), SUB("-=", BinaryOp.SUB), MUL("*=", BinaryOp.MUL),
    DIV("/=", BinaryOp.DIV), MOD("%=", BinaryOp.MOD), SHL("<<=", BinaryOp.SHL), SHR(">>=", BinaryOp.SHR),
    AND("&=", BinaryOp.BITAND), XOR("^=", BinaryOp.BITXOR), OR("|=", BinaryOp.BITOR),
    CONCAT(".=", BinaryOp.CONCAT), AGGREGATE("<<<", null);

    public final String text;
    /** The operator a compound assignment applies, or null. */
    public final BinaryOp binary;

    AssignOp(String text, BinaryOp binary) {
        this.text = text;
        this.binary = binary;
    }

    public static AssignOp of(String text) {
        for (AssignOp op : values()) {
            if (op.text.equals(text)) {
                return op;
            }
        }
        throw new IllegalArgumentException(text);
    }
}
