package org.jstap.lang.ast;

/** The statistic extractors and histograms, named as scripts write them. */
public enum StatFn {
    COUNT("@count"), SUM("@sum"), MIN("@min"), MAX("@max"), AVG("@avg"), VARIANCE("@variance"),
    HIST_LOG("@hist_log"), HIST_LINEAR("@hist_linear");

    public final String text;

    StatFn(String text) {
        this.text = text;
    }

    public boolean isHistogram() {
        return this == HIST_LOG || this == HIST_LINEAR;
    }

    public static StatFn of(String text) {
        for (StatFn fn : values()) {
            if (fn.text.equals(text)) {
                return fn;
            }
        }
        return null;
    }
}
