package org.jstap.lang.elaborate;

import java.util.List;

/**
 * A resolved {@code @cast(addr, "struct NAME")->field->field}: the kernel class standing for the
 * struct, the checked field path, the path's script type and the pretty-print suffix.
 */
public record CastTarget(String className, List<String> fields, Type type, org.jstap.lang.ast.Expr.Pretty pretty) {}
