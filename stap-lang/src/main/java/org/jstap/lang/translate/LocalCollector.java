package org.jstap.lang.translate;

import java.util.LinkedHashSet;
import java.util.Set;
import org.jstap.lang.ir.IrExpr;
import org.jstap.lang.ir.IrStmt;
import org.jstap.lang.ir.Local;

/**
 * The locals a body uses, so a method can initialise them all on entry: a local first assigned
 * inside a branch must still hold 0 or "" on the other path, for the script and for the verifier.
 */
final class LocalCollector {
    private final Set<Local> locals = new LinkedHashSet<>();
    /** Whether the body reads the probed function's arguments or return value. */
    private boolean readsTargets;

    static Set<Local> of(IrStmt body) {
        LocalCollector c = new LocalCollector();
        c.stmt(body);
        return c.locals;
    }

    /** True if a probe body reads $args, $return or $$parms: only then must the kprobe box them. */
    static boolean readsTargets(IrStmt body) {
        LocalCollector c = new LocalCollector();
        c.stmt(body);
        return c.readsTargets;
    }

    private void stmt(IrStmt s) {
        if (s == null) {
            return;
        }
        switch (s) {
            case IrStmt.Block b -> b.body().forEach(this::stmt);
            case IrStmt.Eval e -> expr(e.expr());
            case IrStmt.If i -> {
                expr(i.cond());
                stmt(i.then());
                stmt(i.otherwise());
            }
            case IrStmt.Loop l -> {
                expr(l.cond());
                stmt(l.body());
                expr(l.step());
            }
            case IrStmt.Break b -> { }
            case IrStmt.Continue c -> { }
            case IrStmt.Next n -> { }
            case IrStmt.Return r -> expr(r.value());
            case IrStmt.MapDelete d -> d.keys().forEach(this::expr);
            case IrStmt.ScalarDelete d -> {
                if (d.local() != null) {
                    locals.add(d.local());
                }
            }
            case IrStmt.Foreach f -> {
                locals.addAll(f.keys());
                if (f.value() != null) {
                    locals.add(f.value());
                }
                if (f.slice() != null) {
                    f.slice().forEach(this::expr);
                }
                expr(f.limit());
                stmt(f.body());
            }
            case IrStmt.HistForeach h -> {
                locals.add(h.key());
                if (h.value() != null) {
                    locals.add(h.value());
                }
                h.statKeys().forEach(this::expr);
                expr(h.limit());
                stmt(h.body());
            }
            case IrStmt.Try t -> {
                stmt(t.body());
                if (t.message() != null) {
                    locals.add(t.message());
                }
                stmt(t.handler());
            }
        }
    }

    private void expr(IrExpr e) {
        if (e == null) {
            return;
        }
        switch (e) {
            case IrExpr.LoadLocal l -> locals.add(l.local());
            case IrExpr.StoreLocal s -> {
                locals.add(s.local());
                expr(s.value());
            }
            case IrExpr.StoreGlobal s -> expr(s.value());
            case IrExpr.Arith a -> {
                expr(a.left());
                expr(a.right());
            }
            case IrExpr.Negate n -> expr(n.operand());
            case IrExpr.BitNot n -> expr(n.operand());
            case IrExpr.Not n -> expr(n.operand());
            case IrExpr.Compare c -> {
                expr(c.left());
                expr(c.right());
            }
            case IrExpr.Logical l -> {
                expr(l.left());
                expr(l.right());
            }
            case IrExpr.Concat c -> {
                expr(c.left());
                expr(c.right());
            }
            case IrExpr.Conditional c -> {
                expr(c.cond());
                expr(c.then());
                expr(c.otherwise());
            }
            case IrExpr.CallFunction f -> f.args().forEach(this::expr);
            case IrExpr.CallRuntime r -> r.args().forEach(this::expr);
            case IrExpr.Print p -> p.pieces().forEach(piece -> {
                switch (piece) {
                    case IrExpr.Piece.Text t -> { }
                    case IrExpr.Piece.Value v -> expr(v.value());
                    case IrExpr.Piece.Histogram h -> h.keys().forEach(this::expr);
                    case IrExpr.Piece.Formatted f -> {
                        expr(f.value());
                        expr(f.width());
                        expr(f.precision());
                    }
                }
            });
            case IrExpr.MapGet g -> g.keys().forEach(this::expr);
            case IrExpr.MapSet m -> {
                m.keys().forEach(this::expr);
                expr(m.value());
            }
            case IrExpr.MapAdd m -> {
                m.keys().forEach(this::expr);
                expr(m.delta());
            }
            case IrExpr.MapIn m -> m.keys().forEach(this::expr);
            case IrExpr.StatAdd a -> {
                a.keys().forEach(this::expr);
                expr(a.value());
            }
            case IrExpr.StatGet g -> g.keys().forEach(this::expr);
            case IrExpr.HistBucket h -> {
                h.keys().forEach(this::expr);
                expr(h.bucket());
            }
            case IrExpr.RegexMatch r -> expr(r.text());
            case IrExpr.TargetRead t -> readsTargets = true;
            case IrExpr.EntrySave save -> expr(save.value());
            case IrExpr.EntryRestore restore -> { }
            case IrExpr.LongConst c -> { }
            case IrExpr.StringConst c -> { }
            case IrExpr.LoadGlobal g -> { }
        }
    }
}
