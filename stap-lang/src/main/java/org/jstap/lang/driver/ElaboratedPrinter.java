package org.jstap.lang.driver;

import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.jstap.lang.elaborate.ElaboratedProbe;
import org.jstap.lang.elaborate.ElaboratedScript;
import org.jstap.lang.elaborate.ResolvedPoint;
import org.jstap.lang.elaborate.ScriptFunction;
import org.jstap.lang.elaborate.Type;
import org.jstap.lang.elaborate.Variable;

/** Prints the elaborated script as {@code stap -p2} does: globals, functions and probes with types. */
public final class ElaboratedPrinter {
    private final StringBuilder out = new StringBuilder();

    private ElaboratedPrinter() {}

    public static String print(ElaboratedScript script) {
        ElaboratedPrinter p = new ElaboratedPrinter();
        p.script(script);
        return p.out.toString();
    }

    private void script(ElaboratedScript script) {
        if (!script.globals().isEmpty()) {
            out.append("# globals\n");
            for (Variable v : script.globals()) {
                out.append(variable(v)).append('\n');
            }
        }
        if (!script.functions().isEmpty()) {
            out.append("# functions\n");
            script.functions().stream().sorted(Comparator.comparing(ScriptFunction::name)).forEach(f -> {
                out.append(f.name()).append(':').append(f.returns().text).append(" (")
                        .append(f.params().stream().map(ElaboratedPrinter::variable).collect(Collectors.joining(", ")))
                        .append(")\n");
                locals(f.locals(), true);
            });
        }
        out.append("# probes\n");
        for (ElaboratedProbe p : script.probes()) {
            for (ResolvedPoint point : p.points()) {
                out.append(point.text()).append(" /* <- ").append(p.written()).append(" */\n");
                locals(p.locals(), false);
            }
        }
    }

    private void locals(Map<String, Variable> locals, boolean skipParams) {
        var shown = locals.values().stream()
                .filter(v -> !skipParams || v.kind() != Variable.Kind.PARAM).toList();
        if (shown.isEmpty()) {
            return;
        }
        out.append("  # locals\n");
        for (Variable v : shown) {
            out.append("  ").append(variable(v)).append('\n');
        }
    }

    static String variable(Variable v) {
        StringBuilder s = new StringBuilder(v.name()).append(':').append(v.type().text);
        if (v.isArray()) {
            s.append(" [");
            Type[] keys = v.keyTypes();
            for (int i = 0; i < keys.length; i++) {
                if (i > 0) {
                    s.append(", ");
                }
                s.append(keys[i].text);
            }
            s.append(']');
        }
        return s.toString();
    }
}
