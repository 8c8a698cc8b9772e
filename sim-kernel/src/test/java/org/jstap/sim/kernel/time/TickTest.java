package org.jstap.sim.kernel.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.junit.jupiter.api.Test;

/** The tick, jiffies, hrtimers and the timer wheel, in virtual time. */
class TickTest {

    @Test
    void oneSecond_advancesJiffiesByHz() {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        long start = k.timekeeping().jiffies();
        k.run_until(() -> false, k.timekeeping().ktime_get_ns() + 1_000_000_000L);
        assertEquals(start + k.params().hz(), k.timekeeping().jiffies());
    }

    @Test
    void timerInterrupts_areCountedPerCpu() {
        Kernel k = Kernel.boot(new KernelConfig(2, 128, 0, ""));
        k.run_until(() -> false, k.timekeeping().ktime_get_ns() + 100_000_000L);
        String interrupts = k.irq().proc_interrupts();
        assertTrue(interrupts.contains("CPU0") && interrupts.contains("CPU1"), interrupts);
        assertTrue(interrupts.matches("(?s).*\\s+5:\\s+25\\s+25\\s+RISC-V INTC\\s+riscv-timer\\n.*"), interrupts);
    }

    @Test
    void hrtimers_fireInExpiryOrder_thenInStartOrder() {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        List<String> fired = new ArrayList<>();
        long now = k.timekeeping().ktime_get_ns();
        k.hrtimers().hrtimer_start(new Hrtimer(t -> fired.add("b") && false), now + 2_000, 0);
        k.hrtimers().hrtimer_start(new Hrtimer(t -> fired.add("a") && false), now + 1_000, 0);
        k.hrtimers().hrtimer_start(new Hrtimer(t -> fired.add("c") && false), now + 2_000, 0);
        k.run_until(() -> fired.size() == 3, now + 10_000);
        assertEquals(List.of("a", "b", "c"), fired);
    }

    @Test
    void timerList_expiresAfterItsJiffy() {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        long[] firedAt = {-1};
        TimerList t = new TimerList(() -> firedAt[0] = k.timekeeping().jiffies());
        k.timers().mod_timer(t, k.timekeeping().jiffies() + 10);
        k.run_until(() -> firedAt[0] >= 0, k.timekeeping().ktime_get_ns() + 1_000_000_000L);
        assertEquals(10, firedAt[0]);
    }

    @Test
    void sameSeed_sameTimeline() {
        long[] ends = new long[2];
        for (int i = 0; i < 2; i++) {
            Kernel k = Kernel.boot(KernelConfig.defaults());
            k.run_until(() -> false, 123_456_789L);
            ends[i] = k.timekeeping().jiffies() * 1_000_000_000L + k.timekeeping().ktime_get_ns();
        }
        assertEquals(ends[0], ends[1]);
    }
}
