package org.jstap.lang.ast;

import java.util.List;

/** Top-level declarations of a script or tapset file. */
public sealed interface Decl {
    Span span();

    record Probe(Span span, List<ProbePoint> points, Stmt.Block body) implements Decl {}

    /** {@code probe a.b = x, y { prologue }}, or {@code +=} with an epilogue. */
    record ProbeAlias(Span span, List<ProbePoint> names, boolean epilogue, List<ProbePoint> points,
                      Stmt.Block body) implements Decl {}

    /** One declared global; {@code size} is 0 when not given, {@code init} may be null. */
    record Global(Span span, String name, boolean isPrivate, long size, boolean wrap, Expr init) implements Decl {}

    /** {@code body} is null when {@code embedded} is not. {@code returnType} null when not declared. */
    record Function(Span span, String name, boolean isPrivate, TypeName returnType, List<Param> params,
                    Stmt.Block body, String embedded) implements Decl {}

    record Embedded(Span span, String code) implements Decl {}

    record Param(Span span, String name, TypeName type) {}
}
