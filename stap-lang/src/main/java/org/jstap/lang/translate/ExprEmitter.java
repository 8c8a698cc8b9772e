package org.jstap.lang.translate;

import java.util.ArrayList;
import java.util.List;
import org.jstap.lang.ast.Span;
import org.jstap.lang.ir.IrExpr;
import org.jstap.lang.ir.IrType;
import org.jstap.runtime.Context;
import org.jstap.runtime.Ops;
import org.jstap.runtime.format.Conversion;
import org.jstap.runtime.format.FormatSpec;
import org.jstap.runtime.format.Formatter;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/** Emits IR expressions: each leaves its value (a long, a String, or nothing for VOID) on the stack. */
final class ExprEmitter {
    private static final Type CONTEXT = Type.getType(Context.class);
    private static final Type STRING = Type.getType(String.class);
    private static final Type STRING_BUILDER = Type.getType(StringBuilder.class);
    private static final Type OPS = Type.getType(Ops.class);
    private static final Type FORMATTER = Type.getType(Formatter.class);
    private static final Type FORMAT_SPEC = Type.getType(FormatSpec.class);
    static final Type MAP = Type.getType(org.jstap.runtime.map.StapMap.class);
    static final Type MAP_KEY = Type.getType(org.jstap.runtime.map.MapKey.class);
    static final Type STAT = Type.getType(org.jstap.runtime.stat.Stat.class);
    private static final Type STAT_OPS = Type.getType(org.jstap.runtime.stat.StatOps.class);

    private final MethodScope scope;
    private final GeneratorAdapter gen;
    /** Format specs used by printf pieces; the module emitter turns them into static fields. */
    private final List<FormatSpec> specs;

    ExprEmitter(MethodScope scope, List<FormatSpec> specs) {
        this.scope = scope;
        this.gen = scope.gen;
        this.specs = specs;
    }

