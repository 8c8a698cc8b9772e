package org.jstap.lang.diag;

import org.jstap.lang.ast.Span;

/**
 * Prints diagnostics in SystemTap's layout: heading and message, the location, the source line
 * and a caret under the column. Like stap, it names a file only when it differs from the last
 * file named by a semantic message ({@code at :3:7}); parse errors always name it.
 */
public final class DiagnosticRenderer {
    private static final String PARSE_SOURCE = "     source: ";
    private static final String SEMANTIC_SOURCE = "        source: ";
    private static final String WARNING_SOURCE = " source: ";

    private SourceFile lastFile;

    public String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        if (d.kind() == null) {
            location(d, out, SEMANTIC_SOURCE);
        } else if (d.kind().equals("parse error")) {
            parse(d, out);
        } else if (d.isError()) {
            out.append(d.kind()).append(": ").append(d.fullMessage());
            if (d.span() != Span.NONE) {
                out.append(d.subject() == null ? " at " : ": " + d.subject() + " at ").append(where(d.span()));
                out.append('\n');
                source(d.span(), out, SEMANTIC_SOURCE);
            } else {
                out.append('\n');
            }
            for (Diagnostic note : d.notes()) {
                if (note.kind() == null) {
                    out.append(render(note));
                }
            }
            out.append('\n');
            for (Diagnostic note : d.notes()) {
                if (note.kind() != null) {
                    out.append(render(note));
                }
            }
        } else {
            out.append(d.kind()).append(": ").append(d.fullMessage());
            if (d.span() != Span.NONE) {
                out.append(d.subject() == null ? " at " : ": " + d.subject() + " at ").append(where(d.span()));
                out.append('\n');
                source(d.span(), out, WARNING_SOURCE);
            } else {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private void parse(Diagnostic d, StringBuilder out) {
        out.append("parse error: ").append(d.fullMessage()).append('\n');
        String marker = d.lexical() ? "         at: " : "        saw: ";
        if (d.span().start() >= d.span().file().text().length() && d.subject() == null) {
            out.append(marker).append(d.span().file().name()).append(" EOF\n\n");
            return;
        }
        out.append(marker).append(d.subject() == null ? "" : d.subject() + " ").append("at ")
                .append(d.span().location()).append('\n');
        source(d.span(), out, PARSE_SOURCE);
        out.append('\n');
    }

    private void location(Diagnostic d, StringBuilder out, String prefix) {
        out.append(d.subject()).append(" at ").append(where(d.span())).append('\n');
        source(d.span(), out, prefix);
    }

    /** {@code FILE:LINE:COL}, the file left out when the last semantic message named it. */
    private String where(Span span) {
        SourceFile file = span.file();
        String name = file == lastFile ? "" : file.name();
        lastFile = file;
        return name + ":" + file.line(span.start()) + ":" + file.column(span.start());
    }

    /** The source line and a caret; tabs before the column are kept so the caret lines up. */
    private static void source(Span span, StringBuilder out, String prefix) {
        SourceFile file = span.file();
        int line = file.line(span.start());
        int column = file.column(span.start());
        String text = file.lineText(line);
        out.append(prefix).append(text).append('\n');
        out.append(" ".repeat(prefix.length()));
        for (int i = 0; i < column - 1 && i < text.length(); i++) {
            out.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        out.append("^\n");
    }
}
