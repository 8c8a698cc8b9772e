package org.jstap.sim.kernel.irq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.trace.Tracepoints;
import org.junit.jupiter.api.Test;

/** request_irq with a dev_id and irqreturn_t, free_irq, and what irq_handler_exit reports. */
class IrqTest {
    private static final int TEST_IRQ = 40;
    private static final long MS = 1_000_000;

    private final Kernel k = Kernel.boot(new KernelConfig(1, 64, 0, ""));
    private final List<String> log = new ArrayList<>();

    private void interruptIn(long ns) {
        k.hardware().events().schedule(k.hardware().now() + ns,
                () -> k.hardware().interruptController().raise(TEST_IRQ, 0));
    }

    private void runFor(long ns) {
        k.run_until(() -> false, k.hardware().now() + ns);
    }

    @Test
    void handler_getsItsDevId_andItsAnswerIsWhatIrqHandlerExitReports() {
        Object dev = "the device";
        int[] answer = {Irq.IRQ_NONE};
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("irq_handler_exit"),
                args -> {
                    if ((int) args[0] == TEST_IRQ) {
                        log.add("exit " + args[0] + " ret " + args[1]);
                    }
                });
        assertEquals(0, k.irq().request_irq(TEST_IRQ, (irq, dev_id) -> {
            log.add("irq " + irq + " dev " + dev_id);
            return answer[0];
        }, 0, "test", dev));
        interruptIn(MS);
        runFor(2 * MS);
        answer[0] = Irq.IRQ_HANDLED;
        interruptIn(MS);
        runFor(2 * MS);
        assertEquals(List.of("irq 40 dev the device", "exit 40 ret 0", "irq 40 dev the device", "exit 40 ret 1"), log);
        assertEquals(2, k.irq().kstat_irqs(TEST_IRQ));
    }

    @Test
    void freeIrq_removesTheLine_andTheLineCanBeTakenAgain() {
        Object dev = new Object();
        assertEquals(0, k.irq().request_irq(TEST_IRQ, (irq, d) -> Irq.IRQ_HANDLED, 0, "first", dev));
        assertEquals(-Errno.EBUSY, k.irq().request_irq(TEST_IRQ, (irq, d) -> Irq.IRQ_HANDLED, 0, "second", dev));
        assertTrue(k.irq().proc_interrupts().contains(" 40:"), k.irq().proc_interrupts());
        assertNull(k.irq().free_irq(TEST_IRQ, new Object()), "another device's dev_id frees nothing");
        assertTrue(k.printk().dmesg().stream().anyMatch(l -> l.contains("Trying to free already-free IRQ 40")));
        assertEquals("first", k.irq().free_irq(TEST_IRQ, dev));
        assertTrue(!k.irq().proc_interrupts().contains(" 40:"), k.irq().proc_interrupts());
        assertEquals(0, k.irq().request_irq(TEST_IRQ, "third", (irq, cpu) -> log.add("third on cpu" + cpu)));
        interruptIn(MS);
        runFor(2 * MS);
        assertEquals(List.of("third on cpu0"), log);
    }
}
