package org.jstap.sim.userland;

import java.util.ArrayList;
import java.util.List;

/**
 * getopt(3) as GNU libc does it: short options, clusters ({@code -la}), option arguments
 * attached or separate, {@code --} ending options, and operands permuted to the end (so
 * {@code ls dir -l} works). Errors are printed as glibc prints them.
 *
 * <pre>
 * Getopt g = new Getopt(p, "n:v");
 * for (int c; (c = g.next()) != -1;) { switch (c) { case 'n' -> n = g.optarg(); ... } }
 * List&lt;String&gt; files = g.operands();
 * </pre>
 */
public final class Getopt {
    private final Proc p;
    private final String spec;
    private final List<String> args;
    private final List<String> operands = new ArrayList<>();
    private int index;
    private int cluster;
    private String optarg;
    private boolean done;

    public Getopt(Proc p, String spec) {
        this(p, spec, p.args());
    }

    public Getopt(Proc p, String spec, List<String> args) {
        this.p = p;
        this.spec = spec;
        this.args = args;
    }

    public String optarg() {
        return optarg;
    }

    /** The next option character, '?' after an error (already printed), or -1 when there are no more. */
    public int next() {
        optarg = null;
        while (cluster == 0) {
            if (index >= args.size()) {
                return -1;
            }
            String a = args.get(index);
            if (done || a.equals("-") || !a.startsWith("-")) {
                operands.add(a);
                index++;
            } else if (a.equals("--")) {
                done = true;
                index++;
            } else if (a.startsWith("--")) {
                index++;
                p.error("unrecognized option '" + a + "'");
                return '?';
            } else {
                cluster = 1;
            }
        }
        String a = args.get(index);
        char c = a.charAt(cluster++);
        int at = spec.indexOf(c);
        boolean last = cluster >= a.length();
        if (at < 0 || c == ':') {
            if (last) {
                cluster = 0;
                index++;
            }
            p.error("invalid option -- '" + c + "'");
            return '?';
        }
        if (at + 1 < spec.length() && spec.charAt(at + 1) == ':') {
            if (!last) {
                optarg = a.substring(cluster);
            } else if (index + 1 < args.size()) {
                optarg = args.get(++index);
            } else {
                cluster = 0;
                index++;
                p.error("option requires an argument -- '" + c + "'");
                return '?';
            }
            cluster = 0;
            index++;
            return c;
        }
        if (last) {
            cluster = 0;
            index++;
        }
        return c;
    }

    /** The operands, in order, once {@link #next} returned -1. */
    public List<String> operands() {
        return operands;
    }
}
