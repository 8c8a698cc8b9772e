package org.jstap.lang.cli.strace;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * strace's {@code -c} table: time, calls and errors per syscall, in strace 6.x's columns, widths
 * and rules, sorted as {@code -S} asks (by time by default). Times are the virtual clock's, so
 * the table is the same on every run.
 */
public final class Summary {
    private static final String RULE = "------ ----------- ----------- --------- --------- ----------------";

    private final String sortBy;
    /** Per syscall: calls, errors, ns. */
    private final Map<String, long[]> stats = new LinkedHashMap<>();

    public Summary(String sortBy) {
        this.sortBy = sortBy;
    }

    /** The sort key for what {@code -S} was given (strace's synonyms too), or null if strace would refuse it. */
    public static String sortKey(String given) {
        return switch (given) {
            case "time", "time_total", "total_time" -> "time";
            case "calls", "count" -> "calls";
            case "name", "syscall", "syscall_name" -> "name";
            case "errors", "error" -> "errors";
            case "nothing", "none" -> "nothing";
            default -> null;
        };
    }

    public void add(String syscall, boolean error, long ns) {
        add(syscall, 1, error ? 1 : 0, ns);
    }

    /** Adds {@code calls} calls of {@code syscall}, {@code errors} of them failed, {@code ns} in all. */
    public void add(String syscall, long calls, long errors, long ns) {
        long[] st = stats.computeIfAbsent(syscall, k -> new long[3]);
        st[0] += calls;
        st[1] += errors;
        st[2] += ns;
    }

    public void print(PrintStream out) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(stats.entrySet());
        Comparator<Map.Entry<String, long[]>> byName = Map.Entry.comparingByKey();
        Comparator<Map.Entry<String, long[]>> order = switch (sortBy) {
            case "calls" -> Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                    .thenComparing(byName);
            case "errors" -> Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[1])
                    .thenComparing(byName);
            case "name" -> byName;
            case "nothing" -> (a, b) -> 0;
            default -> Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[2])
                    .thenComparing(byName);
        };
        rows.sort(order);
        long totalNs = 0;
        long calls = 0;
        long errors = 0;
        for (var r : rows) {
            calls += r.getValue()[0];
            errors += r.getValue()[1];
            totalNs += r.getValue()[2];
        }
        out.println(String.format("%6.6s %11.11s %11.11s %9.9s %9.9s %s", "% time", "seconds", "usecs/call",
                "calls", "errors", "syscall"));
        out.println(RULE);
        for (var r : rows) {
            long[] v = r.getValue();
            out.println(row(totalNs == 0 ? 0 : 100.0 * v[2] / totalNs, v[2], v[0], v[1], r.getKey()));
        }
        out.println(RULE);
        out.println(row(100.0, totalNs, calls, errors, "total"));
    }

    private static String row(double pct, long ns, long calls, long errors, String name) {
        return String.format(Locale.ROOT, "%6.2f %11.6f %11d %9d %9s %s", pct, ns / 1e9,
                calls == 0 ? 0 : ns / calls / 1000, calls, errors == 0 ? "" : Long.toString(errors), name);
    }
}
