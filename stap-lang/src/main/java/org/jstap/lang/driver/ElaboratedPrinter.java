package org.jstap.lang.driver;

import org.jstap.lang.ast.ScriptPrinter;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jstap.lang.elaborate.ElaboratedProbe;
import org.jstap.lang.elaborate.ElaboratedScript;
import org.jstap.lang.elaborate.RuntimeFunction;
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
                out.append(global(v)).append('\n');
            }
        }
        // script functions and the runtime's, together in name order as stap lists its tapset functions
        java.util.TreeMap<String, Runnable> functions = new java.util.TreeMap<>();
        for (ScriptFunction f : script.functions()) {
            functions.put(f.name() + "/" + f.params().size(), () -> {
                out.append(f.name()).append(':').append(f.returns().text).append(" (")
                        .append(f.params().stream().map(ElaboratedPrinter::variable).collect(Collectors.joining(", ")))
                        .append(")\n");
                locals(f.locals(), true);
            });
        }
        for (RuntimeFunction r : script.runtimeFunctions()) {
            functions.put(r.name() + "/" + r.params().size(), () -> {
                java.lang.reflect.Parameter[] ps = r.method().getParameters();
                int skip = r.takesContext() ? 1 : 0;
                List<String> params = new java.util.ArrayList<>();
                for (int i = 0; i < r.params().size(); i++) {
                    params.add(ps[i + skip].getName() + ":" + r.params().get(i).text);
                }
                out.append(r.name()).append(':').append(r.returns().text).append(" (")
                        .append(String.join(", ", params)).append(")\n");
            });
        }
        if (!functions.isEmpty()) {
            out.append("# functions\n");
            functions.values().forEach(Runnable::run);
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
