package org.jstap.lang.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.ast.ScriptPrinter;
import org.jstap.sim.Kernel;

/**
 * Operator precedence and associativity: an expression written without parentheses, printed in
 * stap's fully parenthesised form and parsed again, gives the same tree (compared by printing).
 */
class PrintParseRoundTripTest {
    private static final TargetInfo TARGET = new TargetInfo(Kernel.RELEASE, "riscv", Map.of(), false, List.of());
    private static final List<String> BINARY = List.of("*", "/", "%", "+", "-", ".", "<<", ">>", ">>>", "<", "<=",
            ">", ">=", "==", "!=", "&", "^", "|", "&&", "||");
    private static final List<String> ASSIGN = List.of("=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=",
            "|=", ".=");

    @Property(tries = 500)
    void printedExpression_parsesToSameTree(@ForAll("expressions") String source) {
        String once = printed("probe begin { " + source + " }");
        String twice = printed(once.substring(once.indexOf("probe ")));
        assertEquals(once.substring(once.indexOf("probe ")), twice.substring(twice.indexOf("probe ")));
    }

    private static String printed(String script) {
        ParsePass.Result r = ParsePass.parse(new SourceFile("<input>", script), TARGET, Map.of());
        assertFalse(r.diagnostics().hasErrors(), () -> script + " -> " + r.diagnostics().all());
        return ScriptPrinter.print(r.script());
    }

    @Provide
    Arbitrary<String> expressions() {
        return Arbitraries.integers().between(0, 4).flatMap(this::expression);
    }

    private Arbitrary<String> expression(int depth) {
        Arbitrary<String> atom = Arbitraries.of("x", "y", "1", "42", "\"s\"", "a[1]", "f(2)", "x++", "--y");
        if (depth == 0) {
            return atom;
        }
        Arbitrary<String> sub = expression(depth - 1);
        return Arbitraries.oneOf(
                atom,
                Arbitraries.of("-", "!", "~").flatMap(op -> sub.map(e -> op + " " + e)),
                Arbitraries.of(BINARY).flatMap(op -> sub.flatMap(l -> sub.map(r -> l + " " + op + " " + r))),
                sub.flatMap(c -> sub.flatMap(t -> sub.map(o -> c + " ? " + t + " : " + o))),
                Arbitraries.of(ASSIGN).flatMap(op -> sub.map(v -> "z " + op + " " + v)),
                sub.map(e -> "(" + e + ")"),
                sub.map(e -> e + " in a"));
    }
}
