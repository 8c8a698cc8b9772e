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
     * both for the module's probe table (-t's report). A return probe that reads {@code @entry(...)}
     * names the synthesised probe that saves those values ({@code entryMethod}, {@code entryValues}
     * of them); that probe names the return probe it serves ({@code entryOf}) and is registered
     * only as the kretprobe's entry handler, so each call's values stay with that call.
     */
    public record Probe(String method, List<ResolvedPoint> points, IrStmt body, org.jstap.lang.ast.Span at,
                        List<String> derivations, String entryMethod, int entryValues, String entryOf) {

        public Probe(String method, List<ResolvedPoint> points, IrStmt body) {
            this(method, points, body, org.jstap.lang.ast.Span.NONE, List.of(), null, 0, null);
        }

        public Probe(String method, List<ResolvedPoint> points, IrStmt body, org.jstap.lang.ast.Span at,
                     List<String> derivations) {
            this(method, points, body, at, derivations, null, 0, null);
        }
    }
}
