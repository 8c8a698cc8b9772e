package org.jstap.lang.elaborate;

import org.jstap.lang.ast.AssignOp;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.Stmt;

/** Visits every statement and expression of a body, telling which expressions are assigned to. */
final class Walk {
    private Walk() {}

    /** Callbacks; each has a default that does nothing. */
    interface Visitor {
        default void expr(Expr e, boolean assigned) {
        }

        default void statement(Stmt s) {
        }

        /** A name a statement binds as a local (foreach variables, catch variables). */
        default void local(String name) {
        }
    }

    static void stmt(Stmt s, Visitor v) {
        v.statement(s);
        switch (s) {
            case Stmt.Block b -> b.body().forEach(x -> stmt(x, v));
            case Stmt.Try t -> {
                stmt(t.body(), v);
                if (t.message() != null) {
                    v.local(t.message());
                }
                stmt(t.handler(), v);
            }
            case Stmt.Null n -> { }
            case Stmt.If i -> {
                expr(i.cond(), false, v);
                stmt(i.then(), v);
                if (i.otherwise() != null) {
                    stmt(i.otherwise(), v);
                }
            }
            case Stmt.While w -> {
                expr(w.cond(), false, v);
                stmt(w.body(), v);
            }
            case Stmt.For f -> {
                optional(f.init(), v);
                optional(f.cond(), v);
                optional(f.step(), v);
                stmt(f.body(), v);
            }
            case Stmt.Foreach f -> {
                f.keys().forEach(k -> v.local(k.name()));
                if (f.value() != null) {
                    v.local(f.value().name());
                }
                if (f.histogram() != null) {
                    expr(f.histogram(), false, v);
                }
                f.slice().forEach(x -> expr(x, false, v));
                optional(f.limit(), v);
                stmt(f.body(), v);
            }
            case Stmt.Break b -> { }
            case Stmt.Continue c -> { }
            case Stmt.Next n -> { }
            case Stmt.Return r -> optional(r.value(), v);
            case Stmt.Delete d -> expr(d.target(), false, v);
            case Stmt.ExprStmt e -> expr(e.expr(), false, v);
        }
    }

    private static void optional(Expr e, Visitor v) {
        if (e != null) {
            expr(e, false, v);
        }
    }

    static void expr(Expr e, boolean assigned, Visitor v) {
        v.expr(e, assigned);
        switch (e) {
            case Expr.Assign a -> {
                // a plain = or <<< only writes its target; compound forms read it too
                boolean onlyWritten = a.op() == AssignOp.ASSIGN || a.op() == AssignOp.AGGREGATE;
                expr(a.target(), onlyWritten, v);
                expr(a.value(), false, v);
            }
            case Expr.Crement c -> expr(c.target(), false, v);
            case Expr.Index i -> i.keys().forEach(k -> expr(k, false, v));
            case Expr.In i -> i.keys().forEach(k -> expr(k, false, v));
            case Expr.Call c -> c.args().forEach(a -> expr(a, false, v));
            case Expr.Unary u -> expr(u.operand(), false, v);
            case Expr.Binary b -> {
                expr(b.left(), false, v);
                expr(b.right(), false, v);
            }
            case Expr.Ternary t -> {
                expr(t.cond(), false, v);
                expr(t.then(), false, v);
                expr(t.otherwise(), false, v);
            }
            case Expr.StatOp s -> {
                expr(s.operand(), false, v);
                s.params().forEach(p -> expr(p, false, v));
            }
            case Expr.HistBucket h -> {
                expr(h.histogram(), false, v);
                expr(h.bucket(), false, v);
            }
            case Expr.Defined d -> expr(d.operand(), false, v);
            case Expr.Entry en -> expr(en.operand(), false, v);
            case Expr.Cast c -> expr(c.address(), false, v);
            case Expr.AddressOf a -> expr(a.operand(), false, v);
            case Expr.Target t -> t.accessors().forEach(x -> {
                if (x instanceof Expr.Accessor.Subscript s) {
                    expr(s.index(), false, v);
                }
            });
            case Expr.NumberLit n -> { }
            case Expr.StringLit s -> { }
            case Expr.Var x -> { }
            case Expr.Wildcard w -> { }
            case Expr.AtVar x -> { }
            case Expr.Embedded em -> { }
        }
    }
}
