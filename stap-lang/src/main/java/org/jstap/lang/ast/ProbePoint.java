package org.jstap.lang.ast;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A probe point such as {@code kernel.function("vfs_*").return?}. Brace expansion is done when
 * building, so components are plain: a name (possibly with wildcards) and an optional argument.
 */
public record ProbePoint(Span span, List<Component> components, boolean optional, boolean sufficient,
                         Expr condition) {

    /** {@code function("x")}: {@code arg} is a NumberLit, a StringLit or null. */
    public record Component(Span span, String name, Expr arg) {
        public String text() {
            if (arg == null) {
                return name;
            }
            return name + "(" + switch (arg) {
                case Expr.NumberLit n -> n.text();
                case Expr.StringLit s -> "\"" + s.raw() + "\"";
                default -> "?";
            } + ")";
        }
    }

    /** The point as stap prints it, without suffixes: {@code kernel.function("x").return}. */
    public String text() {
        return components.stream().map(Component::text).collect(Collectors.joining("."));
    }

    public ProbePoint withCondition(Expr cond) {
        return new ProbePoint(span, components, optional, sufficient, cond);
    }
}
