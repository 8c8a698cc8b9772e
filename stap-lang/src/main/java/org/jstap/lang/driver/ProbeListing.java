package org.jstap.lang.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jstap.lang.elaborate.ElaboratedProbe;
import org.jstap.lang.elaborate.Type;
import org.jstap.lang.elaborate.Variable;

/**
 * How {@code -l}/{@code -L} show a probe that came through a tapset alias: by the alias's name
 * ({@code syscall.read}), not by the kernel function it expands to, and with {@code -L} the
 * script variables the alias's prologue sets, with their types, followed by the target
 * variables of the point underneath — as stap lists {@code syscall.read name:string fd:long ...}.
 */
final class ProbeListing {
    private ProbeListing() {}

    /**
     * The names of the outermost alias {@code p} came through that the pattern matches (a
     * wildcard may match several names of one alias), or none when {@code p} is no alias's.
     */
    static List<String> aliasNames(ElaboratedProbe p, String pattern) {
        String[] steps = p.written().split(" <- ");
        if (steps.length < 2) {
            return List.of();
        }
        String outer = steps[steps.length - 2];
        int eq = outer.indexOf(" = ");
        int plusEq = outer.indexOf(" += ");
        int end = plusEq >= 0 && (eq < 0 || plusEq < eq) ? plusEq : eq;
        if (end < 0) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String n : outer.substring(0, end).split(",")) {
            names.add(n.strip());
        }
        Pattern glob = glob(pattern.strip());
        List<String> matched = names.stream().filter(n -> glob.matcher(n).matches()).toList();
        return matched.isEmpty() ? List.of(names.get(0)) : matched;
    }

    /** {@code " name:string fd:long ..."} then the underlying point's {@code $vars}. */
    static String aliasVariables(ElaboratedProbe p) {
        StringBuilder out = new StringBuilder();
        for (Variable v : p.locals().values()) {
            if (v.type() != Type.UNKNOWN) {
                out.append(' ').append(v.name()).append(':').append(v.type().text);
            }
        }
        if (!p.points().isEmpty()) {
            out.append(TargetTypes.describe(p.points().get(0)));
        }
        return out.toString();
    }

    /** A probe-point pattern as a regex: {@code *} stays within one component, as in stap. */
    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? "[^.]*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
