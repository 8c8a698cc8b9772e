package org.jstap.lang.ast;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a parsed script as {@code stap -p1} does: every operand parenthesised
 * ({@code (x) = ((1) + (2));}), loops as {@code for}, one statement a line.
 */
public final class ScriptPrinter {
    /** The print_format built-ins whose first argument is a format or delimiter. */
    private static final java.util.Set<String> FORMAT_LIKE = java.util.Set.of("printf", "sprintf", "printd",
            "printdln", "sprintd", "sprintdln");

    private final StringBuilder out = new StringBuilder();

    private ScriptPrinter() {}

    public static String print(Script script) {
        ScriptPrinter p = new ScriptPrinter();
        p.script(script);
        return p.out.toString();
    }

    /** One expression in stap's parenthesised form. */
    public static String expression(Expr e) {
        ScriptPrinter p = new ScriptPrinter();
        p.expr(e);
        return p.out.toString();
    }

    private void script(Script script) {
        out.append("# parse tree dump\n# file ").append(script.file().name()).append('\n');
        for (Decl d : script.decls()) {
            if (d instanceof Decl.Embedded e) {
                out.append("%{").append(e.code()).append("%}");
            }
        }
        for (Decl d : script.decls()) {
            if (d instanceof Decl.Global g) {
                out.append("global ").append(g.name());
                if (g.wrap()) {
                    out.append('%');
                }
                if (g.size() > 0) {
                    out.append('[').append(g.size()).append(']');
                }
                if (g.init() != null) {
                    out.append(" = ");
                    literal(g.init());
                }
                out.append('\n');
            }
        }
        for (Decl d : script.decls()) {
            switch (d) {
                case Decl.ProbeAlias a -> {
                    out.append("probe ");
                    points(a.names(), ",");
                    out.append(a.epilogue() ? " += " : " = ");
                    points(a.points(), ", ");
                    block(a.body());
                    out.append('\n');
                }
                case Decl.Probe p -> {
                    out.append("probe ");
                    points(p.points(), ",");
                    block(p.body());
                    out.append('\n');
                }
                default -> { }
            }
        }
        for (Decl d : script.decls()) {
            if (d instanceof Decl.Function f) {
                out.append("function ").append(f.name()).append(" (")
                        .append(f.params().stream().map(Decl.Param::name).collect(Collectors.joining(", ")))
                        .append(")\n");
                if (f.body() != null) {
                    block(f.body());
                } else {
                    out.append("%{").append(f.embedded()).append("%}");
                }
                out.append('\n');
            }
        }
        out.append('\n');
    }

