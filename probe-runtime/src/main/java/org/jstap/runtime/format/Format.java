package org.jstap.runtime.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed printf format: literal text and conversions in order. The translator parses formats
 * at compile time (to check arguments and emit straight-line code); the runtime uses the same
 * parser so both agree on every format.
 *
 * <pre>{@code
 * Format f = Format.parse("%s: %5d\n");
 * f.arguments(); // 2
 * }</pre>
 */
public record Format(List<Object> parts) {

    /** Thrown for a malformed format; the message is stap's wording. */
    public static final class FormatError extends IllegalArgumentException {
        public FormatError(String message) {
            super(message);
        }
    }

    /** Parses a format whose escapes have already been interpreted. */
    public static Format parse(String format) {
        List<Object> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                text.append(c);
                continue;
            }
            if (i < format.length() && format.charAt(i) == '%') {
                text.append('%');
                i++;
                continue;
            }
            boolean left = false;
            boolean plus = false;
            boolean space = false;
            boolean alt = false;
            boolean zero = false;
            flags:
            while (i < format.length()) {
                switch (format.charAt(i)) {
                    case '-' -> left = true;
                    case '+' -> plus = true;
                    case ' ' -> space = true;
                    case '#' -> alt = true;
                    case '0' -> zero = true;
                    default -> {
                        break flags;
                    }
                }
                i++;
            }
            int width = -1;
            if (i < format.length() && format.charAt(i) == '*') {
                width = FormatSpec.STAR;
                i++;
            } else {
                int start = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    width = Integer.parseInt(format.substring(start, i));
                }
            }
            int precision = -1;
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                if (i < format.length() && format.charAt(i) == '*') {
                    precision = FormatSpec.STAR;
                    i++;
                } else {
                    int start = i;
                    while (i < format.length() && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
                }
            }
            // length modifiers are accepted and ignored: every integer is 64 bits
            while (i < format.length() && "hlLqjzt".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            if (i >= format.length()) {
                throw new FormatError("invalid or missing conversion specifier");
            }
            Conversion conversion = Conversion.of(format.charAt(i++));
            if (conversion == null) {
                throw new FormatError("invalid or missing conversion specifier");
            }
            if (!text.isEmpty()) {
                parts.add(text.toString());
                text.setLength(0);
            }
            parts.add(new FormatSpec(left, plus, space, alt, zero, width, precision, conversion));
        }
        if (!text.isEmpty()) {
            parts.add(text.toString());
        }
        return new Format(List.copyOf(parts));
    }

    /** How many arguments the format consumes, counting {@code *} widths and precisions. */
    public int arguments() {
        int n = 0;
        for (Object p : parts) {
            if (p instanceof FormatSpec s) {
                n++;
                if (s.width() == FormatSpec.STAR) {
                    n++;
                }
                if (s.precision() == FormatSpec.STAR) {
                    n++;
                }
            }
        }
        return n;
    }
}
