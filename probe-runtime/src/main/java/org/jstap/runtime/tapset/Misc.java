package org.jstap.runtime.tapset;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jstap.runtime.Context;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.mm.MmStruct;

/**
 * Smaller tapsets: ctime.stp, the current process's command line and environment
 * (context-envvar.stp, cmdline.stp: read from its user memory between the mm's
 * arg_start/arg_end and env_start/env_end, as /proc/PID/cmdline does), get_cycles and ansi.stp
 * (escape sequences printed with the probe's output).
 */
public final class Misc {
    private Misc() {}

    /** The RISC-V time CSR's rate on QEMU's virt board: what get_cycles reads there. */
    private static final long TIMEBASE_HZ = 10_000_000;
    /** ctime's range: what a 32-bit time_t holds, as stap checks. */
    private static final long MAX_CTIME = Integer.MAX_VALUE;

    // ---------------------------------------------------------------- ctime.stp

    /** ctime(epochsecs): {@code Thu Jan  1 00:00:00 1970} (UTC, asctime's layout without the newline). */
    @Function(pure = true)
    public static String ctime(long epochsecs) {
        if (epochsecs < 0 || epochsecs > MAX_CTIME) {
            return "<invalid time>";
        }
        ZonedDateTime t = Instant.ofEpochSecond(epochsecs).atZone(ZoneOffset.UTC);
        String[] days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        return String.format(Locale.ROOT, "%s %s %2d %02d:%02d:%02d %d", days[t.getDayOfWeek().getValue() - 1],
                months[t.getMonthValue() - 1], t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getYear());
    }

    /** ctime(): the current time. */
    @Function(value = "ctime", pure = true)
    public static String ctime_now(Context c) {
        return ctime(Time.gettimeofday_s(c));
    }

    // ---------------------------------------------------------------- the current process's strings

    /** The NUL-separated strings of [start, end) in the current task's user memory; none for a kernel thread. */
    private static List<String> strings(Context c, boolean environment) {
        TaskStruct t = c.current();
        MmStruct mm = t.mm;
        if (mm == null) {
            return List.of();
        }
        long start = environment ? mm.env_start : mm.arg_start;
        long end = environment ? mm.env_end : mm.arg_end;
        if (start == 0 || end <= start) {
            return List.of();
        }
        byte[] b = new byte[(int) Math.min(end - start, 1 << 20)];
        int left = c.kernel().uaccess().access_remote_vm(mm, start, b, 0, b.length);
        int n = b.length - left;
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                out.add(new String(b, from, i - from, StandardCharsets.ISO_8859_1));
                from = i + 1;
            }
        }
        if (from < n) {
            out.add(new String(b, from, n - from, StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    /** env_var(name): the value of the current process's environment variable, "" when unset. */
    @Function
    public static String env_var(Context c, String name) {
        String prefix = name + "=";
        for (String s : strings(c, true)) {
            if (s.startsWith(prefix)) {
                return c.clip(s.substring(prefix.length()));
            }
        }
        return "";
    }

    /**
     * cmdline_args(n, m, delim): arguments n to m (m = -1: to the last) of the current process,
     * joined by delim; an empty argument after the first shows as {@code ""}, as stap's does.
     */
    @Function
    public static String cmdline_args(Context c, long n, long m, String delim) {
        List<String> args = strings(c, false);
        StringBuilder out = new StringBuilder();
        for (int nr = 0; nr < args.size() && (nr <= m || m == -1); nr++) {
            String arg = args.get(nr);
            if (nr == n) {
                out.append(arg);
            } else if (nr > n) {
                out.append(delim).append(arg.isEmpty() ? "\"\"" : arg);
            }
        }
        return c.clip(out.toString());
    }

    /** cmdline_arg(n): the current process's argument n, "" when it has fewer. */
    @Function
    public static String cmdline_arg(Context c, long n) {
        return cmdline_args(c, n, n, "");
    }

    /** cmdline_str(): the current process's arguments joined by spaces. */
    @Function
    public static String cmdline_str(Context c) {
        return cmdline_args(c, 0, -1, " ");
    }

    // ---------------------------------------------------------------- get_cycles

    /** get_cycles(): the time CSR (RISC-V's cycle source for the kernel), from virtual time. */
    @Function
    public static long get_cycles(Context c) {
        return c.kernel().timekeeping().ktime_get_ns() / (1_000_000_000L / TIMEBASE_HZ);
    }

    // ---------------------------------------------------------------- ansi.stp

    private static void print(Context c, String s) {
        c.out().append(s);
    }

    @Function
    public static void ansi_clear_screen(Context c) {
        print(c, "\033[1;1H\033[J");
    }

    /** ansi_set_color(fg): 30-37 foreground, 40-47 background, or an attribute (0, 1, 4, 5, 7, 8). */
    @Function
    public static void ansi_set_color(Context c, long fg) {
        print(c, "\033[" + fg + "m");
    }

    @Function
    public static void ansi_set_color2(Context c, long fg, long bg) {
        print(c, "\033[" + bg + ";" + fg + "m");
    }

    @Function
    public static void ansi_set_color3(Context c, long fg, long bg, long attr) {
        print(c, "\033[" + bg + ";" + fg + (attr != 0 ? ";" + attr + "m" : "m"));
    }

    /** ansi_reset_color(): ansi_set_color3(0, 0, 0). */
    @Function
    public static void ansi_reset_color(Context c) {
        ansi_set_color3(c, 0, 0, 0);
    }

    @Function
    public static void ansi_new_line(Context c) {
        print(c, "\n");
    }

    /** ansi_cursor_move(x, y): column x, row y. */
    @Function
    public static void ansi_cursor_move(Context c, long x, long y) {
        print(c, "\033[" + y + ";" + x + "H");
    }

    @Function
    public static void ansi_cursor_hide(Context c) {
        print(c, "\033[?25l");
    }

    @Function
    public static void ansi_cursor_show(Context c) {
        print(c, "\033[?25h");
    }

    @Function
    public static void ansi_cursor_save(Context c) {
        print(c, "\033[s");
    }

    @Function
    public static void ansi_cursor_restore(Context c) {
        print(c, "\033[u");
    }
}
