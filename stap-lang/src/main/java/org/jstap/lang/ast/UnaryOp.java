package org.jstap.lang.ast;

public enum UnaryOp {
    PLUS("+"), NEG("-"), NOT("!"), BITNOT("~");

    public final String text;

    UnaryOp(String text) {
        this.text = text;
    }
}
