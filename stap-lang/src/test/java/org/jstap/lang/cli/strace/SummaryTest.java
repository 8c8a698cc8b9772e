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

    @Test
    void columns_inTheOrderUNames_asStrace61PrintsThem() {
        Summary s = new Summary("time", Summary.columns("name,calls,min-time,max-time,errors,total-time,avg-time,time"));
        s.add("openat", true, 27_000);
        s.add("openat", false, 2_000);
        s.add("getdents64", false, 7_000);
        s.add("getdents64", false, 28_000);
        s.add("close", false, 9_000);
        var out = new ByteArrayOutputStream();
        s.print(new PrintStream(out, true, StandardCharsets.ISO_8859_1));
        // `strace -c -U name,calls,min-time,max-time,errors,total-time,avg-time,time-percent ls` on the host
        assertEquals("""
                syscall              calls shortest  longest    errors     seconds  usecs/call % time
                ---------------- --------- -------- -------- --------- ----------- ----------- ------
                getdents64               2 0.000007 0.000028              0.000035          17  47.95
                openat                   2 0.000002 0.000027         1    0.000029          14  39.73
                close                    1 0.000009 0.000009              0.000009           9  12.33
                ---------------- --------- -------- -------- --------- ----------- ----------- ------
                total                    5 0.000002 0.000028         1    0.000073          14 100.00
                """, out.toString());
    }

    @Test
    void columns_withoutTheName_getItLast_andBadListsAreStracesErrors() {
        Summary s = new Summary("calls", Summary.columns("calls,errors"));
        s.add("openat", true, 1_000);
        s.add("close", false, 1_000);
        s.add("close", false, 1_000);
        var out = new ByteArrayOutputStream();
        s.print(new PrintStream(out, true, StandardCharsets.ISO_8859_1));
        assertEquals("""
                    calls    errors syscall
                --------- --------- ----------------
                        2           close
                        1         1 openat
                --------- --------- ----------------
                        3         1 total
                """, out.toString());
        assertEquals("unknown column name: 'bogus'",
                org.junit.jupiter.api.Assertions.assertThrows(Summary.InvalidColumns.class,
                        () -> Summary.columns("calls,bogus")).getMessage());
        assertEquals("call summary column has been provided more than once: 'count' (-U option residual: 'count,name')",
                org.junit.jupiter.api.Assertions.assertThrows(Summary.InvalidColumns.class,
                        () -> Summary.columns("calls,errors,count,name")).getMessage());
        assertEquals("max", Summary.sortKey("longest"));
    }
}
