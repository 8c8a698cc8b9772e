package org.jstap.lang.elaborate;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jstap.lang.ast.AssignOp;
import org.jstap.lang.ast.BinaryOp;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.Span;
import org.jstap.lang.ast.Stmt;
import org.jstap.lang.diag.Diagnostic;
import org.jstap.lang.diag.Diagnostics;
import org.jstap.lang.parse.Literals;
import org.jstap.runtime.format.Format;
import org.jstap.runtime.format.FormatSpec;

/**
 * Resolves names and infers types over all probes and the functions they reach, repeating until
 * nothing changes (stap's fixed point), then checks once more to report what is wrong.
 * Types never convert implicitly: a long is never a string.
 */
final class TypeInference {
    private final Map<String, Variable> globals;
    private final Map<String, List<ScriptFunction>> functions;
    private final Diagnostics diagnostics;

    private final IdentityHashMap<Expr, Type> types = new IdentityHashMap<>();
    private final IdentityHashMap<Object, Variable> variables = new IdentityHashMap<>();
    private final IdentityHashMap<Expr.Call, Object> calls = new IdentityHashMap<>();
    private final Set<ScriptFunction> used = new LinkedHashSet<>();
    private final Set<RuntimeFunction> runtimeUsed = new LinkedHashSet<>();
    /** Globals in the order the script first mentions them, as stap -p2 lists them. */
    private final Set<Variable> referenced = new LinkedHashSet<>();
    /** Errors by location and text, so repeated passes report each once. */
    private final Map<String, Diagnostic> errors = new LinkedHashMap<>();

    private Map<String, Variable> locals;
    private ScriptFunction function;
    /** The points of the probe being walked (null inside functions), for target variables. */
    private List<ResolvedPoint> points;
    private final IdentityHashMap<Expr.Target, TargetVariable> targets = new IdentityHashMap<>();
    /** The expression of the expression statement being walked: the one place a call may yield no value. */
    private Expr statementExpr;
    private boolean changed;
    /** The last pass reports; earlier ones only infer. */
    private boolean reporting;
    /** Inside @defined(): unresolvable things are not errors. */
    private int probing;

    TypeInference(Map<String, Variable> globals, Map<String, List<ScriptFunction>> functions, Diagnostics diagnostics) {
        this.globals = globals;
        this.functions = functions;
        this.diagnostics = diagnostics;
    }

    IdentityHashMap<Expr, Type> types() {
        return types;
    }

    IdentityHashMap<Object, Variable> variables() {
        return variables;
    }

    IdentityHashMap<Expr.Call, Object> calls() {
        return calls;
    }

    /** Infers to a fixed point without reporting anything. */
    void infer(List<ElaboratedProbe> probes) {
        int rounds = 0;
        do {
            changed = false;
            pass(probes);
        } while (changed && ++rounds < 100);
    }

    /** Infers to a fixed point, then walks once more reporting what is wrong. */
    List<ScriptFunction> run(List<ElaboratedProbe> probes, Map<Variable, Expr> inits) {
        infer(probes);
        reporting = true;
        pass(probes);
        for (Diagnostic d : errors.values()) {
            diagnostics.add(d);
        }
        reportUnresolved(probes);
        return List.copyOf(used);
    }

    private void pass(List<ElaboratedProbe> probes) {
        for (ElaboratedProbe p : probes) {
            locals = p.locals;
            function = null;
            points = p.points();
            stmt(p.body());
        }
        points = null;
        // functions reached so far; the list may grow while walking
        for (int i = 0; i < used.size(); i++) {
            ScriptFunction f = new ArrayList<>(used).get(i);
            locals = f.locals;
            function = f;
            if (f.body() != null) {
                stmt(f.body());
            }
        }
    }

    // ---------------------------------------------------------------- statements

