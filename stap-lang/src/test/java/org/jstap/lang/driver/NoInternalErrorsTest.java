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

    @Property(tries = 5000)
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
                // passes 3-4 too: lowering either reports or yields a class that verifies
                org.jstap.lang.diag.Diagnostics d = new org.jstap.lang.diag.Diagnostics();
                var program = org.jstap.lang.translate.Lowering.lower(r.script(), "stap_fuzz", "<input>", d);
                if (!d.hasErrors()) {
                    byte[] classFile = org.jstap.lang.translate.ModuleEmitter.emit(program);
                    org.jstap.lang.build.ModuleJar.verify(classFile, NoInternalErrorsTest.class.getClassLoader());
                    org.jstap.lang.build.AllowList.check(classFile);
                }
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

    @Property(tries = 300)
    void generatedPrograms_compileToVerifiedClasses(@ForAll("programs") String source) {
        translate(source);
    }

    /** Small well-formed programs mixing the constructs, to drive passes 3-4. */
    @Provide
    Arbitrary<String> programs() {
        Arbitrary<String> stmt = Arbitraries.of(
                "a[k] = n", "a[k]++", "n += a[k]", "s <<< n", "if (k in a) delete a[k]", "delete a",
                "foreach ([x] in a- limit 2) n += x", "foreach (v = [x] in a) t = t . sprint(v)",
                "try { n = n / (n - n) } catch (m) { t = m }", "t = sprintf(\"%d %s %5x\", n, t, n)",
                "printf(\"%s\\n\", t)", "print(@hist_log(s))", "n = @count(s) + @sum(s)",
                "if (@count(s)) n = @min(s) + @max(s) + @avg(s)", "while (n < 10) n++",
                "for (i = 0; i < 3; i++) { if (i == 1) continue; n -= i }", "n = f(n, t)", "t = g(t)",
                "if (t =~ \"a(b)\") t = matched(1)", "n = n > 3 ? n << 2 : n >>> 1", "k = t . \"x\"",
                "foreach (b in @hist_linear(s, 0, 100, 10)) n += b", "n = strlen(t) + isinstr(t, \"a\")");
        return stmt.list().ofMinSize(1).ofMaxSize(8).map(body -> "global a, s, n, t, k\n"
                + "function f(x, y) { return x + strlen(y) }\nfunction g:string(z:string) { return z . \"!\" }\n"
                + "probe begin { k = \"key\"; " + String.join("; ", body) + "; exit() }\n"
                + "probe end { println(n, t) }\n");
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
