package org.jstap.runtime.stat;

import org.jstap.runtime.StapError;

/**
 * A statistic fed with {@code <<<}: count, sum, min, max, average, variance (Welford's method in
 * integers, with stap's bit shift) and an optional histogram. Extracting from an empty statistic is
 * an error, as in stap.
 */
public final class Stat {
    private final HistogramSpec histogram;
    private final int shift;
    private final long[] buckets;
    private long count;
    private long sum;
    private long min;
    private long max;
    /** Running average scaled by 2^shift, and the sum of squared differences, for the variance. */
    private long avgScaled;
    private long m2;

    public Stat(HistogramSpec histogram, int shift) {
        this.histogram = histogram;
        this.shift = shift;
        this.buckets = new long[histogram.buckets()];
    }

    public void add(long value) {
        if (count == 0) {
            count = 1;
            sum = min = max = value;
            avgScaled = value << shift;
            m2 = 0;
        } else {
            count++;
            sum += value;
            max = Math.max(max, value);
            min = Math.min(min, value);
            long delta = (value << shift) - avgScaled;
            avgScaled += delta / count;
            m2 += delta * ((value << shift) - avgScaled);
        }
        if (buckets.length > 0) {
            buckets[histogram.bucket(value)]++;
        }
    }

    public void clear() {
        count = sum = min = max = avgScaled = m2 = 0;
        java.util.Arrays.fill(buckets, 0);
    }

    public long count() {
        return count;
    }

    public long sum() {
        return sum;
    }

    public long min(String near) {
        nonEmpty(near);
        return min;
    }

    public long max(String near) {
        nonEmpty(near);
        return max;
    }

    public long avg(String near) {
        nonEmpty(near);
        return sum / count;
    }

    /** stap's @variance: the sample variance, 0 for fewer than two values. */
    public long variance(String near) {
        nonEmpty(near);
        if (count < 2) {
            return 0;
        }
        // combine as stap's aggregation over CPUs does, with all values on one CPU
        long aggAvg = (sum << shift) / count;
        long s1 = count * (avgScaled - aggAvg) * (avgScaled - aggAvg);
        long s2 = (count - 1) * (m2 / (count - 1));
        return ((s1 + s2) / (count - 1)) >> (2 * shift);
    }

    public HistogramSpec histogram() {
        return histogram;
    }

    /** Count in one bucket ({@code @hist_log(x)[i]}); 0 outside the range. */
    public long bucket(int index) {
        return index >= 0 && index < buckets.length ? buckets[index] : 0;
    }

    long[] buckets() {
        return buckets;
    }

    private void nonEmpty(String near) {
        if (count == 0) {
            throw new StapError("empty aggregate near " + near);
        }
    }
}
