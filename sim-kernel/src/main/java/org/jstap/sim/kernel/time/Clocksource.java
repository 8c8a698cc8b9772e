package org.jstap.sim.kernel.time;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.kernel.printk.Printk;

/**
 * kernel/time/clocksource.c: the clock sources the kernel knows and the one timekeeping reads.
 * Timekeeping starts on jiffies; at {@code clocksource_done_booting} (an fs initcall) it switches
 * to the best-rated source registered by then, as Linux does.
 */
@org.jstap.sim.kernel.LinuxFile("kernel/time/clocksource.c")
public final class Clocksource {
    /** One clock source: its name, rating (higher is better) and counter mask. */
    public record Source(String name, int rating, long mask) {}

    private final Printk printk;
    private final List<Source> sources = new ArrayList<>();
    /** clocksource_default_clock: the jiffies counter, which timekeeping starts on. */
    private static final Source JIFFIES = new Source("jiffies", 1, 0xffffffffL);

    private Source current = JIFFIES;
    private boolean finishedBooting;

    public Clocksource(Printk printk) {
        this.printk = printk;
    }

    /** __clocksource_register: makes {@code cs} known; after boot the best one is selected at once. */
    public void __clocksource_register(Source cs) {
        sources.add(cs);
        printk.pr_info(String.format("clocksource: %s: mask: 0x%x", cs.name(), cs.mask()));
        if (finishedBooting) {
            clocksource_select();
        }
    }

    /** init_jiffies_clocksource (kernel/time/jiffies.c): the tick counter, the source of last resort. */
    public int init_jiffies_clocksource() {
        __clocksource_register(JIFFIES);
        return 0;
    }

    /** clocksource_done_booting: boot is far enough along to trust the best source. */
    public int clocksource_done_booting() {
        finishedBooting = true;
        clocksource_select();
        return 0;
    }

    void clocksource_select() {
        Source best = current;
        for (Source cs : sources) {
            if (cs.rating() > best.rating()) {
                best = cs;
            }
        }
        if (best != current) {
            current = best;
            printk.pr_info("clocksource: Switched to clocksource " + best.name());
        }
    }

    /** The clock source timekeeping reads now. */
    public Source current() {
        return current;
    }
}
