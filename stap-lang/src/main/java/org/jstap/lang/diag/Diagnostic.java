package org.jstap.lang.diag;

import java.util.List;
import org.jstap.lang.ast.Span;

/**
 * A message about a script, as a value. The renderer prints it in stap's layout:
 * <pre>
 * semantic error: type mismatch (string): identifier 'x' at t.stp:1:24
 *         source: probe begin { x = 1; x = "a" }
 *                                     ^
 * </pre>
 *
 * @param kind     the heading stap prints: {@code parse error}, {@code semantic error}, {@code WARNING}
 * @param code     a stable identifier for tests and documentation (e.g. {@code parse.expected})
 * @param message  the text after the heading
 * @param subject  what stap names at the location, e.g. {@code identifier 'x'}; may be null
 * @param span     where; {@link Span#NONE} for messages with no location
 * @param similar  "similar:" suggestions, may be empty
 * @param notes    follow-up messages printed right after this one (e.g. "type was first inferred here")
 */
public record Diagnostic(Severity severity, String kind, String code, String message, String subject, Span span,
                         List<String> similar, List<Diagnostic> notes) {

    public static Diagnostic parseError(String code, String message, String subject, Span span) {
        return new Diagnostic(Severity.ERROR, "parse error", code, message, subject, span, List.of(), List.of());
    }

    public static Diagnostic semanticError(String code, String message, String subject, Span span) {
        return new Diagnostic(Severity.ERROR, "semantic error", code, message, subject, span, List.of(), List.of());
    }

    public static Diagnostic warning(String code, String message, String subject, Span span) {
        return new Diagnostic(Severity.WARNING, "WARNING", code, message, subject, span, List.of(), List.of());
    }

    public Diagnostic withSimilar(List<String> names) {
        return new Diagnostic(severity, kind, code, message, subject, span, List.copyOf(names), notes);
    }

    public Diagnostic withNote(Diagnostic note) {
        List<Diagnostic> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new Diagnostic(severity, kind, code, message, subject, span, similar, List.copyOf(more));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
