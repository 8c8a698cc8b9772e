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

    /**
     * A probe body and the points it is registered on; {@code at} is where its declaration starts
     * and {@code derivations} says, per point, what it was derived from ({@code " from: syscall.read"}),
     * both for the module's probe table (-t's report).
     */
    public record Probe(String method, List<ResolvedPoint> points, IrStmt body, org.jstap.lang.ast.Span at,
                        List<String> derivations) {

        public Probe(String method, List<ResolvedPoint> points, IrStmt body) {
            this(method, points, body, org.jstap.lang.ast.Span.NONE, List.of());
        }
    }
}
