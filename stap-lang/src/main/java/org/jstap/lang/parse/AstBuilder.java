package org.jstap.lang.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.jstap.lang.ast.AssignOp;
import org.jstap.lang.ast.BinaryOp;
import org.jstap.lang.ast.Decl;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.ProbePoint;
import org.jstap.lang.ast.Span;
import org.jstap.lang.ast.StatFn;
import org.jstap.lang.ast.Stmt;
import org.jstap.lang.ast.TypeName;
import org.jstap.lang.ast.UnaryOp;
import org.jstap.lang.diag.Diagnostic;
import org.jstap.lang.diag.Diagnostics;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.parse.StapParser.*;

/**
 * Turns ANTLR parse-tree contexts into AST nodes with spans. Only syntax lives here: literal
 * spelling, joining adjacent strings, brace expansion of probe points.
 */
final class AstBuilder extends StapBaseVisitor<Object> {
    private final SourceFile file;
    private final Diagnostics diagnostics;

    AstBuilder(SourceFile file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    // ---------------------------------------------------------------- declarations

    List<Decl> declaration(DeclarationContext ctx) {
        return switch (ctx) {
            case ProbeDeclContext p -> List.of(new Decl.Probe(span(p), points(p.points), block(p.body)));
            case AliasDeclContext a -> List.of(new Decl.ProbeAlias(span(a), points(a.names),
                    a.op.getType() == StapLexer.ADD_ASSIGN, points(a.points), block(a.body)));
            case GlobalDeclContext g -> g.vars.stream().map(v -> global(v, g.priv != null)).toList();
            case FunctionDeclContext f -> List.of(new Decl.Function(span(f), f.name.getText(), f.priv != null,
                    type(f.rtype), f.params.stream().map(this::param).toList(),
                    f.body == null ? null : block(f.body), f.code == null ? null : embedded(f.code)));
            case EmbeddedDeclContext e -> List.of(new Decl.Embedded(span(e), embedded(e.code)));
            default -> throw new IllegalStateException(ctx.getClass().getName());
        };
    }

    private Decl global(GlobalVarContext v, boolean isPrivate) {
        long size = v.size == null ? 0 : number(v.size);
        Expr init = v.init == null ? null : switch (v.init) {
            case NumberInitContext n -> signedNumber(n, n.sign, n.num);
            case StringInitContext s -> string(s, s.strings);
            default -> throw new IllegalStateException();
        };
        return new Decl.Global(span(v), v.name.getText(), isPrivate, size, v.wrap != null || v.wrapAfter != null,
                init);
    }

    private Decl.Param param(ParamContext p) {
        return new Decl.Param(span(p), p.name.getText(), type(p.type));
    }

    private static TypeName type(TypeNameContext t) {
        if (t == null) {
            return null;
        }
        return t.LONG() != null ? TypeName.LONG : TypeName.STRING;
    }

    private static String embedded(Token code) {
        String text = code.getText();
        return text.substring(2, text.length() - 2);
    }

    // ---------------------------------------------------------------- probe points

    private List<ProbePoint> points(List<ProbePointContext> contexts) {
        List<ProbePoint> out = new ArrayList<>();
        for (ProbePointContext p : contexts) {
            boolean optional = false;
            boolean sufficient = false;
            for (Token s : p.suffix) {
                if (s.getType() == StapLexer.NOT) {
                    sufficient = true;
                }
                optional = true;
            }
            Expr cond = p.cond == null ? null : expr(p.cond);
            for (List<ProbePoint.Component> components : expand(p.components)) {
                out.add(new ProbePoint(span(p), components, optional, sufficient, cond));
            }
        }
        return out;
    }

    /** Brace expansion: {@code a.{b,c.d}.e} gives {@code a.b.e} and {@code a.c.d.e}. */
    private List<List<ProbePoint.Component>> expand(List<PointComponentContext> components) {
        List<List<ProbePoint.Component>> results = new ArrayList<>();
        results.add(new ArrayList<>());
        for (PointComponentContext c : components) {
            List<List<ProbePoint.Component>> tails = switch (c) {
                case NamedComponentContext n -> List.of(List.of(component(n)));
                case BraceComponentContext b -> {
                    List<List<ProbePoint.Component>> alts = new ArrayList<>();
                    for (PointAlternativeContext alt : b.alts) {
                        alts.addAll(expand(alt.components));
                    }
                    yield alts;
                }
                default -> throw new IllegalStateException();
            };
            List<List<ProbePoint.Component>> next = new ArrayList<>();
            for (List<ProbePoint.Component> head : results) {
                for (List<ProbePoint.Component> tail : tails) {
                    List<ProbePoint.Component> joined = new ArrayList<>(head);
                    joined.addAll(tail);
                    next.add(joined);
                }
            }
            results = next;
        }
        return results;
    }

    private ProbePoint.Component component(NamedComponentContext n) {
        StringBuilder name = new StringBuilder();
        for (PointPieceContext piece : n.pieces) {
            name.append(piece.getText());
        }
        Expr arg = n.arg == null ? null : switch (n.arg) {
            case NumberArgContext num -> signedNumber(num, num.sign, num.num);
            case StringArgContext s -> string(s, s.strings);
            default -> throw new IllegalStateException();
        };
        return new ProbePoint.Component(span(n), name.toString(), arg);
    }

    // ---------------------------------------------------------------- statements

    Stmt.Block block(BlockContext b) {
        return new Stmt.Block(span(b), b.statement().stream().map(this::stmt).toList());
    }

    Stmt stmt(StatementContext ctx) {
        return switch (ctx) {
            case BlockStmtContext b -> block(b.block());
            case TryStmtContext t -> new Stmt.Try(span(t), block(t.body), t.msg == null ? null : t.msg.getText(),
                    block(t.handler));
            case NullStmtContext n -> new Stmt.Null(span(n));
            case IfStmtContext i -> new Stmt.If(span(i), expr(i.cond), stmt(i.then),
                    i.otherwise == null ? null : stmt(i.otherwise));
            case WhileStmtContext w -> new Stmt.While(span(w), expr(w.cond), stmt(w.body));
            case ForStmtContext f -> new Stmt.For(span(f), optional(f.init), optional(f.cond), optional(f.step),
                    stmt(f.body));
            case ForeachStmtContext f -> foreach(f);
            case BreakStmtContext b -> new Stmt.Break(span(b));
            case ContinueStmtContext c -> new Stmt.Continue(span(c));
            case NextStmtContext n -> new Stmt.Next(span(n));
            case ReturnStmtContext r -> new Stmt.Return(span(r), optional(r.value));
            case DeleteStmtContext d -> new Stmt.Delete(span(d), expr(d.target));
            case ExprStmtContext e -> new Stmt.ExprStmt(span(e), expr(e.value));
            default -> throw new IllegalStateException(ctx.getClass().getName());
        };
    }

    private Stmt foreach(ForeachStmtContext f) {
        ForeachHeadContext h = f.head;
        List<Stmt.ForeachVar> keys = switch (h.keys) {
            case SingleKeyContext s -> List.of(foreachVar(s.single));
            case MultiKeyContext m -> m.vars.stream().map(this::foreachVar).toList();
            default -> throw new IllegalStateException();
        };
        Expr.StatOp histogram = null;
        if (h.histogram != null) {
            Expr e = at(h.histogram, List.of(), null, span(h.histogram));
            if (e instanceof Expr.StatOp s && s.fn().isHistogram()) {
                histogram = s;
            } else {
                diagnostics.add(Diagnostic.parseError("parse.foreach-histogram", "expected histogram",
                        Tokens.describe(h.histogram.op), span(h.histogram.op)));
            }
        }
        return new Stmt.Foreach(span(f), h.value == null ? null : foreachVar(h.value), keys,
                h.keys instanceof MultiKeyContext, h.array == null ? null : h.array.getText(), histogram,
                h.array == null ? span(h.histogram) : span(h.array),
                h.slice.stream().map(this::index).toList(), arraySort(h), aggregate(h), optional(h.limit),
                stmt(f.body));
    }

    /** A sort marker on the value variable sorts by value, as one on the array does. */
    private static Stmt.Sort arraySort(ForeachHeadContext h) {
        Stmt.Sort onArray = sort(h.sort);
        if (onArray == Stmt.Sort.NONE && h.value != null) {
            return sort(h.value.sort);
        }
        return onArray;
    }

    private StatFn aggregate(ForeachHeadContext h) {
        if (h.aggregate == null) {
            return null;
        }
        StatFn fn = StatFn.of(h.aggregate.getText());
        if (fn == null || fn.isHistogram()) {
            diagnostics.add(Diagnostic.parseError("parse.foreach-aggregate", "expected statistical operation",
                    "operator '" + h.aggregate.getText() + "'", span(h.aggregate)));
        }
        return fn;
    }

    private Stmt.ForeachVar foreachVar(ForeachVarContext v) {
        return new Stmt.ForeachVar(span(v), v.name.getText(), v == null ? Stmt.Sort.NONE : sort(v.sort));
    }

    private static Stmt.Sort sort(Token t) {
        if (t == null) {
            return Stmt.Sort.NONE;
        }
        return t.getType() == StapLexer.ADD ? Stmt.Sort.ASC : Stmt.Sort.DESC;
    }

    // ---------------------------------------------------------------- expressions

    private Expr optional(ExprContext e) {
        return e == null ? null : expr(e);
    }

    Expr expr(ExprContext ctx) {
        return switch (ctx) {
            case PrimaryExprContext p -> primary(p.primary());
            case PostfixExprContext p -> new Expr.Crement(span(p), span(p.op), false, p.op.getType() == StapLexer.INC,
                    primary(p.operand));
            case PrefixExprContext p -> new Expr.Crement(span(p), span(p.op), true, p.op.getType() == StapLexer.INC,
                    primary(p.operand));
            case UnaryExprContext u -> new Expr.Unary(span(u), unaryOp(u.op), expr(u.operand));
            case BinaryExprContext b -> new Expr.Binary(span(b), span(b.op), BinaryOp.of(b.op.getText()), expr(b.left),
                    expr(b.right));
            case InExprContext i -> new Expr.In(span(i), span(i.IN().getSymbol()), List.of(expr(i.key)), i.array.getText(), span(i.array));
            case TernaryExprContext t -> new Expr.Ternary(span(t), span(t.QUESTION().getSymbol()), expr(t.cond), expr(t.then), expr(t.otherwise));
            case AssignExprContext a -> new Expr.Assign(span(a), span(a.op), AssignOp.of(a.op.getText()), expr(a.target),
                    expr(a.value));
            default -> throw new IllegalStateException(ctx.getClass().getName());
        };
    }

    private static UnaryOp unaryOp(Token op) {
        return switch (op.getType()) {
            case StapLexer.ADD -> UnaryOp.PLUS;
            case StapLexer.SUB -> UnaryOp.NEG;
            case StapLexer.NOT -> UnaryOp.NOT;
            default -> UnaryOp.BITNOT;
        };
    }

    private Expr primary(PrimaryContext ctx) {
        return switch (ctx) {
            case NumberLitContext n -> new Expr.NumberLit(span(n), number(n.num), n.num.getText());
            case StringLitContext s -> string(s, s.strings);
            case ParenExprContext p -> expr(p.inner);
            case MultiInExprContext m -> new Expr.In(span(m), span(m.IN().getSymbol()), m.keys.stream().map(this::index).toList(),
                    m.array.getText(), span(m.array));
            case CallExprContext c -> new Expr.Call(span(c), c.name.getText(), c.args.stream().map(this::expr).toList());
            case IndexExprContext i -> new Expr.Index(span(i), i.name.getText(), i.keys.stream().map(this::index).toList());
            case VarExprContext v -> new Expr.Var(span(v), v.name.getText());
            case AtExprContext a -> at(a.call, a.accessors, a.pretty, span(a));
            case TargetExprContext t -> new Expr.Target(span(t), t.name.getText(), accessors(t.accessors),
                    pretty(t.pretty));
            case AddressOfExprContext a -> new Expr.AddressOf(span(a), primary(a.operand));
            case EmbeddedExprContext e -> new Expr.Embedded(span(e), embedded(e.code));
            default -> throw new IllegalStateException(ctx.getClass().getName());
        };
    }

    private Expr index(IndexElemContext ctx) {
        return switch (ctx) {
            case WildcardIndexContext w -> new Expr.Wildcard(span(w));
            case ExprIndexContext e -> expr(e.expr());
            default -> throw new IllegalStateException();
        };
    }

    /** {@code @name(args)}: statistics, @defined, @entry, @cast, @var. */
    private Expr at(AtCallContext a, List<AccessorContext> accessorList, Token prettyToken, Span span) {
        String name = a.op.getText();
        List<Expr> args = a.args.stream().map(this::expr).toList();
        StatFn stat = StatFn.of(name);
        boolean plain = accessorList.isEmpty() && prettyToken == null;
        if (stat != null && plain && !args.isEmpty()) {
            return new Expr.StatOp(span, stat, args.get(0), args.subList(1, args.size()));
        }
        if (stat != null && stat.isHistogram() && !args.isEmpty() && prettyToken == null && accessorList.size() == 1
                && accessorList.get(0) instanceof IndexAccessorContext bucket) {
            Expr.StatOp hist = new Expr.StatOp(span(a), stat, args.get(0), args.subList(1, args.size()));
            return new Expr.HistBucket(span, hist, expr(bucket.index));
        }
        if (name.equals("@defined") && plain && args.size() == 1) {
            return new Expr.Defined(span, args.get(0));
        }
        if (name.equals("@entry") && plain && args.size() == 1) {
            return new Expr.Entry(span, args.get(0));
        }
        if (name.equals("@cast") && (args.size() == 2 || args.size() == 3)
                && args.get(1) instanceof Expr.StringLit type
                && (args.size() == 2 || args.get(2) instanceof Expr.StringLit)) {
            String module = args.size() == 3 ? ((Expr.StringLit) args.get(2)).raw() : null;
            return new Expr.Cast(span, args.get(0), type.raw(), module, accessors(accessorList), pretty(prettyToken));
        }
        if (name.equals("@var") && (args.size() == 1 || args.size() == 2) && args.get(0) instanceof Expr.StringLit v
                && (args.size() == 1 || args.get(1) instanceof Expr.StringLit)) {
            String module = args.size() == 2 ? ((Expr.StringLit) args.get(1)).raw() : null;
            return new Expr.AtVar(span, v.raw(), module, accessors(accessorList), pretty(prettyToken));
        }
        diagnostics.add(Diagnostic.parseError("parse.at-operator", "unknown operator " + name,
                "operator '" + name + "'", span(a.op)));
        return new Expr.NumberLit(span, 0, "0");
    }

    private List<Expr.Accessor> accessors(List<AccessorContext> list) {
        return list.stream().map(a -> switch (a) {
            case FieldAccessorContext f -> (Expr.Accessor) new Expr.Accessor.Field(span(f), f.field.getText());
            case IndexAccessorContext i -> new Expr.Accessor.Subscript(span(i), expr(i.index));
            default -> throw new IllegalStateException();
        }).toList();
    }

    private static Expr.Pretty pretty(Token t) {
        if (t == null) {
            return Expr.Pretty.NONE;
        }
        return t.getText().equals("$$") ? Expr.Pretty.DEEP : Expr.Pretty.SHALLOW;
    }

    // ---------------------------------------------------------------- literals

    private Expr signedNumber(ParserRuleContext ctx, Token sign, Token num) {
        long value = number(num);
        String text = num.getText();
        return sign == null ? new Expr.NumberLit(span(ctx), value, text)
                : new Expr.NumberLit(span(ctx), -value, "-" + text);
    }

    private Expr string(ParserRuleContext ctx, List<Token> parts) {
        StringBuilder raw = new StringBuilder();
        for (Token t : parts) {
            raw.append(Literals.normalizeEscapes(Literals.stringContent(t.getText())));
        }
        return new Expr.StringLit(span(ctx), raw.toString());
    }

    private long number(Token t) {
        try {
            return Literals.parseNumber(t.getText());
        } catch (NumberFormatException e) {
            diagnostics.add(Diagnostic.parseError("parse.number", "number invalid or out of range",
                    Tokens.describe(t), span(t)));
            return 0;
        }
    }

    // ---------------------------------------------------------------- spans

    private Span span(ParserRuleContext ctx) {
        int start = ctx.getStart().getStartIndex();
        Token stop = ctx.getStop() == null ? ctx.getStart() : ctx.getStop();
        return new Span(file, start, Math.max(start, stop.getStopIndex() + 1));
    }

    private Span span(Token t) {
        return Tokens.span(file, t);
    }
}
