package org.jstap.lang.translate;

import java.util.ArrayList;
import java.util.List;
import org.jstap.lang.elaborate.ResolvedPoint;
import org.jstap.lang.ir.Global;
import org.jstap.lang.ir.IrExpr;
import org.jstap.lang.ir.IrProgram;
import org.jstap.lang.ir.IrType;
import org.jstap.runtime.CompiledScript;
import org.jstap.runtime.Context;
import org.jstap.runtime.ProbeHandler;
import org.jstap.runtime.ProbeRegistry;
import org.jstap.runtime.format.Conversion;
import org.jstap.runtime.format.FormatSpec;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Pass 3: emits the module class of a script. Globals are static fields, probes and functions
 * static methods taking the {@link Context}; {@code register} initialises the globals and hands
 * each probe to the session as a {@link ProbeHandler}: a {@link org.jstap.runtime.MethodProbe}
 * of a method handle constant, which the JIT inlines where the handler is a constant.
 */
public final class ModuleEmitter {
    private static final Type CONTEXT = Type.getType(Context.class);
    private static final Type REGISTRY = Type.getType(ProbeRegistry.class);
    private static final Type HANDLER = Type.getType(ProbeHandler.class);
    private static final Type FORMAT_SPEC = Type.getType(FormatSpec.class);
    private static final Type CONVERSION = Type.getType(Conversion.class);
    private static final Type METHOD_PROBE = Type.getType(org.jstap.runtime.MethodProbe.class);

    private final IrProgram program;
    private final String owner;
    private final List<FormatSpec> specs = new ArrayList<>();

    private ModuleEmitter(IrProgram program) {
        this.program = program;
        this.owner = program.moduleName();
    }

    /** The class file of the module; its internal name is the module name. */
    public static byte[] emit(IrProgram program) {
        return new ModuleEmitter(program).emitClass();
    }

    /** A global's field: StapMap for arrays, Stat for statistics, else the value itself. */
    static Type fieldType(Global g) {
        if (g.isArray()) {
            return ExprEmitter.MAP;
        }
        return MethodScope.jvmType(g.type());
    }

    private static final Type HISTOGRAM_SPEC = Type.getType(org.jstap.runtime.stat.HistogramSpec.class);

    private static void pushHistogram(GeneratorAdapter gen, org.jstap.runtime.stat.HistogramSpec h) {
        switch (h.kind()) {
            case NONE -> gen.getStatic(HISTOGRAM_SPEC, "NONE", HISTOGRAM_SPEC);
            case LOG -> gen.getStatic(HISTOGRAM_SPEC, "LOG", HISTOGRAM_SPEC);
            case LINEAR -> {
                gen.push(h.start());
                gen.push(h.stop());
                gen.push(h.interval());
                gen.invokeStatic(HISTOGRAM_SPEC, Method.getMethod(HISTOGRAM_SPEC.getClassName()
                        + " linear(long,long,long)"));
            }
        }
    }

    static String specField(int index) {
        return "format_" + index;
    }

