package org.jstap.lang.translate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jstap.lang.ir.IrType;
import org.jstap.lang.ir.Local;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * What the statement and expression emitters share while filling one method: the adapter, the
 * JVM slots of script locals (from {@code newLocal}), the loop labels, and whether {@code next}
 * may simply return.
 */
final class MethodScope {
    final GeneratorAdapter gen;
    final String owner;
    final boolean isProbe;
    final IrType returns;
    private final Map<Local, Integer> slots = new IdentityHashMap<>();
    private final Deque<Label[]> loops = new ArrayDeque<>();

    MethodScope(GeneratorAdapter gen, String owner, boolean isProbe, IrType returns) {
        this.gen = gen;
        this.owner = owner;
        this.isProbe = isProbe;
        this.returns = returns;
    }

    void bindParameter(Local local, int argIndex) {
        // parameters live in argument slots; copy to a local so all locals are treated alike
        int slot = gen.newLocal(jvmType(local.type()));
        gen.loadArg(argIndex);
        gen.storeLocal(slot);
        slots.put(local, slot);
    }

    /** The slot of a local, allocating and zero-initialising it on first use. */
    int slot(Local local) {
        Integer slot = slots.get(local);
        if (slot == null) {
            throw new IllegalStateException("local used before declared: " + local);
        }
        return slot;
    }

    void declare(Local local) {
        if (slots.containsKey(local)) {
            return;
        }
        int slot = gen.newLocal(jvmType(local.type()));
        if (local.type() == IrType.STRING) {
            gen.push("");
        } else if (local.type() == IrType.LONG) {
            gen.push(0L);
        } else {
            throw new IllegalStateException("local of type " + local.type() + ": " + local);
        }
        gen.storeLocal(slot);
        slots.put(local, slot);
    }

    void enterLoop(Label breakTo, Label continueTo) {
        loops.push(new Label[] {breakTo, continueTo});
    }

    void exitLoop() {
        loops.pop();
    }

    Label breakLabel() {
        return loops.peek()[0];
    }

    Label continueLabel() {
        return loops.peek()[1];
    }

    static Type jvmType(IrType t) {
        return switch (t) {
            case LONG -> Type.LONG_TYPE;
            case STRING -> Type.getType(String.class);
            case VOID -> Type.VOID_TYPE;
            case STAT -> Type.getType(org.jstap.runtime.stat.Stat.class);
        };
    }
}