    private void points(List<ProbePoint> points, String separator) {
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            ProbePoint p = points.get(i);
            out.append(p.text());
            if (p.sufficient()) {
                out.append('!');
            } else if (p.optional()) {
                out.append('?');
            }
            if (p.condition() != null) {
                out.append(" if (");
                expr(p.condition());
                out.append(')');
            }
        }
    }

    // ---------------------------------------------------------------- statements

    private void block(Stmt.Block b) {
        out.append("{\n");
        for (Stmt s : b.body()) {
            stmt(s);
            out.append(";\n");
        }
        out.append('}');
    }

    private void stmt(Stmt s) {
        switch (s) {
            case Stmt.Block b -> block(b);
            case Stmt.Try t -> {
                out.append("try {\n");
                block(t.body());
                out.append("\n} catch");
                if (t.message() != null) {
                    out.append(" (").append(t.message()).append(')');
                }
                out.append(" {\n");
                block(t.handler());
                out.append("\n}\n");
            }
            case Stmt.Null n -> out.append(';');
            case Stmt.If i -> {
                out.append("if (");
                expr(i.cond());
                out.append(") ");
                stmt(i.then());
                out.append('\n');
                if (i.otherwise() != null) {
                    out.append("else ");
                    stmt(i.otherwise());
                    out.append('\n');
                }
            }
            case Stmt.While w -> {
                out.append("for (; ");
                expr(w.cond());
                out.append("; ) ");
                stmt(w.body());
            }
            case Stmt.For f -> {
                out.append("for (");
                if (f.init() != null) {
                    expr(f.init());
                }
                out.append("; ");
                if (f.cond() != null) {
                    expr(f.cond());
                } else {
                    out.append('1');
                }
                out.append("; ");
                if (f.step() != null) {
                    expr(f.step());
                }
                out.append(") ");
                stmt(f.body());
            }
            case Stmt.Foreach f -> foreach(f);
            case Stmt.Break b -> out.append("break");
            case Stmt.Continue c -> out.append("continue");
            case Stmt.Next n -> out.append("next");
            case Stmt.Return r -> {
                out.append("return");
                if (r.value() != null) {
                    out.append(' ');
                    expr(r.value());
                }
            }
            case Stmt.Delete d -> {
                out.append("delete ");
                expr(d.target());
            }
            case Stmt.ExprStmt e -> expr(e.expr());
        }
    }

    private void foreach(Stmt.Foreach f) {
        out.append("foreach (");
        if (f.value() != null) {
            out.append(f.value().name()).append(" = ");
        }
        out.append('[').append(f.keys().stream().map(k -> k.name() + k.sort().text).collect(Collectors.joining(", ")))
                .append("] in ");
        if (f.histogram() != null) {
            expr(f.histogram());
        } else {
            out.append(f.array());
        }
        if (!f.slice().isEmpty()) {
            out.append('[');
            list(f.slice());
            out.append(']');
        }
        if (f.sortAggregate() != null) {
            out.append(' ').append(f.sortAggregate().text);
        }
        out.append(f.arraySort().text);
        if (f.limit() != null) {
            out.append(" limit ");
            expr(f.limit());
        }
        out.append(") ");
        stmt(f.body());
    }

    // ---------------------------------------------------------------- expressions

    private void expr(Expr e) {
        switch (e) {
            case Expr.NumberLit n -> out.append(n.value());
            case Expr.StringLit s -> out.append('"').append(s.raw()).append('"');
            case Expr.Var v -> out.append(v.name());
            case Expr.Index i -> {
                out.append(i.array()).append('[');
                list(i.keys());
                out.append(']');
            }
            case Expr.Wildcard w -> out.append('*');
            case Expr.Call c -> call(c);
            case Expr.Unary u -> {
                out.append(u.op().text);
                paren(u.operand());
            }
            case Expr.Crement c -> {
                String op = c.increment() ? "++" : "--";
                if (c.prefix()) {
                    out.append(op);
                    paren(c.target());
                } else {
                    paren(c.target());
                    out.append(op);
                }
            }
            case Expr.Binary b -> {
                paren(b.left());
                out.append(' ').append(b.op().text).append(' ');
                if (b.op().isRegex() && b.right() instanceof Expr.StringLit) {
                    expr(b.right());
                } else {
                    paren(b.right());
                }
            }
            case Expr.Ternary t -> {
                paren(t.cond());
                out.append('?');
                paren(t.then());
                out.append(':');
                paren(t.otherwise());
            }
            case Expr.Assign a -> {
                paren(a.target());
                out.append(' ').append(a.op().text).append(' ');
                paren(a.value());
            }
            case Expr.In i -> {
                out.append('[');
                list(i.keys());
                out.append("] in ").append(i.array());
            }
            case Expr.StatOp s -> {
                out.append(s.fn().text).append('(');
                expr(s.operand());
                for (Expr p : s.params()) {
                    out.append(", ");
                    expr(p);
                }
                out.append(')');
            }
            case Expr.HistBucket h -> {
                expr(h.histogram());
                out.append('[');
                expr(h.bucket());
                out.append(']');
            }
            case Expr.Defined d -> {
                out.append("@defined(");
                expr(d.operand());
                out.append(')');
            }
            case Expr.Entry en -> {
                out.append("@entry(");
                expr(en.operand());
                out.append(')');
            }
            case Expr.Target t -> {
                out.append(t.name());
                accessors(t.accessors());
                pretty(t.pretty());
            }
            case Expr.Cast c -> {
                out.append("@cast(");
                expr(c.address());
                out.append(", \"").append(c.type()).append('"');
                if (c.module() != null) {
                    out.append(", \"").append(c.module()).append('"');
                }
                out.append(')');
                accessors(c.accessors());
                pretty(c.pretty());
            }
            case Expr.AtVar v -> {
                out.append("@var(\"").append(v.name()).append('"');
                if (v.module() != null) {
                    out.append(", \"").append(v.module()).append('"');
                }
                out.append(')');
                accessors(v.accessors());
                pretty(v.pretty());
            }
            case Expr.AddressOf a -> {
                out.append('&');
                expr(a.operand());
            }
            case Expr.Embedded em -> out.append("%{").append(em.code()).append("%}");
        }
    }

    private void call(Expr.Call c) {
        boolean formatLike = FORMAT_LIKE.contains(c.name());
        out.append(c.name()).append('(');
        for (int i = 0; i < c.args().size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Expr a = c.args().get(i);
            if (i == 0 && formatLike && a instanceof Expr.StringLit s) {
                // print_format nodes keep the format cooked and print it re-escaped
                out.append('"').append(s.raw().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                expr(a);
            }
        }
        out.append(')');
    }

    private void accessors(List<Expr.Accessor> accessors) {
        for (Expr.Accessor a : accessors) {
            switch (a) {
                case Expr.Accessor.Field f -> out.append("->").append(f.name());
                case Expr.Accessor.Subscript s -> {
                    out.append('[');
                    expr(s.index());
                    out.append(']');
                }
            }
        }
    }

    /** stap -p1 shows the pretty-print suffix as one more member access: {@code $x->$}. */
    private void pretty(Expr.Pretty p) {
        if (p != Expr.Pretty.NONE) {
            out.append("->").append(p.text);
        }
    }

    private void paren(Expr e) {
        out.append('(');
        expr(e);
        out.append(')');
    }

    private void list(List<Expr> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            expr(items.get(i));
        }
    }

    private void literal(Expr e) {
        expr(e);
    }
}
