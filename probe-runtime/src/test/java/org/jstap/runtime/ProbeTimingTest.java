package org.jstap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** stap -t's report: its layout, which probes it lists, and how the module's table lines up with them. */
class ProbeTimingTest {

    @Test
    void report_listsHitProbesInStapsLayout_withTheirTableIndex() {
        ProbeTiming t = new ProbeTiming();
        ProbeTiming.Entry begin = t.register("begin");
        t.register("never hit");
        ProbeTiming.Entry timer = t.register("timer.s(1)");
        t.describe(new String[] {"a.stp:1:1", " from: begin", "a.stp:2:1", " from: x", "a.stp:3:1", " from: timer.s(1)"});
        begin.cost.add(4);
        timer.cost.add(1);
        timer.cost.add(3);
        assertEquals("----- probe hit report: \n"
                + "begin, (a.stp:1:1), hits: 1, cycles: 4min/4avg/4max, variance: 0, from: begin, index: 0\n"
                + "timer.s(1), (a.stp:3:1), hits: 2, cycles: 1min/2avg/3max, variance: 2, from: timer.s(1), index: 2\n"
                + "----- refresh report:\n", t.report());
    }

    @Test
    void anEntryWithoutLocationOrDerivation_isPartOfAnother_andTakesNoIndex() {
        ProbeTiming t = new ProbeTiming();
        ProbeTiming.Entry entry = t.register("kernel.function(\"f\")");
        ProbeTiming.Entry ret = t.register("kernel.function(\"f\").return");
        t.describe(new String[] {"", "", "a.stp:1:1", " from: kernel.function(\"f\").return"});
        entry.cost.add(1);
        ret.cost.add(1);
        assertEquals("----- probe hit report: \n"
                + "kernel.function(\"f\").return, (a.stp:1:1), hits: 1, cycles: 1min/1avg/1max, variance: 0,"
                + " from: kernel.function(\"f\").return, index: 0\n"
                + "----- refresh report:\n", t.report());
    }

    @Test
    void aTableThatDoesNotMatchTheRegistrations_isNotUsed() {
        ProbeTiming t = new ProbeTiming();
        ProbeTiming.Entry a = t.register("begin");
        t.register("end");
        t.describe(new String[] {"a.stp:1:1", " from: begin"});
        a.cost.add(1);
        assertEquals("----- probe hit report: \n"
                + "begin, (), hits: 1, cycles: 1min/1avg/1max, variance: 0,, index: 0\n"
                + "----- refresh report:\n", t.report());
    }
}
