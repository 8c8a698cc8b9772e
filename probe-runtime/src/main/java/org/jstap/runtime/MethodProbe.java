package org.jstap.runtime;

import java.lang.invoke.MethodHandle;

/**
 * A probe body as the module's static method, {@code (Context)V}: what generated code hands the
 * session, made from a method handle constant so that loading a module with hundreds of probes
 * spins no class per probe (as a lambda would). A record, so the JIT trusts {@code body} as a
 * constant: where the handler itself is one (bound into a kprobe's call site), the body is
 * inlined into the probed kernel function.
 */
public record MethodProbe(MethodHandle body) implements ProbeHandler {
    @Override
    public void handle(Context c) {
        try {
            body.invokeExact(c);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            // probe bodies declare no checked exceptions; the compiler rejects any other
            throw new IllegalStateException(t);
        }
    }
}
