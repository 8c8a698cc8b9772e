package org.jstap.sim.drivers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.block.Bio;
import org.jstap.sim.hw.Ram;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.trace.Tracepoints;
import org.jstap.sim.mm.Gfp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The board's devices through their drivers: serial console, RTC, virtio disk. */
class DevicesTest {
    private static final long MS = 1_000_000;

    private static String serial(Kernel k) {
        return new String(k.hardware().uart().transmitted(), StandardCharsets.ISO_8859_1);
    }

    private static String dmesg(Kernel k) {
        return String.join("\n", k.printk().dmesg());
    }

    @Test
    void consoleTtyS0_carriesTheBootLog() {
        Kernel k = Kernel.boot(new KernelConfig(1, 64, 0, "console=ttyS0"));
        String out = serial(k);
        assertTrue(out.startsWith("[    0.000000] Linux version "), out);
        assertTrue(out.contains("ttyS0 at MMIO 0x10000000 (irq = 10, base_baud = 230400) is a 16550A\n"), out);
        assertTrue(out.contains("printk: console [ttyS0] enabled\n"), out);
    }

    @Test
    void quiet_keepsAllButErrorsOffTheConsole_andLoglevelChoosesTheLevel() {
        Kernel quiet = Kernel.boot(new KernelConfig(1, 64, 0, "console=ttyS0 quiet"));
        assertEquals("", serial(quiet));
        quiet.printk().pr_err("disk on fire");
        assertTrue(serial(quiet).endsWith("] disk on fire\n"), serial(quiet));
        Kernel notice = Kernel.boot(new KernelConfig(1, 64, 0, "console=ttyS0 loglevel=6"));
        assertTrue(serial(notice).contains("Linux version"), "KERN_NOTICE (5) < 6");
        assertTrue(!serial(notice).contains("Serial: 8250"), "KERN_INFO (6) is not < 6");
        Kernel none = Kernel.boot(new KernelConfig(1, 64, 0, ""));
        assertEquals("", serial(none), "no console= , no kernel messages on the line");
    }

    @Test
    void serialInput_raisesTheUartInterrupt_andReachesTheTty() {
        Kernel k = Kernel.boot(new KernelConfig(2, 64, 0, ""));
        List<String> got = new ArrayList<>();
        k.serial().set_receiver(b -> got.add(new String(b, StandardCharsets.ISO_8859_1)));
        k.hardware().uart().input("ls /\n".getBytes(StandardCharsets.ISO_8859_1));
        k.run_until(() -> !got.isEmpty(), k.hardware().now() + MS);
        assertEquals(List.of("ls /\n"), got);
        assertTrue(k.irq().proc_interrupts().lines().anyMatch(l -> l.matches(" 10:\\s+1\\s+0\\s+RISC-V INTC\\s+ttyS0")),
                k.irq().proc_interrupts());
    }

    @Test
    void rtc_setsTheSystemClockAtBoot_andCanBeSet() {
        Kernel k = Kernel.boot(new KernelConfig(1, 64, 0, ""));
        assertTrue(dmesg(k).contains("rtc-goldfish 101000.rtc: registered as rtc0"), dmesg(k));
        assertTrue(dmesg(k).contains(
                "rtc-goldfish 101000.rtc: setting system clock to 2026-01-01T00:00:00 UTC (1767225600)"), dmesg(k));
        long real = k.timekeeping().ktime_get_real_ns();
        assertTrue(real >= 1_767_225_600L * 1_000_000_000L && real < 1_767_225_601L * 1_000_000_000L, "" + real);
        k.rtc().goldfish_rtc_set_time(2_000_000_000L * 1_000_000_000L);
        k.run_until(() -> false, k.hardware().now() + 5 * MS);
        assertEquals(2_000_000_000L * 1_000_000_000L + 5 * MS, k.rtc().goldfish_rtc_read_time());
    }

    /** A 1 MiB image whose sector N starts with "sector N". */
    private static Path image(Path dir) throws IOException {
        byte[] bytes = new byte[1 << 20];
        for (int s = 0; s < bytes.length / 512; s++) {
            byte[] tag = ("sector " + s).getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(tag, 0, bytes, s * 512, tag.length);
        }
        return Files.write(dir.resolve("disk.img"), bytes);
    }

