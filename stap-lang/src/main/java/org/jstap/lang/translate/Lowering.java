package org.jstap.lang.translate;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jstap.lang.ast.AssignOp;
import org.jstap.lang.ast.BinaryOp;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.Span;
import org.jstap.lang.ast.Stmt;
import org.jstap.lang.diag.Diagnostic;
import org.jstap.lang.diag.Diagnostics;
import org.jstap.lang.elaborate.Builtin;
import org.jstap.lang.elaborate.ElaboratedProbe;
import org.jstap.lang.elaborate.ElaboratedScript;
import org.jstap.lang.elaborate.RuntimeFunction;
import org.jstap.lang.elaborate.ScriptFunction;
import org.jstap.lang.elaborate.Type;
import org.jstap.lang.elaborate.Variable;
import org.jstap.lang.ir.ArithOp;
import org.jstap.lang.ir.CompareOp;
import org.jstap.lang.ir.Global;
import org.jstap.lang.ir.IrExpr;
import org.jstap.lang.ir.IrProgram;
import org.jstap.lang.ir.IrStmt;
import org.jstap.lang.ir.IrType;
import org.jstap.lang.ir.Local;
import org.jstap.lang.parse.Literals;
import org.jstap.runtime.format.Format;
import org.jstap.runtime.format.FormatSpec;

/** Lowers the elaborated script to the typed IR that code generation reads. */
public final class Lowering {
    private final ElaboratedScript script;
    private final Diagnostics diagnostics;
    private final Map<Variable, Global> globals = new IdentityHashMap<>();
    private Map<Variable, Local> locals;
    /** Locals holding the @entry values of the return probe being lowered. */
    private Map<Expr.Entry, Local> entryLocals = new IdentityHashMap<>();

    private Lowering(ElaboratedScript script, Diagnostics diagnostics) {
        this.script = script;
        this.diagnostics = diagnostics;
    }

    public static IrProgram lower(ElaboratedScript script, String moduleName, String sourceName,
                                  Diagnostics diagnostics) {
        return new Lowering(script, diagnostics).program(moduleName, sourceName);
    }

    private IrProgram program(String moduleName, String sourceName) {
        List<Global> irGlobals = new ArrayList<>();
        Map<Variable, StatUses.Use> statUses = StatUses.collect(script, diagnostics);
        for (Variable v : script.globals()) {
            Expr init = script.globalInits().get(v);
            StatUses.Use use = statUses.getOrDefault(v, StatUses.Use.NONE);
            Global g;
            if (v.isArray()) {
                g = new Global(v.name(), irType(v.type()), null, v.arity(),
                        (int) v.maxEntries(), v.wrap(), use.histogram(),
                        use.shift());
            } else if (v.type() == Type.STATS) {
                g = new Global(v.name(), IrType.STAT, null, 0, 0, false, use.histogram(), use.shift());
            } else {
                g = Global.scalar(v.name(), irType(v.type()), init == null ? null : constant(init));
            }
            globals.put(v, g);
            irGlobals.add(g);
        }
        List<IrProgram.Function> functions = new ArrayList<>();
        for (ScriptFunction f : script.functions()) {
            locals = new IdentityHashMap<>();
            List<Local> params = f.params().stream().map(this::local).toList();
            IrStmt body = stmt(f.body());
            functions.add(new IrProgram.Function(methodName(f), f.name(), f.nameSpan(), params, irType(f.returns()),
                    body));
        }
        List<IrProgram.Probe> probes = new ArrayList<>();
        int n = 0;
        for (ElaboratedProbe p : script.probes()) {
            locals = new IdentityHashMap<>();
            entryLocals = new IdentityHashMap<>();
            List<Expr.Entry> entries = entries(p);
            int id = n;
            if (!entries.isEmpty()) {
                probes.add(entryProbe(p, entries, id, n++, "probe_" + n));
            }
            IrStmt body = stmt(p.body());
            if (!entries.isEmpty()) {
                // restore in reverse order of saving, into the locals @entry(...) reads
                List<IrStmt> restore = new ArrayList<>();
                for (int i = entries.size() - 1; i >= 0; i--) {
                    Local l = entryLocals.get(entries.get(i));
                    restore.add(new IrStmt.Eval(entries.get(i).span(),
                            new IrExpr.StoreLocal(l, new IrExpr.EntryRestore(id, l.type()))));
                }
                restore.add(body);
                body = new IrStmt.Block(p.span(), restore);
            }
            probes.add(new IrProgram.Probe("probe_" + n++, p.points(), body, p.span(), ProbeDerivation.of(p),
                    entries.isEmpty() ? null : "probe_" + id, entries.size(), null));
        }
        return new IrProgram(moduleName, sourceName, irGlobals, functions, probes);
    }