    private void stmt(Stmt s) {
        switch (s) {
            case Stmt.Block b -> b.body().forEach(this::stmt);
            case Stmt.Try t -> {
                stmt(t.body());
                if (t.message() != null) {
                    Variable v = local(t.message(), t.span());
                    variables.put(t, v);
                    v.written = true;
                    v.arity = 0;
                    infer(v, Type.STRING, t.span());
                }
                stmt(t.handler());
            }
            case Stmt.Null n -> { }
            case Stmt.If i -> {
                expect(i.cond(), Type.LONG);
                stmt(i.then());
                if (i.otherwise() != null) {
                    stmt(i.otherwise());
                }
            }
            case Stmt.While w -> {
                expect(w.cond(), Type.LONG);
                stmt(w.body());
            }
            case Stmt.For f -> {
                if (f.init() != null) {
                    expr(f.init(), Type.UNKNOWN);
                }
                if (f.cond() != null) {
                    expect(f.cond(), Type.LONG);
                }
                if (f.step() != null) {
                    expr(f.step(), Type.UNKNOWN);
                }
                stmt(f.body());
            }
            case Stmt.Foreach f -> foreach(f);
            case Stmt.Break b -> { }
            case Stmt.Continue c -> { }
            case Stmt.Next n -> { }
            case Stmt.Return r -> {
                if (function == null) {
                    error("sema.return", "found 'return' outside of a function", "keyword 'return'", r.span());
                } else if (r.value() != null) {
                    Type t = expr(r.value(), function.returns);
                    if (!function.returns.known() && t.known() && t != Type.STATS) {
                        function.returns = t;
                        function.returnInferredAt = r.value().span();
                        changed = true;
                    } else if (t.known() && function.returns.known() && t != function.returns) {
                        operandMismatch(r.value(), t, function.returns);
                    }
                }
            }
            case Stmt.Delete d -> delete(d.target());
            case Stmt.ExprStmt e -> {
                statementExpr = e.expr();
                expr(e.expr(), Type.UNKNOWN);
            }
        }
    }

    private void foreach(Stmt.Foreach f) {
        if (f.histogram() != null) {
            expr(f.histogram(), Type.UNKNOWN);
            for (Stmt.ForeachVar k : f.keys()) {
                Variable v = local(k.name(), k.span());
                variables.put(k, v);
                v.written = true;
                v.arity = 0;
                infer(v, Type.LONG, k.span());
            }
            if (f.value() != null) {
                Variable v = local(f.value().name(), f.value().span());
                variables.put(f.value(), v);
                v.written = true;
                v.arity = 0;
                infer(v, Type.LONG, f.value().span());
            }
            if (f.limit() != null) {
                expect(f.limit(), Type.LONG);
            }
            stmt(f.body());
            return;
        }
        Variable array = globalArray(f.array(), f.keys().size(), f.arraySpan());
        variables.put(f, array);
        if (array == null) {
            return;
        }
        array.read = true;
        for (int i = 0; i < f.keys().size(); i++) {
            Stmt.ForeachVar k = f.keys().get(i);
            Variable v = local(k.name(), k.span());
            variables.put(k, v);
            v.written = true;
            v.arity = 0;
            if (i < array.keyTypes.length) {
                unifyVariables(v, array, i, k.span());
            }
        }
        for (int i = 0; i < f.slice().size() && i < array.keyTypes.length; i++) {
            Expr e = f.slice().get(i);
            if (!(e instanceof Expr.Wildcard)) {
                Type t = expr(e, array.keyTypes[i]);
                inferKey(array, i, t, e.span());
            }
        }
        if (f.value() != null) {
            Variable v = local(f.value().name(), f.value().span());
            variables.put(f.value(), v);
            v.written = true;
            v.arity = 0;
            if (array.type.known() && array.type != Type.STATS) {
                infer(v, array.type, f.value().span());
            } else if (v.type.known() && !array.type.known()) {
                infer(array, v.type, f.value().span());
            }
        }
        if (f.limit() != null) {
            expect(f.limit(), Type.LONG);
        }
        stmt(f.body());
    }

    private void delete(Expr target) {
        switch (target) {
            case Expr.Var v -> {
                Variable var = lookup(v.name());
                if (var == null) {
                    var = local(v.name(), v.span());
                }
                variables.put(v, var);
                var.written = true;
                var.read = true;
                types.put(v, var.type);
            }
            case Expr.Index i -> {
                expr(i, Type.UNKNOWN);
                Variable var = variables.get(i);
                if (var != null) {
                    var.written = true;
                    var.read = true;
                }
            }
            default -> error("sema.delete", "unexpected expression to delete", describe(target), target.at());
        }
    }

