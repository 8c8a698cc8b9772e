package org.jstap.lang.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.jstap.lang.GoldenCase;
import org.jstap.lang.ast.ScriptPrinter;
import org.jstap.sim.Kernel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Scripts with the parse tree Debian's {@code stap -p1} (4.8) printed for them ({@code NAME.p1}),
 * or a marker that stap rejects them ({@code NAME.fails}).
 */
class ParseGoldenTest {
    @TestFactory
    Stream<DynamicTest> p1_matchesStap() throws IOException {
        return GoldenCase.tests(Path.of("src/test/resources/golden/p1"), c -> {
            TargetInfo target = new TargetInfo(Kernel.RELEASE, "riscv", Map.of(), c.lines("opts").contains("-g"),
                    c.lines("args"));
            ParsePass.Result r = ParsePass.parse(c.source(), target, Map.of());
            if (Files.exists(c.companion("p1"))) {
                assertFalse(r.diagnostics().hasErrors(), () -> r.diagnostics().all().toString());
                assertEquals(c.read("p1"), ScriptPrinter.print(r.script()));
            } else {
                assertTrue(r.diagnostics().hasErrors() || r.script().decls().isEmpty(), "stap rejects " + c.script());
            }
        });
    }
}
