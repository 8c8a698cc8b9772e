package org.jstap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** jstap --hosts: several machines on one simulated switch, the script on host0, --on commands on the others. */
class HostsCommandTest {
    @Test
    void udpFromHost0_reachesHost1_andTheScriptCountsHost0sFrames() throws Exception {
        Launcher.Run r = Launcher.run("jstap", "--hosts", "2", "--on", "1:nc -lu 9000", "-e",
                "global n; probe kernel.function(\"e1000_xmit_frame\") { n++ } "
                        + "probe end { printf(\"frames sent by host0: %d\\n\", n) }",
                "-c", "echo hi | nc -u -w 1 10.0.0.2 9000; echo sent");
        assertEquals(0, r.status(), r.err());
        // host0 sends the ARP request for 10.0.0.2, then the datagram; host1's nc prints it on stderr
        assertEquals("sent\nframes sent by host0: 2\n", r.out());
        assertEquals("hi\n", r.err());
    }

    @Test
    void badHostNumbers_andBootTracing_areRefused() throws Exception {
        Launcher.Run on = Launcher.run("jstap", "--hosts", "2", "--on", "5:true", "-e", "probe begin { exit() }");
        assertEquals(1, on.status());
        assertEquals("ERROR: --on wants HOST:CMD with HOST from 1 to 1, got '5:true'\n", on.err());
        Launcher.Run boot = Launcher.run("jstap", "--hosts", "2", "--boot", "-e", "probe begin { exit() }");
        assertEquals(1, boot.status());
        assertEquals("ERROR: --boot traces one machine's boot and cannot be used with --hosts\n", boot.err());
    }
}
