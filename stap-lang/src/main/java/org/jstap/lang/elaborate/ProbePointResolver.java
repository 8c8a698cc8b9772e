package org.jstap.lang.elaborate;

import java.util.ArrayList;
import java.util.List;
import org.jstap.lang.ast.Decl;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.ProbePoint;
import org.jstap.lang.ast.Span;
import org.jstap.lang.ast.Stmt;
import org.jstap.lang.diag.Diagnostic;
import org.jstap.lang.diag.Diagnostics;
import org.jstap.lang.parse.Globs;

/**
 * Turns the probe points a script names into events: through probe aliases (with their
 * prologues and epilogues), then through the providers that know the probe families
 * ({@code begin}, timers, kernel functions...).
 */
public final class ProbePointResolver {

    /** A family of built-in probe points. The kernel's families come through one of these. */
    public interface Provider {
        /** The events a non-alias point names; empty if it names none (a wildcard may give several). */
        List<ResolvedPoint> resolve(ProbePoint point);

        /** The component names that may follow {@code prefix} (names only), to suggest when nothing matches. */
        List<String> names(List<String> prefix);

        /**
         * Whether {@code c} is a known component after {@code prefix}, its argument included, as
         * stap's match keys are {@code ms(number)} or {@code function(string)}: a point made only
         * of known components that still resolves to nothing is "no match", not a mismatch.
         */
        default boolean accepts(List<String> prefix, ProbePoint.Component c) {
            return names(prefix).stream().anyMatch(n -> Globs.matches(c.name(), n));
        }
    }

    private static final int MAX_ALIAS_DEPTH = 32;

    private final Provider provider;
    private final List<Decl.ProbeAlias> aliases;

    public ProbePointResolver(Provider provider, List<Decl.ProbeAlias> aliases) {
        this.provider = provider;
        this.aliases = aliases;
    }

    /** A point after alias expansion, with the alias bodies to run around the user's body. */
    private record Expansion(ResolvedPoint point, String shown, List<String> aliases, List<Stmt.Block> before,
                             List<Stmt.Block> after) {}

    List<ElaboratedProbe> resolve(Decl.Probe probe, Diagnostics diagnostics) {
        List<ResolvedPoint> plain = new ArrayList<>();
        List<String> plainShown = new ArrayList<>();
        List<ElaboratedProbe> out = new ArrayList<>();
        String written = written(probe.points(), ",");
        for (ProbePoint point : probe.points()) {
            List<Expansion> found = expand(point, 0, diagnostics);
            if (found == null) {
                return List.of();
            }
            if (found.isEmpty() && !point.optional()) {
                mismatch(point, diagnostics);
                continue;
            }
            Stmt.Block body = conditioned(probe.body(), point.condition());
            for (Expansion e : found) {
                if (e.before().isEmpty() && e.after().isEmpty() && body == probe.body()) {
                    plain.add(e.point());
                    plainShown.add(e.shown());
                } else {
                    // each probe gets trees of its own: later passes key bindings and types by node
                    List<Stmt> stmts = new ArrayList<>();
                    e.before().forEach(b -> stmts.add(org.jstap.lang.ast.AstCopy.of(b)));
                    stmts.add(org.jstap.lang.ast.AstCopy.of(body));
                    e.after().forEach(a -> stmts.add(org.jstap.lang.ast.AstCopy.of(a)));
                    List<String> origin = new ArrayList<>(e.aliases());
                    origin.add(written);
                    out.add(new ElaboratedProbe(probe.span(), String.join(" <- ", origin), List.of(e.point()),
                            List.of(e.shown()), new Stmt.Block(probe.body().span(), stmts)));
                }
            }
            if (point.sufficient() && !found.isEmpty()) {
                break;
            }
        }
        if (!plain.isEmpty()) {
            out.add(0, new ElaboratedProbe(probe.span(), written, plain, plainShown, probe.body()));
        }
        return out;
    }

    /** {@code probe P if (c) { body }} runs as {@code { if (!(c)) next; body }}. */
    private static Stmt.Block conditioned(Stmt.Block body, Expr condition) {
        if (condition == null) {
            return body;
        }
        Span at = condition.span();
        Stmt guard = new Stmt.If(at, new Expr.Unary(at, org.jstap.lang.ast.UnaryOp.NOT, condition),
                new Stmt.Next(at), null);
        return new Stmt.Block(body.span(), List.of(guard, body));
    }

