package org.jstap.lang.ir;

import java.util.List;
import org.jstap.lang.ast.Span;

/** Typed IR statements; each carries the script line it came from for the class's line table. */
public sealed interface IrStmt {
    Span at();

    record Block(Span at, List<IrStmt> body) implements IrStmt {}

    /** Evaluates and discards. */
    record Eval(Span at, IrExpr expr) implements IrStmt {}

    record If(Span at, IrExpr cond, IrStmt then, IrStmt otherwise) implements IrStmt {}

    /** while and for: {@code step} runs after the body and on continue; may be null. */
    record Loop(Span at, IrExpr cond, IrStmt body, IrExpr step) implements IrStmt {}

    record Break(Span at) implements IrStmt {}

    record Continue(Span at) implements IrStmt {}

    /** Leaves the probe handler (stap's next). */
    record Next(Span at) implements IrStmt {}

    /** {@code delete a[k]} (a null key is a {@code *}), or the whole array when {@code keys} is empty. */
    record MapDelete(Span at, Global map, List<IrExpr> keys) implements IrStmt {}

    /** {@code delete x} of a scalar or statistic: back to 0, "" or empty. */
    record ScalarDelete(Span at, Global global, Local local) implements IrStmt {}

    /**
     * {@code foreach}: a sorted snapshot of the array's elements bound to key locals and a value
     * local (either may be null); {@code slice} holds null for {@code *}.
     */
    record Foreach(Span at, Global map, List<Local> keys, Local value, List<IrExpr> slice,
                   org.jstap.runtime.map.StapMap.SortBy sortBy, int sortColumn, int direction, IrExpr limit,
                   IrStmt body) implements IrStmt {}

    /** {@code foreach ([b] in @hist_log(x))}: every bucket index in order, the value its count. */
    record HistForeach(Span at, Global target, List<IrExpr> statKeys, Local key, Local value, IrExpr limit,
                       IrStmt body) implements IrStmt {}

    /** {@code try { } catch (msg) { }}: run-time errors in body go to the handler. */
    record Try(Span at, IrStmt body, Local message, IrStmt handler) implements IrStmt {}

    /** {@code value} null for functions without a value. */
    record Return(Span at, IrExpr value) implements IrStmt {}
}
