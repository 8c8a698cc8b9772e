package org.jstap.sim.net.ipv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jstap.sim.Cluster;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.hw.Wire;
import org.jstap.sim.net.core.NetDevice;
import org.junit.jupiter.api.Test;

/** ip= on the command line: the device addressed and up after the late initcalls, as Linux's ipconfig.c does it. */
class IpconfigTest {
    @Test
    void addressedHosts_comeUpWithTheirAddresses_andSayIpConfigComplete() {
        KernelConfig base = new KernelConfig(1, 64, 0, "init=/bin/sleep 100000");
        Cluster c = Cluster.create(2, i -> Cluster.addressed_host_config(base, i), Wire.Config.defaults());
        try {
            c.start_kernels();
            for (int i = 0; i < 2; i++) {
                Kernel k = c.host(i);
                NetDevice eth0 = k.net().dev().__dev_get_by_name("eth0");
                assertTrue((eth0.flags & NetDevice.IFF_UP) != 0, "eth0 up on host" + i);
                List<String> dmesg = k.printk().dmesg();
                assertTrue(dmesg.stream().anyMatch(l -> l.endsWith("IP-Config: Complete:")), dmesg.toString());
                String addr = Cluster.address(i);
                assertTrue(dmesg.stream().anyMatch(l -> l.contains("device=eth0, hwaddr=")
                        && l.endsWith("ipaddr=" + addr + ", mask=255.255.255.0, gw=255.255.255.255")), dmesg.toString());
            }
        } finally {
            c.kernel_power_off();
        }
    }

    @Test
    void classfulMasks_whenIpGaveNone() {
        assertEquals(In.in_aton("255.0.0.0"), Ipconfig.classful_mask(In.in_aton("10.1.2.3")));
        assertEquals(In.in_aton("255.255.0.0"), Ipconfig.classful_mask(In.in_aton("172.16.0.1")));
        assertEquals(In.in_aton("255.255.255.0"), Ipconfig.classful_mask(In.in_aton("192.168.1.1")));
    }
}
