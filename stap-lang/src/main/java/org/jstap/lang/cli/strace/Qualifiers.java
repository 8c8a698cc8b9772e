package org.jstap.lang.cli.strace;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jstap.sim.kernel.signal.Signals;

/**
 * strace's {@code -e trace=SET} and {@code -e signal=SET}: which syscalls are traced and which
 * signals shown. A SET is a comma-separated list of names ({@code read}, {@code SIGCHLD} or
 * {@code CHLD} or {@code 17}), classes ({@code %file}), regular expressions ({@code /^get}),
 * {@code ?name} (no error if unknown), {@code all} or {@code none}; a leading {@code !} negates it.
 * The first SET of a kind replaces the default "all", later ones add to (or, negated, take from) it.
 */
public final class Qualifiers {
    /** A usage error, in strace's words. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    private final Collection<String> syscalls;
    private Set<String> traced;
    private Set<Integer> signals;

    /** @param syscalls every syscall name jstrace can trace */
    public Qualifiers(Collection<String> syscalls) {
        this.syscalls = List.copyOf(syscalls);
        this.traced = new LinkedHashSet<>(syscalls);
        this.signals = allSignals();
    }

    private boolean traceGiven;
    private boolean signalGiven;

    /** Applies one {@code -e EXPR}: {@code trace=}, {@code signal=} (or {@code signals=}), or a bare SET of syscalls. */
    public void apply(String expr) {
        int eq = expr.indexOf('=');
        String kind = eq < 0 ? "trace" : expr.substring(0, eq);
        String set = eq < 0 ? expr : expr.substring(eq + 1);
        switch (kind) {
            case "trace", "t" -> {
                traced = combine(traced, !traceGiven, set, this::syscallsOf);
                traceGiven = true;
            }
            case "signal", "signals", "s" -> {
                signals = combine(signals, !signalGiven, set, this::signalsOf);
                signalGiven = true;
            }
            default -> throw new Invalid("invalid filter action '" + kind + "'");
        }
    }

    public boolean traces(String syscall) {
        return traced.contains(syscall);
    }

    /** The syscalls traced, or null when all are (so the script need not filter). */
    public Set<String> tracedOrNull() {
        return traced.containsAll(syscalls) ? null : Set.copyOf(traced);
    }

    public boolean shows(int signal) {
        return signals.contains(signal);
    }

    private interface Resolver<T> {
        Set<T> resolve(String token);
    }

    private static <T> Set<T> combine(Set<T> current, boolean first, String set, Resolver<T> resolver) {
        boolean negate = set.startsWith("!");
        String body = negate ? set.substring(1) : set;
        Set<T> named = new LinkedHashSet<>();
        for (String token : body.split(",", -1)) {
            named.addAll(resolver.resolve(token));
        }
        Set<T> result = new LinkedHashSet<>(current);
        if (negate) {
            result.removeAll(named);
        } else {
            if (first) {
                result.clear();
            }
            result.addAll(named);
        }
        return result;
    }

    private Set<String> syscallsOf(String token) {
        if (token.equals("all")) {
            return new LinkedHashSet<>(syscalls);
        }
        if (token.equals("none")) {
            return Set.of();
        }
        boolean optional = token.startsWith("?");
        String t = optional ? token.substring(1) : token;
        Set<String> out = new LinkedHashSet<>();
        if (t.startsWith("%") && SyscallClasses.CLASSES.containsKey(t.substring(1))) {
            for (String s : SyscallClasses.CLASSES.get(t.substring(1))) {
                if (syscalls.contains(s)) {
                    out.add(s);
                }
            }
            return out;
        }
        if (t.startsWith("/")) {
            Pattern p;
            try {
                p = Pattern.compile(t.substring(1));
            } catch (PatternSyntaxException e) {
                throw new Invalid("invalid system call '" + token + "'");
            }
            syscalls.stream().filter(s -> p.matcher(s).find()).forEach(out::add);
            if (out.isEmpty() && !optional) {
                throw new Invalid("invalid system call '" + token + "'");
            }
            return out;
        }
        if (syscalls.contains(t)) {
            return Set.of(t);
        }
        if (optional) {
            return Set.of();
        }
        throw new Invalid("invalid system call '" + token + "'");
    }

    private Set<Integer> signalsOf(String token) {
        if (token.equals("all")) {
            return allSignals();
        }
        if (token.equals("none")) {
            return Set.of();
        }
        if (token.matches("\\d+")) {
            int n = Integer.parseInt(token);
            if (n >= 1 && n <= Signals.NSIG) {
                return Set.of(n);
            }
        } else {
            String name = token.toUpperCase(java.util.Locale.ROOT).startsWith("SIG") ? token : "SIG" + token;
            for (int n = 1; n <= Signals.NSIG; n++) {
                if (name.equalsIgnoreCase(Signals.name(n))) {
                    return Set.of(n);
                }
            }
        }
        throw new Invalid("invalid signal '" + token + "'");
    }

    private static Set<Integer> allSignals() {
        Set<Integer> all = new LinkedHashSet<>();
        for (int n = 1; n <= Signals.NSIG; n++) {
            all.add(n);
        }
        return all;
    }
}