    private byte[] emitClass() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V21, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, owner, null,
                "java/lang/Object", new String[] {Type.getInternalName(CompiledScript.class)});
        cw.visitSource(program.sourceName(), null);
        for (Global g : program.globals()) {
            cw.visitField(Opcodes.ACC_STATIC, g.field(), fieldType(g).getDescriptor(), null, null).visitEnd();
        }
        constructor(cw);
        register(cw);
        probeSites(cw);
        for (IrProgram.Function f : program.functions()) {
            function(cw, f);
        }
        for (IrProgram.Probe p : program.probes()) {
            probe(cw, p);
        }
        // format specs are collected while emitting bodies, so their fields come last
        for (int i = 0; i < specs.size(); i++) {
            cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_PRIVATE, specField(i),
                    FORMAT_SPEC.getDescriptor(), null, null).visitEnd();
        }
        staticInit(cw);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private void constructor(ClassWriter cw) {
        Method init = Method.getMethod("void <init>()");
        GeneratorAdapter gen = new GeneratorAdapter(Opcodes.ACC_PUBLIC, init, null, null, cw);
        gen.loadThis();
        gen.invokeConstructor(Type.getType(Object.class), init);
        gen.returnValue();
        gen.endMethod();
    }

    private void register(ClassWriter cw) {
        Method m = new Method("register", Type.VOID_TYPE, new Type[] {REGISTRY});
        GeneratorAdapter gen = new GeneratorAdapter(Opcodes.ACC_PUBLIC, m, null, null, cw);
        Type self = Type.getObjectType(owner);
        for (Global g : program.globals()) {
            IrExpr init = g.init();
            if (g.isArray()) {
                gen.newInstance(ExprEmitter.MAP);
                gen.dup();
                gen.push(g.name());
                gen.push(g.arity());
                if (g.maxEntries() > 0) {
                    gen.push(g.maxEntries());
                } else {
                    gen.loadArg(0);
                    gen.invokeInterface(REGISTRY, Method.getMethod("int maxMapEntries()"));
                }
                gen.push(g.wrap());
                gen.push(g.type() == IrType.STRING);
                pushHistogram(gen, g.histogram());
                gen.push(g.shift());
                gen.invokeConstructor(ExprEmitter.MAP, new Method("<init>", Type.VOID_TYPE, new Type[] {
                        Type.getType(String.class), Type.INT_TYPE, Type.INT_TYPE, Type.BOOLEAN_TYPE, Type.BOOLEAN_TYPE,
                        HISTOGRAM_SPEC, Type.INT_TYPE}));
                gen.putStatic(self, g.field(), ExprEmitter.MAP);
                continue;
            }
            if (g.type() == IrType.STAT) {
                gen.newInstance(ExprEmitter.STAT);
                gen.dup();
                pushHistogram(gen, g.histogram());
                gen.push(g.shift());
                gen.invokeConstructor(ExprEmitter.STAT, new Method("<init>", Type.VOID_TYPE, new Type[] {
                        HISTOGRAM_SPEC, Type.INT_TYPE}));
                gen.putStatic(self, g.field(), ExprEmitter.STAT);
                continue;
            }
            if (g.type() == IrType.STRING) {
                gen.push(init instanceof IrExpr.StringConst s ? s.value() : "");
            } else {
                gen.push(init instanceof IrExpr.LongConst c ? c.value() : 0L);
            }
            gen.putStatic(self, g.field(), MethodScope.jvmType(g.type()));
        }
        for (IrProgram.Probe p : program.probes()) {
            if (p.entryOf() != null) {
                // an @entry saver runs only as its return probe's entry handler
                continue;
            }
            for (ResolvedPoint point : p.points()) {
                if (point instanceof ResolvedPoint.Never) {
                    continue;
                }
                gen.loadArg(0);
                if (p.entryMethod() != null && point instanceof ResolvedPoint.KernelFunction f) {
                    kretprobeWithEntry(gen, p, f, program);
                    continue;
                }
                String kind;
                switch (point) {
                    case ResolvedPoint.Begin b -> {
                        kind = "begin";
                        gen.push(b.sequence());
                    }
                    case ResolvedPoint.End e -> {
                        kind = "end";
                        gen.push(e.sequence());
                    }
                    case ResolvedPoint.Error e -> {
                        kind = "error";
                        gen.push(e.sequence());
                    }
                    case ResolvedPoint.Timer t -> {
                        kind = "timer";
                        gen.push(t.intervalNs());
                        gen.push(t.randomizeNs());
                    }
                    case ResolvedPoint.Never n -> throw new IllegalStateException();
                    case ResolvedPoint.KernelFunction f -> {
                        kind = "kprobe";
                        gen.push(f.function());
                        gen.push(f.isReturn());
                        gen.push(LocalCollector.readsTargets(p.body()));
                        gen.push(f.maxActive());
                    }
                    case ResolvedPoint.Tracepoint tp -> {
                        kind = "tracepoint";
                        gen.push(tp.name());
                    }
                    case ResolvedPoint.Profile pr -> kind = "profile";
                    case ResolvedPoint.Process pr -> {
                        kind = "process";
                        gen.push(pr.thread());
                        gen.push(pr.isEnd());
                    }
                }
                gen.push(point.text());
                pushHandler(gen, p.method());
                Type[] args = switch (point) {
                    case ResolvedPoint.Timer t -> new Type[] {Type.LONG_TYPE, Type.LONG_TYPE, Type.getType(String.class),
                        HANDLER};
                    case ResolvedPoint.KernelFunction f -> new Type[] {Type.getType(String.class), Type.BOOLEAN_TYPE,
                        Type.BOOLEAN_TYPE, Type.INT_TYPE, Type.getType(String.class), HANDLER};
                    case ResolvedPoint.Tracepoint tp -> new Type[] {Type.getType(String.class),
                        Type.getType(String.class), HANDLER};
                    case ResolvedPoint.Profile pr -> new Type[] {Type.getType(String.class), HANDLER};
                    case ResolvedPoint.Process pr -> new Type[] {Type.BOOLEAN_TYPE, Type.BOOLEAN_TYPE,
                        Type.getType(String.class), HANDLER};
                    default -> new Type[] {Type.LONG_TYPE, Type.getType(String.class), HANDLER};
                };
                gen.invokeInterface(REGISTRY, new Method(kind, Type.VOID_TYPE, args));
            }
        }
        gen.returnValue();
        gen.endMethod();
    }

    /**
     * {@code String[] probeSites()}: location and derivation of each probe in the order
     * {@code register} registers them (the loop below mirrors register's), for -t's report.
     */
    private void probeSites(ClassWriter cw) {
        List<String> sites = new java.util.ArrayList<>();
        for (IrProgram.Probe p : program.probes()) {
            if (p.entryOf() != null) {
                continue;
            }
            for (int i = 0; i < p.points().size(); i++) {
                if (p.points().get(i) instanceof ResolvedPoint.Never) {
                    continue;
                }
                sites.add(p.at() == org.jstap.lang.ast.Span.NONE ? "" : p.at().location());
                sites.add(i < p.derivations().size() ? p.derivations().get(i) : "");
            }
        }
        Type strings = Type.getType(String[].class);
        Method m = new Method("probeSites", strings, new Type[0]);
        GeneratorAdapter gen = new GeneratorAdapter(Opcodes.ACC_PUBLIC, m, null, null, cw);
        gen.push(sites.size());
        gen.newArray(Type.getType(String.class));
        for (int i = 0; i < sites.size(); i++) {
            gen.dup();
            gen.push(i);
            gen.push(sites.get(i));
            gen.arrayStore(Type.getType(String.class));
        }
        gen.returnValue();
        gen.endMethod();
    }

    /**
     * {@code registry.kretprobe(symbol, readsArgs, entryValues, entryReadsArgs, entry, point,
     * handler)}: a return probe whose @entry values its synthesised entry probe saves per call.
     */
    private void kretprobeWithEntry(GeneratorAdapter gen, IrProgram.Probe p, ResolvedPoint.KernelFunction f,
                                    IrProgram program) {
        IrProgram.Probe entry = program.probes().stream().filter(e -> e.method().equals(p.entryMethod()))
                .findFirst().orElseThrow();
        gen.push(f.function());
        gen.push(LocalCollector.readsTargets(p.body()));
        gen.push(f.maxActive());
        gen.push(p.entryValues());
        gen.push(LocalCollector.readsTargets(entry.body()));
        for (IrProgram.Probe h : List.of(entry, p)) {
            if (h == p) {
                gen.push(f.text());
            }
            pushHandler(gen, h.method());
        }
        gen.invokeInterface(REGISTRY, new Method("kretprobe", Type.VOID_TYPE, new Type[] {Type.getType(String.class),
            Type.BOOLEAN_TYPE, Type.INT_TYPE, Type.INT_TYPE, Type.BOOLEAN_TYPE, HANDLER, Type.getType(String.class),
            HANDLER}));
    }

    /**
     * A {@link MethodProbe} of the probe method {@code name}: a method handle constant, so a
     * module spins no class per probe.
     */
    private void pushHandler(GeneratorAdapter gen, String name) {
        gen.newInstance(METHOD_PROBE);
        gen.dup();
        gen.push(new Handle(Opcodes.H_INVOKESTATIC, owner, name, Type.getMethodDescriptor(Type.VOID_TYPE, CONTEXT),
                false));
        gen.invokeConstructor(METHOD_PROBE, new Method("<init>", Type.VOID_TYPE,
                new Type[] {Type.getType(java.lang.invoke.MethodHandle.class)}));
    }

    private void probe(ClassWriter cw, IrProgram.Probe p) {
        Method m = new Method(p.method(), Type.VOID_TYPE, new Type[] {CONTEXT});
        GeneratorAdapter gen = new GeneratorAdapter(Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE, m, null, null, cw);
        MethodScope scope = new MethodScope(gen, owner, true, IrType.VOID);
        LocalCollector.of(p.body()).forEach(scope::declare);
        StmtEmitter stmts = new StmtEmitter(scope, new ExprEmitter(scope, specs));
        stmts.emit(p.body());
        gen.returnValue();
        gen.endMethod();
    }

    private void function(ClassWriter cw, IrProgram.Function f) {
        List<Type> params = new ArrayList<>();
        params.add(CONTEXT);
        f.params().forEach(l -> params.add(MethodScope.jvmType(l.type())));
        Method m = new Method(f.method(), MethodScope.jvmType(f.returns()), params.toArray(new Type[0]));
        GeneratorAdapter gen = new GeneratorAdapter(Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE, m, null, null, cw);
        MethodScope scope = new MethodScope(gen, owner, false, f.returns());
        for (int i = 0; i < f.params().size(); i++) {
            scope.bindParameter(f.params().get(i), i + 1);
        }
        LocalCollector.of(f.body()).forEach(scope::declare);
        gen.loadArg(0);
        gen.push("identifier '" + f.name() + "' at " + f.at().location());
        gen.invokeVirtual(CONTEXT, Method.getMethod("void enter(String)"));
        StmtEmitter stmts = new StmtEmitter(scope, new ExprEmitter(scope, specs));
        stmts.emit(f.body());
        stmts.leaveFunction();
        stmts.pushDefault();
        gen.returnValue();
        gen.endMethod();
    }

    private void staticInit(ClassWriter cw) {
        if (specs.isEmpty()) {
            return;
        }
        Method clinit = Method.getMethod("void <clinit>()");
        GeneratorAdapter gen = new GeneratorAdapter(Opcodes.ACC_STATIC, clinit, null, null, cw);
        for (int i = 0; i < specs.size(); i++) {
            FormatSpec s = specs.get(i);
            gen.newInstance(FORMAT_SPEC);
            gen.dup();
            gen.push(s.left());
            gen.push(s.plus());
            gen.push(s.space());
            gen.push(s.alt());
            gen.push(s.zero());
            gen.push(s.width());
            gen.push(s.precision());
            gen.getStatic(CONVERSION, s.conversion().name(), CONVERSION);
            gen.invokeConstructor(FORMAT_SPEC, new Method("<init>", Type.VOID_TYPE, new Type[] {Type.BOOLEAN_TYPE,
                    Type.BOOLEAN_TYPE, Type.BOOLEAN_TYPE, Type.BOOLEAN_TYPE, Type.BOOLEAN_TYPE, Type.INT_TYPE,
                    Type.INT_TYPE, CONVERSION}));
            gen.putStatic(Type.getObjectType(owner), specField(i), FORMAT_SPEC);
        }
        gen.returnValue();
        gen.endMethod();
    }
}
