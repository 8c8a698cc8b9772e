package org.jstap.lang.cli.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The -c table, in the layout strace 6.1 prints on the host (header, rules, widths, the total row). */
class SummaryTest {
    @Test
    void table_hasStracesColumnsAndOrder() {
        Summary s = new Summary("time");
        s.add("wait4", false, 3_153_000);
        s.add("wait4", true, 0);
        s.add("openat", true, 537_000);
        s.add("close", false, 298_000);
        var out = new ByteArrayOutputStream();
        s.print(new PrintStream(out, true, StandardCharsets.ISO_8859_1));
        // rows checked against `strace -c -f sh -c '...'` on the host: same columns and widths
        assertEquals("""
                % time     seconds  usecs/call     calls    errors syscall
                ------ ----------- ----------- --------- --------- ----------------
                 79.06    0.003153        1576         2         1 wait4
                 13.47    0.000537         537         1         1 openat
                  7.47    0.000298         298         1           close
                ------ ----------- ----------- --------- --------- ----------------
                100.00    0.003988         997         4         2 total
                """, out.toString());
    }

    @Test
    void sortKeys_takeStracesSynonyms() {
        assertEquals("calls", Summary.sortKey("count"));
        assertEquals("name", Summary.sortKey("syscall"));
        assertEquals("nothing", Summary.sortKey("none"));
        assertEquals(null, Summary.sortKey("bogus"));
    }
}
