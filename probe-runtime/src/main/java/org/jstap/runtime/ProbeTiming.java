package org.jstap.runtime;

import java.util.ArrayList;
import java.util.List;
import org.jstap.runtime.stat.HistogramSpec;
import org.jstap.runtime.stat.Stat;

/**
 * {@code stap -t} (STP_TIMING): per probe, how often it fired and what each run of its handler
 * cost, printed at module exit as stap's "probe hit report". stap measures cost in get_cycles()
 * units; here a handler runs in no virtual time (the machine's clock does not move inside a
 * probe), so the cost is the handler's actions — the statements MAXACTION counts — which is the
 * session's own deterministic measure of how much work a hit did, repeatable byte for byte.
 *
 * <p>Probes are numbered in registration order, which is the order of the module's probe table
 * (stap's {@code stap_probes[]} index). Each probe's location and derivation come from the module
 * ({@link CompiledScript#probeSites}); a module built without them reports the point alone.
 */
final class ProbeTiming {
    /** One registered probe: its point, where it was written and how it was derived, and its costs. */
    static final class Entry {
        final String point;
        final Stat cost = new Stat(HistogramSpec.NONE, 0);
        String location = "";
        String derivation = "";

        Entry(String point) {
            this.point = point;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    /** Whether the module gave a table; without one every probe is reported by its point alone. */
    private boolean sited;

    Entry register(String point) {
        Entry e = new Entry(point);
        entries.add(e);
        return e;
    }

    /** Fills in locations and derivations from the module's table: pairs of (FILE:LINE:COL, derivation). */
    void describe(String[] sites) {
        if (sites.length != 2 * entries.size()) {
            // a registry method that registered no entry (or two) would shift every line after it:
            // then no probe gets another's location, and each is reported by its point alone
            return;
        }
        sited = sites.length > 0;
        for (int i = 0; i < entries.size() && 2 * i + 1 < sites.length; i++) {
            entries.get(i).location = sites[2 * i];
            entries.get(i).derivation = sites[2 * i + 1];
        }
    }

    /**
     * The report as stap's module exit prints it with STP_TIMING: a header, one line per probe
     * that was hit ({@code pp, (location), hits: N, cycles: MINmin/AVGavg/MAXmax, variance: V,
     * from: ..., index: I}), then the refresh report's header (this runtime has no refresh timer,
     * so no line follows it).
     */
    String report() {
        StringBuilder out = new StringBuilder("----- probe hit report: \n");
        int index = 0;
        for (Entry e : entries) {
            // a probe with neither location nor derivation is a part of another (the entry
            // handler that saves @entry values for a return probe): stap has no entry for it
            if (e.location.isEmpty() && e.derivation.isEmpty() && sited) {
                continue;
            }
            int shown = index++;
            if (e.cost.count() == 0) {
                continue;
            }
            out.append(e.point).append(", (").append(e.location).append("), hits: ").append(e.cost.count())
                    .append(", cycles: ").append(e.cost.min(null)).append("min/").append(e.cost.avg(null))
                    .append("avg/").append(e.cost.max(null)).append("max, variance: ")
                    .append(e.cost.variance(null)).append(',').append(e.derivation).append(", index: ")
                    .append(shown).append('\n');
        }
        out.append("----- refresh report:\n");
        return out.toString();
    }
}
