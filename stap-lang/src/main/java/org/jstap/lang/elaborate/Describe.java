package org.jstap.lang.elaborate;

import org.jstap.lang.ast.Expr;

/** The token stap names for an expression in messages: {@code identifier 'x'}, {@code operator '+'}. */
final class Describe {
    private Describe() {}

    static String of(Expr e) {
        return switch (e) {
            case Expr.NumberLit n -> "number '" + n.text() + "'";
            case Expr.StringLit s -> "string '" + s.raw() + "'";
            case Expr.Var v -> "identifier '" + v.name() + "'";
            case Expr.Index i -> "identifier '" + i.array() + "'";
            case Expr.Wildcard w -> "operator '*'";
            case Expr.Call c -> "identifier '" + c.name() + "'";
            case Expr.Unary u -> "operator '" + u.op().text + "'";
            case Expr.Crement c -> "operator '" + (c.increment() ? "++" : "--") + "'";
            case Expr.Binary b -> "operator '" + b.op().text + "'";
            case Expr.Ternary t -> "operator '?'";
            case Expr.Assign a -> "operator '" + a.op().text + "'";
            case Expr.In i -> "keyword 'in'";
            case Expr.StatOp s -> "operator '" + s.fn().text + "'";
            case Expr.HistBucket h -> "operator '" + h.histogram().fn().text + "'";
            case Expr.Defined d -> "operator '@defined'";
            case Expr.Entry en -> "operator '@entry'";
            case Expr.Target t -> "identifier '" + t.name() + "'";
            case Expr.Cast c -> "operator '@cast'";
            case Expr.AtVar v -> "operator '@var'";
            case Expr.AddressOf a -> "operator '&'";
            case Expr.Embedded em -> "embedded-code";
        };
    }
}
