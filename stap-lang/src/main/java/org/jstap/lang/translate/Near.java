package org.jstap.lang.translate;

import java.util.Set;
import org.jstap.lang.ast.Span;

/**
 * The "near ..." part of run-time error messages: the token at a location, named as stap names
 * tokens ({@code keyword}, {@code identifier 'x'}, {@code operator '+'}), and where it is.
 */
final class Near {
    private static final Set<String> KEYWORDS = Set.of("if", "else", "while", "for", "foreach", "in", "limit",
            "return", "delete", "break", "continue", "next", "try", "catch", "probe", "global", "function");

    private Near() {}

    static String of(Span at) {
        String text = at.file().text();
        int i = at.start();
        String token;
        if (i >= text.length()) {
            token = "end of file";
        } else if (Character.isJavaIdentifierStart(text.charAt(i)) || text.charAt(i) == '$' || text.charAt(i) == '@') {
            int end = i + 1;
            while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
                end++;
            }
            String word = text.substring(i, end);
            token = KEYWORDS.contains(word) ? "keyword" : "identifier '" + word + "'";
        } else if (Character.isDigit(text.charAt(i))) {
            int end = i + 1;
            while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                end++;
            }
            token = "number '" + text.substring(i, end) + "'";
        } else if (text.charAt(i) == '"') {
            int end = text.indexOf('"', i + 1);
            token = "string '" + text.substring(i + 1, end < 0 ? text.length() : end) + "'";
        } else {
            token = "operator '" + text.charAt(i) + "'";
        }
        return token + " at " + at.location();
    }
}
