package org.jstap.lang.driver;

import org.jstap.lang.ast.ScriptPrinter;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jstap.lang.diag.DiagnosticRenderer;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.elaborate.CoreProbes;
import org.jstap.lang.elaborate.Elaborator;
import org.jstap.lang.parse.ParsePass;
import org.jstap.lang.parse.TargetInfo;
import org.jstap.sim.Kernel;

/** Whatever the input, passes 1 and 2 answer with diagnostics, never with an exception. */
class NoInternalErrorsTest {
    private static final TargetInfo TARGET = new TargetInfo(Kernel.RELEASE, "riscv", Map.of(), false,
            List.of("arg1", "2"));
    private static final List<String> TOKENS = List.of("probe", "begin", "end", "global", "function", "if", "else",
            "while", "for", "foreach", "in", "limit", "return", "delete", "break", "continue", "next", "try",
            "catch", "{", "}", "(", ")", "[", "]", ";", ",", ".", "=", "+=", "<<<", "?", ":", "||", "&&", "|", "^",
            "&", "==", "<", ">>>", "+", "-", "*", "/", "%", "!", "~", "++", "--", "=~", "x", "y", "a", "f", "1",
            "0x1f", "\"s\"", "$1", "@1", "$#", "$x", "$$parms", "->", "@count", "@hist_log", "@defined", "@entry",
            "@cast", "%(", "%?", "%:", "%)", "kernel_v", "arch", "@define", "@m", "#c\n", "/*", "*/", "printf",
            "println", "\"%d\"", "exit", "log", "private", "long", "string", "%{", "%}");

    @Property(tries = 2000)
    void randomTokens_giveDiagnosticsOnly(@ForAll("tokenSoup") String source) {
        translate(source);
    }

    @Property(tries = 1000)
    void randomText_givesDiagnosticsOnly(@ForAll("text") String source) {
        translate(source);
    }

    @Property(tries = 1000)
    void mutatedValidScript_givesDiagnosticsOnly(@ForAll("mutated") String source) {
        translate(source);
    }

    private static void translate(String source) {
        SourceFile file = new SourceFile("<input>", source);
        ParsePass.Result parsed = ParsePass.parse(file, TARGET, Map.of());
        DiagnosticRenderer renderer = new DiagnosticRenderer();
        parsed.diagnostics().all().forEach(renderer::render);
        if (!parsed.diagnostics().hasErrors()) {
            Elaborator.Result r = Elaborator.elaborate(parsed.script(), List.of(), new CoreProbes());
            r.diagnostics().all().forEach(renderer::render);
            ScriptPrinter.print(parsed.script());
            if (!r.diagnostics().hasErrors()) {
                ElaboratedPrinter.print(r.script());
            }
        }
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(40).map(l -> String.join(" ", l));
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('\0', '\u00ff').ofMaxLength(80);
    }

    @Provide
    Arbitrary<String> mutated() {
        String valid = "global a[10], s; function f(x) { return x + 1 } probe begin { s <<< 1; a[1] = f(2); "
                + "foreach ([k] in a- limit 3) printf(\"%d %s\\n\", k, sprint(a[k])); if (1 in a) delete a[1]; "
                + "try { error(\"e\") } catch (m) { log(m) } exit() } probe end { print(@count(s)) }";
        return Arbitraries.integers().between(0, valid.length() - 1).list().ofMinSize(1).ofMaxSize(4)
                .flatMap(cuts -> Arbitraries.of(TOKENS).list().ofSize(cuts.size()).map(inserts -> {
                    StringBuilder s = new StringBuilder(valid);
                    for (int i = 0; i < cuts.size(); i++) {
                        int at = Math.min(cuts.get(i), s.length());
                        int end = Math.min(s.length(), at + (i % 3));
                        s.replace(at, end, " " + inserts.get(i) + " ");
                    }
                    return s.toString();
                }));
    }
}
