package org.jstap.lang.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The diagnostics a phase collects; phases return it beside their result. */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();

    public void add(Diagnostic d) {
        all.add(d);
    }

    public void addAll(Diagnostics other) {
        all.addAll(other.all);
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    public long errorCount() {
        return all.stream().filter(Diagnostic::isError).count();
    }

    public List<Diagnostic> all() {
        return Collections.unmodifiableList(all);
    }
}
