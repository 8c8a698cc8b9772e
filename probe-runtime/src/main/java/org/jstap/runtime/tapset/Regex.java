package org.jstap.runtime.tapset;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jstap.runtime.Context;
import org.jstap.runtime.StapError;

/** {@code =~} and {@code !~} with POSIX extended regular expressions, and {@code matched()}. */
public final class Regex {
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private Regex() {}

    /** 1 if {@code text} matches anywhere; the groups are kept for matched(n). */
    public static long match(Context c, String text, String regex) {
        Pattern p = PATTERNS.computeIfAbsent(regex, Pattern::compile);
        Matcher m = p.matcher(text);
        if (m.find()) {
            String[] groups = new String[m.groupCount() + 1];
            for (int i = 0; i < groups.length; i++) {
                groups[i] = m.group(i) == null ? "" : m.group(i);
            }
            c.setMatched(groups);
            return 1;
        }
        c.setMatched(null);
        return 0;
    }

    /** The text of subexpression n of the last successful match (0 is the whole match). */
    @Function
    public static String matched(Context c, long n) {
        String[] groups = c.matched();
        if (groups == null) {
            throw new StapError("Attempted to get subexpression " + n + " from failed match");
        }
        if (n < 0 || n >= groups.length) {
            throw new StapError("requested subexpression " + n + " out of range");
        }
        return groups[(int) n];
    }

    /** The number of subexpressions of the last successful match. */
    @Function
    public static long ngroups(Context c) {
        String[] groups = c.matched();
        return groups == null ? 0 : groups.length - 1;
    }
}