    // ---------------------------------------------------------------- expressions

    private void expect(Expr e, Type want) {
        Type t = expr(e, want);
        if (t.known() && t != want && !isSymbol(e)) {
            operandMismatch(e, want, t);
        }
    }

    /** Infers {@code e}, pushing {@code want} into unknown symbols; returns e's type. */
    private Type expr(Expr e, Type want) {
        Type result = switch (e) {
            case Expr.NumberLit n -> Type.LONG;
            case Expr.StringLit s -> Type.STRING;
            case Expr.Var v -> var(v, want);
            case Expr.Index i -> index(i, want);
            case Expr.Wildcard w -> {
                error("sema.wildcard", "unexpected wildcard outside of an array slice", "operator '*'", w.span());
                yield Type.UNKNOWN;
            }
            case Expr.Call c -> call(c, want);
            case Expr.Unary u -> {
                expect(u.operand(), Type.LONG);
                yield Type.LONG;
            }
            case Expr.Crement c -> {
                lvalue(c.target(), Type.LONG, true);
                yield Type.LONG;
            }
            case Expr.Binary b -> binary(b);
            case Expr.Ternary t -> {
                expect(t.cond(), Type.LONG);
                Type a = expr(t.then(), want);
                Type o = expr(t.otherwise(), a.known() ? a : want);
                if (!a.known() && o.known()) {
                    a = expr(t.then(), o);
                }
                if (a.known() && o.known() && a != o) {
                    operandMismatch(t.otherwise(), a, o);
                }
                yield a.known() ? a : o;
            }
            case Expr.Assign a -> assign(a);
            case Expr.In i -> {
                Variable array = globalArray(i.array(), i.keys().size(), i.arraySpan());
                variables.put(i, array);
                if (array != null) {
                    array.read = true;
                    keys(array, i.keys());
                }
                yield Type.LONG;
            }
            case Expr.StatOp s -> {
                Type operand = expr(s.operand(), Type.STATS);
                if (operand.known() && operand != Type.STATS && !isSymbol(s.operand())) {
                    operandMismatch(s.operand(), Type.STATS, operand);
                }
                Variable statVar = variables.get(s.operand());
                if (s.operand() instanceof Expr.Var v && (statVar == null || statVar.kind() != Variable.Kind.GLOBAL)) {
                    error("sema.stat-local", "stat locals not supported", describe(v), v.span());
                } else if (!(s.operand() instanceof Expr.Var) && !(s.operand() instanceof Expr.Index)) {
                    error("sema.stat-op", "expected a global statistic", describe(s.operand()), s.operand().at());
                }
                s.params().forEach(p -> expect(p, Type.LONG));
                yield s.fn().isHistogram() ? Type.HISTOGRAM : Type.LONG;
            }
            case Expr.HistBucket h -> {
                expr(h.histogram(), Type.UNKNOWN);
                expect(h.bucket(), Type.LONG);
                yield Type.LONG;
            }
            case Expr.Defined d -> {
                probing++;
                try {
                    expr(d.operand(), Type.UNKNOWN);
                } finally {
                    probing--;
                }
                yield Type.LONG;
            }
            case Expr.Entry en -> {
                boolean inReturnProbe = points != null && !points.isEmpty() && points.stream().allMatch(
                        p -> p instanceof ResolvedPoint.KernelFunction f && f.isReturn());
                if (!inReturnProbe && reporting) {
                    String probe = points == null || points.isEmpty() ? "function" : points.get(0).text();
                    error("sema.entry-context", "while processing probe " + probe, null, org.jstap.lang.ast.Span.NONE);
                    error("sema.entry", "internal error: @entry is only valid in .return probes", describe(en),
                            en.at());
                }
                yield expr(en.operand(), want);
            }
            case Expr.Target t -> target(t);
            case Expr.Cast c -> cast(c);
            case Expr.AtVar v -> unresolvedTarget(v);
            case Expr.AddressOf a -> {
                expr(a.operand(), Type.UNKNOWN);
                yield Type.LONG;
            }
            case Expr.Embedded em -> Type.LONG;
        };
        types.put(e, result);
        return result;
    }

