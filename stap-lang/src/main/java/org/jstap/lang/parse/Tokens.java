package org.jstap.lang.parse;

import org.antlr.v4.runtime.Token;
import org.jstap.lang.ast.Span;
import org.jstap.lang.diag.SourceFile;

/** How tokens are named in messages ({@code identifier 'x'}, {@code operator ';'}) and located. */
public final class Tokens {
    private Tokens() {}

    public static Span span(SourceFile file, Token t) {
        if (t == null || t.getType() == Token.EOF && t.getStartIndex() < 0) {
            int end = file.text().length();
            return new Span(file, end, end);
        }
        int start = Math.max(0, t.getStartIndex());
        return new Span(file, start, Math.max(start, t.getStopIndex() + 1));
    }

    /** stap's description of a token, as printed after "saw:". */
    public static String describe(Token t) {
        if (t == null || t.getType() == Token.EOF) {
            return null;
        }
        String text = t.getText();
        return switch (t.getType()) {
            case StapLexer.IDENT, StapLexer.TARGET -> "identifier '" + text + "'";
            case StapLexer.NUMBER -> "number '" + text + "'";
            case StapLexer.STRING -> "string '" + Literals.stringContent(text) + "'";
            case StapLexer.EMBEDDED -> "embedded-code";
            case StapLexer.UNTERMINATED_STRING, StapLexer.UNKNOWN -> "junk '" + text + "'";
            default -> isKeyword(t.getType()) ? "keyword" : "operator '" + text + "'";
        };
    }

    public static boolean isKeyword(int type) {
        return type >= StapLexer.PROBE && type <= StapLexer.STRING_KW;
    }
}
