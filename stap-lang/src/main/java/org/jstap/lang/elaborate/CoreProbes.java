package org.jstap.lang.elaborate;

import java.util.List;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.ProbePoint;

/** The probe families of the translator itself: {@code begin[(N)]}, {@code end[(N)]}, {@code error[(N)]}, {@code never}. */
public final class CoreProbes implements ProbePointResolver.Provider {

    @Override
    public List<ResolvedPoint> resolve(ProbePoint point) {
        if (point.components().size() != 1) {
            return List.of();
        }
        ProbePoint.Component c = point.components().get(0);
        String name = c.name();
        if (name.equals("never") && c.arg() == null) {
            return List.of(new ResolvedPoint.Never("never"));
        }
        long sequence = 0;
        if (c.arg() != null) {
            if (!(c.arg() instanceof Expr.NumberLit n)) {
                return List.of();
            }
            sequence = n.value();
        }
        String text = point.text();
        return switch (name) {
            case "begin" -> List.of(new ResolvedPoint.Begin(text, sequence));
            case "end" -> List.of(new ResolvedPoint.End(text, sequence));
            case "error" -> List.of(new ResolvedPoint.Error(text, sequence));
            default -> org.jstap.lang.parse.Globs.isGlob(name) ? globbed(name, text, sequence) : List.of();
        };
    }

    private static List<ResolvedPoint> globbed(String pattern, String text, long sequence) {
        java.util.ArrayList<ResolvedPoint> out = new java.util.ArrayList<>();
        if (org.jstap.lang.parse.Globs.matches(pattern, "begin")) {
            out.add(new ResolvedPoint.Begin(text.replace(pattern, "begin"), sequence));
        }
        if (org.jstap.lang.parse.Globs.matches(pattern, "end")) {
            out.add(new ResolvedPoint.End(text.replace(pattern, "end"), sequence));
        }
        if (org.jstap.lang.parse.Globs.matches(pattern, "error")) {
            out.add(new ResolvedPoint.Error(text.replace(pattern, "error"), sequence));
        }
        return out;
    }

    @Override
    public List<String> names() {
        return List.of("begin", "end", "error", "never");
    }
}