    void emit(IrExpr e) {
        switch (e) {
            case IrExpr.LongConst c -> gen.push(c.value());
            case IrExpr.StringConst c -> gen.push(c.value());
            case IrExpr.LoadLocal l -> {
                scope.declare(l.local());
                gen.loadLocal(scope.slot(l.local()));
            }
            case IrExpr.LoadGlobal g -> gen.getStatic(Type.getObjectType(scope.owner), g.global().field(),
                    MethodScope.jvmType(g.global().type()));
            case IrExpr.StoreLocal s -> {
                scope.declare(s.local());
                emit(s.value());
                dup(s.local().type());
                gen.storeLocal(scope.slot(s.local()));
            }
            case IrExpr.StoreGlobal s -> {
                emit(s.value());
                dup(s.global().type());
                gen.putStatic(Type.getObjectType(scope.owner), s.global().field(),
                        MethodScope.jvmType(s.global().type()));
            }
            case IrExpr.Arith a -> arith(a);
            case IrExpr.Negate n -> {
                emit(n.operand());
                gen.math(GeneratorAdapter.NEG, Type.LONG_TYPE);
            }
            case IrExpr.BitNot n -> {
                emit(n.operand());
                gen.push(-1L);
                gen.math(GeneratorAdapter.XOR, Type.LONG_TYPE);
            }
            case IrExpr.Not n -> {
                emit(n.operand());
                gen.push(0L);
                booleanOf(GeneratorAdapter.EQ, Type.LONG_TYPE);
            }
            case IrExpr.Compare c -> compare(c);
            case IrExpr.Logical l -> logical(l);
            case IrExpr.Concat c -> {
                gen.loadArg(0);
                emit(c.left());
                emit(c.right());
                gen.invokeVirtual(CONTEXT, Method.getMethod("String concat(String,String)"));
            }
            case IrExpr.Conditional c -> {
                Label otherwise = new Label();
                Label done = new Label();
                emit(c.cond());
                gen.push(0L);
                gen.ifCmp(Type.LONG_TYPE, GeneratorAdapter.EQ, otherwise);
                emit(c.then());
                gen.goTo(done);
                gen.mark(otherwise);
                emit(c.otherwise());
                gen.mark(done);
            }
            case IrExpr.CallFunction f -> {
                gen.loadArg(0);
                f.args().forEach(this::emit);
                List<Type> params = new ArrayList<>();
                params.add(CONTEXT);
                f.params().forEach(p -> params.add(MethodScope.jvmType(p)));
                gen.invokeStatic(Type.getObjectType(scope.owner), new Method(f.function(),
                        MethodScope.jvmType(f.type()), params.toArray(new Type[0])));
            }
            case IrExpr.CallRuntime r -> {
                if (r.takesContext()) {
                    gen.loadArg(0);
                }
                r.args().forEach(this::emit);
                if (r.near() != null) {
                    gen.push(r.near());
                }
                gen.visitMethodInsn(Opcodes.INVOKESTATIC, r.owner(), r.name(), r.descriptor(), false);
            }
            case IrExpr.Print p -> print(p);
            case IrExpr.MapGet g -> {
                int[] keys = evaluateKeys(g.keys());
                loadGlobal(g.map());
                key(g.keys(), keys);
                gen.invokeVirtual(MAP, g.map().type() == IrType.STRING
                        ? Method.getMethod("String getString(" + MAP_KEY.getClassName() + ")")
                        : Method.getMethod("long getLong(" + MAP_KEY.getClassName() + ")"));
            }
            case IrExpr.MapSet m -> {
                int[] keys = evaluateKeys(m.keys());
                Type t = MethodScope.jvmType(m.map().type());
                emit(m.value());
                int value = gen.newLocal(t);
                gen.storeLocal(value);
                loadGlobal(m.map());
                key(m.keys(), keys);
                gen.loadLocal(value);
                gen.push(arrayNear(m.map(), m.at()));
                gen.invokeVirtual(MAP, m.map().type() == IrType.STRING
                        ? Method.getMethod("String setString(" + MAP_KEY.getClassName() + ",String,String)")
                        : Method.getMethod("long setLong(" + MAP_KEY.getClassName() + ",long,String)"));
            }
            case IrExpr.MapAdd m -> {
                int[] keys = evaluateKeys(m.keys());
                emit(m.delta());
                int delta = gen.newLocal(Type.LONG_TYPE);
                gen.storeLocal(delta);
                loadGlobal(m.map());
                key(m.keys(), keys);
                gen.loadLocal(delta);
                gen.push(arrayNear(m.map(), m.at()));
                gen.invokeVirtual(MAP, Method.getMethod("long addLong(" + MAP_KEY.getClassName() + ",long,String)"));
                if (m.post()) {
                    gen.loadLocal(delta);
                    gen.math(GeneratorAdapter.SUB, Type.LONG_TYPE);
                }
            }
            case IrExpr.MapIn m -> {
                int[] keys = evaluateKeys(m.keys());
                loadGlobal(m.map());
                key(m.keys(), keys);
                boolean slice = m.keys().contains(null);
                gen.invokeVirtual(MAP, Method.getMethod("boolean " + (slice ? "containsSlice" : "contains") + "("
                        + MAP_KEY.getClassName() + ")"));
                gen.cast(Type.INT_TYPE, Type.LONG_TYPE);
            }
            case IrExpr.StatAdd a -> {
                int[] keys = evaluateKeys(a.keys());
                emit(a.value());
                int value = gen.newLocal(Type.LONG_TYPE);
                gen.storeLocal(value);
                if (a.keys().isEmpty()) {
                    loadGlobal(a.target());
                    gen.loadLocal(value);
                    gen.invokeVirtual(STAT, Method.getMethod("void add(long)"));
                } else {
                    loadGlobal(a.target());
                    key(a.keys(), keys);
                    gen.loadLocal(value);
                    gen.push(arrayNear(a.target(), a.at()));
                    gen.invokeVirtual(MAP, Method.getMethod("void addStat(" + MAP_KEY.getClassName() + ",long,String)"));
                }
                gen.loadLocal(value);
            }
            case IrExpr.StatGet g -> {
                loadStat(g.target(), g.keys());
                gen.push(switch (g.fn()) {
                    case COUNT -> org.jstap.runtime.stat.StatOps.COUNT;
                    case SUM -> org.jstap.runtime.stat.StatOps.SUM;
                    case MIN -> org.jstap.runtime.stat.StatOps.MIN;
                    case MAX -> org.jstap.runtime.stat.StatOps.MAX;
                    case AVG -> org.jstap.runtime.stat.StatOps.AVG;
                    default -> org.jstap.runtime.stat.StatOps.VARIANCE;
                });
                gen.push(near(g.fn().text, g.at()));
                gen.invokeStatic(STAT_OPS, Method.getMethod("long extract(" + STAT.getClassName() + ",int,String)"));
            }
            case IrExpr.HistBucket h -> {
                loadStat(h.target(), h.keys());
                emit(h.bucket());
                gen.invokeStatic(STAT_OPS, Method.getMethod("long bucket(" + STAT.getClassName() + ",long)"));
            }
            case IrExpr.EntrySave save -> {
                gen.loadArg(0);
                gen.push(save.probe());
                emit(save.value());
                gen.invokeVirtual(CONTEXT, Method.getMethod(save.value().type() == IrType.STRING
                        ? "void entryPushString(int,String)" : "void entryPushLong(int,long)"));
            }
            case IrExpr.EntryRestore restore -> {
                gen.loadArg(0);
                gen.push(restore.probe());
                gen.invokeVirtual(CONTEXT, Method.getMethod(restore.type() == IrType.STRING
                        ? "String entryPopString(int)" : "long entryPopLong(int)"));
            }
            case IrExpr.TargetRead t when t.index() == org.jstap.lang.elaborate.TargetVariable.ALL_PARMS -> {
                gen.loadArg(0);
                gen.push(String.join(",", t.fields()));
                gen.push(t.prettyDepth());
                gen.invokeVirtual(CONTEXT, Method.getMethod("String parms(String,int)"));
            }
            case IrExpr.TargetRead t when t.index() == org.jstap.lang.elaborate.TargetVariable.RETURN_STRING -> {
                gen.loadArg(0);
                gen.push(t.prettyDepth());
                gen.invokeVirtual(CONTEXT, Method.getMethod("String returnPretty(int)"));
            }
            case IrExpr.TargetRead t when t.prettyDepth() > 0 -> {
                gen.loadArg(0);
                gen.push(t.index());
                gen.push(String.join(".", t.fields()));
                gen.push(t.prettyDepth());
                gen.invokeVirtual(CONTEXT, Method.getMethod("String targetPretty(int,String,int)"));
            }
            case IrExpr.TargetRead t when !t.fields().isEmpty() -> {
                gen.loadArg(0);
                gen.push(t.index());
                gen.push(String.join(".", t.fields()));
                gen.invokeVirtual(CONTEXT, Method.getMethod(t.type() == IrType.STRING
                        ? "String targetFieldString(int,String)" : "long targetFieldLong(int,String)"));
            }
            case IrExpr.TargetRead t -> {
                gen.loadArg(0);
                boolean string = t.type() == IrType.STRING;
                if (t.isReturn()) {
                    gen.invokeVirtual(CONTEXT, Method.getMethod(string ? "String returnString()" : "long returnLong()"));
                } else {
                    gen.push(t.index());
                    gen.invokeVirtual(CONTEXT, Method.getMethod(string ? "String targetString(int)"
                            : "long targetLong(int)"));
                }
            }
            case IrExpr.RegexMatch r -> {
                gen.loadArg(0);
                emit(r.text());
                gen.push(r.regex());
                gen.invokeStatic(Type.getType(org.jstap.runtime.tapset.Regex.class),
                        Method.getMethod("long match(" + CONTEXT.getClassName() + ",String,String)"));
                if (r.negate()) {
                    gen.push(1L);
                    gen.math(GeneratorAdapter.XOR, Type.LONG_TYPE);
                }
            }
        }
    }

