package org.jstap.lang.elaborate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jstap.lang.ast.AssignOp;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.Stmt;
import org.jstap.lang.diag.Diagnostic;
import org.jstap.lang.diag.Diagnostics;

/**
 * stap's pass-2 optimiser, which runs before types are checked: assignments to locals nobody
 * reads and expressions without side effects are elided (with a warning each), constant
 * conditions are folded, and probes left empty are dropped. {@code -u} turns it off.
 */
final class Optimizer {
    private final Map<String, Variable> globals;
    private final Map<String, List<ScriptFunction>> functions;
    private final Diagnostics diagnostics;
    private final Map<ScriptFunction, Boolean> sideEffects = new HashMap<>();
    private Set<String> locals;
    private Set<String> readLocals;
    private boolean changed;

    Optimizer(Map<String, Variable> globals, Map<String, List<ScriptFunction>> functions, Diagnostics diagnostics) {
        this.globals = globals;
        this.functions = functions;
        this.diagnostics = diagnostics;
    }

    /** Optimises probe bodies in place; returns the probes that are left. */
    List<ElaboratedProbe> optimize(List<ElaboratedProbe> probes) {
        for (List<ScriptFunction> same : functions.values()) {
            for (ScriptFunction f : same) {
                if (f.body != null) {
                    Set<String> params = new HashSet<>();
                    f.params().forEach(p -> params.add(p.name()));
                    f.body = body(f.body, params);
                }
            }
        }
        List<ElaboratedProbe> kept = new ArrayList<>();
        for (ElaboratedProbe p : probes) {
            p.body = body(p.body, Set.of());
            if (p.body.body().isEmpty()) {
                // stap names the probe by its first component: Probe 'timer' has been elided
                String name = p.shown().get(0).split("[.(?!]", 2)[0];
                diagnostics.add(Diagnostic.warning("opt.probe-elided", "Probe '" + name + "' has been elided",
                        "keyword", p.span()));
            } else {
                kept.add(p);
            }
        }
        return kept;
    }

    private Stmt.Block body(Stmt.Block block, Set<String> params) {
        Stmt.Block b = block;
        do {
            changed = false;
            locals = new HashSet<>(params);
            readLocals = new HashSet<>();
            collect(b);
            b = (Stmt.Block) rewrite(b);
        } while (changed);
        return b;
    }

    // ---------------------------------------------------------------- which locals are read

    private boolean isLocal(String name) {
        return locals.contains(name) || !globals.containsKey(name);
    }

    private void collect(Stmt s) {
        Walk.stmt(s, new Walk.Visitor() {
            @Override
            public void expr(Expr e, boolean assigned) {
                if (e instanceof Expr.Var v && !assigned) {
                    readLocals.add(v.name());
                }
            }

            @Override
            public void local(String name) {
                locals.add(name);
            }
        });
    }

    // ---------------------------------------------------------------- rewriting

    private Stmt rewrite(Stmt s) {
        return switch (s) {
            case Stmt.Block b -> {
                List<Stmt> out = new ArrayList<>();
                for (Stmt inner : b.body()) {
                    Stmt r = rewrite(inner);
                    if (r != null) {
                        out.add(r);
                    }
                }
                yield new Stmt.Block(b.span(), out);
            }
            case Stmt.ExprStmt e -> expression(e);
            case Stmt.If i -> {
                if (i.cond() instanceof Expr.NumberLit n) {
                    changed = true;
                    Stmt taken = n.value() != 0 ? i.then() : i.otherwise();
                    yield taken == null ? null : rewrite(taken);
                }
                Stmt then = orEmpty(rewrite(i.then()), i.then());
                Stmt otherwise = i.otherwise() == null ? null : rewrite(i.otherwise());
                yield new Stmt.If(i.span(), i.cond(), then, otherwise);
            }
            case Stmt.While w -> {
                if (w.cond() instanceof Expr.NumberLit n && n.value() == 0) {
                    changed = true;
                    yield null;
                }
                yield new Stmt.While(w.span(), w.cond(), orEmpty(rewrite(w.body()), w.body()));
            }
            case Stmt.For f -> {
                if (f.cond() instanceof Expr.NumberLit n && n.value() == 0) {
                    changed = true;
                    yield f.init() == null ? null : new Stmt.ExprStmt(f.span(), f.init());
                }
                yield new Stmt.For(f.span(), f.init(), f.cond(), f.step(), orEmpty(rewrite(f.body()), f.body()));
            }
            case Stmt.Foreach f -> new Stmt.Foreach(f.span(), f.value(), f.keys(), f.bracketed(), f.array(),
                    f.histogram(), f.arraySpan(), f.slice(), f.arraySort(), f.sortAggregate(), f.limit(),
                    orEmpty(rewrite(f.body()), f.body()));
            case Stmt.Try t -> new Stmt.Try(t.span(), (Stmt.Block) rewrite(t.body()), t.message(),
                    (Stmt.Block) rewrite(t.handler()));
            case Stmt.Null n -> null;
            case Stmt.Break b -> b;
            case Stmt.Continue c -> c;
            case Stmt.Next n -> n;
            case Stmt.Return r -> r;
            case Stmt.Delete d -> d;
        };
    }

