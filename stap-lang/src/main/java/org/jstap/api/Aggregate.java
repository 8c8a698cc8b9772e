package org.jstap.api;

import java.util.ArrayList;
import java.util.List;
import org.jstap.runtime.stat.HistogramSpec;
import org.jstap.runtime.stat.Stat;

/**
 * A snapshot of a statistic (a global fed with {@code <<<}): the aggregates stap's
 * {@code @count}, {@code @sum}, {@code @min}, {@code @max}, {@code @avg} give, and the histogram
 * buckets when the script declared one ({@code @hist_log}, {@code @hist_linear}) — it is the
 * histogram that the script prints with {@code print(@hist_log(s))}.
 *
 * <pre>{@code
 * Aggregate sizes = session.globals().stat("sizes");
 * assertEquals(3, sizes.count());
 * assertEquals(2, sizes.bucketCount(4096));      // two values in the bucket that holds 4096
 * }</pre>
 *
 * @param count   {@code @count}
 * @param sum     {@code @sum}
 * @param buckets the histogram's non-empty buckets in order (empty without a histogram)
 */
public record Aggregate(long count, long sum, long minimum, long maximum, List<Bucket> buckets, HistogramSpec histogram) {

    /** One histogram row: the smallest value it holds (as its label shows) and how many values fell in it. */
    public record Bucket(long start, long count) {}

    public Aggregate {
        buckets = List.copyOf(buckets);
    }

    static Aggregate of(Stat s) {
        List<Bucket> rows = new ArrayList<>();
        HistogramSpec h = s.histogram();
        for (int i = 0; i < h.buckets(); i++) {
            if (s.bucket(i) != 0) {
                rows.add(new Bucket(h.bucketStart(i), s.bucket(i)));
            }
        }
        return s.count() == 0 ? new Aggregate(0, 0, 0, 0, rows, h)
                : new Aggregate(s.count(), s.sum(), s.min("<java>"), s.max("<java>"), rows, h);
    }

    /** {@code @min}; an empty statistic has none, and reading it is an error as in stap. */
    public long min() {
        nonEmpty();
        return minimum;
    }

    /** {@code @max}; an error on an empty statistic. */
    public long max() {
        nonEmpty();
        return maximum;
    }

    /** {@code @avg}: the integer average; an error on an empty statistic. */
    public long avg() {
        nonEmpty();
        return sum / count;
    }

    /** How many values fell in the histogram bucket that holds {@code value}. */
    public long bucketCount(long value) {
        if (h().buckets() == 0) {
            throw new IllegalStateException("the statistic has no histogram (@hist_log or @hist_linear)");
        }
        long start = h().bucketStart(h().bucket(value));
        for (Bucket b : buckets) {
            if (b.start() == start) {
                return b.count();
            }
        }
        return 0;
    }

    private HistogramSpec h() {
        return histogram;
    }

    private void nonEmpty() {
        if (count == 0) {
            throw new IllegalStateException("empty aggregate");
        }
    }
}
