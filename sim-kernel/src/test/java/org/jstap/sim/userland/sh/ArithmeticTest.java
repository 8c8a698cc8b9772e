package org.jstap.sim.userland.sh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** $((...)): C's operators and precedence on longs. */
class ArithmeticTest {
    private static long eval(String e) {
        return Arithmetic.eval(e, Map.of("x", "6", "empty", "")::get);
    }

    @Test
    void operators_withCsPrecedence() {
        assertEquals(14, eval("2*(3+4)"));
        assertEquals(11, eval("1 + 2 * 5"));
        assertEquals(3, eval("7/2"));
        assertEquals(-1, eval("-7%3 + 0"));
        assertEquals(1, eval("1 < 2 && 3"));
        assertEquals(24, eval("0x10 + 010"));
        assertEquals(7, eval("x + 1"));
        assertEquals(0, eval("empty + unset"));
        assertEquals(5, eval("x > 3 ? 5 : 9"));
        assertEquals(1, eval("!0"));
        assertEquals(-7, eval("~6"));
        assertEquals(12, eval("3 << 2"));
        assertEquals(1, eval("x == 6"));
        assertEquals(0, eval(""));
    }

    @Test
    void errors_asDashWordsThem() {
        assertEquals("arithmetic expression: division by zero: \"1/0\"",
                assertThrows(Arithmetic.Error.class, () -> eval("1/0")).getMessage());
        assertEquals("arithmetic expression: expecting primary: \"1+\"",
                assertThrows(Arithmetic.Error.class, () -> eval("1+")).getMessage());
    }

    @Property
    void sumsAndProducts_matchJava(@ForAll @IntRange(min = -1000, max = 1000) int a,
            @ForAll @IntRange(min = -1000, max = 1000) int b, @ForAll @IntRange(min = 1, max = 50) int c) {
        assertEquals((long) a + b * c - a / c, Arithmetic.eval(a + " + " + b + " * " + c + " - (" + a + ") / " + c,
                n -> null));
    }
}