    private void loadGlobal(org.jstap.lang.ir.Global g) {
        gen.getStatic(Type.getObjectType(scope.owner), g.field(), ModuleEmitter.fieldType(g));
    }

    /** Leaves the Stat of a scalar statistic or of an array element (maybe null) on the stack. */
    void loadStat(org.jstap.lang.ir.Global g, java.util.List<IrExpr> keys) {
        if (keys.isEmpty()) {
            loadGlobal(g);
            return;
        }
        int[] slots = evaluateKeys(keys);
        loadGlobal(g);
        key(keys, slots);
        gen.invokeVirtual(MAP, Method.getMethod(STAT.getClassName() + " getStat(" + MAP_KEY.getClassName() + ")"));
    }

    /** Evaluates keys into fresh locals first, so a key that itself indexes an array cannot disturb the key object. */
    int[] evaluateKeys(java.util.List<IrExpr> keys) {
        int[] slots = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            IrExpr k = keys.get(i);
            if (k == null) {
                slots[i] = -1;
                continue;
            }
            emit(k);
            slots[i] = gen.newLocal(MethodScope.jvmType(k.type()));
            gen.storeLocal(slots[i]);
        }
        return slots;
    }

    /** Pushes the context's MapKey filled with the evaluated keys ({@code -1} slots are wildcards). */
    void key(java.util.List<IrExpr> keys, int[] slots) {
        gen.loadArg(0);
        gen.invokeVirtual(CONTEXT, Method.getMethod(MAP_KEY.getClassName() + " key()"));
        for (int i = 0; i < slots.length; i++) {
            gen.push(i);
            if (slots[i] < 0) {
                gen.invokeVirtual(MAP_KEY, Method.getMethod(MAP_KEY.getClassName() + " any(int)"));
                continue;
            }
            gen.loadLocal(slots[i]);
            gen.invokeVirtual(MAP_KEY, keys.get(i).type() == IrType.STRING
                    ? Method.getMethod(MAP_KEY.getClassName() + " set(int,String)")
                    : Method.getMethod(MAP_KEY.getClassName() + " set(int,long)"));
        }
    }

    /** Evaluates for effect only. */
    void discard(IrExpr e) {
        emit(e);
        switch (e.type()) {
            case LONG -> gen.pop2();
            case STRING, STAT -> gen.pop();
            case VOID -> { }
        }
    }

    private void dup(IrType t) {
        if (t == IrType.LONG) {
            gen.dup2();
        } else {
            gen.dup();
        }
    }

    private void arith(IrExpr.Arith a) {
        emit(a.left());
        emit(a.right());
        switch (a.op()) {
            case ADD -> gen.math(GeneratorAdapter.ADD, Type.LONG_TYPE);
            case SUB -> gen.math(GeneratorAdapter.SUB, Type.LONG_TYPE);
            case MUL -> gen.math(GeneratorAdapter.MUL, Type.LONG_TYPE);
            case AND -> gen.math(GeneratorAdapter.AND, Type.LONG_TYPE);
            case OR -> gen.math(GeneratorAdapter.OR, Type.LONG_TYPE);
            case XOR -> gen.math(GeneratorAdapter.XOR, Type.LONG_TYPE);
            case SHL, SHR, USHR -> {
                gen.cast(Type.LONG_TYPE, Type.INT_TYPE);
                gen.math(switch (a.op()) {
                    case SHL -> GeneratorAdapter.SHL;
                    case SHR -> GeneratorAdapter.SHR;
                    default -> GeneratorAdapter.USHR;
                }, Type.LONG_TYPE);
            }
            case DIV, MOD -> {
                gen.push(near(a.op() == org.jstap.lang.ir.ArithOp.DIV ? "/" : "%", a.at()));
                gen.invokeStatic(OPS, Method.getMethod(a.op() == org.jstap.lang.ir.ArithOp.DIV
                        ? "long div(long,long,String)" : "long mod(long,long,String)"));
            }
        }
    }

    /** Array errors name the array at the access, as stap does. */
    static String arrayNear(org.jstap.lang.ir.Global map, Span at) {
        return "identifier '" + map.name() + "' at " + at.location();
    }

    static String near(String operator, Span at) {
        return "operator '" + operator + "' at " + at.location();
    }

    private void compare(IrExpr.Compare c) {
        emit(c.left());
        emit(c.right());
        int mode = switch (c.op()) {
            case LT -> GeneratorAdapter.LT;
            case LE -> GeneratorAdapter.LE;
            case GT -> GeneratorAdapter.GT;
            case GE -> GeneratorAdapter.GE;
            case EQ -> GeneratorAdapter.EQ;
            case NE -> GeneratorAdapter.NE;
        };
        if (c.left().type() == IrType.STRING) {
            gen.invokeStatic(OPS, Method.getMethod("int compare(String,String)"));
            gen.push(0);
            booleanOf(mode, Type.INT_TYPE);
        } else {
            booleanOf(mode, Type.LONG_TYPE);
        }
    }

    /** Compares the two values on the stack and leaves 1L or 0L. */
    private void booleanOf(int mode, Type type) {
        Label yes = new Label();
        Label done = new Label();
        gen.ifCmp(type, mode, yes);
        gen.push(0L);
        gen.goTo(done);
        gen.mark(yes);
        gen.push(1L);
        gen.mark(done);
    }

    private void logical(IrExpr.Logical l) {
        Label shortCut = new Label();
        Label done = new Label();
        emit(l.left());
        gen.push(0L);
        gen.ifCmp(Type.LONG_TYPE, l.and() ? GeneratorAdapter.EQ : GeneratorAdapter.NE, shortCut);
        emit(l.right());
        gen.push(0L);
        gen.ifCmp(Type.LONG_TYPE, l.and() ? GeneratorAdapter.EQ : GeneratorAdapter.NE, shortCut);
        gen.push(l.and() ? 1L : 0L);
        gen.goTo(done);
        gen.mark(shortCut);
        gen.push(l.and() ? 0L : 1L);
        gen.mark(done);
    }

    private void print(IrExpr.Print p) {
        if (p.asString()) {
            gen.newInstance(STRING_BUILDER);
            gen.dup();
            gen.invokeConstructor(STRING_BUILDER, Method.getMethod("void <init>()"));
        } else {
            gen.loadArg(0);
            gen.invokeVirtual(CONTEXT, Method.getMethod("StringBuilder out()"));
        }
        for (IrExpr.Piece piece : p.pieces()) {
            switch (piece) {
                case IrExpr.Piece.Text t -> {
                    gen.push(t.text());
                    append(STRING);
                }
                case IrExpr.Piece.Value v -> {
                    emit(v.value());
                    append(v.value().type() == IrType.LONG ? Type.LONG_TYPE : STRING);
                }
                case IrExpr.Piece.Formatted f -> formatted(f);
                case IrExpr.Piece.Histogram h -> {
                    gen.dup();
                    loadStat(h.target(), h.keys());
                    gen.invokeStatic(STAT_OPS, Method.getMethod("void printHistogram(StringBuilder,"
                            + STAT.getClassName() + ")"));
                }
            }
        }
        if (p.asString()) {
            gen.invokeVirtual(STRING_BUILDER, Method.getMethod("String toString()"));
            int text = gen.newLocal(STRING);
            gen.storeLocal(text);
            gen.loadArg(0);
            gen.loadLocal(text);
            gen.invokeVirtual(CONTEXT, Method.getMethod("String clip(String)"));
        } else {
            gen.pop();
        }
    }

    private void append(Type t) {
        gen.invokeVirtual(STRING_BUILDER, new Method("append", STRING_BUILDER, new Type[] {t}));
    }

    /** A printf conversion: plain %d and %s append directly, anything else goes through Formatter. */
    private void formatted(IrExpr.Piece.Formatted f) {
        FormatSpec s = f.spec();
        boolean plain = !s.left() && !s.plus() && !s.space() && !s.alt() && !s.zero() && s.width() == -1
                && s.precision() == -1;
        if (plain && (s.conversion() == Conversion.SIGNED || s.conversion() == Conversion.SIGNED_I)) {
            emit(f.value());
            append(Type.LONG_TYPE);
            return;
        }
        if (plain && s.conversion() == Conversion.STRING) {
            emit(f.value());
            append(STRING);
            return;
        }
        gen.dup();
        int index = specs.size();
        specs.add(s);
        gen.getStatic(Type.getObjectType(scope.owner), ModuleEmitter.specField(index), FORMAT_SPEC);
        if (f.width() != null) {
            emit(f.width());
            gen.cast(Type.LONG_TYPE, Type.INT_TYPE);
        } else {
            gen.push(s.width());
        }
        if (f.precision() != null) {
            emit(f.precision());
            gen.cast(Type.LONG_TYPE, Type.INT_TYPE);
        } else {
            gen.push(s.precision());
        }
        emit(f.value());
        if (s.conversion().numeric) {
            gen.invokeStatic(FORMATTER, Method.getMethod("void appendLong(StringBuilder,"
                    + FormatSpec.class.getName() + ",int,int,long)"));
        } else {
            gen.invokeStatic(FORMATTER, Method.getMethod("void appendString(StringBuilder,"
                    + FormatSpec.class.getName() + ",int,int,String)"));
        }
    }
}
