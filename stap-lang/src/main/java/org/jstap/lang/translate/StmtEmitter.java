package org.jstap.lang.translate;

import org.jstap.lang.ir.IrStmt;
import org.jstap.lang.ir.IrType;
import org.jstap.runtime.NextProbe;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;

/** Emits IR statements, with a line-number entry for each so errors point at script lines. */
final class StmtEmitter {
    private static final Type NEXT = Type.getType(NextProbe.class);

    private final MethodScope scope;
    private final GeneratorAdapter gen;
    private final ExprEmitter exprs;

    StmtEmitter(MethodScope scope, ExprEmitter exprs) {
        this.scope = scope;
        this.gen = scope.gen;
        this.exprs = exprs;
    }

    void emit(IrStmt s) {
        if (!(s instanceof IrStmt.Block)) {
            Label here = gen.mark();
            gen.visitLineNumber(s.at().file().line(s.at().start()), here);
        }
        switch (s) {
            case IrStmt.Block b -> b.body().forEach(this::emit);
            case IrStmt.Eval e -> exprs.discard(e.expr());
            case IrStmt.If i -> {
                Label otherwise = new Label();
                Label done = new Label();
                exprs.emit(i.cond());
                gen.push(0L);
                gen.ifCmp(Type.LONG_TYPE, GeneratorAdapter.EQ, otherwise);
                emit(i.then());
                gen.goTo(done);
                gen.mark(otherwise);
                if (i.otherwise() != null) {
                    emit(i.otherwise());
                }
                gen.mark(done);
            }
            case IrStmt.Loop l -> {
                Label top = new Label();
                Label step = new Label();
                Label done = new Label();
                gen.mark(top);
                exprs.emit(l.cond());
                gen.push(0L);
                gen.ifCmp(Type.LONG_TYPE, GeneratorAdapter.EQ, done);
                scope.enterLoop(done, step);
                emit(l.body());
                scope.exitLoop();
                gen.mark(step);
                if (l.step() != null) {
                    exprs.discard(l.step());
                }
                gen.goTo(top);
                gen.mark(done);
            }
            case IrStmt.Break b -> gen.goTo(scope.breakLabel());
            case IrStmt.Continue c -> gen.goTo(scope.continueLabel());
            case IrStmt.Next n -> {
                if (scope.isProbe) {
                    gen.returnValue();
                } else {
                    gen.getStatic(NEXT, "INSTANCE", NEXT);
                    gen.throwException();
                }
            }
            case IrStmt.Return r -> {
                if (r.value() != null && scope.returns != IrType.VOID) {
                    exprs.emit(r.value());
                } else {
                    if (r.value() != null) {
                        exprs.discard(r.value());
                    }
                    pushDefault();
                }
                gen.returnValue();
            }
        }
    }

    /** What falling off the end of a function returns: 0 or "". */
    void pushDefault() {
        switch (scope.returns) {
            case LONG -> gen.push(0L);
            case STRING -> gen.push("");
            case VOID -> { }
        }
    }
}
