package org.jstap.lang.elaborate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jstap.lang.ast.Expr;
import org.jstap.lang.ast.ProbePoint;
import org.jstap.lang.parse.Globs;
import org.jstap.sim.kernel.Kallsyms;

/**
 * {@code kernel.function("PATTERN[@FILE[:LINE]]")[.call|.return|.inline]}, the dwarfless
 * {@code kprobe.function("PATTERN")[.call|.return]}, either's {@code .return.maxactive(N)} (at
 * most N calls in flight at once, else the return is missed), and their {@code module("NAME")} and
 * {@code kprobe.module("NAME")} forms, resolved against the kernel's symbol table: wildcards
 * ({@code * ? [...]}) in the name and the file, as stap matches DWARF function names.
 * {@code .call} keeps functions that are not inlined, which here is all of them; {@code .inline}
 * is accepted and never matches, since the simulated kernel inlines nothing.
 *
 * <p>The only loadable modules of the simulated kernel are the scripts' own (stap_*), which
 * hold no kernel functions; so a {@code module(...)} point resolves to nothing, and stap's "no
 * match" follows unless the point is optional.
 */
public final class KernelProbes implements ProbePointResolver.Provider {

    @Override
    public List<ResolvedPoint> resolve(ProbePoint point) {
        List<ProbePoint.Component> c = point.components();
        if (c.isEmpty()) {
            return List.of();
        }
        boolean dwarfless = c.get(0).name().equals("kprobe");
        int at = dwarfless ? 1 : 0;
        boolean module = c.size() > at && c.get(at).name().equals("module")
                && c.get(at).arg() instanceof Expr.StringLit;
        if (!dwarfless && !module && !c.get(0).name().equals("kernel")) {
            return List.of();
        }
        int fn = dwarfless && !module ? 1 : module ? at + 1 : 1;
        int maxActive = 0;
        if (c.size() == fn + 3) {
            // .return.maxactive(N): the only component that may follow .return
            if (!c.get(fn + 1).name().equals("return") || !c.get(fn + 2).name().equals("maxactive")
                    || !(c.get(fn + 2).arg() instanceof Expr.NumberLit n) || n.value() <= 0
                    || n.value() > Integer.MAX_VALUE) {
                return List.of();
            }
            maxActive = (int) n.value();
        } else if (c.size() <= fn || c.size() > fn + 2) {
            return List.of();
        }
        if (!c.get(fn).name().equals("function") || !(c.get(fn).arg() instanceof Expr.StringLit pattern)) {
            return List.of();
        }
        String suffix = c.size() >= fn + 2 ? c.get(fn + 1).name() : "";
        String maxText = maxActive > 0 ? ".maxactive(" + maxActive + ")" : "";
        if (!suffix.isEmpty() && !suffix.equals("call") && !suffix.equals("return")
                && !(suffix.equals("inline") && !dwarfless)) {
            return List.of();
        }
        if (suffix.equals("inline") || module || !suffix.isEmpty() && c.get(fn + 1).arg() != null) {
            return List.of();
        }
        String spec = pattern.raw();
        int sep = spec.indexOf('@');
        String name = sep < 0 ? spec : spec.substring(0, sep);
        String file = sep < 0 ? "*" : spec.substring(sep + 1);
        int colon = file.indexOf(':');
        if (colon >= 0) {
            file = file.substring(0, colon);
        }
        Set<String> seen = new LinkedHashSet<>();
        List<ResolvedPoint> out = new ArrayList<>();
        for (Kallsyms.Symbol s : Kallsyms.symbols()) {
            if (Globs.matches(name, s.name()) && Globs.matches(file, s.file()) && seen.add(s.name() + "@" + s.file())) {
                // kprobe.function names the symbol only: no source file, as without debuginfo
                String text = dwarfless
                        ? "kprobe.function(\"" + s.name() + "\")" + (suffix.equals("return") ? ".return" : "")
                        : "kernel.function(\"" + s.name() + "@" + s.file() + "\")"
                        + (suffix.equals("return") ? ".return" : suffix.equals("call") ? ".call" : "");
                out.add(new ResolvedPoint.KernelFunction(text + maxText, s.name(), s.file(),
                        suffix.equals("return"), maxActive, s.method()));
            }
        }
        return out;
    }

    @Override
    public boolean accepts(List<String> prefix, ProbePoint.Component c) {
        if (!ProbePointResolver.Provider.super.accepts(prefix, c)) {
            return false;
        }
        boolean string = c.arg() instanceof Expr.StringLit;
        return switch (c.name()) {
            case "module", "function" -> string;
            case "maxactive" -> c.arg() instanceof Expr.NumberLit;
            default -> c.arg() == null;
        };
    }

    @Override
    public List<String> names(List<String> prefix) {
        if (prefix.isEmpty()) {
            return List.of("kernel", "kprobe", "module");
        }
        String last = prefix.get(prefix.size() - 1);
        if (prefix.equals(List.of("kprobe"))) {
            return List.of("function", "module");
        }
        if (prefix.equals(List.of("kernel")) || last.equals("module")) {
            return List.of("function");
        }
        if (last.equals("return") && prefix.size() >= 2 && prefix.get(prefix.size() - 2).equals("function")) {
            return List.of("maxactive");
        }
        if (last.equals("function")) {
            return prefix.get(0).equals("kprobe") ? List.of("call", "return") : List.of("call", "return", "inline");
        }
        return List.of();
    }
}
