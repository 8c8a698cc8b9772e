package org.jstap.lang.parse;

import java.util.HashSet;
import java.util.Set;
import org.jstap.lang.ast.BinaryOp;
import org.jstap.lang.ast.Decl;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.Script;
import org.jstap.lang.ast.Span;
import org.jstap.lang.ast.Stmt;
import org.jstap.lang.diag.Diagnostic;
import org.jstap.lang.diag.Diagnostics;
import org.jstap.runtime.format.Format;

/**
 * The rules stap's parser enforces beyond the grammar, reported as parse errors in its words:
 * {@code return} only in functions, literal printf formats that parse, literal regular
 * expressions, one declaration per global.
 */
final class ParseChecks {
    private final Diagnostics diagnostics;
    private boolean inFunction;

    private ParseChecks(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    static void check(Script script, Diagnostics diagnostics) {
        ParseChecks c = new ParseChecks(diagnostics);
        Set<String> globals = new HashSet<>();
        for (Decl d : script.decls()) {
            switch (d) {
                case Decl.Global g -> {
                    if (!globals.add(g.name())) {
                        diagnostics.add(Diagnostic.parseError("parse.duplicate-global", "duplicate global name",
                                "identifier '" + g.name() + "'", g.span()));
                    }
                }
                case Decl.Function f -> {
                    c.inFunction = true;
                    if (f.body() != null) {
                        c.stmt(f.body());
                    }
                }
                case Decl.Probe p -> {
                    c.inFunction = false;
                    p.points().forEach(pp -> c.optional(pp.condition()));
                    c.stmt(p.body());
                }
                case Decl.ProbeAlias a -> {
                    c.inFunction = false;
                    c.stmt(a.body());
                }
                case Decl.Embedded e -> { }
            }
        }
    }

    private void stmt(Stmt s) {
        switch (s) {
            case Stmt.Block b -> b.body().forEach(this::stmt);
            case Stmt.Try t -> {
                stmt(t.body());
                stmt(t.handler());
            }
            case Stmt.Null n -> { }
            case Stmt.If i -> {
                expr(i.cond());
                stmt(i.then());
                if (i.otherwise() != null) {
                    stmt(i.otherwise());
                }
            }
            case Stmt.While w -> {
                expr(w.cond());
                stmt(w.body());
            }
            case Stmt.For f -> {
                optional(f.init());
                optional(f.cond());
                optional(f.step());
                stmt(f.body());
            }
            case Stmt.Foreach f -> {
                f.slice().forEach(this::expr);
                optional(f.limit());
                if (f.histogram() != null) {
                    expr(f.histogram());
                }
                stmt(f.body());
            }
            case Stmt.Break b -> { }
            case Stmt.Continue c -> { }
            case Stmt.Next n -> { }
            case Stmt.Return r -> {
                if (!inFunction) {
                    diagnostics.add(Diagnostic.parseError("parse.return", "found 'return' not in function context",
                            "keyword", r.span()));
                }
                optional(r.value());
            }
            case Stmt.Delete d -> expr(d.target());
            case Stmt.ExprStmt e -> expr(e.expr());
        }
    }

    private void optional(Expr e) {
        if (e != null) {
            expr(e);
        }
    }

    private void expr(Expr e) {
        switch (e) {
            case Expr.Call c -> {
                if (isFormatted(c.name()) && !c.args().isEmpty()) {
                    format(c);
                }
                c.args().forEach(this::expr);
            }
            case Expr.Binary b -> {
                expr(b.left());
                if (b.op() == BinaryOp.MATCH || b.op() == BinaryOp.NOMATCH) {
                    if (!(b.right() instanceof Expr.StringLit)) {
                        diagnostics.add(Diagnostic.parseError("parse.regex", "expected literal string",
                                subject(b.right()), b.right().span()));
                    }
                } else {
                    expr(b.right());
                }
            }
            case Expr.Unary u -> expr(u.operand());
            case Expr.Crement c -> expr(c.target());
            case Expr.Ternary t -> {
                expr(t.cond());
                expr(t.then());
                expr(t.otherwise());
            }
            case Expr.Assign a -> {
                expr(a.target());
                expr(a.value());
            }
            case Expr.Index i -> i.keys().forEach(this::expr);
            case Expr.In i -> i.keys().forEach(this::expr);
            case Expr.StatOp s -> {
                expr(s.operand());
                s.params().forEach(this::expr);
            }
            case Expr.HistBucket h -> {
                expr(h.histogram());
                expr(h.bucket());
            }
            case Expr.Defined d -> expr(d.operand());
            case Expr.Entry en -> expr(en.operand());
            case Expr.Cast c -> expr(c.address());
            case Expr.AddressOf a -> expr(a.operand());
            case Expr.NumberLit n -> { }
            case Expr.StringLit s -> { }
            case Expr.Var v -> { }
            case Expr.Wildcard w -> { }
            case Expr.Target t -> { }
            case Expr.AtVar v -> { }
            case Expr.Embedded em -> { }
        }
    }

    private static boolean isFormatted(String name) {
        return name.equals("printf") || name.equals("sprintf");
    }

    private void format(Expr.Call c) {
        Expr first = c.args().get(0);
        if (!(first instanceof Expr.StringLit s)) {
            diagnostics.add(Diagnostic.parseError("parse.format-literal", "expected literal string", subject(first),
                    first.span()));
            return;
        }
        try {
            Format.parse(Literals.unescape(s.raw()));
        } catch (Format.FormatError e) {
            // stap notices once it has read the format, at the token after it
            Span after = tokenAfter(s.span());
            diagnostics.add(Diagnostic.parseError("parse.format", e.getMessage(),
                    "operator '" + after.file().text().charAt(after.start()) + "'", after));
        }
    }

    private static Span tokenAfter(Span span) {
        String text = span.file().text();
        int i = span.end();
        while (i < text.length() - 1 && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return new Span(span.file(), Math.min(i, text.length() - 1), Math.min(i + 1, text.length()));
    }

    /** How stap names the first token of an expression. */
    private static String subject(Expr e) {
        return switch (e) {
            case Expr.Var v -> "identifier '" + v.name() + "'";
            case Expr.Index i -> "identifier '" + i.array() + "'";
            case Expr.Call c -> "identifier '" + c.name() + "'";
            case Expr.NumberLit n -> "number '" + n.text() + "'";
            case Expr.Target t -> "identifier '" + t.name() + "'";
            default -> "operator '" + e.span().file().text().charAt(e.span().start()) + "'";
        };
    }
}
