package org.jstap.sim.drivers.rtc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.Io;
import org.jstap.sim.hw.GoldfishRtc;
import org.jstap.sim.hw.Mmio;
import org.jstap.sim.kernel.LinuxFile;

/**
 * drivers/rtc/rtc-goldfish.c, with drivers/rtc/class.c's boot-time {@code rtc_hctosys}: the
 * driver reads the time registers (low first, which latches high), and at boot the system
 * clock is set from the RTC, to the second.
 */
@LinuxFile("drivers/rtc/rtc-goldfish.c")
public final class RtcGoldfish {
    private static final String DEV = String.format("%x.rtc", Mmio.RTC_BASE);

    private final Kernel kernel;
    private final Io io;
    private boolean registered;

    public RtcGoldfish(Kernel kernel, Io io) {
        this.kernel = kernel;
        this.io = io;
    }

    /** goldfish_rtc_probe (a device initcall): the RTC becomes rtc0. */
    public int goldfish_rtc_probe() {
        registered = true;
        kernel.printk().pr_info("rtc-goldfish " + DEV + ": registered as rtc0");
        return 0;
    }

    /** goldfish_rtc_read_time: ns since the epoch. */
    public long goldfish_rtc_read_time() {
        long low = io.readl(Mmio.RTC_BASE + GoldfishRtc.TIME_LOW) & 0xffff_ffffL;
        long high = io.readl(Mmio.RTC_BASE + GoldfishRtc.TIME_HIGH) & 0xffff_ffffL;
        return (high << 32) | low;
    }

    /** goldfish_rtc_set_time: high word first, the low word's write sets the clock. */
    public void goldfish_rtc_set_time(long ns) {
        io.writel((int) (ns >>> 32), Mmio.RTC_BASE + GoldfishRtc.TIME_HIGH);
        io.writel((int) ns, Mmio.RTC_BASE + GoldfishRtc.TIME_LOW);
    }

    /** rtc_hctosys (a late initcall): CLOCK_REALTIME from rtc0, whole seconds. */
    public int rtc_hctosys() {
        if (!registered) {
            return -org.jstap.sim.kernel.Errno.ENODEV;
        }
        long seconds = goldfish_rtc_read_time() / 1_000_000_000L;
        kernel.timekeeping().do_settimeofday64(seconds * 1_000_000_000L);
        kernel.printk().pr_info("rtc-goldfish " + DEV + ": setting system clock to "
                + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC))
                + " UTC (" + seconds + ")");
        return 0;
    }
}
