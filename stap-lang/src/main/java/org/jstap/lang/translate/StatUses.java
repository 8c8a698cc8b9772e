package org.jstap.lang.translate;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.StatFn;
import org.jstap.lang.ast.Stmt;
import org.jstap.lang.diag.Diagnostic;
import org.jstap.lang.diag.Diagnostics;
import org.jstap.lang.elaborate.ElaboratedProbe;
import org.jstap.lang.elaborate.ElaboratedScript;
import org.jstap.lang.elaborate.ScriptFunction;
import org.jstap.lang.elaborate.Variable;
import org.jstap.runtime.stat.HistogramSpec;

/**
 * What each statistic must collect, decided from how the script reads it: the histogram of its
 * {@code @hist_log}/{@code @hist_linear} (one kind per statistic, as in stap) and the bit shift of
 * {@code @variance(x, shift)}.
 */
final class StatUses {
    record Use(HistogramSpec histogram, int shift) {
        static final Use NONE = new Use(HistogramSpec.NONE, 0);
    }

    private StatUses() {}

    static Map<Variable, Use> collect(ElaboratedScript script, Diagnostics diagnostics) {
        Map<Variable, Use> uses = new IdentityHashMap<>();
        java.util.function.Consumer<Expr> visit = e -> {
            if (!(e instanceof Expr.StatOp s)) {
                return;
            }
            Variable v = script.variableOf(s.operand());
            if (v == null) {
                return;
            }
            Use old = uses.getOrDefault(v, Use.NONE);
            if (s.fn() == StatFn.VARIANCE) {
                int shift = s.params().isEmpty() ? 0 : (int) literal(s.params().get(0), diagnostics);
                uses.put(v, new Use(old.histogram(), Math.max(old.shift(), shift)));
            } else if (s.fn().isHistogram()) {
                HistogramSpec spec = s.fn() == StatFn.HIST_LOG ? HistogramSpec.LOG
                        : s.params().size() == 3 ? HistogramSpec.linear(literal(s.params().get(0), diagnostics),
                        literal(s.params().get(1), diagnostics), literal(s.params().get(2), diagnostics))
                        : null;
                if (spec == null) {
                    diagnostics.add(Diagnostic.semanticError("translate.hist-args",
                            "@hist_linear takes a statistic and three numbers", null, s.at()));
                    return;
                }
                if (old.histogram().kind() != HistogramSpec.Kind.NONE && !old.histogram().equals(spec)) {
                    diagnostics.add(Diagnostic.semanticError("translate.hist-multiple",
                            "multiple histogram types declared on '" + v.name() + "'", "operator '" + s.fn().text
                                    + "'", s.at()));
                    return;
                }
                if (spec.buckets() == 0) {
                    diagnostics.add(Diagnostic.semanticError("translate.hist-buckets",
                            "histogram: number of buckets must be between 1 and " + (HistogramSpec.MAX_BUCKETS - 2),
                            "operator '" + s.fn().text + "'", s.at()));
                    return;
                }
                uses.put(v, new Use(spec, old.shift()));
            }
        };
        for (ElaboratedProbe p : script.probes()) {
            walk(p.body(), visit);
        }
        for (ScriptFunction f : script.functions()) {
            if (f.body() != null) {
                walk(f.body(), visit);
            }
        }
        return uses;
    }

    private static long literal(Expr e, Diagnostics diagnostics) {
        if (e instanceof Expr.NumberLit n) {
            return n.value();
        }
        if (e instanceof Expr.Unary u && u.op() == org.jstap.lang.ast.UnaryOp.NEG && u.operand() instanceof Expr.NumberLit n) {
            return -n.value();
        }
        diagnostics.add(Diagnostic.semanticError("translate.literal", "expected a literal number", null, e.at()));
        return 1;
    }

    private static void walk(Stmt s, java.util.function.Consumer<Expr> visit) {
        org.jstap.lang.elaborate.AstWalk.stmt(s, visit);
    }

}