    /** Null after an error already reported. */
    private List<Expansion> expand(ProbePoint point, int depth, Diagnostics diagnostics) {
        if (depth > MAX_ALIAS_DEPTH) {
            diagnostics.add(Diagnostic.semanticError("sema.alias-recursion", "probe alias expansion too deep",
                    describe(point), point.span()));
            return null;
        }
        List<Expansion> out = new ArrayList<>();
        boolean wildcard = point.components().stream().anyMatch(c -> c.name().contains("*"));
        for (Decl.ProbeAlias alias : aliases) {
            // a wildcard matching several names of one alias (syscall.openat, syscall.open) expands it once
            java.util.Set<String> named = new java.util.HashSet<>();
            for (ProbePoint name : alias.names()) {
                if (!matches(point, name)) {
                    continue;
                }
                for (ProbePoint target : alias.points()) {
                    List<Expansion> inner = expand(target, depth + 1, diagnostics);
                    if (inner == null) {
                        return null;
                    }
                    if (inner.isEmpty() && !target.optional()) {
                        mismatch(target, diagnostics);
                        return null;
                    }
                    String aliasText = written(alias.names(), ",") + (alias.epilogue() ? " += " : " = ")
                            + written(alias.points(), ", ");
                    for (Expansion e : inner) {
                        List<String> chain = new ArrayList<>(e.aliases());
                        chain.add(aliasText);
                        List<Stmt.Block> before = new ArrayList<>(e.before());
                        List<Stmt.Block> after = new ArrayList<>();
                        if (alias.epilogue()) {
                            after.add(alias.body());
                        } else {
                            before.add(alias.body());
                        }
                        after.addAll(e.after());
                        if (wildcard && !named.add(e.point().text())) {
                            continue;
                        }
                        out.add(new Expansion(e.point(), e.shown(), chain, before, after));
                    }
                    if (target.sufficient() && !inner.isEmpty()) {
                        break;
                    }
                }
            }
        }
        if (out.isEmpty()) {
            for (ResolvedPoint r : provider.resolve(point)) {
                out.add(new Expansion(r, r.text() + marks(point), List.of(), List.of(), List.of()));
            }
        }
        return out;
    }

    private static String marks(ProbePoint p) {
        return p.sufficient() ? "!" : p.optional() ? "?" : "";
    }

    /** Points as stap shows them in -p2's comments: {@code begin?,nosuch2?}. */
    private static String written(List<ProbePoint> points, String separator) {
        List<String> parts = new ArrayList<>();
        for (ProbePoint p : points) {
            String text = p.text() + marks(p);
            if (p.condition() != null) {
                text += " if (" + org.jstap.lang.ast.ScriptPrinter.expression(p.condition()) + ")";
            }
            parts.add(text);
        }
        return String.join(separator, parts);
    }

    /** Whether a point as written (maybe with wildcards) names an alias, component by component. */
    private static boolean matches(ProbePoint written, ProbePoint alias) {
        return matchFrom(written.components(), 0, alias.components(), 0);
    }

    private static boolean matchFrom(List<ProbePoint.Component> w, int i, List<ProbePoint.Component> a, int j) {
        if (i == w.size()) {
            return j == a.size();
        }
        ProbePoint.Component c = w.get(i);
        if (c.name().equals("**")) {
            for (int k = j; k <= a.size(); k++) {
                if (matchFrom(w, i + 1, a, k)) {
                    return true;
                }
            }
            return false;
        }
        if (j == a.size()) {
            return false;
        }
        ProbePoint.Component d = a.get(j);
        boolean nameOk = Globs.matches(c.name(), d.name());
        boolean argOk = c.arg() == null ? d.arg() == null : d.arg() != null && c.text().equals(d.text());
        return nameOk && argOk && matchFrom(w, i + 1, a, j + 1);
    }

    /**
     * stap's two errors for a point that names nothing: where resolving started, then either the
     * first component that matches no known name (with similar names from the same level), or,
     * when every component is a known one and only the pattern matched nothing
     * ({@code kernel.trace("nosuch")}, a lone {@code .inline}), derive_probes' bare "no match".
     */
    private void mismatch(ProbePoint point, Diagnostics diagnostics) {
        diagnostics.add(Diagnostic.semanticError("sema.resolving", "while resolving probe point", describe(point),
                point.span()));
        List<String> prefix = new ArrayList<>();
        for (ProbePoint.Component c : point.components()) {
            List<String> names = namesAfter(prefix);
            if (!provider.accepts(prefix, c) && !aliasAccepts(prefix, c)) {
                List<String> similar = Similar.names(c.name(), names, true);
                diagnostics.add(Diagnostic.semanticError("sema.probe-point", "probe point mismatch",
                        "identifier '" + c.name() + "'", c.span()).withSimilar(similar));
                return;
            }
            prefix.add(c.name());
        }
        diagnostics.add(Diagnostic.semanticError("sema.no-match", "no match", null, Span.NONE));
    }

    private boolean aliasAccepts(List<String> prefix, ProbePoint.Component c) {
        for (Decl.ProbeAlias a : aliases) {
            for (ProbePoint n : a.names()) {
                List<ProbePoint.Component> cs = n.components();
                if (cs.size() > prefix.size() && matchesPrefix(cs, prefix)) {
                    ProbePoint.Component d = cs.get(prefix.size());
                    if (Globs.matches(c.name(), d.name()) && (c.arg() == null) == (d.arg() == null)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private List<String> namesAfter(List<String> prefix) {
        List<String> names = new ArrayList<>(provider.names(prefix));
        for (Decl.ProbeAlias a : aliases) {
            for (ProbePoint n : a.names()) {
                List<ProbePoint.Component> cs = n.components();
                if (cs.size() > prefix.size() && matchesPrefix(cs, prefix)) {
                    names.add(cs.get(prefix.size()).name());
                }
            }
        }
        return names.stream().distinct().toList();
    }

    private static boolean matchesPrefix(List<ProbePoint.Component> cs, List<String> prefix) {
        for (int i = 0; i < prefix.size(); i++) {
            if (!Globs.matches(prefix.get(i), cs.get(i).name())) {
                return false;
            }
        }
        return true;
    }

    private static String describe(ProbePoint point) {
        return "identifier '" + point.components().get(0).name() + "'";
    }
}
