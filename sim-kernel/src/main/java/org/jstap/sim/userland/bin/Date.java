package org.jstap.sim.userland.bin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/date [-u] [+FORMAT]: CLOCK_REALTIME in UTC (the machine's zone), by default as coreutils
 * prints it ("Thu Jan  1 00:00:00 UTC 2026"); FORMAT takes strftime's common conversions.
 */
public final class Date extends Program {
    static final String DEFAULT = "%a %b %e %H:%M:%S %Z %Y";

    @Override
    protected int main(Proc p) {
        String format = DEFAULT;
        for (String a : p.args()) {
            if (a.startsWith("+")) {
                format = a.substring(1);
            } else if (!a.equals("-u") && !a.equals("--utc")) {
                p.error("invalid date " + Proc.quote(a));
                return 1;
            }
        }
        long[] ts = new long[2];
        long r = p.libc.clock_gettime(Libc.CLOCK_REALTIME, ts);
        if (r < 0) {
            p.error("cannot get the time", r);
            return 1;
        }
        p.out().print(strftime(format, ts[0], ts[1]) + "\n");
        return 0;
    }

    /** strftime(3) in UTC. */
    static String strftime(String f, long sec, long nsec) {
        ZonedDateTime t = Instant.ofEpochSecond(sec).atZone(ZoneOffset.UTC);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%' || i + 1 >= f.length()) {
                s.append(c);
                continue;
            }
            char k = f.charAt(++i);
            switch (k) {
                case 'a' -> s.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'A' -> s.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT));
                case 'b', 'h' -> s.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'B' -> s.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT));
                case 'd' -> s.append(String.format("%02d", t.getDayOfMonth()));
                case 'e' -> s.append(String.format("%2d", t.getDayOfMonth()));
                case 'H' -> s.append(String.format("%02d", t.getHour()));
                case 'I' -> s.append(String.format("%02d", (t.getHour() + 11) % 12 + 1));
                case 'j' -> s.append(String.format("%03d", t.getDayOfYear()));
                case 'm' -> s.append(String.format("%02d", t.getMonthValue()));
                case 'M' -> s.append(String.format("%02d", t.getMinute()));
                case 'N' -> s.append(String.format("%09d", nsec));
                case 'p' -> s.append(t.getHour() < 12 ? "AM" : "PM");
                case 'S' -> s.append(String.format("%02d", t.getSecond()));
                case 's' -> s.append(sec);
                case 'u' -> s.append(t.getDayOfWeek().getValue());
                case 'w' -> s.append(t.getDayOfWeek().getValue() % 7);
                case 'y' -> s.append(String.format("%02d", t.getYear() % 100));
                case 'Y' -> s.append(t.getYear());
                case 'Z' -> s.append("UTC");
                case 'z' -> s.append("+0000");
                case 'F' -> s.append(strftime("%Y-%m-%d", sec, nsec));
                case 'T' -> s.append(strftime("%H:%M:%S", sec, nsec));
                case 'D' -> s.append(strftime("%m/%d/%y", sec, nsec));
                case 'R' -> s.append(strftime("%H:%M", sec, nsec));
                case 'c' -> s.append(strftime("%a %b %e %H:%M:%S %Y", sec, nsec));
                case 'n' -> s.append('\n');
                case 't' -> s.append('\t');
                case '%' -> s.append('%');
                default -> s.append('%').append(k);
            }
        }
        return s.toString();
    }
}
