package org.jstap.lang.ir;

/** A local variable or parameter of a probe or function body. Identity matters, not the name. */
public final class Local {
    private final String name;
    private final IrType type;

    public Local(String name, IrType type) {
        this.name = name;
        this.type = type;
    }

    public String name() {
        return name;
    }

    public IrType type() {
        return type;
    }

    @Override
    public String toString() {
        return name + ":" + type;
    }
}