    /** The @entry expressions of a probe body, each with the local that will hold its value. */
    private List<Expr.Entry> entries(ElaboratedProbe p) {
        List<Expr.Entry> found = new ArrayList<>();
        org.jstap.lang.elaborate.AstWalk.stmt(p.body(), e -> {
            if (e instanceof Expr.Entry en) {
                found.add(en);
                entryLocals.put(en, new Local("__entry" + found.size(), irType(script.typeOf(en.operand()))));
            }
        });
        return found;
    }

    /** The probe on function entry that saves each @entry(...) value for the return probe {@code id}. */
    private IrProgram.Probe entryProbe(ElaboratedProbe p, List<Expr.Entry> entries, int id, int index,
                                       String returnProbe) {
        List<org.jstap.lang.elaborate.ResolvedPoint> points = new ArrayList<>();
        for (var point : p.points()) {
            var f = (org.jstap.lang.elaborate.ResolvedPoint.KernelFunction) point;
            points.add(new org.jstap.lang.elaborate.ResolvedPoint.KernelFunction(
                    org.jstap.runtime.ProbeRegistry.entryPointOf(f.text()), f.function(), f.file(), false, 0,
                    f.method()));
        }
        List<IrStmt> saves = new ArrayList<>();
        for (Expr.Entry en : entries) {
            saves.add(new IrStmt.Eval(en.span(), new IrExpr.EntrySave(id, expr(en.operand()))));
        }
        // part of the return probe as stap sees it (its kretprobe's entry handler): no table entry of its own
        return new IrProgram.Probe("probe_" + index, points, new IrStmt.Block(p.span(), saves),
                org.jstap.lang.ast.Span.NONE, List.of(), null, 0, returnProbe);
    }

    static String methodName(ScriptFunction f) {
        return "function_" + f.name() + "_" + f.params().size();
    }

    private Local local(Variable v) {
        return locals.computeIfAbsent(v, k -> new Local(k.name(), irType(k.type())));
    }

    static IrType irType(Type t) {
        return switch (t) {
            case LONG -> IrType.LONG;
            case STRING -> IrType.STRING;
            case STATS -> IrType.STAT;
            default -> IrType.VOID;
        };
    }

    // ---------------------------------------------------------------- statements

    private IrStmt stmt(Stmt s) {
        return switch (s) {
            case Stmt.Block b -> new IrStmt.Block(b.span(), b.body().stream().map(this::stmt).toList());
            case Stmt.Null n -> new IrStmt.Block(n.span(), List.of());
            case Stmt.ExprStmt e -> new IrStmt.Eval(e.span(), expr(e.expr()));
            case Stmt.If i -> new IrStmt.If(i.span(), expr(i.cond()), stmt(i.then()),
                    i.otherwise() == null ? null : stmt(i.otherwise()));
            case Stmt.While w -> new IrStmt.Loop(w.span(), expr(w.cond()), loopBody(w.body()), null);
            case Stmt.For f -> {
                IrStmt loop = new IrStmt.Loop(f.span(), f.cond() == null ? new IrExpr.LongConst(1) : expr(f.cond()),
                        loopBody(f.body()), f.step() == null ? null : expr(f.step()));
                yield f.init() == null ? loop
                        : new IrStmt.Block(f.span(), List.of(new IrStmt.Eval(f.span(), expr(f.init())), loop));
            }
            case Stmt.Break b -> loopDepth > 0 ? new IrStmt.Break(b.span()) : outsideLoop("break", b.span());
            case Stmt.Continue c -> loopDepth > 0 ? new IrStmt.Continue(c.span()) : outsideLoop("continue", c.span());
            case Stmt.Next n -> new IrStmt.Next(n.span());
            case Stmt.Return r -> new IrStmt.Return(r.span(), r.value() == null ? null : expr(r.value()));
            case Stmt.Try t -> new IrStmt.Try(t.span(), stmt(t.body()),
                    t.message() == null ? null : local(script.catchVariable(t)), stmt(t.handler()));
            case Stmt.Foreach f -> foreach(f);
            case Stmt.Delete d -> delete(d);
        };
    }