    /** {@code $param}/{@code $return} of the probed kernel function. */
    private Type target(Expr.Target t) {
        if (points != null) {
            TargetVariable v = TargetVariable.resolve(t, points);
            if (v != null) {
                targets.put(t, v);
                return v.type();
            }
            Diagnostic why = probing == 0 ? TargetVariable.explain(t, points) : null;
            if (why != null) {
                error(why);
                return Type.UNKNOWN;
            }
        }
        return unresolvedTarget(t);
    }

    IdentityHashMap<Expr.Target, TargetVariable> targets() {
        return targets;
    }

    private final IdentityHashMap<Expr.Cast, CastTarget> casts = new IdentityHashMap<>();

    IdentityHashMap<Expr.Cast, CastTarget> casts() {
        return casts;
    }

    /**
     * {@code @cast(addr, "task_struct")->comm}: the C struct name maps to the kernel class standing
     * for it ({@link KernelTypes}), the fields are checked through it; stap's errors for an
     * unknown type ("type definition ... not found") and member. Only the kernel's types exist.
     */
    private Type cast(Expr.Cast c) {
        expect(c.address(), Type.LONG);
        String module = c.module() == null ? "kernel" : c.module();
        Class<?> type = module.equals("kernel") ? KernelTypes.forName(c.type()) : null;
        if (type == null) {
            if (probing == 0) {
                error("sema.cast-type", "type definition '" + c.type() + "' not found in '" + module + "'",
                        describe(c), c.span());
            }
            return Type.UNKNOWN;
        }
        java.util.List<String> fields = new ArrayList<>();
        Class<?> at = type;
        for (Expr.Accessor a : c.accessors()) {
            java.lang.reflect.Field f = a instanceof Expr.Accessor.Field name ? TargetVariable.field(at, name.name())
                    : null;
            if (f == null) {
                Diagnostic why = probing == 0 ? TargetVariable.member(at, c.accessors().subList(
                        c.accessors().indexOf(a), c.accessors().size())) : null;
                if (why != null) {
                    error(why);
                    return Type.UNKNOWN;
                }
                return unresolvedTarget(c);
            }
            fields.add(f.getName());
            at = f.getType();
        }
        Type result = c.pretty() != Expr.Pretty.NONE ? Type.STRING : TargetVariable.typeOf(at);
        casts.put(c, new CastTarget(type.getName(), List.copyOf(fields), result, c.pretty()));
        return result;
    }

    private Type unresolvedTarget(Expr e) {
        if (probing == 0) {
            error("sema.target", "unresolved target-symbol expression", describe(e), e.at());
        }
        return Type.UNKNOWN;
    }

    /** The variable a scalar reference names (a local is made on first use), or null if it is an array. */
    private Variable scalar(Expr.Var v) {
        Variable var = variables.get(v);
        if (var == null) {
            var = lookup(v.name());
            if (var == null) {
                var = local(v.name(), v.span());
            }
            variables.put(v, var);
        }
        if (var.arity > 0) {
            error("sema.arity", "array used as scalar", describe(v), v.span());
            return null;
        }
        if (var.arity < 0) {
            var.arity = 0;
            changed = true;
        }
        return var;
    }

    private Type var(Expr.Var v, Type want) {
        Variable var = scalar(v);
        if (var == null) {
            return Type.UNKNOWN;
        }
        var.read = true;
        if (want.known() && var.type.known() && want != var.type && want != Type.HISTOGRAM) {
            symbolMismatch(v, want, var);
        }
        infer(var, want, v.span());
        return var.type;
    }

    /** The global array an element access names, or null after an error. */
    private Variable array(Expr.Index i) {
        Variable array = variables.get(i);
        if (array == null) {
            array = globalArray(i.array(), i.keys().size(), i.span());
            if (array != null) {
                variables.put(i, array);
            }
        }
        return array;
    }

    private Type index(Expr.Index i, Type want) {
        Variable array = array(i);
        if (array == null) {
            return Type.UNKNOWN;
        }
        array.read = true;
        keys(array, i.keys());
        if (want.known() && array.type.known() && want != array.type) {
            symbolMismatch(i, want, array);
        }
        infer(array, want, i.span());
        return array.type;
    }

