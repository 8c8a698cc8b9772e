package org.jstap.runtime.stat;

/**
 * Extracting from statistics that may not exist (an array element never fed): {@code @count} and
 * {@code @sum} are 0, the others an "empty aggregate" error, as in stap.
 */
public final class StatOps {
    private StatOps() {}

    public static final int COUNT = 0;
    public static final int SUM = 1;
    public static final int MIN = 2;
    public static final int MAX = 3;
    public static final int AVG = 4;
    public static final int VARIANCE = 5;

    public static long extract(Stat s, int fn, String near) {
        if (s == null) {
            s = EMPTY;
        }
        return switch (fn) {
            case COUNT -> s.count();
            case SUM -> s.sum();
            case MIN -> s.min(near);
            case MAX -> s.max(near);
            case AVG -> s.avg(near);
            default -> s.variance(near);
        };
    }

    public static long bucket(Stat s, long index) {
        return s == null || index < 0 || index > Integer.MAX_VALUE ? 0 : s.bucket((int) index);
    }

    /** Buckets of a statistic's histogram, for {@code foreach (b in @hist_log(x))}; 0 when none. */
    public static int buckets(Stat s) {
        return s == null ? 0 : s.histogram().buckets();
    }

    /** Buckets to visit under a foreach limit. */
    public static long bucketsUpTo(Stat s, long limit) {
        return Math.min(buckets(s), Math.max(0, limit));
    }

    public static void printHistogram(StringBuilder out, Stat s) {
        if (s != null && s.count() > 0) {
            HistogramPrinter.print(out, s);
        }
    }

    private static final Stat EMPTY = new Stat(HistogramSpec.NONE, 0);
}
