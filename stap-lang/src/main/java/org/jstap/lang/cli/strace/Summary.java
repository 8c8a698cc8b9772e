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
 * and rules, sorted as {@code -S} asks (by time by default), with the columns {@code -U} names.
 * Times are the virtual clock's, so the table is the same on every run.
 *
 * <pre>{@code
 * Summary s = new Summary("time", Summary.columns("name,calls,max-time"));
 * s.add("read", false, 2_000);
 * s.print(System.err);
 * }</pre>
 */
public final class Summary {
    /** A column of the table, as strace's {@code -U} names it; a column is at least its header wide. */
    public enum Column {
        TIME_PERCENT("% time"), TOTAL_TIME("seconds", 11), MIN_TIME("shortest"), MAX_TIME("longest"),
        AVG_TIME("usecs/call", 11), CALLS("calls", 9), ERRORS("errors", 9), NAME("syscall", 16);

        final String header;
        final int width;

        Column(String header) {
            this(header, header.length());
        }

        Column(String header, int width) {
            this.header = header;
            this.width = width;
        }
    }

    /** strace 6.1's names for the columns (-U) and the sort keys (-S). */
    private static final Map<String, Column> NAMES = new LinkedHashMap<>();

    static {
        for (String n : List.of("time", "time_percent", "time-percent")) {
            NAMES.put(n, Column.TIME_PERCENT);
        }
        for (String n : List.of("time_total", "time-total", "total_time", "total-time")) {
            NAMES.put(n, Column.TOTAL_TIME);
        }
        for (String n : List.of("min_time", "min-time", "shortest", "time_min", "time-min")) {
            NAMES.put(n, Column.MIN_TIME);
        }
        for (String n : List.of("longest", "max_time", "max-time", "time_max", "time-max")) {
            NAMES.put(n, Column.MAX_TIME);
        }
        for (String n : List.of("avg_time", "avg-time", "time_avg", "time-avg")) {
            NAMES.put(n, Column.AVG_TIME);
        }
        for (String n : List.of("calls", "count")) {
            NAMES.put(n, Column.CALLS);
        }
        for (String n : List.of("error", "errors")) {
            NAMES.put(n, Column.ERRORS);
        }
        for (String n : List.of("name", "syscall", "syscall_name", "syscall-name")) {
            NAMES.put(n, Column.NAME);
        }
    }

    /** strace's default columns. */
    public static final List<Column> DEFAULT_COLUMNS = List.of(Column.TIME_PERCENT, Column.TOTAL_TIME,
            Column.AVG_TIME, Column.CALLS, Column.ERRORS, Column.NAME);

    /** A -U list strace refuses, with strace's words. */
    public static final class InvalidColumns extends IllegalArgumentException {
        InvalidColumns(String message) {
            super(message);
        }
    }

    private final String sortBy;
    private final List<Column> columns;
    /** Per syscall: calls, errors, ns, shortest ns, longest ns. */
    private final Map<String, long[]> stats = new LinkedHashMap<>();

    public Summary(String sortBy) {
        this(sortBy, DEFAULT_COLUMNS);
    }

    public Summary(String sortBy, List<Column> columns) {
        this.sortBy = sortBy;
        this.columns = List.copyOf(columns);
    }

    /** The sort key for what {@code -S} was given (strace's synonyms too), or null if strace would refuse it. */
    public static String sortKey(String given) {
        if (given.equals("nothing") || given.equals("none")) {
            return "nothing";
        }
        Column c = NAMES.get(given);
        return c == null ? null : switch (c) {
            case TIME_PERCENT, TOTAL_TIME -> "time";
            case MIN_TIME -> "min";
            case MAX_TIME -> "max";
            case AVG_TIME -> "avg";
            case CALLS -> "calls";
            case ERRORS -> "errors";
            case NAME -> "name";
        };
    }

    /**
     * The columns of a {@code -U} list, in its order, with the name column added last when the
     * list lacks it (strace: "without it table is meaningless").
     */
    public static List<Column> columns(String spec) {
        List<Column> out = new ArrayList<>();
        for (String name : spec.split(",", -1)) {
            Column c = NAMES.get(name);
            if (c == null) {
                throw new InvalidColumns("unknown column name: '" + name + "'");
            }
            if (out.contains(c)) {
                throw new InvalidColumns("call summary column has been provided more than once: '" + name
                        + "' (-U option residual: '" + spec.substring(positionOf(spec, out.size())) + "')");
            }
            out.add(c);
        }
        if (!out.contains(Column.NAME)) {
            out.add(Column.NAME);
        }
        return out;
    }

    /** Where the {@code index}th name of a comma-separated list starts. */
    private static int positionOf(String spec, int index) {
        int at = 0;
        for (int i = 0; i < index; i++) {
            at = spec.indexOf(',', at) + 1;
        }
        return at;
    }

