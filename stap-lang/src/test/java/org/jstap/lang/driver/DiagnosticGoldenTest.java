package org.jstap.lang.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jstap.lang.GoldenCase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A table of (script, exact diagnostic): each {@code NAME.stp} fails pass 1 or 2 with exactly the
 * text in {@code NAME.stderr}, which is what Debian's stap 4.8 printed for it ({@code stap -p2},
 * less its Debian-only Tip line).
 */
class DiagnosticGoldenTest {
    @TestFactory
    Stream<DynamicTest> diagnostics_matchStap() throws IOException {
        return GoldenCase.tests(Path.of("src/test/resources/golden/diagnostics"), c -> {
            GoldenCase.Run r = c.run(2);
            assertNotEquals(0, r.status());
            assertEquals(c.read("stderr"), r.err());
        });
    }
}
