package org.jstap.runtime.format;

/**
 * Renders one conversion the way SystemTap's runtime vsprintf does (which follows the kernel's):
 * 64-bit integers, {@code %p} as {@code 0x} and 16 hex digits, {@code %u}/{@code %x} on the unsigned
 * value. Called by generated code with the format already parsed.
 */
public final class Formatter {
    private Formatter() {}

    /** Appends a numeric conversion; {@code width}/{@code precision} are resolved (no STAR). */
    public static void appendLong(StringBuilder out, FormatSpec spec, int width, int precision, long value) {
        switch (spec.conversion()) {
            // %m/%M read kernel memory at an address; no kernel memory is mapped for scripts yet
            case MEMORY, MEMORY_HEX -> throw new org.jstap.runtime.StapError(String.format(
                    "kernel read fault at 0x%016x", value));
            case CHAR -> pad(out, String.valueOf((char) (value & 0xff)), spec.left(), width, false);
            case BINARY -> appendBinary(out, width, value);
            default -> appendNumber(out, spec, width, precision, value);
        }
    }

    public static void appendString(StringBuilder out, FormatSpec spec, int width, int precision, String value) {
        String s = precision >= 0 && precision < value.length() ? value.substring(0, precision) : value;
        pad(out, s, spec.left(), width, false);
    }

    private static void appendNumber(StringBuilder out, FormatSpec spec, int width, int precision, long value) {
        String digits;
        String prefix = "";
        boolean zero = spec.zero() && !spec.left();
        switch (spec.conversion()) {
            case SIGNED, SIGNED_I -> {
                digits = value < 0 ? (value == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(-value))
                        : Long.toString(value);
                if (value < 0) {
                    prefix = "-";
                } else if (spec.plus()) {
                    prefix = "+";
                } else if (spec.space()) {
                    prefix = " ";
                }
            }
            case UNSIGNED -> digits = Long.toUnsignedString(value);
            case OCTAL -> {
                digits = Long.toOctalString(value);
                if (spec.alt() && value != 0) {
                    prefix = "0";
                }
            }
            case HEX, HEX_UPPER -> {
                digits = Long.toHexString(value);
                if (spec.alt() && value != 0) {
                    prefix = "0x";
                }
            }
            case POINTER -> {
                digits = Long.toHexString(value);
                prefix = "0x";
                if (width < 0) {
                    width = 18;
                    zero = true;
                }
            }
            default -> throw new IllegalStateException(spec.conversion().toString());
        }
        if (precision >= 0) {
            zero = false;
            if (digits.length() < precision) {
                digits = "0".repeat(precision - digits.length()) + digits;
            } else if (precision == 0 && value == 0) {
                digits = "";
            }
        }
        if (spec.conversion() == Conversion.HEX_UPPER) {
            digits = digits.toUpperCase(java.util.Locale.ROOT);
            prefix = prefix.toUpperCase(java.util.Locale.ROOT);
        }
        int length = prefix.length() + digits.length();
        if (zero && width > length) {
            out.append(prefix).append("0".repeat(width - length)).append(digits);
        } else {
            pad(out, prefix + digits, spec.left(), width, false);
        }
    }

    private static void appendBinary(StringBuilder out, int width, long value) {
        int bytes = switch (width) {
            case 1, 2, 4 -> width;
            default -> 8;
        };
        for (int i = 0; i < bytes; i++) {
            out.append((char) ((value >>> (8 * i)) & 0xff));
        }
    }

    private static void pad(StringBuilder out, String s, boolean left, int width, boolean unused) {
        int fill = width - s.length();
        if (fill > 0 && !left) {
            out.append(" ".repeat(fill));
        }
        out.append(s);
        if (fill > 0 && left) {
            out.append(" ".repeat(fill));
        }
    }
}
