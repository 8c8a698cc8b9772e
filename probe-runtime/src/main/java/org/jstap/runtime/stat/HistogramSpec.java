package org.jstap.runtime.stat;

/**
 * Which histogram a statistic keeps: none, {@code @hist_log}, or {@code @hist_linear(start, stop,
 * interval)} with an underflow and an overflow bucket, as SystemTap's runtime lays them out.
 */
public record HistogramSpec(Kind kind, long start, long stop, long interval) {
    public enum Kind { NONE, LOG, LINEAR }

    /** Log buckets: 64 for negative values, one for 0, 63 for positive powers of two. */
    public static final int LOG_BUCKETS = 128;
    /** The bucket of value 0. */
    public static final int LOG_BUCKET0 = 64;
    /** stap's STP_MAX_BUCKETS. */
    public static final int MAX_BUCKETS = 128;

    public static final HistogramSpec NONE = new HistogramSpec(Kind.NONE, 0, 0, 0);
    public static final HistogramSpec LOG = new HistogramSpec(Kind.LOG, 0, 0, 0);

    public static HistogramSpec linear(long start, long stop, long interval) {
        return new HistogramSpec(Kind.LINEAR, start, stop, interval);
    }

    /** Number of buckets, or 0 when the spec is invalid (stap warns and keeps no histogram). */
    public int buckets() {
        return switch (kind) {
            case NONE -> 0;
            case LOG -> LOG_BUCKETS;
            case LINEAR -> {
                if (interval == 0) {
                    yield 0;
                }
                long n = (stop - start) / interval + 3;
                yield n > MAX_BUCKETS || n < 3 ? 0 : (int) n;
            }
        };
    }

    /** The bucket a value falls in. */
    public int bucket(long value) {
        int n = buckets();
        if (kind == Kind.LOG) {
            return Math.min(logBucket(value), n - 1);
        }
        long v = value - start;
        long b = v < 0 ? 0 : Long.divideUnsigned(v, interval) + 1;
        return (int) Math.min(b, n - 1);
    }

    static int logBucket(long value) {
        if (value == 0) {
            return LOG_BUCKET0;
        }
        boolean negative = value < 0;
        long v = negative ? -value : value;
        // bits needed for |v| decides the power-of-two bucket
        int bits = 64 - Long.numberOfLeadingZeros(v);
        int res = LOG_BUCKET0 + bits;
        if (v == Long.MIN_VALUE) {
            res = LOG_BUCKETS;
        }
        return negative ? LOG_BUCKETS - res : res;
    }

    /**
     * The smallest value bucket {@code index} holds, as its row is labelled: for a linear
     * histogram the underflow bucket starts at Long.MIN_VALUE and the overflow bucket at
     * {@code stop}.
     */
    public long bucketStart(int index) {
        if (kind == Kind.LOG) {
            return logBucketValue(index);
        }
        return index == 0 ? Long.MIN_VALUE : start + (index - 1) * interval;
    }

    /** The smallest value of a log bucket, as printed in its row. */
    static long logBucketValue(int bucket) {
        if (bucket == LOG_BUCKET0) {
            return 0;
        }
        if (bucket < LOG_BUCKET0) {
            return Long.MIN_VALUE >> bucket;
        }
        return 1L << (bucket - LOG_BUCKET0 - 1);
    }
}