    private void keys(Variable array, List<Expr> keys) {
        for (int k = 0; k < keys.size() && k < array.keyTypes.length; k++) {
            Expr key = keys.get(k);
            if (key instanceof Expr.Wildcard) {
                continue;
            }
            Type t = expr(key, array.keyTypes[k]);
            if (t == Type.STATS || t == Type.HISTOGRAM) {
                error("sema.key-type", "invalid type for array index", describe(key), key.at());
            } else {
                inferKey(array, k, t, key.span(), key);
            }
        }
    }

    private Type binary(Expr.Binary b) {
        BinaryOp op = b.op();
        if (op == BinaryOp.CONCAT) {
            expect(b.left(), Type.STRING);
            expect(b.right(), Type.STRING);
            return Type.STRING;
        }
        if (op.isRegex()) {
            expect(b.left(), Type.STRING);
            if (!(b.right() instanceof Expr.StringLit)) {
                error("sema.regex", "expected literal string", describe(b.right()), b.right().at());
            } else {
                expr(b.right(), Type.STRING);
            }
            return Type.LONG;
        }
        if (op.isComparison()) {
            Type l = expr(b.left(), Type.UNKNOWN);
            Type r = expr(b.right(), l);
            if (!l.known() && r.known()) {
                l = expr(b.left(), r);
            }
            if (l == Type.STATS || l == Type.HISTOGRAM) {
                operandMismatch(b.left(), Type.LONG, l);
            } else if (l.known() && r.known() && l != r && !isSymbol(b.right())) {
                operandMismatch(b.right(), l, r);
            }
            return Type.LONG;
        }
        expect(b.left(), Type.LONG);
        expect(b.right(), Type.LONG);
        return Type.LONG;
    }

    private Type assign(Expr.Assign a) {
        AssignOp op = a.op();
        // stap meets the target before the value: that decides the order globals are listed in
        String target = a.target() instanceof Expr.Var v ? v.name() : a.target() instanceof Expr.Index i ? i.array() : null;
        if (target != null && !locals.containsKey(target) && globals.containsKey(target)) {
            referenced.add(globals.get(target));
        }
        if (op == AssignOp.AGGREGATE) {
            expect(a.value(), Type.LONG);
            lvalue(a.target(), Type.STATS, false);
            return Type.LONG;
        }
        if (op == AssignOp.CONCAT) {
            expect(a.value(), Type.STRING);
            lvalue(a.target(), Type.STRING, true);
            return Type.STRING;
        }
        if (op != AssignOp.ASSIGN) {
            expect(a.value(), Type.LONG);
            lvalue(a.target(), Type.LONG, true);
            return Type.LONG;
        }
        Type r = expr(a.value(), Type.UNKNOWN);
        Type l = lvalue(a.target(), r == Type.HISTOGRAM ? Type.UNKNOWN : r, false);
        if (!r.known() && l.known()) {
            r = expr(a.value(), l);
        }
        if (l == Type.STATS) {
            error("sema.stats-assign", "invalid assignment to aggregate", describe(a.target()), a.at());
        } else if (l.known() && r.known() && l != r && !isSymbol(a.target()) && !isSymbol(a.value())) {
            operandMismatch(a.value(), l, r);
        }
        return l;
    }

    /** An assignment target: marks it written (and read for compound forms), infers its type. */
    private Type lvalue(Expr target, Type want, boolean alsoRead) {
        switch (target) {
            case Expr.Var v -> {
                Variable var = scalar(v);
                if (var == null) {
                    return Type.UNKNOWN;
                }
                var.written = true;
                if (want == Type.STATS && var.kind() != Variable.Kind.GLOBAL) {
                    error("sema.stat-local", "stat locals not supported", describe(v), v.span());
                }
                boolean fresh = !var.type.known();
                infer(var, want, v.span());
                if (!fresh && want.known() && var.type != want) {
                    symbolMismatch(v, want, var);
                }
                types.put(v, var.type);
                return var.type;
            }
            case Expr.Index i -> {
                Variable array = array(i);
                if (array == null) {
                    return Type.UNKNOWN;
                }
                array.written = true;
                keys(array, i.keys());
                boolean fresh = !array.type.known();
                infer(array, want, i.span());
                if (!fresh && want.known() && array.type != want) {
                    symbolMismatch(i, want, array);
                }
                types.put(i, array.type);
                return array.type;
            }
            case Expr.Target t -> {
                return expr(t, want);
            }
            default -> {
                error("sema.lvalue", "assignment to non-lvalue", describe(target), target.at());
                expr(target, Type.UNKNOWN);
                return Type.UNKNOWN;
            }
        }
    }

