package org.jstap.lang.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jstap.lang.GoldenCase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Scripts with what Debian's {@code stap -p2} (4.8) printed for them ({@code NAME.p2}): globals,
 * functions and probes with their inferred types.
 */
class ElaborateGoldenTest {
    @TestFactory
    Stream<DynamicTest> p2_matchesStap() throws IOException {
        return GoldenCase.tests(Path.of("src/test/resources/golden/p2"), c -> {
            GoldenCase.Run r = c.run(2);
            assertEquals(0, r.status(), r.err());
            assertEquals(c.read("p2"), r.out());
        });
    }
}
