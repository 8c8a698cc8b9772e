package org.jstap.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One reader thread per stdin, whatever the number of runs; runs take turns at its bytes. */
class HostStdinTest {
    private static byte[] next(BlockingQueue<byte[]> q) throws InterruptedException {
        byte[] chunk = q.poll(10, TimeUnit.SECONDS);
        if (chunk == null) {
            throw new AssertionError("no chunk arrived");
        }
        return chunk;
    }

    private static long readers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("jstap-stdin")).count();
    }

    @Test
    void runsTakeTurns_bytesBetweenRunsWaitForTheNext_andEofReachesEveryLaterRun() throws Exception {
        PipedOutputStream host = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(host);
        long before = readers();
        HostStdin stdin = HostStdin.of(in);
        assertSame(stdin, HostStdin.of(in));
        assertEquals(before + 1, readers());

        BlockingQueue<byte[]> first = new LinkedBlockingQueue<>();
        stdin.attach(first);
        host.write("one".getBytes());
        host.flush();
        assertArrayEquals("one".getBytes(), next(first));
        stdin.detach(first);

        host.write("between".getBytes());
        host.flush();
        BlockingQueue<byte[]> second = new LinkedBlockingQueue<>();
        // read before or after this attach, the bytes are the second run's, never the first's
        stdin.attach(second);
        assertArrayEquals("between".getBytes(), next(second));
        host.close();
        assertEquals(0, next(second).length);
        assertEquals(0, first.size());
        stdin.detach(second);

        BlockingQueue<byte[]> third = new LinkedBlockingQueue<>();
        stdin.attach(third);
        assertEquals(0, next(third).length);
        assertSame(stdin, HostStdin.of(in));
    }
}
