package org.jstap.lang.ast;

import java.util.List;
import org.jstap.lang.diag.SourceFile;

/** One parsed file: the user's script or a tapset. */
public record Script(SourceFile file, List<Decl> decls) {}
