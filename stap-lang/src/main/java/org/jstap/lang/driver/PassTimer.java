package org.jstap.lang.driver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures a pass the way stap -v reports it: memory of the process and user/system/real time,
 * {@code using 245760virt/51200res/0shr/8000data kb, in 40usr/0sys/38real ms.}
 */
final class PassTimer {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long startNanos;
    private long startCpu;
    private long startUser;

    void start() {
        startNanos = System.nanoTime();
        startCpu = cpu();
        startUser = user();
    }

    long realMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** {@code using ...virt/...res/...shr/...data kb, in ...usr/...sys/...real ms.} */
    String usage() {
        return memory() + ", " + times();
    }

    /** {@code in ...usr/...sys/...real ms.} */
    String times() {
        long cpu = cpu() - startCpu;
        long usr = user() - startUser;
        long sys = Math.max(0, cpu - usr);
        return "in " + usr / 1_000_000 + "usr/" + sys / 1_000_000 + "sys/" + realMillis() + "real ms.";
    }

    private static String memory() {
        long virt = 0;
        long res = 0;
        long shr = 0;
        long data = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                String[] f = line.split("\\s+");
                if (f.length < 2) {
                    continue;
                }
                switch (f[0]) {
                    case "VmSize:" -> virt = Long.parseLong(f[1]);
                    case "VmRSS:" -> res = Long.parseLong(f[1]);
                    case "RssShmem:" -> shr = Long.parseLong(f[1]);
                    case "VmData:" -> data = Long.parseLong(f[1]);
                    default -> { }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: report zeros rather than fail a pass line
        }
        return "using " + virt + "virt/" + res + "res/" + shr + "shr/" + data + "data kb";
    }

    private static long cpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    private static long user() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadUserTime() : 0;
    }
}
