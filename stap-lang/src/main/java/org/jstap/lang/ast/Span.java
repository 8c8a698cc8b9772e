package org.jstap.lang.ast;

import org.jstap.lang.diag.SourceFile;

/** Where a node came from: offsets {@code [start, end)} into a source file. */
public record Span(SourceFile file, int start, int end) {

    /** A span for things the translator makes up (synthetic probes, defaults). */
    public static final Span NONE = new Span(new SourceFile("<synthetic>", ""), 0, 0);

    public Span to(Span last) {
        return new Span(file, start, last.end);
    }

    /** {@code FILE:LINE:COL}, as stap prints locations. */
    public String location() {
        return file.name() + ":" + file.line(start) + ":" + file.column(start);
    }

    @Override
    public String toString() {
        return location();
    }
}
