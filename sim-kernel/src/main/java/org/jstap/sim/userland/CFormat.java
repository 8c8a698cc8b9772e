package org.jstap.sim.userland;

import java.math.BigDecimal;
import java.util.List;

/**
 * printf(3)'s conversions done as C does them (Java's Formatter differs: %g, %x of negatives,
 * %c of a number...), for the printf program and for messages such as dd's timing.
 */
public final class CFormat {
    private CFormat() {}

    /** %g with {@code precision} significant digits, trailing zeros removed, as glibc prints it. */
    public static String g(double v, int precision, boolean alt) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (precision == 0) {
            precision = 1;
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + (alt ? "0." + "0".repeat(precision - 1) : "0");
        }
        String e = String.format("%." + (precision - 1) + "e", v);
        int exp = Integer.parseInt(e.substring(e.indexOf('e') + 1));
        String s;
        if (exp < -4 || exp >= precision) {
            String mant = e.substring(0, e.indexOf('e'));
            if (!alt) {
                mant = stripZeros(mant);
            }
            s = mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        } else {
            s = String.format("%." + Math.max(0, precision - 1 - exp) + "f", v);
            if (!alt) {
                s = stripZeros(s);
            }
        }
        return s;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /** One conversion's flags, width and precision. */
    public record Spec(String flags, int width, int precision, char conv) {
        boolean has(char f) {
            return flags.indexOf(f) >= 0;
        }
    }

    /** Pads {@code body} to the spec's width (left with '-', zeros with '0' for numbers). */
    public static String pad(Spec s, String body, boolean numeric) {
        if (body.length() >= s.width()) {
            return body;
        }
        int n = s.width() - body.length();
        if (s.has('-')) {
            return body + " ".repeat(n);
        }
        if (numeric && s.has('0') && (s.precision() < 0 || "eEfgG".indexOf(s.conv()) >= 0)) {
            int sign = !body.isEmpty() && "+- ".indexOf(body.charAt(0)) >= 0 ? 1 : 0;
            if (body.startsWith("0x", sign) || body.startsWith("0X", sign)) {
                sign += 2;
            }
            return body.substring(0, sign) + "0".repeat(n) + body.substring(sign);
        }
        return " ".repeat(n) + body;
    }

    /** An integer conversion (d i u o x X) of {@code v}. */
    public static String integer(Spec s, long v) {
        String digits;
        boolean neg = false;
        switch (s.conv()) {
            case 'd', 'i' -> {
                neg = v < 0;
                digits = neg ? (v == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(-v)) : Long.toString(v);
            }
            case 'u' -> digits = Long.toUnsignedString(v);
            case 'o' -> digits = Long.toOctalString(v);
            case 'x' -> digits = Long.toHexString(v);
            default -> digits = Long.toHexString(v).toUpperCase();
        }
        if (s.precision() >= 0) {
            if (s.precision() == 0 && v == 0) {
                digits = "";
            }
            while (digits.length() < s.precision()) {
                digits = "0" + digits;
            }
        }
        if (s.has('#') && v != 0) {
            if (s.conv() == 'o' && !digits.startsWith("0")) {
                digits = "0" + digits;
            } else if (s.conv() == 'x') {
                digits = "0x" + digits;
            } else if (s.conv() == 'X') {
                digits = "0X" + digits;
            }
        }
        String sign = neg ? "-" : ("di".indexOf(s.conv()) >= 0 && s.has('+')) ? "+"
                : ("di".indexOf(s.conv()) >= 0 && s.has(' ')) ? " " : "";
        return pad(s, sign + digits, true);
    }

    /** A floating conversion (f F e E g G) of {@code v}. */
    public static String floating(Spec s, double v) {
        int prec = s.precision() < 0 ? 6 : s.precision();
        String body = switch (s.conv()) {
            case 'f', 'F' -> Double.isFinite(v) ? String.format("%." + prec + "f", v) : g(v, 6, false);
            case 'e', 'E' -> Double.isFinite(v) ? fixExponent(String.format("%." + prec + "e", v)) : g(v, 6, false);
            default -> g(v, prec, s.has('#'));
        };
        if (Character.isUpperCase(s.conv())) {
            body = body.toUpperCase();
        }
        if (!body.startsWith("-")) {
            body = (s.has('+') ? "+" : s.has(' ') ? " " : "") + body;
        }
        return pad(s, body, Double.isFinite(v));
    }

    private static String fixExponent(String e) {
        int at = e.indexOf('e');
        String exp = e.substring(at + 2);
        while (exp.length() > 2 && exp.charAt(0) == '0') {
            exp = exp.substring(1);
        }
        return e.substring(0, at + 2) + exp;
    }

    /** A string conversion (s) with precision as the maximum length. */
    public static String string(Spec s, String v) {
        if (s.precision() >= 0 && v.length() > s.precision()) {
            v = v.substring(0, s.precision());
        }
        return pad(s, v, false);
    }

    /**
     * Parses a conversion at {@code fmt[at]} (just after '%'); {@code widthArgs} supplies '*' values.
     * Returns the spec and sets {@code end[0]} to the index after it, or null when malformed.
     */
    public static Spec parse(String fmt, int at, int[] end, List<Long> widthArgs) {
        int i = at;
        StringBuilder flags = new StringBuilder();
        while (i < fmt.length() && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
            flags.append(fmt.charAt(i++));
        }
        int width = 0;
        if (i < fmt.length() && fmt.charAt(i) == '*') {
            long w = widthArgs.isEmpty() ? 0 : widthArgs.remove(0);
            if (w < 0) {
                flags.append('-');
                w = -w;
            }
            width = (int) w;
            i++;
        } else {
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                width = width * 10 + (fmt.charAt(i++) - '0');
            }
        }
        int precision = -1;
        if (i < fmt.length() && fmt.charAt(i) == '.') {
            i++;
            precision = 0;
            if (i < fmt.length() && fmt.charAt(i) == '*') {
                long pr = widthArgs.isEmpty() ? 0 : widthArgs.remove(0);
                precision = pr < 0 ? -1 : (int) pr;
                i++;
            } else {
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                    precision = precision * 10 + (fmt.charAt(i++) - '0');
                }
            }
        }
        while (i < fmt.length() && "hlLqjzt".indexOf(fmt.charAt(i)) >= 0) {
            i++;
        }
        if (i >= fmt.length()) {
            return null;
        }
        end[0] = i + 1;
        return new Spec(flags.toString(), width, precision, fmt.charAt(i));
    }

    /** A decimal of an integer or decimal literal, for %f of big values; null when not a number. */
    public static BigDecimal decimal(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
