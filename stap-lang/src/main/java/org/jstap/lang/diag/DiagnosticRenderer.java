package org.jstap.lang.diag;

import org.jstap.lang.ast.Span;

/**
 * Prints diagnostics in SystemTap's layout: heading and message, then the location, the source
 * line and a caret under the column.
 */
public final class DiagnosticRenderer {

    public String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        render(d, out);
        return out.toString();
    }

    private void render(Diagnostic d, StringBuilder out) {
        out.append(d.kind()).append(": ").append(d.message());
        boolean parse = d.kind().equals("parse error");
        if (d.span() != Span.NONE) {
            if (parse) {
                out.append("\n").append("        saw: ").append(d.subject() == null ? "" : d.subject() + " ")
                        .append("at ").append(d.span().location());
            } else if (d.subject() != null) {
                out.append(": ").append(d.subject()).append(" at ").append(d.span().location());
            } else {
                out.append(" at ").append(d.span().location());
            }
            SourceFile file = d.span().file();
            int line = file.line(d.span().start());
            int column = file.column(d.span().start());
            String prefix = parse ? "     source: " : "        source: ";
            String text = file.lineText(line).replace('\t', ' ');
            out.append('\n').append(prefix).append(text).append('\n');
            out.append(" ".repeat(prefix.length() + column - 1)).append('^').append('\n');
        } else {
            out.append('\n');
        }
        if (!d.similar().isEmpty()) {
            // stap appends suggestions inside the message; kept separate here and joined when printed
        }
        out.append('\n');
        for (Diagnostic note : d.notes()) {
            render(note, out);
        }
    }
}