    // ---------------------------------------------------------------- calls

    private Type call(Expr.Call c, Type want) {
        Builtin builtin = Builtin.named(c.name());
        if (builtin != null) {
            calls.put(c, builtin);
            Type t = print(c, builtin);
            if (!builtin.toString && c != statementExpr) {
                // print(), printf() ... yield no value
                error("sema.void-value", "unresolved type ", describe(c), c.span());
            }
            return builtin.toString ? t : Type.UNKNOWN;
        }
        Object target = calls.get(c);
        if (target == null) {
            target = resolveFunction(c);
            if (target == null) {
                c.args().forEach(a -> expr(a, Type.UNKNOWN));
                return Type.UNKNOWN;
            }
            calls.put(c, target);
        }
        if (target instanceof ScriptFunction f) {
            used.add(f);
            for (int k = 0; k < c.args().size(); k++) {
                Variable param = f.params().get(k);
                Type t = expr(c.args().get(k), param.type);
                if (t == Type.STATS || t == Type.HISTOGRAM) {
                    error("sema.arg-type", "function arguments must be long or string", describe(c.args().get(k)),
                            c.args().get(k).at());
                } else if (!param.type.known() && t.known()) {
                    infer(param, t, c.args().get(k).span());
                } else if (t.known() && t != param.type && !isSymbol(c.args().get(k))) {
                    operandMismatch(c.args().get(k), t, param.type);
                }
            }
            if (!f.returns.known() && want.known() && want != Type.STATS) {
                f.returns = want;
                f.returnInferredAt = c.span();
                changed = true;
            }
            if (!f.returns.known() && c != statementExpr) {
                error("sema.void-value", "unresolved type ", describe(c), c.span());
            }
            return f.returns;
        }
        RuntimeFunction r = (RuntimeFunction) target;
        runtimeUsed.add(r);
        if (!r.returns().known() && c != statementExpr) {
            error("sema.void-value", "unresolved type ", describe(c), c.span());
        }
        for (int k = 0; k < c.args().size(); k++) {
            expect(c.args().get(k), r.params().get(k));
        }
        return r.returns();
    }

    private Object resolveFunction(Expr.Call c) {
        for (ScriptFunction f : functions.getOrDefault(c.name(), List.of())) {
            if (f.params().size() == c.args().size()) {
                return f;
            }
        }
        for (RuntimeFunction r : RuntimeFunction.named(c.name())) {
            if (r.params().size() == c.args().size()) {
                return r;
            }
        }
        if (probing > 0) {
            return null;
        }
        boolean known = functions.containsKey(c.name()) || !RuntimeFunction.named(c.name()).isEmpty();
        if (known) {
            Diagnostic d = Diagnostic.semanticError("sema.arity", "arity mismatch found (function '" + c.name()
                    + "' takes " + arities(c.name()) + " args)", describe(c), c.span());
            for (ScriptFunction f : functions.getOrDefault(c.name(), List.of())) {
                d = d.withNote(Diagnostic.location("identifier '" + f.name() + "'", f.nameSpan()));
            }
            error(d);
            return null;
        }
        Set<String> names = new LinkedHashSet<>(functions.keySet());
        names.addAll(RuntimeFunction.names());
        for (Builtin b : Builtin.values()) {
            names.add(b.text);
        }
        error(Diagnostic.semanticError("sema.unresolved-function", "unresolved function " + c.name(),
                describe(c), c.span())
                .withSimilar(Similar.names(c.name(), names)));
        return null;
    }

    private String arities(String name) {
        List<Integer> n = new ArrayList<>();
        functions.getOrDefault(name, List.of()).forEach(f -> n.add(f.params().size()));
        RuntimeFunction.named(name).forEach(r -> n.add(r.params().size()));
        return n.stream().map(String::valueOf).reduce((a, b) -> a + " or " + b).orElse("0");
    }

