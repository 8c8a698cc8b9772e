package org.jstap.sim.userland.bin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stdio;

/**
 * /bin/seq [FIRST [INCREMENT]] LAST: decimal arithmetic, printed with as many fraction digits as
 * the operands have; {@code -s SEP} separator, {@code -w} equal widths with leading zeros.
 */
public final class Seq extends Program {
    @Override
    protected int main(Proc p) {
        String sep = "\n";
        boolean equalWidth = false;
        List<String> nums = new ArrayList<>();
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-w")) {
                equalWidth = true;
            } else if (a.equals("-s") && i + 1 < args.size()) {
                sep = args.get(++i);
            } else if (a.startsWith("-s") && a.length() > 2) {
                sep = a.substring(2);
            } else if (a.startsWith("-") && a.length() > 1 && !Character.isDigit(a.charAt(1)) && a.charAt(1) != '.') {
                p.error("invalid option -- '" + a.charAt(1) + "'");
                p.tryHelp();
                return 1;
            } else {
                nums.add(a);
            }
        }
        if (nums.isEmpty()) {
            p.error("missing operand");
            p.tryHelp();
            return 1;
        }
        if (nums.size() > 3) {
            p.error("extra operand " + Proc.quote(nums.get(3)));
            p.tryHelp();
            return 1;
        }
        BigDecimal[] v = new BigDecimal[nums.size()];
        int scale = 0;
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = new BigDecimal(nums.get(i));
            } catch (NumberFormatException e) {
                p.error("invalid floating point argument: " + Proc.quote(nums.get(i)));
                p.tryHelp();
                return 1;
            }
            if (i < 2 || v.length == 1) {
                scale = Math.max(scale, Math.max(0, v[i].scale()));
            }
        }
        BigDecimal first = v.length > 1 ? v[0] : BigDecimal.ONE;
        BigDecimal step = v.length > 2 ? v[1] : BigDecimal.ONE;
        BigDecimal last = v[v.length - 1];
        if (step.signum() == 0) {
            p.error("invalid Zero increment value: " + Proc.quote(nums.get(1)));
            p.tryHelp();
            return 1;
        }
        int width = 0;
        if (equalWidth) {
            width = Math.max(first.setScale(scale, java.math.RoundingMode.DOWN).toPlainString().length(),
                    last.setScale(scale, java.math.RoundingMode.DOWN).toPlainString().length());
        }
        Stdio.Out out = p.out();
        boolean any = false;
        for (BigDecimal x = first; step.signum() > 0 ? x.compareTo(last) <= 0 : x.compareTo(last) >= 0; x = x.add(step)) {
            String s = x.setScale(scale, java.math.RoundingMode.HALF_EVEN).toPlainString();
            if (equalWidth && s.length() < width) {
                boolean neg = s.startsWith("-");
                s = (neg ? "-" : "") + "0".repeat(width - s.length()) + (neg ? s.substring(1) : s);
            }
            out.print((any ? sep : "") + s);
            any = true;
        }
        if (any) {
            out.print("\n");
        }
        return 0;
    }
}
