package org.jstap.lang.build;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Pass 4 refuses a module that reaches past the runtime's API. */
class AllowListTest {

    @Test
    void check_rejectsFileSystemAccess() {
        AllowList.Violation v = assertThrows(AllowList.Violation.class,
                () -> AllowList.check(classCalling("java/io/File", "delete", "()Z")));
        assertTrue(v.getMessage().contains("java/io/File"), v.getMessage());
    }

    @Test
    void check_rejectsKernelInternals() {
        assertThrows(AllowList.Violation.class,
                () -> AllowList.check(classCalling("org/jstap/sim/Kernel", "relay", "()V")));
    }

    @Test
    void check_acceptsRuntimeApi() {
        assertDoesNotThrow(() -> AllowList.check(classCalling("org/jstap/runtime/Ops", "compare", "()V")));
    }

    private static byte[] classCalling(String owner, String name, String descriptor) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V21, Opcodes.ACC_PUBLIC, "stap_test", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "probe_0", "()V", null, null);
        mv.visitCode();
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, name, descriptor, false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
