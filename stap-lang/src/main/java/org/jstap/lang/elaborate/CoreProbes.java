package org.jstap.lang.elaborate;

import java.util.List;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.ProbePoint;

/** The probe families of the translator itself: {@code begin[(N)]}, {@code end[(N)]}, {@code error[(N)]}, {@code never}. */
public final class CoreProbes implements ProbePointResolver.Provider {

    /** The simulated kernel's tick rate, CONFIG_HZ. */
    public static final long HZ = 250;

    /** Nanoseconds per unit of each timer.UNIT(N) form; jiffies and hz depend on HZ. */
    private static final java.util.Map<String, Long> TIMER_UNITS = java.util.Map.of("s", 1_000_000_000L,
            "sec", 1_000_000_000L, "ms", 1_000_000L, "msec", 1_000_000L, "us", 1_000L, "usec", 1_000L, "ns", 1L,
            "nsec", 1L, "jiffies", 1_000_000_000L / HZ);

    @Override
    public List<ResolvedPoint> resolve(ProbePoint point) {
        if (!point.components().isEmpty() && point.components().get(0).name().equals("timer")) {
            return timer(point);
        }
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

    /** {@code timer.ms(N)[.randomize(M)]}, {@code timer.hz(N)}. */
    private static List<ResolvedPoint> timer(ProbePoint point) {
        List<ProbePoint.Component> c = point.components();
        if (c.size() == 2 && c.get(1).name().equals("profile") && c.get(1).arg() == null) {
            return List.of(new ResolvedPoint.Profile("timer.profile"));
        }
        if (c.size() < 2 || c.size() > 3 || !(c.get(1).arg() instanceof Expr.NumberLit n) || n.value() <= 0) {
            return List.of();
        }
        String unit = c.get(1).name();
        long interval;
        if (unit.equals("hz")) {
            interval = 1_000_000_000L / n.value();
        } else if (TIMER_UNITS.containsKey(unit)) {
            interval = n.value() * TIMER_UNITS.get(unit);
        } else {
            return List.of();
        }
        long randomize = 0;
        if (c.size() == 3) {
            if (!c.get(2).name().equals("randomize") || !(c.get(2).arg() instanceof Expr.NumberLit r) || unit.equals("hz")) {
                return List.of();
            }
            randomize = r.value() * (unit.equals("hz") ? 1 : TIMER_UNITS.get(unit));
        }
        return List.of(new ResolvedPoint.Timer(point.text(), interval, randomize));
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
    public boolean accepts(List<String> prefix, ProbePoint.Component c) {
        if (!ProbePointResolver.Provider.super.accepts(prefix, c)) {
            return false;
        }
        boolean none = c.arg() == null;
        boolean number = c.arg() instanceof Expr.NumberLit;
        if (prefix.isEmpty()) {
            return c.name().equals("never") || c.name().equals("timer") ? none : none || number;
        }
        return prefix.size() == 1 && c.name().equals("profile") ? none : number;
    }

    @Override
    public List<String> names(List<String> prefix) {
        if (prefix.isEmpty()) {
            return List.of("begin", "end", "error", "never", "timer");
        }
        if (prefix.equals(List.of("timer"))) {
            return List.of("s", "sec", "ms", "msec", "us", "usec", "ns", "nsec", "jiffies", "hz", "profile");
        }
        if (prefix.size() == 2 && prefix.get(0).equals("timer")) {
            return List.of("randomize");
        }
        return List.of();
    }
}
