package org.jstap.lang.ast;

/** Binary operators other than assignment, with the text stap prints. */
public enum BinaryOp {
    MUL("*"), DIV("/"), MOD("%"), ADD("+"), SUB("-"), CONCAT("."),
    SHL("<<"), SHR(">>"), USHR(">>>"),
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="), MATCH("=~"), NOMATCH("!~"),
    BITAND("&"), BITXOR("^"), BITOR("|"), AND("&&"), OR("||");

    public final String text;

    BinaryOp(String text) {
        this.text = text;
    }

    public boolean isComparison() {
        return compareTo(LT) >= 0 && compareTo(NE) <= 0;
    }

    public boolean isLogical() {
        return this == AND || this == OR;
    }

    public boolean isRegex() {
        return this == MATCH || this == NOMATCH;
    }

    public static BinaryOp of(String text) {
        for (BinaryOp op : values()) {
            if (op.text.equals(text)) {
                return op;
            }
        }
        throw new IllegalArgumentException(text);
    }
}
