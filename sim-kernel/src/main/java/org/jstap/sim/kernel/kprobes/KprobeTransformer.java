package org.jstap.sim.kernel.kprobes;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.AdviceAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Rewrites one kernel class: each probed method starts with the {@code invokedynamic} of its
 * {@link KprobeHooks} call site, and, when it has return probes, keeps what that site returns in
 * a new local and passes it to {@link KprobeHooks#kretprobe_trampoline} before each return (and to
 * {@link KprobeHooks#kretprobe_unwind} if the method ends by an exception). Methods without probes
 * are copied as they are, so an unprobed function carries no inserted code; with no probes at all
 * the class is not rewritten.
 */
final class KprobeTransformer implements ClassFileTransformer {
    /** How one method is instrumented: its kallsyms index, whether it has return probes, whether args are passed. */
    record Site(int symbol, boolean ret, boolean args) {}

    private static final Handle BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, Type.getInternalName(KprobeHooks.class),
            "bootstrap", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)"
            + "Ljava/lang/invoke/CallSite;", false);
    private static final Type HOOKS = Type.getType(KprobeHooks.class);
    private static final Type OBJECT = Type.getType(Object.class);

    private final String internalName;
    /** Method name + descriptor -> how to instrument it, for the methods to instrument. */
    private final Map<String, Site> probed;
    /** Set when rewriting failed: the JVM ignores a transformer's exceptions, so it is kept here. */
    volatile Throwable failure;
    /** The class file the JVM installed: the rewrite, or the original bytes it was given. */
    volatile byte[] installed;

    KprobeTransformer(String internalName, Map<String, Site> probed) {
        this.internalName = internalName;
        this.probed = probed;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] original) {
        if (!internalName.equals(className)) {
            return null;
        }
        if (probed.isEmpty()) {
            // no probes left: the class goes back to its original bytes
            installed = original;
            return null;
        }
        try {
            return installed = instrument(original, probed);
        } catch (RuntimeException | Error e) {
            failure = e;
            return null;
        }
    }

    static byte[] instrument(byte[] original, Map<String, Site> probed) {
        if (probed.isEmpty()) {
            // not even a round trip through ASM, which may reorder class attributes
            return original;
        }
        ClassReader reader = new ClassReader(original);
        String owner = reader.getClassName();
        // the probed methods are read with expanded frames, which their new local needs; the
        // others straight from the class file, so ASM copies their bytes as they are
        org.objectweb.asm.tree.ClassNode expanded = new org.objectweb.asm.tree.ClassNode();
        if (!probed.isEmpty()) {
            reader.accept(expanded, ClassReader.EXPAND_FRAMES);
        }
        // COMPUTE_MAXS only: the one frame added (at the unwind handler) is written by hand
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                Site site = probed.get(name + descriptor);
                if (site == null || name.startsWith("<") || (access & ACC_ABSTRACT_OR_NATIVE) != 0) {
                    return mv;
                }
                MethodVisitor adapter = site.ret() ? new ReturnAdapter(mv, access, name, descriptor, owner, site)
                        : new EntryAdapter(mv, access, name, descriptor, site);
                for (org.objectweb.asm.tree.MethodNode m : expanded.methods) {
                    if (m.name.equals(name) && m.desc.equals(descriptor)) {
                        m.accept(adapter);
                    }
                }
                // written from the expanded copy: the reader skips this method's compressed form
                return null;
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final int ACC_ABSTRACT_OR_NATIVE = Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE;

    /**
     * A method with entry probes only: {@code invokedynamic kprobe(recv[, args])V} first, nothing
     * else. Offers the receiver (null for a static function) and, if asked, the boxed arguments.
     */
    private static class EntryAdapter extends AdviceAdapter {
        final Site site;

        EntryAdapter(MethodVisitor mv, int access, String name, String descriptor, Site site) {
            super(Opcodes.ASM9, mv, access, name, descriptor);
            this.site = site;
        }

        /** Pushes the site's operands and links it; {@code returns} is the site's result type. */
        void callSite(String name, Type returns) {
            if ((methodAccess & ACC_STATIC) != 0) {
                visitInsn(ACONST_NULL);
            } else {
                loadThis();
            }
            List<Type> params = new ArrayList<>(List.of(OBJECT));
            if (site.args()) {
                loadArgArray();
                params.add(Type.getType(Object[].class));
            }
            invokeDynamic(name, Type.getMethodDescriptor(returns, params.toArray(Type[]::new)), BOOTSTRAP,
                    site.symbol());
        }

        @Override
        protected void onMethodEnter() {
            callSite("kprobe", Type.VOID_TYPE);
        }
    }

    /**
     * A method with return probes (and perhaps entry probes): the entry site returns the
     * kretprobe instances this call took, kept in a new local; each return hands them to the
     * trampoline with, if asked, the arguments and the boxed return value; an exception leaving
     * the method hands them to the unwind path and is rethrown.
     */
    private static final class ReturnAdapter extends EntryAdapter {
        private final String owner;
        private final Type returnType;
        private int token;
        private final Label start = new Label();

        ReturnAdapter(MethodVisitor mv, int access, String name, String descriptor, String owner, Site site) {
            super(mv, access, name, descriptor, site);
            this.owner = owner;
            this.returnType = Type.getReturnType(descriptor);
        }

        @Override
        protected void onMethodEnter() {
            callSite("kretprobe", OBJECT);
            // the first new local: it takes the slot right after the arguments
            token = newLocal(OBJECT);
            storeLocal(token);
            mark(start);
        }

        @Override
        protected void onMethodExit(int opcode) {
            if (opcode == ATHROW) {
                // the unwind handler below sees it
                return;
            }
            if (!site.args()) {
                loadLocal(token);
                invokeStatic(HOOKS, Method.getMethod("void kretprobe_trampoline(Object)"));
                return;
            }
            // the value being returned, boxed, for $return
            if (returnType.getSort() == Type.VOID) {
                visitInsn(ACONST_NULL);
            } else {
                if (returnType.getSize() == 2) {
                    dup2();
                } else {
                    dup();
                }
                valueOf(returnType);
            }
            loadLocal(token);
            swap();
            loadArgArray();
            swap();
            invokeStatic(HOOKS, Method.getMethod("void kretprobe_trampoline(Object,Object[],Object)"));
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            Label handler = new Label();
            mv.visitTryCatchBlock(start, handler, handler, null);
            mark(handler);
            // the frame at the handler: the arguments and the token, the exception on the stack
            List<Object> locals = new ArrayList<>();
            if ((methodAccess & ACC_STATIC) == 0) {
                locals.add(owner);
            }
            for (Type t : Type.getArgumentTypes(methodDesc)) {
                locals.add(switch (t.getSort()) {
                    case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
                    case Type.FLOAT -> Opcodes.FLOAT;
                    case Type.LONG -> Opcodes.LONG;
                    case Type.DOUBLE -> Opcodes.DOUBLE;
                    default -> t.getInternalName();
                });
            }
            locals.add(OBJECT.getInternalName());
            mv.visitFrame(Opcodes.F_NEW, locals.size(), locals.toArray(), 1, new Object[] {"java/lang/Throwable"});
            loadLocal(token);
            invokeStatic(HOOKS, Method.getMethod("void kretprobe_unwind(Object)"));
            throwException();
            super.visitMaxs(maxStack, maxLocals);
        }
    }
}
