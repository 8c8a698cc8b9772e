package org.jstap.lang.elaborate;

import java.util.ArrayList;
import java.util.List;
import org.jstap.lang.ast.BinaryOp;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.Span;
import org.jstap.lang.ast.StatFn;
import org.jstap.lang.ast.Stmt;

/**
 * stap prints the globals a script writes but never reads when the session ends. This builds,
 * per such global, the {@code end} probe stap synthesises for it:
 * {@code printf("count=%d\n", count)}, a {@code foreach} over arrays sorted by value, and the
 * aggregates of statistics.
 */
final class AutoPrint {
    private AutoPrint() {}

    static List<ElaboratedProbe> probes(List<Variable> globals) {
        List<ElaboratedProbe> out = new ArrayList<>();
        for (Variable v : globals) {
            Span at = v.declared();
            Stmt body = v.isArray() ? array(v, at) : v.type() == Type.STATS ? stats(v, at) : scalar(v, at);
            if (body != null) {
                out.add(new ElaboratedProbe(at, "end", List.of(new ResolvedPoint.End("end", 0)), List.of("end"),
                        new Stmt.Block(at, List.of(body))));
            }
        }
        return out;
    }

    private static Stmt scalar(Variable v, Span at) {
        String format = v.type() == Type.STRING ? v.name() + "=\\\"%s\\\"\\n" : v.name() + "=%d\\n";
        return printf(at, format, List.of(new Expr.Var(at, v.name())));
    }

    private static Stmt stats(Variable v, Span at) {
        Expr ref = new Expr.Var(at, v.name());
        List<Expr> aggregates = new ArrayList<>();
        for (StatFn fn : List.of(StatFn.COUNT, StatFn.MIN, StatFn.MAX, StatFn.SUM, StatFn.AVG)) {
            aggregates.add(new Expr.StatOp(at, fn, ref, List.of()));
        }
        Expr empty = new Expr.Binary(at, at, BinaryOp.EQ, new Expr.StatOp(at, StatFn.COUNT, ref, List.of()),
                new Expr.NumberLit(at, 0, "0"));
        return new Stmt.If(at, empty, printf(at, v.name() + " @count=0x0\\n", List.of()),
                printf(at, v.name() + " @count=%#d @min=%#d @max=%#d @sum=%#d @avg=%#d\\n", aggregates));
    }

    private static Stmt array(Variable v, Span at) {
        if (v.type() == Type.STATS) {
            return null;
        }
        Type[] keys = v.keyTypes();
        List<Stmt.ForeachVar> keyVars = new ArrayList<>();
        List<Expr> args = new ArrayList<>();
        StringBuilder format = new StringBuilder(v.name()).append('[');
        for (int i = 0; i < keys.length; i++) {
            String name = "__idx" + i;
            keyVars.add(new Stmt.ForeachVar(at, name, Stmt.Sort.NONE));
            args.add(new Expr.Var(at, name));
            format.append(i > 0 ? "," : "").append(keys[i] == Type.STRING ? "\\\"%#s\\\"" : "%#d");
        }
        format.append("]=").append(v.type() == Type.STRING ? "\\\"%#s\\\"" : "%d").append("\\n");
        args.add(new Expr.Var(at, "__val"));
        Stmt print = printf(at, format.toString(), args);
        return new Stmt.Foreach(at, new Stmt.ForeachVar(at, "__val", Stmt.Sort.NONE), keyVars, true, v.name(), null,
                at, List.of(), Stmt.Sort.DESC, null, null, print);
    }

    private static Stmt printf(Span at, String format, List<Expr> args) {
        List<Expr> all = new ArrayList<>();
        all.add(new Expr.StringLit(at, format));
        all.addAll(args);
        return new Stmt.ExprStmt(at, new Expr.Call(at, "printf", all));
    }
}
