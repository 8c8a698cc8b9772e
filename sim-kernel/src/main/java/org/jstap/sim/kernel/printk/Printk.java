package org.jstap.sim.kernel.printk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.jstap.sim.kernel.time.Timekeeping;

/**
 * kernel/printk/printk.c: the kernel log. Records keep their level and virtual timestamp;
 * {@link #dmesg()} formats them as dmesg does: {@code [    0.004000] message}. Records below the
 * console log level also go to the registered consoles, which first get the log so far.
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

    /** CONSOLE_LOGLEVEL_DEFAULT, CONSOLE_LOGLEVEL_QUIET, and what {@code debug} sets. */
    public static final int CONSOLE_LOGLEVEL_DEFAULT = 7;
    public static final int CONSOLE_LOGLEVEL_QUIET = 4;
    public static final int CONSOLE_LOGLEVEL_DEBUG = 10;

    private final Timekeeping clock;
    private final List<Consumer<String>> consoles = new ArrayList<>();
    private int consoleLoglevel = CONSOLE_LOGLEVEL_DEFAULT;
    /** Guarded by the machine's single running thread, like logbuf_lock. */
    private final List<Record> log = new ArrayList<>();

    /** Called after each record is logged (wake_up_klogd: syslog readers sleep on it). */
    private Runnable klogd = () -> { };

    public Printk(Timekeeping clock) {
        this.clock = clock;
    }

    public void set_klogd(Runnable wake) {
        this.klogd = wake;
    }

    public void printk(int level, String text) {
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                Record r = new Record(level, clock.ktime_get_ns(), line);
                log.add(r);
                klogd.run();
                if (level < consoleLoglevel) {
                    for (Consumer<String> c : consoles) {
                        c.accept(r.format());
                    }
                }
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

    /**
     * register_console: {@code write} gets every message below the console log level, starting
     * with those already logged.
     */
    public void register_console(String name, Consumer<String> write) {
        for (Record r : List.copyOf(log)) {
            if (r.level() < consoleLoglevel) {
                write.accept(r.format());
            }
        }
        consoles.add(write);
        printk(KERN_INFO, "printk: console [" + name + "] enabled");
    }

    /** console_loglevel: messages with a lower level reach the consoles ({@code quiet}, {@code loglevel=}). */
    public void set_console_loglevel(int level) {
        consoleLoglevel = level;
    }

    public int console_loglevel() {
        return consoleLoglevel;
    }

    public List<Record> records() {
        return Collections.unmodifiableList(log);
    }

    /** The log as {@code dmesg} prints it. */
    public List<String> dmesg() {
        return log.stream().map(Record::format).toList();
    }
}
