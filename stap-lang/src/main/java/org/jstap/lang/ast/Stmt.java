package org.jstap.lang.ast;

import java.util.List;

/** Statements. */
public sealed interface Stmt {
    Span span();

    record Block(Span span, List<Stmt> body) implements Stmt {}

    /** {@code try { } catch (msg) { }}; {@code message} may be null. */
    record Try(Span span, Block body, String message, Block handler) implements Stmt {}

    record Null(Span span) implements Stmt {}

    record If(Span span, Expr cond, Stmt then, Stmt otherwise) implements Stmt {}

    record While(Span span, Expr cond, Stmt body) implements Stmt {}

    /** {@code for (init; cond; step)}; each part may be null. */
    record For(Span span, Expr init, Expr cond, Expr step, Stmt body) implements Stmt {}

    /**
     * {@code foreach ([k1, k2-] = ... in arr[slice]+ limit n)}: {@code value} and {@code limit} may be
     * null, {@code slice} empty. Iterating a histogram's buckets, {@code histogram} is set and
     * {@code array} null. {@code sortAggregate} names the statistic a stats array is sorted by
     * ({@code foreach (k in s @sum+)}), or is null.
     */
    record Foreach(Span span, ForeachVar value, List<ForeachVar> keys, boolean bracketed, String array,
                   Expr.StatOp histogram, Span arraySpan, List<Expr> slice, Sort arraySort, StatFn sortAggregate,
                   Expr limit, Stmt body) implements Stmt {}

    record Break(Span span) implements Stmt {}

    record Continue(Span span) implements Stmt {}

    record Next(Span span) implements Stmt {}

    /** {@code value} may be null. */
    record Return(Span span, Expr value) implements Stmt {}

    record Delete(Span span, Expr target) implements Stmt {}

    record ExprStmt(Span span, Expr expr) implements Stmt {}

    record ForeachVar(Span span, String name, Sort sort) {}

    /** Sort markers: {@code +} ascending, {@code -} descending. */
    enum Sort {
        NONE(""), ASC("+"), DESC("-");

        public final String text;

        Sort(String text) {
            this.text = text;
        }
    }
}