    private static String readSector(Kernel k, long pfn) {
        byte[] b = new byte[16];
        k.ram().read(pfn << Ram.PAGE_SHIFT, b, 0, 16);
        return new String(b, StandardCharsets.ISO_8859_1).replace("\0", "");
    }

    @Test
    void virtioDisk_readsAndWritesThroughTheRing_andFailsBeyondItsEnd(@TempDir Path dir) throws IOException {
        Path img = image(dir);
        Kernel k = Kernel.boot(new KernelConfig(2, 64, 0, "").withDisk(img));
        assertTrue(dmesg(k).contains("virtio_blk virtio0: [vda] 2048 512-byte logical blocks (1.05 MB/1.00 MiB)"),
                dmesg(k));
        List<String> events = new ArrayList<>();
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("block_rq_issue"),
                a -> events.add("issue " + a[1] + " " + a[2] + " " + a[3] + " " + a[4]));
        k.tracepoints().tracepoint_probe_register(Tracepoints.id("block_rq_complete"),
                a -> events.add("complete " + a[1] + " " + a[2] + " " + a[3] + " " + a[4]));
        var vda = k.block().disk("vda");
        long page = k.page_alloc().alloc_page(Gfp.GFP_KERNEL);
        List<String> log = new ArrayList<>();
        var t = k.kthread().kthread_run(() -> {
            log.add("read " + k.block().submit_bio_wait(new Bio(vda, Bio.REQ_OP_READ, 8, page, 4096, null))
                    + " " + readSector(k, page));
            k.ram().write(page << Ram.PAGE_SHIFT, "written!".getBytes(StandardCharsets.ISO_8859_1), 0, 8);
            log.add("write " + k.block().submit_bio_wait(new Bio(vda, Bio.REQ_OP_WRITE, 100, page, 512, null)));
            log.add("flush " + k.block().submit_bio_wait(new Bio(vda, Bio.REQ_OP_FLUSH, 0, page, 0, null)));
            log.add("beyond " + k.block().submit_bio_wait(new Bio(vda, Bio.REQ_OP_READ, 2047, page, 1024, null)));
        }, 0, "blktest");
        k.run_until(() -> log.size() == 4, k.hardware().now() + 100 * MS);
        assertEquals(List.of("read 0 sector 8", "write 0", "flush 0", "beyond " + -Errno.EIO), log);
        assertEquals("written!", new String(Files.readAllBytes(img), 100 * 512, 8, StandardCharsets.ISO_8859_1));
        assertEquals(List.of("issue 8 8 R blktest", "complete 8 8 R 0", "issue 100 1 W blktest", "complete 100 1 W 0",
                "issue 0 0 F blktest", "complete 0 0 F 0"), events);
        assertTrue(k.block().proc_partitions().contains(" 253        0       1024 vda"), k.block().proc_partitions());
        assertTrue(k.block().proc_diskstats().startsWith(" 253       0 vda 1 0 8 "), k.block().proc_diskstats());
        assertEquals(3, k.hardware().disk().requests());
        assertTrue(t != null);
    }

    @Test
    void manyBiosAtOnce_waitForRingSlots_andAllComplete(@TempDir Path dir) throws IOException {
        Kernel k = Kernel.boot(new KernelConfig(1, 64, 0, "").withDisk(image(dir)));
        var vda = k.block().disk("vda");
        List<String> done = new ArrayList<>();
        long[] pages = new long[50];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = k.page_alloc().alloc_page(Gfp.GFP_KERNEL);
            int n = i;
            k.block().submit_bio(new Bio(vda, Bio.REQ_OP_READ, 2L * i, pages[i], 512,
                    bio -> done.add(n + ":" + readSector(k, bio.pfn))));
        }
        k.run_until(() -> done.size() == 50, k.hardware().now() + 100 * MS);
        for (int i = 0; i < 50; i++) {
            assertEquals(i + ":sector " + 2 * i, done.get(i));
        }
        assertArrayEquals(new long[] {50}, new long[] {k.hardware().disk().requests()});
    }
}