    /** print, println, printf... : formats are literals checked against the arguments. */
    private Type print(Expr.Call c, Builtin b) {
        List<Expr> args = c.args();
        int first = 0;
        if (b.formatted || b.delimited) {
            if (args.isEmpty() || !(args.get(0) instanceof Expr.StringLit lit)) {
                error("sema.format", b.formatted ? "print format must be a literal string"
                        : "delimiter must be a literal string", describe(c), c.span());
                args.forEach(a -> expr(a, Type.UNKNOWN));
                return b.toString ? Type.STRING : Type.LONG;
            }
            expr(lit, Type.STRING);
            first = 1;
            if (b.formatted) {
                checkFormat(c, lit);
                return b.toString ? Type.STRING : Type.LONG;
            }
        }
        if (args.size() == first && !b.newline) {
            error("sema.print-args", "Expected at least one argument to '" + b.text + "'", describe(c), c.span());
        }
        for (int k = first; k < args.size(); k++) {
            Type t = expr(args.get(k), Type.UNKNOWN);
            if (t == Type.STATS) {
                error("sema.print-stats", "aggregate printed without an extractor", describe(args.get(k)),
                        args.get(k).at());
            }
        }
        return b.toString ? Type.STRING : Type.LONG;
    }

    private void checkFormat(Expr.Call c, Expr.StringLit lit) {
        Format format;
        try {
            format = Format.parse(Literals.unescape(lit.raw()));
        } catch (Format.FormatError e) {
            error("sema.format", e.getMessage(), describe(lit), lit.span());
            return;
        }
        List<Expr> args = c.args().subList(1, c.args().size());
        if (format.arguments() != args.size()) {
            error("sema.format-count", "Wrong number of args to formatted print operator", describe(c), c.span());
            args.forEach(a -> expr(a, Type.UNKNOWN));
            return;
        }
        int k = 0;
        for (Object part : format.parts()) {
            if (part instanceof FormatSpec spec) {
                if (spec.width() == FormatSpec.STAR) {
                    expect(args.get(k++), Type.LONG);
                }
                if (spec.precision() == FormatSpec.STAR) {
                    expect(args.get(k++), Type.LONG);
                }
                Expr arg = args.get(k++);
                Type want = spec.conversion().numeric ? Type.LONG : Type.STRING;
                Type t = expr(arg, want);
                if (t.known() && t != want && !isSymbol(arg)) {
                    operandMismatch(arg, want, t);
                }
            }
        }
    }

    // ---------------------------------------------------------------- symbols

    private Variable lookup(String name) {
        Variable v = locals.get(name);
        if (v != null) {
            return v;
        }
        Variable g = globals.get(name);
        if (g != null) {
            referenced.add(g);
        }
        return g;
    }

    List<RuntimeFunction> runtimeUsed() {
        return List.copyOf(runtimeUsed);
    }

    /** The globals referenced anywhere, in order of first mention. */
    Set<Variable> referenced() {
        return referenced;
    }

    private Variable local(String name, Span at) {
        return locals.computeIfAbsent(name, n -> new Variable(n, Variable.Kind.LOCAL, at));
    }

    /** The global array {@code name} used with {@code arity} indexes, or null after an error. */
    private Variable globalArray(String name, int arity, Span at) {
        Variable v = globals.get(name);
        if (v != null && !locals.containsKey(name)) {
            referenced.add(v);
        }
        if (v == null || locals.containsKey(name)) {
            if (probing == 0) {
                error("sema.unresolved-array", "unresolved arity-" + arity + " global array " + name
                        + ", missing global declaration?", "identifier '" + name + "'", at);
            }
            return null;
        }
        if (v.arity == 0) {
            error("sema.arity", "scalar used as array", "identifier '" + name + "'", at);
            return null;
        }
        if (v.arity < 0) {
            v.setArity(arity);
            changed = true;
        } else if (v.arity != arity) {
            error("sema.arity", "inconsistent arity (" + arity + " vs " + v.arity + ")", "identifier '" + name + "'",
                    at);
            return null;
        }
        return v;
    }

    private void infer(Variable v, Type t, Span at) {
        if (!v.type.known() && t.known() && t != Type.HISTOGRAM) {
            v.type = t;
            v.typeInferredAt = at;
            changed = true;
        }
    }

    private void inferKey(Variable array, int k, Type t, Span at) {
        inferKey(array, k, t, at, null);
    }

