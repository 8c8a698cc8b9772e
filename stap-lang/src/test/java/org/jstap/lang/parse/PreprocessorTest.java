package org.jstap.lang.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jstap.lang.ast.ScriptPrinter;
import org.jstap.lang.diag.DiagnosticRenderer;
import org.jstap.lang.diag.SourceFile;
import org.jstap.sim.Kernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conditions and macros decided against the simulated machine (riscv, 6.1.0-jstap, CONFIG_SMP=y). */
class PreprocessorTest {
    private static final TargetInfo TARGET = new TargetInfo(Kernel.RELEASE, "riscv", Map.of("CONFIG_SMP", "y",
            "CONFIG_HZ", "250"), false, List.of("7", "two words"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            %( kernel_v >= "6.0" %? 1 %: 2 %) => 1
            %( kernel_v < "6.1.1" %? 1 %: 2 %) => 1
            %( kernel_vr == "6.1.0-jstap" %? 1 %: 2 %) => 1
            %( kernel_v == "6.1.0" %? 1 %: 2 %) => 1
            %( arch == "riscv" %? 1 %: 2 %) => 1
            %( arch == "x86_64" %? 1 %: 2 %) => 2
            %( arch == "ri*" %? 1 %: 2 %) => 1
            %( arch != "x86_64" && arch != "i?86" %? 1 %: 2 %) => 1
            %( CONFIG_SMP == "y" %? 1 %: 2 %) => 1
            %( CONFIG_NOPE == "y" || CONFIG_SMP == "n" %? 1 %: 2 %) => 2
            %( CONFIG_HZ >= 100 %? 1 %: 2 %) => 1
            %( systemtap_v >= "4.0" %? 1 %: 2 %) => 1
            %( runtime == "kernel" %? 1 %: 2 %) => 1
            %( guru_mode == 0 %? 1 %: 2 %) => 1
            %( $# == 2 %? 1 %: 2 %) => 1
            %( 1 < 2 && "a" < "b" %? 1 %: 2 %) => 1
            %( arch == "riscv" %? %( kernel_v > "7" %? 1 %: 3 %) %: 2 %) => 3
            %( arch == "riscv" %? 1 %) => 1
            $1 => 7
            @2 => "two words"
            @# => "2"
            """)
    void condition_choosesBranch(String expression, String expected) {
        assertEquals("(x) = (" + expected + ");", body("probe begin { x = " + expression + " }"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            @define one %( 1 %) probe begin { x = @one } => (x) = (1);
            @define add(a, b) %( (@a + @b) %) probe begin { x = @add(1, 2 * 3) } => (x) = ((1) + ((2) * (3)));
            @define pick(c) %( %( @c == 1 %? "one" %: "other" %) %) probe begin { x = @pick(1) } => (x) = ("one");
            @define nested %( @one %) @define one %( 5 %) probe begin { x = @nested } => (x) = (5);
            """)
    void macro_expandsBeforeConditionals(String script, String expected) {
        assertEquals(expected, body(script));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            probe begin { x = $3 } => command line argument out of range [1-2]
            %( arch == "riscv" %? probe begin { } => incomplete conditional at end of file
            %( nonsense == 1 %? probe begin { } %) => expected 'arch', 'kernel_v'
            probe begin { x = @undefined_macro } => unknown operator @undefined_macro
            @define m(a) %( @a %) probe begin { x = @m(1, 2) } => invalid number of parameters for macro '@m'
            """)
    void badInput_givesParseError(String script, String message) {
        ParsePass.Result r = ParsePass.parse(new SourceFile("<input>", script), TARGET, Map.of());
        String text = new DiagnosticRenderer().render(r.diagnostics().all().get(0));
        assertTrue(text.startsWith("parse error: " + message), text);
    }

    private static String body(String script) {
        ParsePass.Result r = ParsePass.parse(new SourceFile("<input>", script), TARGET, Map.of());
        assertEquals(List.of(), r.diagnostics().all());
        String printed = ScriptPrinter.print(r.script());
        int open = printed.indexOf("{\n") + 2;
        return printed.substring(open, printed.indexOf('\n', open));
    }
}
