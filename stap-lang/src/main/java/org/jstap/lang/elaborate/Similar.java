package org.jstap.lang.elaborate;

import java.util.List;
import java.util.TreeSet;

/** "similar:" suggestions: names within a small edit distance, as stap's levenshtein_suggest. */
public final class Similar {
    private static final int MAX_SUGGESTIONS = 5;

    private Similar() {}

    public static List<String> names(String wanted, Iterable<String> candidates) {
        return names(wanted, candidates, false);
    }

    /**
     * The closest candidates by edit distance, then length, then name; {@code includeSelf} keeps an
     * exact match (stap does for probe components that need an argument, and for never-assigned globals).
     */
    public static List<String> names(String wanted, Iterable<String> candidates, boolean includeSelf) {
        int threshold = Math.max(5, wanted.length());
        TreeSet<String> close = new TreeSet<>((a, b) -> {
            int c = Integer.compare(distance(wanted, a), distance(wanted, b));
            if (c == 0) {
                c = Integer.compare(a.length(), b.length());
            }
            return c != 0 ? c : a.compareTo(b);
        });
        for (String c : candidates) {
            if ((includeSelf || !c.equals(wanted)) && distance(wanted, c) <= threshold) {
                close.add(c);
            }
        }
        return close.stream().limit(MAX_SUGGESTIONS).toList();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
