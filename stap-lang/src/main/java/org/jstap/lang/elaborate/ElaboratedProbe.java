package org.jstap.lang.elaborate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jstap.lang.ast.Span;
import org.jstap.lang.ast.Stmt;

/**
 * One probe after alias expansion: the points it fires on, its body (alias prologues and
 * epilogues included) and its locals.
 */
public final class ElaboratedProbe {
    private final Span span;
    private final List<ResolvedPoint> points;
    /** The body after pass-2 optimisation. */
    Stmt.Block body;
    /** Where the probe came from, as -p2's comment shows it: {@code foo = begin <- foo}. */
    private final String written;
    /** Each point as -p2 shows it, with its {@code ?}/{@code !} mark. */
    private final List<String> shown;
    final Map<String, Variable> locals = new LinkedHashMap<>();

    ElaboratedProbe(Span span, String written, List<ResolvedPoint> points, List<String> shown, Stmt.Block body) {
        this.span = span;
        this.written = written;
        this.points = points;
        this.shown = shown;
        this.body = body;
    }

    public List<String> shown() {
        return shown;
    }

    public Span span() {
        return span;
    }

    public String written() {
        return written;
    }

    public List<ResolvedPoint> points() {
        return points;
    }

    public Stmt.Block body() {
        return body;
    }

    public Map<String, Variable> locals() {
        return locals;
    }
}
