package org.jstap.sim.kernel.printk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jstap.sim.kernel.time.Timekeeping;

/**
 * kernel/printk/printk.c: the kernel log. Records keep their level and virtual timestamp;
 * {@link #dmesg()} formats them as dmesg does: {@code [    0.004000] message}.
 */
@org.jstap.sim.kernel.LinuxFile("kernel/printk/printk.c")
public final class Printk {
    /** Log levels, as KERN_EMERG ... KERN_DEBUG. */
    public static final int KERN_EMERG = 0;
    public static final int KERN_ALERT = 1;
    public static final int KERN_CRIT = 2;
    public static final int KERN_ERR = 3;
    public static final int KERN_WARNING = 4;
    public static final int KERN_NOTICE = 5;
    public static final int KERN_INFO = 6;
    public static final int KERN_DEBUG = 7;

    /** One log record. */
    public record Record(int level, long timestampNs, String text) {
        public String format() {
            long us = timestampNs / 1000;
            return String.format("[%5d.%06d] %s", us / 1_000_000, us % 1_000_000, text);
        }
    }

    private final Timekeeping clock;
    /** Guarded by the machine's single running thread, like logbuf_lock. */
    private final List<Record> log = new ArrayList<>();

    public Printk(Timekeeping clock) {
        this.clock = clock;
    }

    public void printk(int level, String text) {
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                log.add(new Record(level, clock.ktime_get_ns(), line));
            }
        }
    }

    public void pr_info(String text) {
        printk(KERN_INFO, text);
    }

    public void pr_notice(String text) {
        printk(KERN_NOTICE, text);
    }

    public void pr_err(String text) {
        printk(KERN_ERR, text);
    }

    public void pr_warn(String text) {
        printk(KERN_WARNING, text);
    }

    public List<Record> records() {
        return Collections.unmodifiableList(log);
    }

    /** The log as {@code dmesg} prints it. */
    public List<String> dmesg() {
        return log.stream().map(Record::format).toList();
    }
}