    // ---------------------------------------------------------------- expressions

    private IrExpr expr(Expr e) {
        return switch (e) {
            case Expr.NumberLit n -> new IrExpr.LongConst(n.value());
            case Expr.StringLit s -> new IrExpr.StringConst(Literals.unescape(s.raw()));
            case Expr.Var v -> load(script.variableOf(v));
            case Expr.Unary u -> switch (u.op()) {
                case PLUS -> expr(u.operand());
                case NEG -> new IrExpr.Negate(expr(u.operand()));
                case NOT -> new IrExpr.Not(expr(u.operand()));
                case BITNOT -> new IrExpr.BitNot(expr(u.operand()));
            };
            case Expr.Crement c -> crement(c);
            case Expr.Binary b -> binary(b);
            case Expr.Ternary t -> new IrExpr.Conditional(expr(t.cond()), expr(t.then()), expr(t.otherwise()),
                    irType(script.typeOf(t)));
            case Expr.Assign a -> assign(a);
            case Expr.Call c -> call(c);
            case Expr.Index i -> new IrExpr.MapGet(global(i), keys(i.keys()));
            case Expr.Entry en -> new IrExpr.LoadLocal(entryLocals.get(en));
            case Expr.Target t -> {
                org.jstap.lang.elaborate.TargetVariable v = script.targetOf(t);
                yield v == null ? unsupported("target expression " + t.name(), t.at())
                        : new IrExpr.TargetRead(v.index(), v.isReturn(), v.fields(), irType(v.type()), v.pretty().ordinal());
            }
            case Expr.Cast c -> cast(c);
            // decided at compile time, as stap does: whether the target expression resolved here
            case Expr.Defined d -> new IrExpr.LongConst(switch (d.operand()) {
                case Expr.Target t -> script.targetOf(t) != null ? 1 : 0;
                case Expr.Cast c -> script.castOf(c) != null ? 1 : 0;
                case Expr.AtVar v -> 0;
                default -> 1;
            });
            case Expr.In i -> new IrExpr.MapIn(globals.get(script.variableOf(i)), keys(i.keys()));
            case Expr.StatOp s -> s.fn().isHistogram()
                    ? unsupported("a histogram outside print()", s.at())
                    : new IrExpr.StatGet(s.fn(), statGlobal(s.operand()), statKeys(s.operand()), s.at());
            case Expr.HistBucket h -> new IrExpr.HistBucket(statGlobal(h.histogram().operand()),
                    statKeys(h.histogram().operand()), expr(h.bucket()));
            default -> unsupported(e.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT), e.at());
        };
    }

    /** {@code @cast(...)->f}: a call of the runtime's {@link org.jstap.runtime.Cast} reader. */
    private IrExpr cast(Expr.Cast c) {
        org.jstap.lang.elaborate.CastTarget t = script.castOf(c);
        if (t == null) {
            return unsupported("@cast", c.at());
        }
        String context = "Lorg/jstap/runtime/Context;";
        String tail = "JLjava/lang/String;Ljava/lang/String;";
        String near = "operator '@cast' at " + c.span().location();
        List<IrExpr> args = new ArrayList<>(List.of(expr(c.address()), new IrExpr.StringConst(t.className()),
                new IrExpr.StringConst(String.join(".", t.fields()))));
        String owner = "org/jstap/runtime/Cast";
        if (t.pretty() != Expr.Pretty.NONE) {
            args.add(new IrExpr.LongConst(t.pretty().ordinal()));
            return new IrExpr.CallRuntime(owner, "pretty", "(" + context + tail + "JLjava/lang/String;)Ljava/lang/String;",
                    true, args, IrType.STRING, near);
        }
        boolean string = irType(t.type()) == IrType.STRING;
        return new IrExpr.CallRuntime(owner, string ? "readString" : "readLong", "(" + context + tail
                + "Ljava/lang/String;)" + (string ? "Ljava/lang/String;" : "J"), true, args, irType(t.type()), near);
    }

    private Global global(Expr.Index i) {
        return globals.get(script.variableOf(i));
    }

    /** Keys of an access; a wildcard becomes null. */
    private List<IrExpr> keys(List<Expr> keys) {
        List<IrExpr> out = new ArrayList<>();
        for (Expr k : keys) {
            out.add(k instanceof Expr.Wildcard ? null : expr(k));
        }
        return out;
    }

    private Global statGlobal(Expr operand) {
        return globals.get(script.variableOf(operand));
    }

    private List<IrExpr> statKeys(Expr operand) {
        return operand instanceof Expr.Index i ? keys(i.keys()) : List.of();
    }

    /** How many loops enclose the statement being lowered; break and continue need one. */
    private int loopDepth;

    private IrStmt loopBody(Stmt body) {
        loopDepth++;
        try {
            return stmt(body);
        } finally {
            loopDepth--;
        }
    }

    private IrStmt outsideLoop(String keyword, Span at) {
        diagnostics.add(Diagnostic.semanticError("translate.outside-loop", "'" + keyword + "' outside of a loop",
                "keyword", at));
        return new IrStmt.Block(at, List.of());
    }

    private IrStmt foreach(Stmt.Foreach f) {
        if (f.histogram() != null) {
            Expr operand = f.histogram().operand();
            return new IrStmt.HistForeach(f.span(), statGlobal(operand), statKeys(operand),
                    local(script.variableOf(f.keys().get(0))),
                    f.value() == null ? null : local(script.variableOf(f.value())),
                    f.limit() == null ? null : expr(f.limit()), loopBody(f.body()));
        }
        Global map = globals.get(script.variableOf(f));
        List<Local> keys = f.keys().stream().map(k -> local(script.variableOf(k))).toList();
        Local value = f.value() == null ? null : local(script.variableOf(f.value()));
        org.jstap.runtime.map.StapMap.SortBy by = org.jstap.runtime.map.StapMap.SortBy.NONE;
        int column = 0;
        int direction = 0;
        for (int i = 0; i < f.keys().size(); i++) {
            Stmt.Sort s = f.keys().get(i).sort();
            if (s != Stmt.Sort.NONE) {
                by = org.jstap.runtime.map.StapMap.SortBy.KEY;
                column = i;
                direction = s == Stmt.Sort.ASC ? 1 : -1;
            }
        }
        if (f.arraySort() != Stmt.Sort.NONE) {
            direction = f.arraySort() == Stmt.Sort.ASC ? 1 : -1;
            by = f.sortAggregate() == null ? org.jstap.runtime.map.StapMap.SortBy.VALUE
                    : org.jstap.runtime.map.StapMap.SortBy.valueOf(f.sortAggregate().name());
        }
        List<IrExpr> slice = f.slice().isEmpty() ? null : keys(f.slice());
        return new IrStmt.Foreach(f.span(), map, keys, value, slice, by, column, direction,
                f.limit() == null ? null : expr(f.limit()), loopBody(f.body()));
    }

    private IrStmt delete(Stmt.Delete d) {
        return switch (d.target()) {
            case Expr.Index i -> new IrStmt.MapDelete(d.span(), global(i), keys(i.keys()));
            case Expr.Var v -> {
                Variable var = script.variableOf(v);
                Global g = globals.get(var);
                if (g != null && g.isArray()) {
                    yield new IrStmt.MapDelete(d.span(), g, List.of());
                }
                yield new IrStmt.ScalarDelete(d.span(), g, g == null ? local(var) : null);
            }
            default -> unsupportedStmt("delete of this expression", d.span());
        };
    }

    private IrExpr load(Variable v) {
        if (v.kind() == Variable.Kind.GLOBAL) {
            return new IrExpr.LoadGlobal(globals.get(v));
        }
        return new IrExpr.LoadLocal(local(v));
    }

    private IrExpr store(Expr target, IrExpr value) {
        if (target instanceof Expr.Index i) {
            return new IrExpr.MapSet(global(i), keys(i.keys()), value, i.at());
        }
        if (!(target instanceof Expr.Var v)) {
            return unsupported("assignment to this kind of target", target.at());
        }
        Variable var = script.variableOf(v);
        if (var.kind() == Variable.Kind.GLOBAL) {
            return new IrExpr.StoreGlobal(globals.get(var), value);
        }
        return new IrExpr.StoreLocal(local(var), value);
    }

    private IrExpr crement(Expr.Crement c) {
        if (c.target() instanceof Expr.Index i) {
            return new IrExpr.MapAdd(global(i), keys(i.keys()), new IrExpr.LongConst(c.increment() ? 1 : -1),
                    !c.prefix(), c.at());
        }
        if (!(c.target() instanceof Expr.Var v)) {
            return unsupported("increment of this kind of target", c.at());
        }
        IrExpr old = load(script.variableOf(v));
        IrExpr updated = store(v, new IrExpr.Arith(c.increment() ? ArithOp.ADD : ArithOp.SUB, old,
                new IrExpr.LongConst(1), c.at()));
        if (c.prefix()) {
            return updated;
        }
        // x++ yields the old value: (x = x + 1) - 1
        return new IrExpr.Arith(c.increment() ? ArithOp.SUB : ArithOp.ADD, updated, new IrExpr.LongConst(1), c.at());
    }

    private IrExpr binary(Expr.Binary b) {
        BinaryOp op = b.op();
        IrExpr l = expr(b.left());
        IrExpr r = expr(b.right());
        return switch (op) {
            case CONCAT -> new IrExpr.Concat(l, r);
            case AND -> new IrExpr.Logical(true, l, r);
            case OR -> new IrExpr.Logical(false, l, r);
            case LT -> new IrExpr.Compare(CompareOp.LT, l, r);
            case LE -> new IrExpr.Compare(CompareOp.LE, l, r);
            case GT -> new IrExpr.Compare(CompareOp.GT, l, r);
            case GE -> new IrExpr.Compare(CompareOp.GE, l, r);
            case EQ -> new IrExpr.Compare(CompareOp.EQ, l, r);
            case NE -> new IrExpr.Compare(CompareOp.NE, l, r);
            case MATCH, NOMATCH -> new IrExpr.RegexMatch(l, Literals.unescape(((Expr.StringLit) b.right()).raw()),
                    op == BinaryOp.NOMATCH);
            default -> new IrExpr.Arith(arith(op), l, r, b.at());
        };
    }

    private static ArithOp arith(BinaryOp op) {
        return switch (op) {
            case ADD -> ArithOp.ADD;
            case SUB -> ArithOp.SUB;
            case MUL -> ArithOp.MUL;
            case DIV -> ArithOp.DIV;
            case MOD -> ArithOp.MOD;
            case BITAND -> ArithOp.AND;
            case BITOR -> ArithOp.OR;
            case BITXOR -> ArithOp.XOR;
            case SHL -> ArithOp.SHL;
            case SHR -> ArithOp.SHR;
            case USHR -> ArithOp.USHR;
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    private IrExpr assign(Expr.Assign a) {
        AssignOp op = a.op();
        IrExpr value = expr(a.value());
        if (op == AssignOp.AGGREGATE) {
            return new IrExpr.StatAdd(statGlobal(a.target()), statKeys(a.target()), value, a.at());
        }
        if (a.target() instanceof Expr.Index i && (op == AssignOp.ADD || op == AssignOp.SUB)) {
            IrExpr delta = op == AssignOp.ADD ? value : new IrExpr.Negate(value);
            return new IrExpr.MapAdd(global(i), keys(i.keys()), delta, false, a.at());
        }
        if (op == AssignOp.ASSIGN) {
            return store(a.target(), value);
        }
        IrExpr old = expr(a.target());
        IrExpr combined = op == AssignOp.CONCAT ? new IrExpr.Concat(old, value)
                : new IrExpr.Arith(arith(op.binary), old, value, a.at());
        return store(a.target(), combined);
    }

    private IrExpr call(Expr.Call c) {
        Object target = script.target(c);
        List<IrExpr> args = c.args().stream().map(a -> script.typeOf(a) == Type.HISTOGRAM ? null : expr(a)).toList();
        return switch (target) {
            case Builtin b -> print(c, b, args);
            case ScriptFunction f -> new IrExpr.CallFunction(methodName(f),
                    f.params().stream().map(p -> irType(p.type())).toList(), irType(f.returns()), args);
            case RuntimeFunction r -> new IrExpr.CallRuntime(
                    org.objectweb.asm.Type.getInternalName(r.method().getDeclaringClass()), r.method().getName(),
                    org.objectweb.asm.Type.getMethodDescriptor(r.method()), r.takesContext(), args,
                    irType(r.returns()), r.takesNear() ? "identifier '" + c.name() + "' at " + c.span().location() : null);
            default -> throw new IllegalStateException("unresolved call survived elaboration: " + c.name());
        };
    }

    private IrExpr print(Expr.Call c, Builtin b, List<IrExpr> args) {
        List<IrExpr.Piece> pieces = new ArrayList<>();
        if (b.formatted) {
            Format format = Format.parse(Literals.unescape(((Expr.StringLit) c.args().get(0)).raw()));
            int k = 1;
            for (Object part : format.parts()) {
                if (part instanceof String text) {
                    pieces.add(new IrExpr.Piece.Text(text));
                } else {
                    FormatSpec spec = (FormatSpec) part;
                    IrExpr width = spec.width() == FormatSpec.STAR ? args.get(k++) : null;
                    IrExpr precision = spec.precision() == FormatSpec.STAR ? args.get(k++) : null;
                    pieces.add(new IrExpr.Piece.Formatted(spec, args.get(k++), width, precision));
                }
            }
        } else {
            int first = b.delimited ? 1 : 0;
            String delimiter = b.delimited ? Literals.unescape(((Expr.StringLit) c.args().get(0)).raw()) : "";
            for (int k = first; k < args.size(); k++) {
                if (k > first && !delimiter.isEmpty()) {
                    pieces.add(new IrExpr.Piece.Text(delimiter));
                }
                if (script.typeOf(c.args().get(k)) == Type.HISTOGRAM
                        && c.args().get(k) instanceof Expr.StatOp hist) {
                    pieces.add(new IrExpr.Piece.Histogram(statGlobal(hist.operand()), statKeys(hist.operand())));
                } else {
                    pieces.add(new IrExpr.Piece.Value(args.get(k)));
                }
            }
            if (b.newline) {
                pieces.add(new IrExpr.Piece.Text("\n"));
            }
        }
        return new IrExpr.Print(List.copyOf(pieces), b.toString);
    }

    private IrExpr constant(Expr e) {
        return switch (e) {
            case Expr.NumberLit n -> new IrExpr.LongConst(n.value());
            case Expr.StringLit s -> new IrExpr.StringConst(Literals.unescape(s.raw()));
            default -> throw new IllegalArgumentException("global initialiser must be a literal");
        };
    }

    private IrExpr unsupported(String what, Span at) {
        diagnostics.add(Diagnostic.semanticError("translate.unsupported", what + " not yet supported by the jstap"
                + " translator", null, at));
        return new IrExpr.LongConst(0);
    }

    private IrStmt unsupportedStmt(String what, Span at) {
        unsupported(what, at);
        return new IrStmt.Block(at, List.of());
    }
}
