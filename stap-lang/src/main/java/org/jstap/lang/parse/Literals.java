package org.jstap.lang.parse;

import java.math.BigInteger;

/** Reading number and string literal tokens as stap's lexer does. */
public final class Literals {
    private static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Literals() {}

    /**
     * Decimal, {@code 0x} hex or leading-zero octal; values up to 2^64-1 wrap to a signed long, as
     * stap's strtoull does. Throws NumberFormatException for anything else.
     */
    public static long parseNumber(String text) {
        BigInteger value;
        if (text.startsWith("0x") || text.startsWith("0X")) {
            value = new BigInteger(text.substring(2), 16);
        } else if (text.length() > 1 && text.startsWith("0")) {
            value = new BigInteger(text.substring(1), 8);
        } else {
            value = new BigInteger(text, 10);
        }
        if (value.compareTo(MAX_UNSIGNED) > 0) {
            throw new NumberFormatException(text);
        }
        return value.longValue();
    }

    /** The text between the quotes of a string token, escapes kept as written. */
    public static String stringContent(String token) {
        return token.substring(1, token.length() - 1);
    }

    /**
     * A string's content as stap's lexer keeps it: C escapes ({@code \n}, {@code \101}, {@code \x4a},
     * {@code \\}, {@code \"} ...) stay as written, a backslash before any other character is dropped.
     */
    public static String normalizeEscapes(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char e = raw.charAt(++i);
                if ("abfnrtv\\\"01234567x".indexOf(e) < 0) {
                    out.append(e);
                } else {
                    out.append(c).append(e);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The characters a string literal stands for, C escapes interpreted. */
    public static String unescape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) {
                out.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case 'x' -> {
                    int end = i + 1;
                    while (end < raw.length() && end < i + 3 && Character.digit(raw.charAt(end), 16) >= 0) {
                        end++;
                    }
                    if (end == i + 1) {
                        out.append('\\').append('x');
                    } else {
                        out.append((char) Integer.parseInt(raw.substring(i + 1, end), 16));
                        i = end - 1;
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < raw.length() && end < i + 3 && raw.charAt(end) >= '0' && raw.charAt(end) <= '7') {
                            end++;
                        }
                        out.append((char) (Integer.parseInt(raw.substring(i, end), 8) & 0xff));
                        i = end - 1;
                    } else {
                        out.append(e);
                    }
                }
            }
        }
        return out.toString();
    }
}
