package org.jstap.lang.elaborate;

import java.util.ArrayList;
import java.util.List;
import org.jstap.lang.ast.ProbePoint;

/** Several probe families as one provider: the first that resolves a point wins. */
public final class Providers implements ProbePointResolver.Provider {
    private final List<ProbePointResolver.Provider> providers;

    public Providers(List<ProbePointResolver.Provider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** Every family jstap knows: begin/end/error/never, timers, kernel functions, tracepoints. */
    public static Providers all() {
        return new Providers(List.of(new CoreProbes(), new KernelProbes(), new TracepointProbes(),
                new ProcessProbes()));
    }

    @Override
    public List<ResolvedPoint> resolve(ProbePoint point) {
        for (ProbePointResolver.Provider p : providers) {
            List<ResolvedPoint> found = p.resolve(point);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    @Override
    public boolean accepts(List<String> prefix, ProbePoint.Component c) {
        return providers.stream().anyMatch(p -> p.accepts(prefix, c));
    }

    @Override
    public List<String> names(List<String> prefix) {
        List<String> names = new ArrayList<>();
        providers.forEach(p -> names.addAll(p.names(prefix)));
        return names;
    }
}