    public void add(String syscall, boolean error, long ns) {
        add(syscall, 1, error ? 1 : 0, ns, ns, ns);
    }

    /**
     * Adds {@code calls} calls of {@code syscall}, {@code errors} of them failed, {@code ns} in all,
     * the shortest {@code minNs} and the longest {@code maxNs}.
     */
    public void add(String syscall, long calls, long errors, long ns, long minNs, long maxNs) {
        long[] st = stats.computeIfAbsent(syscall, k -> new long[] {0, 0, 0, Long.MAX_VALUE, 0});
        st[0] += calls;
        st[1] += errors;
        st[2] += ns;
        st[3] = Math.min(st[3], minNs);
        st[4] = Math.max(st[4], maxNs);
    }

    public void print(PrintStream out) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(stats.entrySet());
        rows.sort(order());
        long[] total = {0, 0, 0, Long.MAX_VALUE, 0};
        long minOfMins = 0;
        long avgMax = 0;
        int nameMax = 0;
        for (var r : rows) {
            long[] v = r.getValue();
            total[0] += v[0];
            total[1] += v[1];
            total[2] += v[2];
            total[3] = Math.min(total[3], v[3]);
            total[4] = Math.max(total[4], v[4]);
            minOfMins = Math.max(minOfMins, v[3]);
            avgMax = Math.max(avgMax, v[2] / v[0]);
            nameMax = Math.max(nameMax, r.getKey().length());
        }
        if (rows.isEmpty()) {
            total[3] = 0;
        }
        // call_summary_pers: each column as wide as its header or its widest value
        Map<Column, Integer> widths = new LinkedHashMap<>();
        for (Column c : columns) {
            int w = switch (c) {
                case TIME_PERCENT -> "100.00".length();
                case TOTAL_TIME -> seconds(total[2]).length();
                case MIN_TIME -> (minOfMins / 1_000_000_000L + ".000000").length();
                case MAX_TIME -> (total[4] / 1_000_000_000L + ".000000").length();
                case AVG_TIME -> Long.toString(avgMax / 1000).length();
                case CALLS -> Long.toString(total[0]).length();
                case ERRORS -> Long.toString(total[1]).length();
                case NAME -> nameMax + 1;
            };
            widths.put(c, Math.max(c.width, w));
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            String sep = i == 0 ? "" : " ";
            header.append(sep).append(cell(c, c.header, widths.get(c), i == columns.size() - 1));
            rule.append(sep).append("-".repeat(widths.get(c)));
        }
        out.println(header);
        out.println(rule);
        for (var r : rows) {
            long[] v = r.getValue();
            double pct = total[2] == 0 || v[2] == 0 ? 0 : 100.0 * v[2] / total[2];
            out.println(row(widths, pct, v, r.getKey()));
        }
        out.println(rule);
        out.println(row(widths, 100.0, total, "total"));
    }

    private Comparator<Map.Entry<String, long[]>> order() {
        Comparator<Map.Entry<String, long[]>> byName = Map.Entry.comparingByKey();
        return switch (sortBy) {
            case "calls" -> byValue(0).thenComparing(byName);
            case "errors" -> byValue(1).thenComparing(byName);
            case "min" -> byValue(3).thenComparing(byName);
            case "max" -> byValue(4).thenComparing(byName);
            case "avg" -> Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -(e.getValue()[2] / e.getValue()[0]))
                    .thenComparing(byName);
            case "name" -> byName;
            case "nothing" -> (a, b) -> 0;
            default -> byValue(2).thenComparing(byName);
        };
    }

    /** Largest first. */
    private static Comparator<Map.Entry<String, long[]>> byValue(int field) {
        return Comparator.comparingLong(e -> -e.getValue()[field]);
    }

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.6f", ns / 1e9);
    }

    /** A cell: right-aligned, but the name column left-aligned and, when last, not padded. */
    private static String cell(Column c, String text, int width, boolean last) {
        if (c == Column.NAME) {
            return last ? text : text + " ".repeat(Math.max(0, width - text.length()));
        }
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }

    private String row(Map<Column, Integer> widths, double pct, long[] v, String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            String text = switch (c) {
                case TIME_PERCENT -> String.format(Locale.ROOT, "%.2f", pct);
                case TOTAL_TIME -> seconds(v[2]);
                case MIN_TIME -> seconds(v[3] == Long.MAX_VALUE ? 0 : v[3]);
                case MAX_TIME -> seconds(v[4]);
                case AVG_TIME -> Long.toString(v[0] == 0 ? 0 : v[2] / v[0] / 1000);
                case CALLS -> Long.toString(v[0]);
                case ERRORS -> v[1] == 0 ? "" : Long.toString(v[1]);
                case NAME -> name;
            };
            b.append(i == 0 ? "" : " ").append(cell(c, text, widths.get(c), i == columns.size() - 1));
        }
        return b.toString();
    }
}
