package org.jstap.sim.kernel.kprobes;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.AdviceAdapter;

/**
 * Rewrites one kernel class: each probed method calls {@link KprobeHooks#enter} first and
 * {@link KprobeHooks#leave} before each normal return. Methods without probes are copied as they
 * are, so an unprobed function carries no inserted code.
 */
final class KprobeTransformer implements ClassFileTransformer {
    private final String internalName;
    /** Method name + descriptor -> kallsyms index, for the methods to instrument. */
    private final Map<String, Integer> probed;
    /** The symbols whose probes read arguments or the return value. */
    private final java.util.Set<Integer> withArgs;
    /** Set when rewriting failed: the JVM ignores a transformer's exceptions, so it is kept here. */
    volatile Throwable failure;

    KprobeTransformer(String internalName, Map<String, Integer> probed, java.util.Set<Integer> withArgs) {
        this.internalName = internalName;
        this.probed = probed;
        this.withArgs = withArgs;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] original) {
        if (!internalName.equals(className) || probed.isEmpty()) {
            // no probes left: the class goes back to its original bytes
            return null;
        }
        try {
            return instrument(original, probed, withArgs);
        } catch (RuntimeException | Error e) {
            failure = e;
            return null;
        }
    }

    static byte[] instrument(byte[] original, Map<String, Integer> probed) {
        return instrument(original, probed, new java.util.HashSet<>(probed.values()));
    }

    static byte[] instrument(byte[] original, Map<String, Integer> probed, java.util.Set<Integer> withArgs) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                Integer symbol = probed.get(name + descriptor);
                if (symbol == null) {
                    return mv;
                }
                org.objectweb.asm.Type hooks = org.objectweb.asm.Type.getType(KprobeHooks.class);
                org.objectweb.asm.Type returnType = org.objectweb.asm.Type.getReturnType(descriptor);
                boolean args = withArgs.contains(symbol);
                return new AdviceAdapter(Opcodes.ASM9, mv, access, name, descriptor) {
                    @Override
                    protected void onMethodEnter() {
                        push(symbol);
                        if (!args) {
                            invokeStatic(hooks, org.objectweb.asm.commons.Method.getMethod("void enter(int)"));
                            return;
                        }
                        loadArgArray();
                        invokeStatic(hooks, org.objectweb.asm.commons.Method.getMethod("void enter(int,Object[])"));
                    }

                    @Override
                    protected void onMethodExit(int opcode) {
                        if (opcode == ATHROW) {
                            return;
                        }
                        if (!args) {
                            push(symbol);
                            invokeStatic(hooks, org.objectweb.asm.commons.Method.getMethod("void leave(int)"));
                            return;
                        }
                        // the value being returned, boxed, for $return
                        if (returnType.getSort() == org.objectweb.asm.Type.VOID) {
                            visitInsn(ACONST_NULL);
                        } else {
                            if (returnType.getSize() == 2) {
                                dup2();
                            } else {
                                dup();
                            }
                            box(returnType);
                        }
                        push(symbol);
                        swap();
                        loadArgArray();
                        swap();
                        invokeStatic(hooks, org.objectweb.asm.commons.Method.getMethod(
                                "void leave(int,Object[],Object)"));
                    }
                };
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }
}
