package org.jstap.runtime.tapset;

import org.jstap.runtime.Context;
import org.jstap.runtime.StapError;

/** String functions of SystemTap's string tapset; strings are byte strings (ISO-8859-1). */
public final class Strings {
    private Strings() {}

    @Function(pure = true)
    public static long strlen(String s) {
        return s.length();
    }

    /** {@code length} characters from {@code start} (0-based); out-of-range parts are cut off. */
    @Function(pure = true)
    public static String substr(String s, long start, long length) {
        if (start < 0 || length <= 0 || start >= s.length()) {
            return "";
        }
        return s.substring((int) start, (int) Math.min(s.length(), start + length));
    }

    /** 1 if {@code needle} occurs in {@code haystack}. */
    @Function(pure = true)
    public static long isinstr(String haystack, String needle) {
        return haystack.contains(needle) ? 1 : 0;
    }

    /** Index of the first {@code needle} in {@code haystack}, or -1. */
    @Function(pure = true)
    public static long strpos(String haystack, String needle) {
        return haystack.indexOf(needle);
    }

    @Function(pure = true)
    public static String str_replace(String s, String from, String to) {
        return from.isEmpty() ? s : s.replace(from, to);
    }

    /** strtol(3) in the given base; text that is not a number gives 0. */
    @Function(pure = true)
    public static long strtol(String s, long base) {
        String t = s.strip();
        int i = 0;
        boolean negative = false;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            negative = t.charAt(i) == '-';
            i++;
        }
        int radix = (int) base;
        if ((radix == 0 || radix == 16) && t.startsWith("0x", i) || t.startsWith("0X", i)) {
            radix = 16;
            i += 2;
        } else if (radix == 0 && t.startsWith("0", i) && t.length() > i + 1) {
            radix = 8;
        } else if (radix == 0) {
            radix = 10;
        }
        if (radix < 2 || radix > 36) {
            throw new StapError("strtol: invalid base " + base);
        }
        long value = 0;
        for (; i < t.length(); i++) {
            int d = Character.digit(t.charAt(i), radix);
            if (d < 0) {
                break;
            }
            value = value * radix + d;
        }
        return negative ? -value : value;
    }

    /** The byte at {@code index}, as a number. */
    @Function(pure = true)
    public static long stringat(String s, long index) {
        if (index < 0 || index >= s.length()) {
            throw new StapError("Attempted to access character at index " + index + " of \"" + s + "\"");
        }
        return s.charAt((int) index) & 0xff;
    }

    /** 1 if the string starts with a decimal digit. */
    @Function(pure = true)
    public static long isdigit(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(0)) ? 1 : 0;
    }

    /** The string with non-printing bytes as C escapes. */
    @Function(pure = true)
    public static String text_str(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            escape(out, s.charAt(i));
        }
        return out.toString();
    }

    /** The string in double quotes with C escapes. */
    @Function(pure = true)
    public static String string_quoted(String s) {
        return "\"" + text_str(s) + "\"";
    }

    static void escape(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\r' -> out.append("\\r");
            case '\u0007' -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\u000b' -> out.append("\\v");
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            default -> {
                if (c < 32 || c >= 127) {
                    out.append(String.format("\\%03o", (int) c & 0xff));
                } else {
                    out.append(c);
                }
            }
        }
    }

    /** The next token of the string set by the last {@code tokenize(s, delim)}; "" when none is left. */
    @Function
    public static String tokenize(Context c, String s, String delim) {
        String input = s.isEmpty() ? c.tokenizeRest() : s;
        int i = 0;
        while (i < input.length() && delim.indexOf(input.charAt(i)) >= 0) {
            i++;
        }
        int start = i;
        while (i < input.length() && delim.indexOf(input.charAt(i)) < 0) {
            i++;
        }
        c.setTokenizeRest(i < input.length() ? input.substring(i + 1) : "");
        return input.substring(start, i);
    }

    @Function(pure = true)
    public static long abs(long v) {
        return Math.abs(v);
    }
}
