package org.jstap.sim.kernel.relay;

import java.io.ByteArrayOutputStream;

/** One relay channel: writes collect in a sub-buffer until flushed to the reader. */
@org.jstap.sim.kernel.LinuxFile("kernel/relay.c")
public final class RelayChannel {
    /** Where flushed data goes: the consumer outside the machine (stapio's role). */
    @FunctionalInterface
    public interface Reader {
        void consume(byte[] data, int offset, int length);
    }

    private final Relay relay;
    private final String name;
    private final Reader reader;
    private final ByteArrayOutputStream subBuffer = new ByteArrayOutputStream();
    private long bytesWritten;
    private boolean closed;

    RelayChannel(Relay relay, String name, Reader reader) {
        this.relay = relay;
        this.name = name;
        this.reader = reader;
    }

    public String name() {
        return name;
    }

    public void relay_write(byte[] data, int offset, int length) {
        if (closed) {
            return;
        }
        subBuffer.write(data, offset, length);
        bytesWritten += length;
    }

    /** Hands what was written so far to the reader. */
    public void relay_flush() {
        if (subBuffer.size() > 0) {
            byte[] data = subBuffer.toByteArray();
            subBuffer.reset();
            reader.consume(data, 0, data.length);
        }
    }

    public void relay_close() {
        relay_flush();
        closed = true;
        relay.relay_close(this);
    }

    public long bytesWritten() {
        return bytesWritten;
    }
}
