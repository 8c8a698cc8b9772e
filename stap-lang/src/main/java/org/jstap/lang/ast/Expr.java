package org.jstap.lang.ast;

import java.util.List;

/** Expressions. Every pass switches over these exhaustively. */
public sealed interface Expr {
    /** From the first to the last token of the expression. */
    Span span();

    /** The token stap names in messages about this node: the operator of an operation, else the first. */
    default Span at() {
        return switch (this) {
            case Crement c -> c.opSpan();
            case Binary b -> b.opSpan();
            case Ternary t -> t.opSpan();
            case Assign a -> a.opSpan();
            case In i -> i.opSpan();
            default -> span();
        };
    }

    /** Integer literal, already wrapped to 64 bits; {@code text} keeps how it was written. */
    record NumberLit(Span span, long value, String text) implements Expr {}

    /** String literal with adjacent literals joined; {@code raw} keeps escapes as written. */
    record StringLit(Span span, String raw) implements Expr {}

    /** A scalar local or global, by name. */
    record Var(Span span, String name) implements Expr {}

    /** {@code name[i, j]}; an index may be {@link Wildcard} in slices. */
    record Index(Span span, String array, List<Expr> keys) implements Expr {}

    /** {@code *} standing for any key in a slice. */
    record Wildcard(Span span) implements Expr {}

    /** A call of a script or tapset function, or a built-in like printf. */
    record Call(Span span, String name, List<Expr> args) implements Expr {}

    record Unary(Span span, UnaryOp op, Expr operand) implements Expr {}

    /** {@code ++x}, {@code x--}. */
    record Crement(Span span, Span opSpan, boolean prefix, boolean increment, Expr target) implements Expr {}

    record Binary(Span span, Span opSpan, BinaryOp op, Expr left, Expr right) implements Expr {}

    record Ternary(Span span, Span opSpan, Expr cond, Expr then, Expr otherwise) implements Expr {}

    record Assign(Span span, Span opSpan, AssignOp op, Expr target, Expr value) implements Expr {}

    /** {@code k in a}, {@code [k1, k2] in a}. */
    record In(Span span, Span opSpan, List<Expr> keys, String array, Span arraySpan) implements Expr {}

    /** {@code @count(x)} ... {@code @variance(x, shift)}, {@code @hist_log(x)}, {@code @hist_linear(x, lo, hi, step)}. */
    record StatOp(Span span, StatFn fn, Expr operand, List<Expr> params) implements Expr {}

    /** {@code @hist_log(x)[bucket]}: one bucket's count. */
    record HistBucket(Span span, StatOp histogram, Expr bucket) implements Expr {}

    /** {@code @defined(expr)}. */
    record Defined(Span span, Expr operand) implements Expr {}

    /** {@code @entry(expr)} in a return probe. */
    record Entry(Span span, Expr operand) implements Expr {}

    /** {@code $name->f[i]$}, {@code $$parms}; {@code name} keeps its dollars. */
    record Target(Span span, String name, List<Accessor> accessors, Pretty pretty) implements Expr {}

    /** {@code @cast(addr, "type"[, "module"])->f}. */
    record Cast(Span span, Expr address, String type, String module, List<Accessor> accessors, Pretty pretty)
            implements Expr {}

    /** {@code @var("name[@file]"[, "module"])->f}. */
    record AtVar(Span span, String name, String module, List<Accessor> accessors, Pretty pretty) implements Expr {}

    /** {@code &$x->f}. */
    record AddressOf(Span span, Expr operand) implements Expr {}

    /** {@code %{ C %}} in an expression (guru mode only). */
    record Embedded(Span span, String code) implements Expr {}

    /** One step of a target expression: {@code ->field} or {@code [index]}. */
    sealed interface Accessor {
        Span span();

        record Field(Span span, String name) implements Accessor {}

        record Subscript(Span span, Expr index) implements Accessor {}
    }

    /** The {@code $} and {@code $$} pretty-print suffixes. */
    enum Pretty {
        NONE(""), SHALLOW("$"), DEEP("$$");

        public final String text;

        Pretty(String text) {
            this.text = text;
        }
    }
}
