package org.jstap.lang.diag;

import java.util.ArrayList;
import java.util.List;
import org.jstap.lang.ast.Span;

/**
 * A message about a script, as a value. {@link DiagnosticRenderer} prints it in stap's layout:
 * <pre>
 * semantic error: type mismatch (string): identifier 'x' at t.stp:1:24
 *         source: probe begin { x = 1; x = "a" }
 *                                     ^
 * </pre>
 *
 * @param severity error or warning
 * @param kind     the heading stap prints: {@code parse error}, {@code semantic error}, {@code WARNING};
 *                 null for a bare location that continues the message before it
 * @param code     a stable identifier for tests and documentation (e.g. {@code parse.expected})
 * @param message  the text after the heading
 * @param subject  the token stap names at the location, e.g. {@code identifier 'x'}; may be null
 * @param span     where; {@link Span#NONE} for messages with no location
 * @param lexical  parse errors found by the lexer or preprocessor, which stap marks {@code at:} not {@code saw:}
 * @param similar  "similar:" suggestions, printed inside the message
 * @param notes    follow-up messages printed right after this one (e.g. "type was first inferred here")
 */
public record Diagnostic(Severity severity, String kind, String code, String message, String subject, Span span,
                         boolean lexical, List<String> similar, List<Diagnostic> notes) {

    public static Diagnostic parseError(String code, String message, String subject, Span span) {
        return new Diagnostic(Severity.ERROR, "parse error", code, message, subject, span, false, List.of(), List.of());
    }

    /** A parse error stap's lexer or preprocessor reports ({@code at:} instead of {@code saw:}). */
    public static Diagnostic lexicalError(String code, String message, String subject, Span span) {
        return new Diagnostic(Severity.ERROR, "parse error", code, message, subject, span, true, List.of(), List.of());
    }

    public static Diagnostic semanticError(String code, String message, String subject, Span span) {
        return new Diagnostic(Severity.ERROR, "semantic error", code, message, subject, span, false, List.of(),
                List.of());
    }

    public static Diagnostic warning(String code, String message, String subject, Span span) {
        return new Diagnostic(Severity.WARNING, "WARNING", code, message, subject, span, false, List.of(), List.of());
    }

    /** A second location of the same message, printed as {@code identifier 'f' at :1:10} and its source. */
    public static Diagnostic location(String subject, Span span) {
        return new Diagnostic(Severity.ERROR, null, "location", "", subject, span, false, List.of(), List.of());
    }

    public Diagnostic withSimilar(List<String> names) {
        return new Diagnostic(severity, kind, code, message, subject, span, lexical, List.copyOf(names), notes);
    }

    public Diagnostic withNote(Diagnostic note) {
        List<Diagnostic> more = new ArrayList<>(notes);
        more.add(note);
        return new Diagnostic(severity, kind, code, message, subject, span, lexical, similar, List.copyOf(more));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The message with its suggestions, as stap words it: {@code unresolved function f (similar: g, h)}. */
    public String fullMessage() {
        return similar.isEmpty() ? message : message + " (similar: " + String.join(", ", similar) + ")";
    }
}
