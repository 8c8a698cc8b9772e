package org.jstap.sim.net.core;

import static org.jstap.sim.net.core.DevIoctl.SIOCGIFFLAGS;
import static org.jstap.sim.net.core.DevIoctl.SIOCGIFHWADDR;
import static org.jstap.sim.net.core.DevIoctl.SIOCGIFINDEX;
import static org.jstap.sim.net.core.DevIoctl.SIOCGIFMTU;
import static org.jstap.sim.net.core.DevIoctl.SIOCGIFNAME;
import static org.jstap.sim.net.core.DevIoctl.SIOCGIFTXQLEN;
import static org.jstap.sim.net.core.DevIoctl.SIOCSIFFLAGS;
import static org.jstap.sim.net.core.DevIoctl.SIOCSIFMTU;
import static org.jstap.sim.net.core.DevIoctl.SIOCSIFNAME;
import static org.jstap.sim.net.core.DevIoctl.SIOCSIFTXQLEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.cred.Cred;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.junit.jupiter.api.Test;

/** The device ioctls as ifconfig uses them, on the struct ifreq bytes. */
class DevIoctlTest {
    /** No /sbin/init: nothing in user space brings lo up. */
    private final Kernel k = Kernel.boot(new KernelConfig(1, 64, 0, "init=/bin/sleep 100000"));
    private final DevIoctl ioctl = k.net().dev_ioctl();
    private final boolean[] copyout = new boolean[1];

    private int call(int cmd, Ifreq ifr) {
        return ioctl.dev_ioctl(cmd, ifr, copyout);
    }

    @Test
    void questions_fillTheIfreq_forCopyingOut() {
        Ifreq ifr = Ifreq.named("lo");
        assertEquals(0, call(SIOCGIFINDEX, ifr));
        assertTrue(copyout[0]);
        assertEquals(1, ifr.ifr_int());
        assertEquals(0, call(SIOCGIFMTU, ifr));
        assertEquals(65536, ifr.ifr_int());
        assertEquals(0, call(SIOCGIFTXQLEN, ifr));
        assertEquals(1000, ifr.ifr_int());
        assertEquals(0, call(SIOCGIFFLAGS, ifr));
        assertEquals(NetDevice.IFF_LOOPBACK, ifr.ifr_flags());
        assertEquals(0, call(SIOCGIFHWADDR, ifr));
        assertEquals(NetDevice.ARPHRD_LOOPBACK, ifr.sa_family());
        byte[] raw = ifr.bytes();
        assertEquals(40, raw.length);
        assertArrayEquals(new byte[] {'l', 'o', 0}, java.util.Arrays.copyOf(raw, 3));
        assertEquals(772 & 0xff, raw[16] & 0xff, "sa_family little-endian right after the name");
        Ifreq byIndex = Ifreq.from(raw);
        byIndex.set_name("");
        byIndex.set_int(1);
        assertEquals(0, call(SIOCGIFNAME, byIndex));
        assertEquals("lo", byIndex.ifr_name());
        byIndex.set_int(7);
        assertEquals(-Errno.ENODEV, call(SIOCGIFNAME, byIndex));
        assertEquals(-Errno.ENODEV, call(SIOCGIFFLAGS, Ifreq.named("eth9")));
        assertEquals(-Errno.ENOTTY, call(0x8915, Ifreq.named("lo")), "SIOCGIFADDR is IPv4's");
    }

    @Test
    void changes_needNetAdmin_andDoWhatIpLinkDoes() {
        List<String> seen = new ArrayList<>();
        TaskStruct t = k.kthread().kthread_run(() -> {
            Ifreq up = Ifreq.named("lo");
            up.set_flags(NetDevice.IFF_UP | NetDevice.IFF_LOOPBACK);
            seen.add("up " + call(SIOCSIFFLAGS, up) + " copyout " + copyout[0]);
            Ifreq mtu = Ifreq.named("lo");
            mtu.set_int(1500);
            seen.add("mtu " + call(SIOCSIFMTU, mtu));
            Ifreq qlen = Ifreq.named("lo");
            qlen.set_int(-1);
            seen.add("qlen " + call(SIOCSIFTXQLEN, qlen));
            Ifreq rename = Ifreq.named("lo");
            rename.set_name("lo");
            seen.add("rename while up " + call(SIOCSIFNAME, renameTo(rename, "lo0")));
            k.sched().current().cred = new Cred(1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000);
            seen.add("as user " + call(SIOCSIFMTU, mtu));
            Ifreq get = Ifreq.named("lo");
            seen.add("get as user " + call(SIOCGIFFLAGS, get) + " flags " + get.ifr_flags());
        }, 0, "ifconfig");
        k.run_until(() -> t.state() == TaskStruct.State.DEAD, k.hardware().now() + 10_000_000);
        assertEquals(List.of("up 0 copyout false", "mtu 0", "qlen -22", "rename while up -16", "as user -1",
                "get as user 0 flags 73"), seen);
        assertEquals(1500, k.net().loopback_dev.mtu);
        assertFalse(k.net().loopback_dev.name.equals("lo0"));
    }

    private static Ifreq renameTo(Ifreq ifr, String newname) {
        byte[] raw = ifr.bytes();
        byte[] n = newname.getBytes();
        System.arraycopy(n, 0, raw, 16, n.length);
        return Ifreq.from(raw);
    }
}
