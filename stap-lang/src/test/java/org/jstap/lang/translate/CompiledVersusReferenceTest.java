package org.jstap.lang.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;

/**
 * Compiled code agrees with a small reference evaluator written here: random well-typed
 * expressions over longs and strings (64-bit wrap-around, C division, logical shift, short-circuit
 * logic, byte-order string comparison) print the value the evaluator computes.
 */
class CompiledVersusReferenceTest {

    /** An expression's source text and the value it must have. */
    record Gen(String source, Object value) {}

    @Property(tries = 150)
    void compiledExpression_equalsReferenceValue(@ForAll("longExpressions") Gen e) throws Exception {
        assertEquals(e.value() + "\n", run("probe begin { println(" + e.source() + ") exit() }"), e.source());
    }

    @Property(tries = 80)
    void compiledStringExpression_equalsReferenceValue(@ForAll("stringExpressions") Gen e) throws Exception {
        assertEquals(e.value() + "\n", run("probe begin { println(" + e.source() + ") exit() }"), e.source());
    }

    private static String run(String script) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Driver(out, new PrintStream(err, true, StandardCharsets.ISO_8859_1))
                .run(Options.of(new SourceFile("<input>", script), List.of()));
        assertEquals(0, status, () -> script + "\n" + err.toString(StandardCharsets.ISO_8859_1));
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Provide
    Arbitrary<Gen> longExpressions() {
        return Arbitraries.integers().between(0, 4).flatMap(this::longExpr);
    }

    @Provide
    Arbitrary<Gen> stringExpressions() {
        return Arbitraries.integers().between(0, 3).flatMap(this::stringExpr);
    }

    private Arbitrary<Gen> longLiteral() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-1000, 1000),
                Arbitraries.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE + 1, 1L << 40))
                .map(v -> new Gen(v < 0 ? "(" + v + ")" : Long.toString(v), v));
    }

    private Arbitrary<Gen> longExpr(int depth) {
        if (depth == 0) {
            return longLiteral();
        }
        Arbitrary<Gen> sub = longExpr(depth - 1);
        Arbitrary<Gen> str = stringExpr(Math.min(depth - 1, 1));
        return Arbitraries.oneOf(
                longLiteral(),
                Combinators.combine(sub, Arbitraries.of("+", "-", "*", "&", "|", "^"), sub).as((a, op, b) ->
                        new Gen("(" + a.source() + " " + op + " " + b.source() + ")", arith((long) a.value(), op,
                                (long) b.value()))),
                Combinators.combine(sub, Arbitraries.of("/", "%"), Arbitraries.longs().between(1, 50)).as((a, op, d) ->
                        new Gen("(" + a.source() + " " + op + " " + d + ")", op.equals("/") ? (long) a.value() / d
                                : (long) a.value() % d)),
                Combinators.combine(sub, Arbitraries.of("<<", ">>", ">>>"), Arbitraries.integers().between(0, 63))
                        .as((a, op, n) -> new Gen("(" + a.source() + " " + op + " " + n + ")", switch (op) {
                            case "<<" -> (long) a.value() << n;
                            case ">>" -> (long) a.value() >> n;
                            default -> (long) a.value() >>> n;
                        })),
                Combinators.combine(Arbitraries.of("-", "~", "!"), sub).as((op, a) ->
                        new Gen(op + "(" + a.source() + ")", switch (op) {
                            case "-" -> -(long) a.value();
                            case "~" -> ~(long) a.value();
                            default -> (long) a.value() == 0 ? 1L : 0L;
                        })),
                Combinators.combine(sub, Arbitraries.of("<", "<=", ">", ">=", "==", "!="), sub).as((a, op, b) ->
                        new Gen("(" + a.source() + " " + op + " " + b.source() + ")",
                                compare(Long.compare((long) a.value(), (long) b.value()), op))),
                Combinators.combine(sub, Arbitraries.of("&&", "||"), sub).as((a, op, b) ->
                        new Gen("(" + a.source() + " " + op + " " + b.source() + ")", op.equals("&&")
                                ? ((long) a.value() != 0 && (long) b.value() != 0 ? 1L : 0L)
                                : ((long) a.value() != 0 || (long) b.value() != 0 ? 1L : 0L))),
                Combinators.combine(sub, sub, sub).as((c, a, b) ->
                        new Gen("(" + c.source() + " ? " + a.source() + " : " + b.source() + ")",
                                (long) c.value() != 0 ? a.value() : b.value())),
                Combinators.combine(str, Arbitraries.of("<", "==", "!=", ">="), str).as((a, op, b) ->
                        new Gen("(" + a.source() + " " + op + " " + b.source() + ")",
                                compare(((String) a.value()).compareTo((String) b.value()), op))),
                str.map(s -> new Gen("strlen(" + s.source() + ")", (long) ((String) s.value()).length())));
    }

    private Arbitrary<Gen> stringExpr(int depth) {
        Arbitrary<Gen> literal = Arbitraries.strings().withCharRange('a', 'e').ofMaxLength(4)
                .map(s -> new Gen("\"" + s + "\"", s));
        if (depth == 0) {
            return literal;
        }
        Arbitrary<Gen> sub = stringExpr(depth - 1);
        return Arbitraries.oneOf(literal,
                Combinators.combine(sub, sub).as((a, b) -> new Gen("(" + a.source() + " . " + b.source() + ")",
                        (String) a.value() + b.value())),
                Combinators.combine(longExpr(0), sub, sub).as((c, a, b) ->
                        new Gen("(" + c.source() + " ? " + a.source() + " : " + b.source() + ")",
                                (long) c.value() != 0 ? a.value() : b.value())),
                Combinators.combine(sub, longExpr(0)).as((s, n) -> new Gen("sprint(" + s.source() + ", "
                        + n.source() + ")", (String) s.value() + n.value())));
    }

    private static long arith(long a, String op, long b) {
        return switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "&" -> a & b;
            case "|" -> a | b;
            default -> a ^ b;
        };
    }

    private static long compare(int c, String op) {
        boolean r = switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "==" -> c == 0;
            default -> c != 0;
        };
        return r ? 1 : 0;
    }
}