    private static Stmt orEmpty(Stmt rewritten, Stmt original) {
        return rewritten != null ? rewritten : new Stmt.Block(original.span(), List.of());
    }

    private Stmt expression(Stmt.ExprStmt s) {
        Expr e = s.expr();
        if (e instanceof Expr.Assign a && (a.op() == AssignOp.ASSIGN || a.op() == AssignOp.AGGREGATE)
                && a.target() instanceof Expr.Var v && isLocal(v.name()) && !readLocals.contains(v.name())) {
            if (!a.at().file().library()) {
                diagnostics.add(Diagnostic.warning("opt.assignment", "Eliding assignment to '" + v.name() + "'",
                        "operator '" + a.op().text + "'", a.at()));
            }
            changed = true;
            // the value stays only for its side effects; otherwise the bare variable goes next
            return new Stmt.ExprStmt(s.span(), hasSideEffects(a.value()) ? a.value() : v);
        }
        if (!hasSideEffects(e)) {
            // as stap, only the user's own code is warned about: a tapset alias sets variables few probes read
            if (!e.at().file().library()) {
                diagnostics.add(Diagnostic.warning("opt.side-effect-free", "Eliding side-effect-free expression ",
                        Describe.of(e), e.at()));
            }
            changed = true;
            return null;
        }
        return s;
    }

    // ---------------------------------------------------------------- side effects

    boolean hasSideEffects(Expr e) {
        boolean[] found = {false};
        Walk.expr(e, false, new Walk.Visitor() {
            @Override
            public void expr(Expr x, boolean assigned) {
                switch (x) {
                    case Expr.Assign a -> found[0] = true;
                    case Expr.Crement c -> found[0] = true;
                    case Expr.Embedded em -> found[0] = true;
                    case Expr.Call c -> found[0] |= callHasSideEffects(c);
                    default -> { }
                }
            }
        });
        return found[0];
    }

    private boolean callHasSideEffects(Expr.Call c) {
        Builtin b = Builtin.named(c.name());
        if (b != null) {
            return !b.toString;
        }
        for (ScriptFunction f : functions.getOrDefault(c.name(), List.of())) {
            if (f.params().size() == c.args().size()) {
                return functionHasSideEffects(f);
            }
        }
        for (RuntimeFunction r : RuntimeFunction.named(c.name())) {
            if (r.params().size() == c.args().size()) {
                return !r.pure();
            }
        }
        // unresolved: elaboration will report it, keep the call
        return true;
    }

    private boolean functionHasSideEffects(ScriptFunction f) {
        Boolean known = sideEffects.get(f);
        if (known != null) {
            return known;
        }
        if (f.decl().embedded() != null) {
            sideEffects.put(f, true);
            return true;
        }
        sideEffects.put(f, false);
        boolean[] found = {false};
        Walk.stmt(f.decl().body(), new Walk.Visitor() {
            @Override
            public void expr(Expr x, boolean assigned) {
                switch (x) {
                    case Expr.Assign a -> found[0] |= writesGlobal(a.target());
                    case Expr.Crement c -> found[0] |= writesGlobal(c.target());
                    case Expr.Embedded em -> found[0] = true;
                    case Expr.Call c -> found[0] |= callHasSideEffects(c);
                    default -> { }
                }
            }

            @Override
            public void statement(Stmt s) {
                if (s instanceof Stmt.Delete || s instanceof Stmt.Next) {
                    found[0] = true;
                }
            }
        });
        sideEffects.put(f, found[0]);
        return found[0];
    }

    private boolean writesGlobal(Expr target) {
        String name = target instanceof Expr.Var v ? v.name() : target instanceof Expr.Index i ? i.array() : null;
        return name == null || globals.containsKey(name);
    }
}
