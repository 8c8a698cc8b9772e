package org.jstap.lang.parse;

import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Words stap uses for what it expected, from the parser's expected-token set. */
final class ParseMessages {
    private ParseMessages() {}

    static String expected(IntervalSet expected, Token offending) {
        if (offending != null && offending.getType() == Token.EOF) {
            return "unexpected end-of-file";
        }
        if (expected == null || expected.isNil()) {
            return "unexpected token";
        }
        if (expected.contains(StapLexer.NUMBER) && expected.contains(StapLexer.STRING)
                && expected.contains(StapLexer.IDENT)) {
            return "expected literal string or number";
        }
        if (expected.contains(StapLexer.NUMBER) && expected.contains(StapLexer.STRING)) {
            return "expected literal string or number";
        }
        if (expected.size() == 1) {
            return "expected " + name(expected.getMinElement());
        }
        if (expected.contains(StapLexer.IDENT)) {
            return "expected identifier";
        }
        StringBuilder out = new StringBuilder("expected ");
        int[] types = expected.toArray();
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                out.append(i == types.length - 1 ? " or " : ", ");
            }
            out.append(name(types[i]));
        }
        return out.toString();
    }

    private static String name(int type) {
        if (type == StapLexer.IDENT) {
            return "identifier";
        }
        if (type == StapLexer.NUMBER) {
            return "number";
        }
        if (type == StapLexer.STRING) {
            return "literal string";
        }
        String literal = StapLexer.VOCABULARY.getLiteralName(type);
        return literal != null ? literal : StapLexer.VOCABULARY.getDisplayName(type);
    }
}
