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

    /** {@code value} null for functions without a value. */
    record Return(Span at, IrExpr value) implements IrStmt {}
}
