package org.jstap.lang.translate;

import java.util.ArrayList;
import java.util.List;
import org.jstap.lang.elaborate.ElaboratedProbe;

/**
 * stap's derivation text for a probe table entry ({@code stap -t} prints it after the cost):
 * {@code " from: P1 from: P2 ..."}, the points a derived probe came from, nearest first and the
 * user's point last, without {@code ?}/{@code !} marks and conditions (stap's
 * {@code derived_probe::derived_locations}). It is read back from what pass 2 recorded as
 * {@link ElaboratedProbe#written()}: the alias steps ({@code "names = targets"}, innermost first)
 * and then the user's points, joined by {@code " <- "}.
 */
final class ProbeDerivation {
    private ProbeDerivation() {}

    /** One derivation per point of {@code p}, in the order of {@link ElaboratedProbe#points()}. */
    static List<String> of(ElaboratedProbe p) {
        String[] steps = p.written().split(" <- ");
        List<String> user = splitTopLevel(steps[steps.length - 1]);
        StringBuilder aliases = new StringBuilder();
        for (int i = 0; i < steps.length - 1; i++) {
            int eq = steps[i].indexOf(" = ");
            int plusEq = steps[i].indexOf(" += ");
            String targets = plusEq >= 0 && (eq < 0 || plusEq < eq) ? steps[i].substring(plusEq + 4)
                    : eq >= 0 ? steps[i].substring(eq + 3) : steps[i];
            aliases.append(" from: ").append(bare(splitTopLevel(targets).get(0)));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < p.points().size(); i++) {
            // several points written and as many resolved: each came from its own; else from all of them
            String from = user.size() == p.points().size() ? bare(user.get(i))
                    : String.join(",", user.stream().map(ProbeDerivation::bare).toList());
            out.add(aliases + " from: " + from);
        }
        return out;
    }

    /** A point as written, without its condition and its {@code ?}/{@code !} mark. */
    private static String bare(String written) {
        String s = written.strip();
        int cond = indexOutsideQuotes(s, " if (");
        if (cond >= 0) {
            s = s.substring(0, cond);
        }
        while (s.endsWith("?") || s.endsWith("!")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Splits at commas outside string literals and parentheses. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static int indexOutsideQuotes(String s, String needle) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && s.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }
}