    private void inferKey(Variable array, int k, Type t, Span at, Expr keyExpr) {
        if (!array.keyTypes[k].known() && t.known()) {
            array.keyTypes[k] = t;
            array.keyInferredAt[k] = keyExpr == null ? at : keyExpr.at();
            array.keySubject[k] = keyExpr == null ? "identifier '" + array.name() + "'" : describe(keyExpr);
            changed = true;
        } else if (t.known() && array.keyTypes[k] != t && keyExpr != null) {
            Diagnostic d = Diagnostic.semanticError("sema.key-mismatch", "index " + k + " type mismatch (" + t.text
                    + ")", describe(keyExpr), keyExpr.at());
            d = d.withNote(Diagnostic.semanticError("sema.key-first", "type of index " + k
                    + " was first inferred here (" + array.keyTypes[k].text + ")", array.keySubject[k],
                    array.keyInferredAt[k]));
            error(d);
        }
    }

    private void unifyVariables(Variable local, Variable array, int k, Span at) {
        if (array.keyTypes[k].known()) {
            if (local.type.known() && local.type != array.keyTypes[k]) {
                symbolMismatch(new Expr.Var(at, local.name()), array.keyTypes[k], local);
                return;
            }
            infer(local, array.keyTypes[k], at);
        } else if (local.type.known()) {
            inferKey(array, k, local.type, at);
        }
    }

    // ---------------------------------------------------------------- reporting

    /** An expression whose type is not what its context needs: {@code type mismatch: expected A but found B}. */
    private void operandMismatch(Expr e, Type expected, Type found) {
        error("sema.type-mismatch", "type mismatch: expected " + expected.text + " but found " + found.text,
                describe(e), e.at());
    }

    /** A variable used as another type than first inferred, with where that was. */
    private void symbolMismatch(Expr ref, Type used, Variable v) {
        Diagnostic d = Diagnostic.semanticError("sema.type-mismatch", "type mismatch (" + used.text + ")",
                describe(ref), ref.at());
        if (v.typeInferredAt != null) {
            d = d.withNote(Diagnostic.semanticError("sema.type-first", "type was first inferred here ("
                    + v.type.text + ")", "identifier '" + v.name() + "'", v.typeInferredAt));
        }
        error(d);
    }

    /** Variables and array elements report their own mismatches, naming where their type came from. */
    private static boolean isSymbol(Expr e) {
        return e instanceof Expr.Var || e instanceof Expr.Index;
    }

    private void error(String code, String message, String subject, Span at) {
        error(Diagnostic.semanticError(code, message, subject, at));
    }

    private void error(Diagnostic d) {
        if (!reporting) {
            return;
        }
        errors.putIfAbsent(d.span().location() + d.message() + d.code(), d);
    }

    private void reportUnresolved(List<ElaboratedProbe> probes) {
        List<Map<String, Variable>> scopes = new ArrayList<>();
        probes.forEach(p -> scopes.add(p.locals));
        used.forEach(f -> scopes.add(f.locals));
        for (Map<String, Variable> scope : scopes) {
            for (Variable v : scope.values()) {
                if (v.read && !v.written && v.kind() == Variable.Kind.LOCAL) {
                    List<String> others = scope.keySet().stream().filter(n -> !n.equals(v.name())).toList();
                    diagnostics.add(Diagnostic.warning("sema.never-assigned", "never-assigned local variable '"
                            + v.name() + "'", "identifier '" + v.name() + "'", v.declared())
                            .withSimilar(Similar.names(v.name(), others)));
                }
                if (!v.type.known() && v.kind() == Variable.Kind.LOCAL) {
                    diagnostics.add(Diagnostic.semanticError("sema.unresolved-type", "unresolved type ",
                            "identifier '" + v.name() + "'", v.declared()));
                }
            }
        }
    }

    void checkGlobals() {
        for (Variable v : globals.values()) {
            if ((v.read || v.written) && !v.type.known()) {
                diagnostics.add(Diagnostic.semanticError("sema.unresolved-type", "unresolved type ",
                        "identifier '" + v.name() + "'", v.declared()));
            }
        }
    }

    static String describe(Expr e) {
        return Describe.of(e);
    }
}
