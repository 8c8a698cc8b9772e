package org.jstap.lang.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jstap.lang.diag.SourceFile;
import org.jstap.lang.driver.Driver;
import org.jstap.lang.driver.Options;
import org.jstap.sim.kernel.trace.Tracepoints;
import org.junit.jupiter.api.Test;

/**
 * Every tracepoint the kernel declares fires where Linux emits it: one run traced from boot, with
 * a disk, processes, pipes, signals and a load on both CPUs, counts the hits of
 * {@code kernel.trace("*")}. A new tracepoint that this workload does not reach fails here until
 * the workload reaches it (or it is listed below with the reason).
 */
class TracepointCoverageTest {
    /** Declared, but nothing in the kernel reaches them yet; listed so that reaching one fails too. */
    private static final String NO_PACKETS = "no program sends a packet yet (sockets and IPv4 come next)";
    private static final Map<String, String> NOT_REACHED = Map.ofEntries(
            Map.entry("tasklet_entry", "no driver schedules a tasklet yet"),
            Map.entry("tasklet_exit", "no driver schedules a tasklet yet"),
            Map.entry("workqueue_queue_work", "no kernel code queues work on the system workqueue yet"),
            Map.entry("workqueue_execute_start", "no kernel code queues work on the system workqueue yet"),
            Map.entry("workqueue_execute_end", "no kernel code queues work on the system workqueue yet"),
            Map.entry("net_dev_queue", NO_PACKETS),
            Map.entry("net_dev_start_xmit", NO_PACKETS),
            Map.entry("net_dev_xmit", NO_PACKETS),
            Map.entry("netif_rx", NO_PACKETS),
            Map.entry("netif_receive_skb", NO_PACKETS),
            Map.entry("napi_poll", NO_PACKETS),
            Map.entry("inet_sock_set_state", "the workload opens no TCP connection (InetStreamTest and TcpProbesTest do)"),
            Map.entry("tcp_retransmit_skb", "the workload loses no segment (TcpClusterTest and TcpProbesTest do)"));

    private static final String WORKLOAD = "mkfs.ext2 -q /dev/vda && mount -t ext2 /dev/vda /mnt"
            + " && seq 1 5000 > /mnt/n && umount /mnt && mount -t ext2 /dev/vda /mnt && wc -l /mnt/n > /dev/null"
            + " && umount /mnt; yes | head -n 1 > /dev/null; sh -c 'kill -TERM $$'; stress -n 4 -b 262144 > /dev/null;"
            + " sleep 0.1";

    @Test
    void everyTracepoint_firesUnderTheWorkload() throws Exception {
        Path disk = Files.createTempFile("jstap-tracepoints", ".img");
        try (var f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(8 << 20);
        }
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        String script = "global n; probe kernel.trace(\"*\") { n[pp()]++ }"
                + " probe end { foreach (k+ in n) printf(\"%s %d\\n\", k, n[k]) }";
        Options o = Options.of(new SourceFile("<input>", script), List.of()).withBoot().withCommand(WORKLOAD);
        o = o.withKernel(o.kernel().withDisk(disk));
        int status;
        try {
            status = new Driver(out, new PrintStream(err, true, StandardCharsets.ISO_8859_1))
                    .withCommandOutput(java.io.OutputStream.nullOutputStream()).run(o);
        } finally {
            Files.deleteIfExists(disk);
        }
        assertEquals(0, status, err.toString());
        Map<String, Long> hits = new TreeMap<>();
        Matcher m = Pattern.compile("kernel\\.trace\\(\"(\\w+)\"\\) (\\d+)").matcher(out.toString());
        while (m.find()) {
            hits.put(m.group(1), Long.parseLong(m.group(2)));
        }
        Set<String> missing = new TreeSet<>();
        for (var event : Tracepoints.events()) {
            String name = event.getName();
            if (NOT_REACHED.containsKey(name)) {
                assertTrue(!hits.containsKey(name), name + " fires now: take it off NOT_REACHED");
            } else if (!hits.containsKey(name)) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "tracepoints the workload never reached; hits: " + hits);
        // the counts agree with what the workload did
        assertEquals(hits.get("block_rq_issue"), hits.get("block_rq_complete"));
        assertEquals(hits.get("irq_handler_entry"), hits.get("irq_handler_exit"));
        assertEquals(hits.get("softirq_entry"), hits.get("softirq_exit"));
        assertTrue(hits.get("sched_process_fork") >= hits.get("sched_process_exit"), hits.toString());
        assertTrue(hits.get("signal_generate") >= hits.get("signal_deliver"), hits.toString());
    }
}
