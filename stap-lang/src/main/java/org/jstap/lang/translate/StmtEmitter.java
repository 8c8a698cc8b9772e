package org.jstap.lang.translate;

import org.jstap.lang.ir.IrStmt;
import org.jstap.lang.ir.IrType;
import org.jstap.runtime.NextProbe;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

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

    private static final Type CONTEXT = Type.getType(org.jstap.runtime.Context.class);

    void emit(IrStmt s) {
        if (!(s instanceof IrStmt.Block)) {
            Label here = gen.mark();
            gen.visitLineNumber(s.at().file().line(s.at().start()), here);
            // every statement counts against MAXACTION, as in stap
            gen.loadArg(0);
            gen.push(1);
            gen.push(Near.of(s.at()));
            gen.invokeVirtual(CONTEXT, Method.getMethod("void act(int,String)"));
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
            case IrStmt.MapDelete d -> {
                if (d.keys().isEmpty()) {
                    gen.getStatic(Type.getObjectType(scope.owner), d.map().field(), ExprEmitter.MAP);
                    gen.invokeVirtual(ExprEmitter.MAP, Method.getMethod("void clear()"));
                } else {
                    int[] keys = exprs.evaluateKeys(d.keys());
                    gen.getStatic(Type.getObjectType(scope.owner), d.map().field(), ExprEmitter.MAP);
                    exprs.key(d.keys(), keys);
                    gen.invokeVirtual(ExprEmitter.MAP, Method.getMethod("void delete("
                            + ExprEmitter.MAP_KEY.getClassName() + ")"));
                }
            }
            case IrStmt.ScalarDelete d -> scalarDelete(d);
            case IrStmt.Foreach f -> foreach(f);
            case IrStmt.HistForeach h -> histForeach(h);
            case IrStmt.Try t -> tryCatch(t);
            case IrStmt.Return r -> {
                if (r.value() != null && scope.returns != IrType.VOID) {
                    exprs.emit(r.value());
                } else {
                    if (r.value() != null) {
                        exprs.discard(r.value());
                    }
                    pushDefault();
                }
                // the value is computed (it may call deeper) before this level ends
                leaveFunction();
                gen.returnValue();
            }
        }
    }

    private void scalarDelete(IrStmt.ScalarDelete d) {
        if (d.local() != null) {
            scope.declare(d.local());
            if (d.local().type() == IrType.STRING) {
                gen.push("");
            } else {
                gen.push(0L);
            }
            gen.storeLocal(scope.slot(d.local()));
            return;
        }
        Type owner = Type.getObjectType(scope.owner);
        switch (d.global().type()) {
            case STAT -> {
                gen.getStatic(owner, d.global().field(), ExprEmitter.STAT);
                gen.invokeVirtual(ExprEmitter.STAT, Method.getMethod("void clear()"));
            }
            case STRING -> {
                gen.push("");
                gen.putStatic(owner, d.global().field(), Type.getType(String.class));
            }
            default -> {
                gen.push(0L);
                gen.putStatic(owner, d.global().field(), Type.LONG_TYPE);
            }
        }
    }

    private static final Type ENTRY = Type.getType(org.jstap.runtime.map.Entry.class);
    private static final Type SORT_BY = Type.getType(org.jstap.runtime.map.StapMap.SortBy.class);

    /** A sorted snapshot of the array, walked with an index; break and continue jump as in a loop. */
    private void foreach(IrStmt.Foreach f) {
        int[] slice = f.slice() == null ? null : exprs.evaluateKeys(f.slice());
        gen.getStatic(Type.getObjectType(scope.owner), f.map().field(), ExprEmitter.MAP);
        if (slice == null) {
            gen.push((String) null);
            gen.checkCast(ExprEmitter.MAP_KEY);
        } else {
            exprs.key(f.slice(), slice);
        }
        gen.getStatic(SORT_BY, f.sortBy().name(), SORT_BY);
        gen.push(f.sortColumn());
        gen.push(f.direction());
        if (f.limit() != null) {
            exprs.emit(f.limit());
        } else {
            gen.push(-1L);
        }
        gen.invokeVirtual(ExprEmitter.MAP, new Method("iterate", Type.getType("[" + ENTRY.getDescriptor()),
                new Type[] {ExprEmitter.MAP_KEY, SORT_BY, Type.INT_TYPE, Type.INT_TYPE, Type.LONG_TYPE}));
        int entries = gen.newLocal(Type.getType("[" + ENTRY.getDescriptor()));
        gen.storeLocal(entries);
        int index = gen.newLocal(Type.INT_TYPE);
        gen.push(0);
        gen.storeLocal(index);
        Label top = new Label();
        Label step = new Label();
        Label done = new Label();
        gen.mark(top);
        gen.loadLocal(index);
        gen.loadLocal(entries);
        gen.arrayLength();
        gen.ifICmp(GeneratorAdapter.GE, done);
        for (int i = 0; i < f.keys().size(); i++) {
            org.jstap.lang.ir.Local k = f.keys().get(i);
            scope.declare(k);
            gen.loadLocal(entries);
            gen.loadLocal(index);
            gen.arrayLoad(ENTRY);
            gen.push(i);
            gen.invokeVirtual(ENTRY, k.type() == IrType.STRING ? Method.getMethod("String stringKey(int)")
                    : Method.getMethod("long longKey(int)"));
            gen.storeLocal(scope.slot(k));
        }
        if (f.value() != null) {
            scope.declare(f.value());
            gen.loadLocal(entries);
            gen.loadLocal(index);
            gen.arrayLoad(ENTRY);
            gen.invokeVirtual(ENTRY, f.value().type() == IrType.STRING ? Method.getMethod("String stringValue()")
                    : Method.getMethod("long longValue()"));
            gen.storeLocal(scope.slot(f.value()));
        }
        scope.enterLoop(done, step);
        emit(f.body());
        scope.exitLoop();
        gen.mark(step);
        gen.iinc(index, 1);
        gen.goTo(top);
        gen.mark(done);
    }

    private static final Type STAT_OPS = Type.getType(org.jstap.runtime.stat.StatOps.class);

    /** Every bucket of a histogram, counting up; limit caps the iterations. */
    private void histForeach(IrStmt.HistForeach h) {
        exprs.loadStat(h.target(), h.statKeys());
        int stat = gen.newLocal(ExprEmitter.STAT);
        gen.storeLocal(stat);
        int n = gen.newLocal(Type.LONG_TYPE);
        gen.loadLocal(stat);
        if (h.limit() != null) {
            exprs.emit(h.limit());
        } else {
            gen.push(Long.MAX_VALUE);
        }
        gen.invokeStatic(STAT_OPS, Method.getMethod("long bucketsUpTo(" + ExprEmitter.STAT.getClassName() + ",long)"));
        gen.storeLocal(n);
        scope.declare(h.key());
        gen.push(0L);
        gen.storeLocal(scope.slot(h.key()));
        Label top = new Label();
        Label step = new Label();
        Label done = new Label();
        gen.mark(top);
        gen.loadLocal(scope.slot(h.key()));
        gen.loadLocal(n);
        gen.ifCmp(Type.LONG_TYPE, GeneratorAdapter.GE, done);
        if (h.value() != null) {
            scope.declare(h.value());
            gen.loadLocal(stat);
            gen.loadLocal(scope.slot(h.key()));
            gen.invokeStatic(STAT_OPS, Method.getMethod("long bucket(" + ExprEmitter.STAT.getClassName() + ",long)"));
            gen.storeLocal(scope.slot(h.value()));
        }
        scope.enterLoop(done, step);
        emit(h.body());
        scope.exitLoop();
        gen.mark(step);
        gen.loadLocal(scope.slot(h.key()));
        gen.push(1L);
        gen.math(GeneratorAdapter.ADD, Type.LONG_TYPE);
        gen.storeLocal(scope.slot(h.key()));
        gen.goTo(top);
        gen.mark(done);
    }

    private static final Type STAP_ERROR = Type.getType(org.jstap.runtime.StapError.class);

    /** try/catch: a StapError thrown in the body (division by zero, error(), a limit) runs the handler. */
    private void tryCatch(IrStmt.Try t) {
        Label start = gen.mark();
        emit(t.body());
        Label end = gen.mark();
        if (start.getOffset() == end.getOffset()) {
            // an empty body cannot fail: nothing to catch
            return;
        }
        Label after = new Label();
        gen.goTo(after);
        gen.catchException(start, end, STAP_ERROR);
        if (t.message() != null) {
            scope.declare(t.message());
            gen.invokeVirtual(STAP_ERROR, Method.getMethod("String getMessage()"));
            gen.storeLocal(scope.slot(t.message()));
        } else {
            gen.pop();
        }
        emit(t.handler());
        gen.mark(after);
    }

    /** A function returns: one call level less against MAXNESTING. */
    void leaveFunction() {
        if (!scope.isProbe) {
            gen.loadArg(0);
            gen.invokeVirtual(CONTEXT, Method.getMethod("void leave()"));
        }
    }

    /** What falling off the end of a function returns: 0 or "". */
    void pushDefault() {
        switch (scope.returns) {
            case LONG -> gen.push(0L);
            case STRING -> gen.push("");
            case VOID, STAT -> { }
        }
    }
}
