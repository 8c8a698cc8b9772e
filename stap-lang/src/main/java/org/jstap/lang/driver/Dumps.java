package org.jstap.lang.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jstap.lang.ast.Decl;
import org.jstap.lang.ast.ProbePoint;
import org.jstap.lang.ast.Script;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.elaborate.RuntimeFunction;
import org.jstap.lang.parse.ParsePass;
import org.jstap.lang.parse.TargetInfo;
import org.jstap.sim.Kernel;

/**
 * The {@code --dump-*} listings, in stap's layouts (main.cxx's printscript for the dump modes):
 * one entry a line, sorted, and names starting with {@code _} (tapset internals) only with
 * {@code -v}.
 */
final class Dumps {
    private Dumps() {}

    /**
     * {@code --dump-probe-types}: the probe point families the translator resolves, with
     * {@code (string)} and {@code (number)} for their parameters, as stap prints its match tree.
     * {@code ProbeTypesTest} checks that each one resolves, so the list cannot claim a family
     * that the providers do not know.
     */
    static final List<String> PROBE_TYPES = List.of(
            "begin", "begin(number)", "end", "end(number)", "error", "error(number)", "never",
            "kernel.function(string)", "kernel.function(string).call", "kernel.function(string).return",
            "kernel.function(string).return.maxactive(number)",
            "kprobe.function(string)", "kprobe.function(string).return",
            "kprobe.function(string).return.maxactive(number)",
            "kernel.trace(string)",
            "process.begin", "process.end", "process.thread.begin", "process.thread.end",
            "timer.hz(number)", "timer.jiffies(number)", "timer.jiffies(number).randomize(number)",
            "timer.ms(number)", "timer.ms(number).randomize(number)", "timer.msec(number)",
            "timer.msec(number).randomize(number)", "timer.ns(number)", "timer.ns(number).randomize(number)",
            "timer.nsec(number)", "timer.nsec(number).randomize(number)", "timer.profile",
            "timer.s(number)", "timer.s(number).randomize(number)", "timer.sec(number)",
            "timer.sec(number).randomize(number)", "timer.us(number)", "timer.us(number).randomize(number)",
            "timer.usec(number)", "timer.usec(number).randomize(number)");

    static List<String> probeTypes() {
        return List.copyOf(new TreeSet<>(PROBE_TYPES));
    }

    /** {@code --dump-probe-aliases}: each tapset alias as declared, {@code NAME = POINT, ...}. */
    static List<String> probeAliases(List<Script> library, boolean verbose) {
        TreeSet<String> lines = new TreeSet<>();
        for (Script s : library) {
            for (Decl d : s.decls()) {
                if (d instanceof Decl.ProbeAlias a) {
                    String names = String.join(",", a.names().stream().map(ProbePoint::text).toList());
                    if (!verbose && names.startsWith("_")) {
                        continue;
                    }
                    lines.add(names + (a.epilogue() ? " += " : " = ")
                            + String.join(", ", a.points().stream().map(Dumps::marked).toList()));
                }
            }
        }
        return List.copyOf(lines);
    }

    private static String marked(ProbePoint p) {
        return p.text() + (p.sufficient() ? "!" : p.optional() ? "?" : "");
    }

    /**
     * {@code --dump-functions}: {@code NAME:TYPE (ARG:TYPE, ...)} for every function a script can
     * call, the Java-implemented ones and the tapsets' script functions.
     */
    static List<String> functions(List<Script> library, boolean verbose) {
        TreeSet<String> lines = new TreeSet<>();
        for (String name : RuntimeFunction.names()) {
            if (!verbose && name.startsWith("_")) {
                continue;
            }
            for (var f : RuntimeFunction.named(name)) {
                java.lang.reflect.Parameter[] ps = f.method().getParameters();
                int skip = f.takesContext() ? 1 : 0;
                List<String> params = new ArrayList<>();
                for (int i = 0; i < f.params().size(); i++) {
                    params.add(ps[i + skip].getName() + ":" + f.params().get(i).text);
                }
                lines.add(name + ":" + f.returns().text + " (" + String.join(", ", params) + ")");
            }
        }
        for (Script s : library) {
            for (Decl d : s.decls()) {
                if (d instanceof Decl.Function f && (verbose || !f.name().startsWith("_"))) {
                    List<String> params = f.params().stream()
                            .map(p -> p.name() + ":" + (p.type() == null ? "unknown" : p.type().text)).toList();
                    lines.add(f.name() + ":" + (f.returnType() == null ? "unknown" : f.returnType().text) + " ("
                            + String.join(", ", params) + ")");
                }
            }
        }
        return List.copyOf(lines);
    }

    /** The tapset library, parsed (its own diagnostics were the tapsets' tests' business). */
    static List<Script> library() throws java.io.IOException {
        TargetInfo target = new TargetInfo(Kernel.RELEASE, "riscv", java.util.Map.of(), false, List.of());
        List<Script> library = new ArrayList<>();
        for (SourceFile f : TapsetLibrary.load(List.of())) {
            library.add(ParsePass.parse(f, target, java.util.Map.of()).script());
        }
        return library;
    }
}
