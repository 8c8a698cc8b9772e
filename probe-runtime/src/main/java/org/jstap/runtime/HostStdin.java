package org.jstap.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Queue;

/**
 * The launcher's stdin as a stream of chunks for a -c command, read by one host thread per
 * stream for the life of the JVM. A read of a pipe or terminal cannot be called off, so a
 * reader per run would leave one thread blocked behind every run; instead the runs take turns:
 * the run that {@link #attach}es gets what arrives until it {@link #detach}es, and bytes that
 * arrive between runs wait for the next one. EOF is an empty chunk, given to every later run.
 *
 * <pre>{@code
 * HostStdin in = HostStdin.of(System.in);
 * in.attach(chunks);   // chunks: a queue the machine loop polls
 * ...
 * in.detach(chunks);
 * }</pre>
 */
final class HostStdin {
    private static final Map<InputStream, HostStdin> READERS = new IdentityHashMap<>();

    private Queue<byte[]> sink;
    private final Queue<byte[]> waiting = new ArrayDeque<>();
    private boolean ended;

    private HostStdin(InputStream in) {
        Thread reader = new Thread(() -> read(in), "jstap-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    /** The reader of {@code in}, started on first use. */
    static HostStdin of(InputStream in) {
        synchronized (READERS) {
            return READERS.computeIfAbsent(in, HostStdin::new);
        }
    }

    private void read(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) > 0;) {
                deliver(java.util.Arrays.copyOf(buf, n));
            }
        } catch (IOException e) {
            // a closed or broken stdin ends like an empty one
        }
        synchronized (this) {
            ended = true;
            deliver(new byte[0]);
        }
    }

    private synchronized void deliver(byte[] chunk) {
        (sink != null ? sink : waiting).add(chunk);
    }

    /** From now on chunks go to {@code to}, after those that came while no run listened. */
    synchronized void attach(Queue<byte[]> to) {
        for (byte[] chunk; (chunk = waiting.poll()) != null;) {
            to.add(chunk);
        }
        if (ended && sink == null) {
            to.add(new byte[0]);
        }
        sink = to;
    }

    /** {@code from} no longer listens; chunks wait for the next run. */
    synchronized void detach(Queue<byte[]> from) {
        if (sink == from) {
            sink = null;
        }
    }
}
