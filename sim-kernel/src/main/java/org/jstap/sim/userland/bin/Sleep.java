package org.jstap.sim.userland.bin;

import java.math.BigDecimal;
import org.jstap.sim.userland.Errno;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/** /bin/sleep NUMBER[smhd]...: nanosleep for the sum, resumed after interruptions by handled signals. */
public final class Sleep extends Program {
    @Override
    protected int main(Proc p) {
        if (p.args().isEmpty()) {
            p.error("missing operand");
            p.tryHelp();
            return 1;
        }
        BigDecimal total = BigDecimal.ZERO;
        boolean bad = false;
        for (String a : p.args()) {
            BigDecimal v = seconds(a);
            if (v == null) {
                p.error("invalid time interval " + Proc.quote(a));
                bad = true;
            } else {
                total = total.add(v);
            }
        }
        if (bad) {
            p.tryHelp();
            return 1;
        }
        long ns = total.movePointRight(9).min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
        long[] ts = new long[2];
        p.libc.clock_gettime(1, ts);
        long end = ts[0] * 1_000_000_000L + ts[1] + ns;
        while (true) {
            long r = p.libc.nanosleep(ns);
            if (r != -Errno.EINTR) {
                return 0;
            }
            p.libc.clock_gettime(1, ts);
            ns = end - (ts[0] * 1_000_000_000L + ts[1]);
            if (ns <= 0) {
                return 0;
            }
        }
    }

    static BigDecimal seconds(String a) {
        if (a.isEmpty()) {
            return null;
        }
        int mult = switch (a.charAt(a.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            default -> 0;
        };
        String num = mult == 0 ? a : a.substring(0, a.length() - 1);
        try {
            BigDecimal v = new BigDecimal(num);
            if (v.signum() < 0) {
                return null;
            }
            return v.multiply(BigDecimal.valueOf(mult == 0 ? 1 : mult));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
