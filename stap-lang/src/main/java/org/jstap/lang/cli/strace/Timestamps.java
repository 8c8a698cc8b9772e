package org.jstap.lang.cli.strace;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * strace's line timestamps, from the machine's virtual wall clock (UTC, the simulated system's
 * time zone): {@code -t} {@code 12:00:01 }, {@code -tt} {@code 12:00:01.000123 }, {@code -ttt}
 * {@code 1767225601.000123 }, {@code -r} the time since the previous line {@code      0.000123 },
 * and both as {@code 12:00:01.000123 (+     0.000123) }.
 */
final class Timestamps {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /**
     * @param mode 0 none, 1 -t, 2 -tt, 3 -ttt
     * @param ns the event's wall-clock time in ns
     * @param previousNs the previous line's, or -1 before the first
     */
    static String format(int mode, boolean relative, long ns, long previousNs) {
        long sec = Math.floorDiv(ns, 1_000_000_000L);
        long usec = Math.floorMod(ns, 1_000_000_000L) / 1000;
        String absolute = switch (mode) {
            case 0 -> "";
            case 1 -> CLOCK.format(Instant.ofEpochSecond(sec));
            case 2 -> CLOCK.format(Instant.ofEpochSecond(sec)) + String.format(".%06d", usec);
            default -> String.format("%d.%06d", sec, usec);
        };
        if (!relative) {
            return absolute + " ";
        }
        long delta = previousNs < 0 ? 0 : Math.max(0, ns - previousNs);
        String rel = String.format("%6d.%06d", delta / 1_000_000_000L, delta / 1000 % 1_000_000);
        return mode == 0 ? rel + " " : absolute + " (+" + rel + ") ";
    }
}
