package org.jstap.runtime.stat;

/**
 * Prints a histogram in SystemTap's layout: a {@code value |---...--- count} header, one row per
 * bucket with a bar of up to 50 {@code @}, runs of empty buckets elided to {@code ~} while two
 * empty neighbours stay on each side of the data, and a blank line after.
 */
public final class HistogramPrinter {
    private static final int WIDTH = 50;
    private static final int ELISION = 2;

    private HistogramPrinter() {}

    public static void print(StringBuilder out, Stat stat) {
        HistogramSpec spec = stat.histogram();
        long[] h = stat.buckets();
        int n = h.length;
        if (n == 0) {
            return;
        }
        boolean linear = spec.kind() == HistogramSpec.Kind.LINEAR;
        int low = -1;
        int high = 0;
        long valmax = 0;
        for (int i = 0; i < n; i++) {
            if (h[i] > 0 && low == -1) {
                low = i;
            }
            if (h[i] > 0) {
                high = i;
            }
            valmax = Math.max(valmax, h[i]);
        }
        // two empty rows of margin on each side of the data
        for (int i = 0; i < 2; i++) {
            if (linear ? low > 0 : low != HistogramSpec.LOG_BUCKET0 && low > 0) {
                low--;
            }
            if (high < n - 1) {
                high++;
            }
        }
        boolean under = false;
        boolean over = false;
        if (linear) {
            if (low == 0 && h[0] == 0) {
                low++;
            }
            if (high == n - 1 && h[high] == 0) {
                high--;
            }
            under = low == 0;
            over = high == n - 1;
        }
        long scale = valmax <= WIDTH ? 1 : (valmax + WIDTH - 1) / WIDTH;
        int countSpace = space(valmax);
        int valueSpace;
        if (linear) {
            valueSpace = Math.max(space(spec.start()) + (under ? 1 : 0),
                    space(spec.start() + spec.interval() * high) + (over ? 1 : 0));
        } else {
            valueSpace = Math.max(space(HistogramSpec.logBucketValue(high)),
                    space(HistogramSpec.logBucketValue(low)));
        }
        valueSpace = Math.max(valueSpace, 5);

        pad(out, "value", valueSpace);
        out.append(" |").append("-".repeat(WIDTH)).append(" count\n");
        boolean eliding = false;
        for (int i = low; i <= high; i++) {
            int from = Math.max(low, i - Math.min(ELISION, n));
            int to = Math.min(high, i + Math.min(ELISION, n));
            boolean elide = true;
            for (int k = from; k <= to; k++) {
                if (h[k] != 0) {
                    elide = false;
                }
            }
            if (elide) {
                eliding = true;
                continue;
            }
            if (eliding) {
                pad(out, "", valueSpace);
                out.append(" ~\n");
                eliding = false;
            }
            String prefix = "";
            long value;
            if (linear) {
                if (i == 0) {
                    value = spec.start();
                    prefix = "<";
                } else if (i == n - 1) {
                    value = spec.start() + (long) (i - 2) * spec.interval();
                    prefix = ">";
                } else {
                    value = spec.start() + (long) (i - 1) * spec.interval();
                }
            } else {
                value = HistogramSpec.logBucketValue(i);
            }
            pad(out, prefix, valueSpace - space(value));
            out.append(value).append(" |");
            long bar = h[i] / scale;
            out.append("@".repeat((int) bar));
            pad(out, Long.toString(h[i]), (int) (WIDTH - bar + 1 + countSpace));
            out.append('\n');
        }
        out.append('\n');
    }

    /** Characters needed to print v in decimal, as the runtime's needed_space. */
    static int space(long v) {
        return v == 0 ? 1 : Long.toString(v).length();
    }

    private static void pad(StringBuilder out, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            out.append(' ');
        }
        out.append(s);
    }
}
