package org.jstap.lang.parse;

/** fnmatch(3)-style matching with {@code *}, {@code ?} and {@code [...]}, as stap uses for names. */
public final class Globs {
    private Globs() {}

    public static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    public static boolean matches(String pattern, String text) {
        return match(pattern, 0, text, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    for (int k = si; k <= s.length(); k++) {
                        if (match(p, pi + 1, s, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    pi++;
                    si++;
                }
                case '[' -> {
                    int end = p.indexOf(']', pi + 2);
                    if (end < 0 || si >= s.length()) {
                        if (si < s.length() && s.charAt(si) == '[' && end < 0) {
                            pi++;
                            si++;
                            continue;
                        }
                        return false;
                    }
                    boolean negate = p.charAt(pi + 1) == '!' || p.charAt(pi + 1) == '^';
                    int from = negate ? pi + 2 : pi + 1;
                    boolean found = false;
                    char ch = s.charAt(si);
                    for (int k = from; k < end; k++) {
                        if (k + 2 < end && p.charAt(k + 1) == '-') {
                            if (ch >= p.charAt(k) && ch <= p.charAt(k + 2)) {
                                found = true;
                            }
                            k += 2;
                        } else if (p.charAt(k) == ch) {
                            found = true;
                        }
                    }
                    if (found == negate) {
                        return false;
                    }
                    pi = end + 1;
                    si++;
                }
                default -> {
                    if (si >= s.length() || s.charAt(si) != c) {
                        return false;
                    }
                    pi++;
                    si++;
                }
            }
        }
        return si == s.length();
    }
}
