package org.jstap.sim.userland.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The parts of the programs that are pure computation: layouts, number parsing, regex translation. */
class ProgramLogicTest {
    @Test
    void ddReport_asCoreutils() {
        assertEquals("2+1 records in\n2+1 records out\n1100 bytes (1.1 kB, 1.1 KiB) copied, 0.00123 s, 894 kB/s\n",
                Dd.report(2, 1, 2, 1, 1100, 0.00123));
        assertEquals("0+0 records in\n0+0 records out\n0 bytes copied, 0 s, Infinity B/s\n",
                Dd.report(0, 0, 0, 0, 0, 0));
        assertEquals("1048576 bytes (1.0 MB, 1.0 MiB) copied, 2 s, 524 kB/s\n",
                Dd.report(2048, 0, 2048, 0, 1048576, 2).split("\n", 3)[2]);
        assertEquals(2048 * 1024, Dd.size("2048K"));
        assertEquals(1024, Dd.size("2x512"));
    }

    @Test
    void date_defaultFormatIsCoreutils() {
        long jan1 = 1767225600L;
        assertEquals("Thu Jan  1 00:00:00 UTC 2026", Date.strftime(Date.DEFAULT, jan1, 0));
        assertEquals("2026-01-01 00:01:05 +0000", Date.strftime("%F %T %z", jan1 + 65, 0));
    }

    @Test
    void time_printsLikeBash() {
        assertEquals("0m0.005s", Time.clock(5000));
        assertEquals("1m2.345s", Time.clock(62_345_000));
    }

    @Test
    void sortNumbers_readTheLeadingNumber() {
        assertEquals(new BigDecimal("-3.5"), Sort.number("  -3.5abc"));
        assertEquals(BigDecimal.ZERO, Sort.number("abc"));
        assertEquals(new BigDecimal("10"), Sort.number("10."));
    }

    @Test
    void basicRegex_translatesToJava() {
        assertTrue(Pattern.compile(Grep.bre("a\\(b\\)*c")).matcher("abbc").find());
        assertTrue(Pattern.compile(Grep.bre("a+b")).matcher("a+b").find());
        assertFalse(Pattern.compile(Grep.bre("a+b")).matcher("aab").find());
        assertTrue(Pattern.compile(Grep.bre("^x[[:digit:]]\\{2\\}$")).matcher("x42").find());
        assertTrue(Pattern.compile(Grep.bre("*star")).matcher("*star").find());
        assertTrue(Pattern.compile(Grep.bre("[]a]")).matcher("]").find());
    }

    @Test
    void lsColumns_fillTopToBottom() {
        assertEquals("a    ccc  e\nbbb  dd\n", Ls.columns(List.of("a", "bbb", "ccc", "dd", "e"), 12));
        assertEquals("a  b  c\n", Ls.columns(List.of("a", "b", "c"), 80));
        assertEquals("long-name\nx\n", Ls.columns(List.of("long-name", "x"), 10));
    }

    @Test
    void sleepIntervals_takeSuffixes() {
        assertEquals(0, new BigDecimal("90").compareTo(Sleep.seconds("1.5m")));
        assertEquals(null, Sleep.seconds("x"));
    }

    @Test
    void signals_byNameOrNumber() {
        assertEquals(9, Kill.signal("KILL"));
        assertEquals(15, Kill.signal("SIGTERM"));
        assertEquals(2, Kill.signal("2"));
        assertEquals(-1, Kill.signal("NOPE"));
        assertEquals("ttyS0", Ps.tty((4 << 8) | 64));
        assertEquals("?", Ps.tty(0));
    }
}
