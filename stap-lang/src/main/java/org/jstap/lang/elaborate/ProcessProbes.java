package org.jstap.lang.elaborate;

import java.util.List;
import org.jstap.lang.ast.ProbePoint;

/**
 * {@code process.begin}, {@code process.end}, {@code process.thread.begin} and
 * {@code process.thread.end} for every user process (stap's task-finder probes without a PATH):
 * the handler runs for the new or exiting process or thread, so pid() and execname() name it.
 */
public final class ProcessProbes implements ProbePointResolver.Provider {

    @Override
    public List<ResolvedPoint> resolve(ProbePoint point) {
        List<ProbePoint.Component> c = point.components();
        if (c.isEmpty() || !c.get(0).name().equals("process") || c.stream().anyMatch(x -> x.arg() != null)) {
            return List.of();
        }
        boolean thread = c.size() == 3 && c.get(1).name().equals("thread");
        if (c.size() != (thread ? 3 : 2)) {
            return List.of();
        }
        String last = c.get(c.size() - 1).name();
        if (!last.equals("begin") && !last.equals("end")) {
            return List.of();
        }
        return List.of(new ResolvedPoint.Process(point.text(), thread, last.equals("end")));
    }

    @Override
    public List<String> names(List<String> prefix) {
        if (prefix.isEmpty()) {
            return List.of("process");
        }
        if (prefix.equals(List.of("process"))) {
            return List.of("begin", "end", "thread");
        }
        return prefix.equals(List.of("process", "thread")) ? List.of("begin", "end") : List.of();
    }
}
