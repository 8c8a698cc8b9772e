package org.jstap.lang.elaborate;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.ProbePoint;
import org.jstap.lang.parse.Globs;
import org.jstap.sim.kernel.trace.Tracepoints;

/** {@code kernel.trace("PATTERN")}: the kernel's static tracepoints, with wildcards. */
public final class TracepointProbes implements ProbePointResolver.Provider {

    @Override
    public List<ResolvedPoint> resolve(ProbePoint point) {
        List<ProbePoint.Component> c = point.components();
        if (c.size() != 2 || !c.get(0).name().equals("kernel") || !c.get(1).name().equals("trace")
                || !(c.get(1).arg() instanceof Expr.StringLit pattern)) {
            return List.of();
        }
        List<ResolvedPoint> out = new ArrayList<>();
        for (Method event : Tracepoints.events()) {
            if (Globs.matches(pattern.raw(), event.getName())) {
                out.add(new ResolvedPoint.Tracepoint("kernel.trace(\"" + event.getName() + "\")", event.getName(),
                        event));
            }
        }
        return out;
    }

    @Override
    public boolean accepts(List<String> prefix, ProbePoint.Component c) {
        return ProbePointResolver.Provider.super.accepts(prefix, c)
                && (prefix.isEmpty() ? c.arg() == null : c.arg() instanceof Expr.StringLit);
    }

    @Override
    public List<String> names(List<String> prefix) {
        if (prefix.isEmpty()) {
            return List.of("kernel");
        }
        return prefix.equals(List.of("kernel")) ? List.of("trace") : List.of();
    }
}
