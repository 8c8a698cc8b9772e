package org.jstap.sim.kernel.relay;

import java.util.ArrayList;
import java.util.List;

/**
 * kernel/relay.c: channels that move bulk data from kernel code (a tracing module) to a reader
 * outside the machine, as SystemTap's runtime moves script output to stapio.
 *
 * <pre>{@code
 * RelayChannel ch = kernel.relay().relay_open("stap_1234", bytes -> System.out.write(bytes));
 * ch.relay_write("hi\n".getBytes()); ch.relay_flush();
 * }</pre>
 */
@org.jstap.sim.kernel.LinuxFile("kernel/relay.c")
public final class Relay {
    /** Open channels; guarded by the machine's single running thread. */
    private final List<RelayChannel> channels = new ArrayList<>();

    public RelayChannel relay_open(String baseName, RelayChannel.Reader reader) {
        RelayChannel channel = new RelayChannel(this, baseName, reader);
        channels.add(channel);
        return channel;
    }

    void relay_close(RelayChannel channel) {
        channels.remove(channel);
    }

    public List<RelayChannel> channels() {
        return List.copyOf(channels);
    }
}
