package org.jstap.lang.ir;

import java.util.List;
import org.jstap.lang.elaborate.ResolvedPoint;

/** Everything the code generator needs, and nothing of the AST. */
public record IrProgram(String moduleName, String sourceName, List<Global> globals, List<Function> functions,
                        List<Probe> probes) {

    /** A script function: {@code method} is unique per name and arity. */
    /** {@code name} and {@code at} are the script's, for MAXNESTING messages. */
    public record Function(String method, String name, org.jstap.lang.ast.Span at, List<Local> params, IrType returns,
                           IrStmt body) {}

    /** A probe body and the points it is registered on. */
    public record Probe(String method, List<ResolvedPoint> points, IrStmt body) {}
}
