package org.jstap.lang.driver;

import org.jstap.lang.ast.ScriptPrinter;

import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.jstap.lang.elaborate.ElaboratedProbe;
import org.jstap.lang.elaborate.ElaboratedScript;
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
                out.append(global(v));
                var init = script.globalInits().get(v);
                if (init != null) {
                    out.append(" = ").append(ScriptPrinter.expression(init));
                }
                out.append('\n');
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
            for (String shown : p.shown()) {
                out.append(shown).append(" /* <- ").append(p.written()).append(" */\n");
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

    /** A global with its declared shape: {@code c[100]:long [long]}, {@code d%:long [string]}. */
    private static String global(Variable v) {
        StringBuilder name = new StringBuilder(v.name());
        if (v.wrap()) {
            name.append('%');
        }
        if (v.maxEntries() > 0) {
            name.append('[').append(v.maxEntries()).append(']');
        }
        return name + variable(v).substring(v.name().length());
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
