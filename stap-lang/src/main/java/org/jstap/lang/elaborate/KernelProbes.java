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
 * {@code kernel.function("PATTERN[@FILE]")[.call|.return|.inline]} and the dwarfless
 * {@code kprobe.function("PATTERN")[.return]}, resolved against the kernel's
 * symbol table: wildcards in the name and the file, as stap matches DWARF function names.
 * {@code .inline} is accepted and never matches (the simulated kernel inlines nothing).
 */
public final class KernelProbes implements ProbePointResolver.Provider {

    @Override
    public List<ResolvedPoint> resolve(ProbePoint point) {
        List<ProbePoint.Component> c = point.components();
        boolean dwarfless = !c.isEmpty() && c.get(0).name().equals("kprobe");
        if (c.size() < 2 || c.size() > 3 || !(c.get(0).name().equals("kernel") || dwarfless)
                || !c.get(1).name().equals("function") || !(c.get(1).arg() instanceof Expr.StringLit pattern)) {
            return List.of();
        }
        String suffix = c.size() == 3 ? c.get(2).name() : "";
        if (!suffix.isEmpty() && !suffix.equals("call") && !suffix.equals("return") && !suffix.equals("inline")) {
            return List.of();
        }
        if (suffix.equals("inline")) {
            return List.of();
        }
        String spec = pattern.raw();
        int at = spec.indexOf('@');
        String name = at < 0 ? spec : spec.substring(0, at);
        String file = at < 0 ? "*" : spec.substring(at + 1);
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
                out.add(new ResolvedPoint.KernelFunction(text, s.name(), s.file(), suffix.equals("return"),
                        s.method()));
            }
        }
        return out;
    }

    @Override
    public List<String> names(List<String> prefix) {
        if (prefix.isEmpty()) {
            return List.of("kernel", "kprobe");
        }
        if (prefix.equals(List.of("kernel")) || prefix.equals(List.of("kprobe"))) {
            return List.of("function");
        }
        if (prefix.size() == 2 && prefix.get(1).equals("function")) {
            return List.of("call", "return", "inline");
        }
        return List.of();
    }
}
