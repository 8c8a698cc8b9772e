package org.jstap.examples;

import java.nio.file.Path;
import org.jstap.junit.GoldenOutput;
import org.junit.jupiter.api.Test;

/**
 * The golden-output helper on an example script: open-snoop against a workload, compared with
 * {@code scripts/open-snoop-api.expected} ({@code -Djstap.regenerate=true} rewrites it). Unlike
 * {@code ExampleScriptsTest}, the command's own output is kept apart from the script's.
 */
class GoldenOutputTest {
    @Test
    void openSnoop_onCatAndLs_printsTheExpectedTable() {
        GoldenOutput.check(org.jstap.api.Script.file(Path.of("scripts/open-snoop.stp")),
                "cat /etc/hostname /nope 2> /dev/null; ls /tmp > /dev/null", Path.of("scripts/open-snoop-api.expected"));
    }
}
