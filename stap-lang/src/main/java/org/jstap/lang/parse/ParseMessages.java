package org.jstap.lang.parse;

import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Words stap uses for what it expected, from the parser's expected-token set. */
final class ParseMessages {
    private ParseMessages() {}

    private static final java.util.Set<String> AT_OPERATORS = java.util.Set.of("@count", "@sum", "@min", "@max",
            "@avg", "@variance", "@hist_log", "@hist_linear", "@defined", "@entry", "@cast", "@var", "@probewrite",
            "@kregister", "@uregister", "@const", "@module", "@perf");

    static boolean isAtOperator(String name) {
        return AT_OPERATORS.contains(name);
    }

    static String expected(IntervalSet expected, Token offending, int rule) {
        if (expected != null && expected.contains(StapLexer.RBRACE)
                && (expected.contains(StapLexer.IF) || offending != null && offending.getType() == Token.EOF)) {
            return "expected statement";
        }
        if (rule == StapParser.RULE_declaration && expected != null && expected.size() == 1
                && expected.contains(StapLexer.RPAREN)) {
            // stap reads a parameter list as identifiers until ')': a stray token is a missing identifier
            return "expected identifier";
        }
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
