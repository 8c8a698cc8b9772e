package org.jstap.sim.drivers.net.e1000;

import org.jstap.sim.kernel.workqueue.DelayedWork;
import org.jstap.sim.net.core.NapiStruct;
import org.jstap.sim.net.core.NetDevice;

/**
 * struct e1000_adapter (e1000.h): the driver's state for one NIC, the net_device's private part
 * ({@code netdev_priv}). It ties the device's {@link E1000Hw}, its rings, its NAPI instance and
 * its watchdog together; the fields are touched only by the thread running the machine (the
 * single-threaded stand-in for Linux's RTNL, NAPI ownership and the adapter's flag bits).
 */
public final class E1000Adapter {
    /** enum e1000_state_t: bits of {@link #flags}. */
    public static final int __E1000_TESTING = 0;
    public static final int __E1000_RESETTING = 1;
    public static final int __E1000_DOWN = 2;
    public static final int __E1000_DISABLED = 3;

    public NetDevice netdev;
    public final E1000Hw hw;
    /** pci_name(pdev): where the NIC sits (QEMU's virt puts the first PCI device at 00:01.0). */
    public final String pci_name;
    /** pdev->irq. */
    public final int irq;
    public final NapiStruct napi = new NapiStruct();
    public final E1000TxRing tx_ring = new E1000TxRing();
    public final E1000RxRing rx_ring = new E1000RxRing();
    /** The link watchdog (e1000_watchdog), every 2 s while up, and 1 jiffy after a link interrupt. */
    public DelayedWork watchdog_task;
    public long flags;
    /** rx_buffer_len: bytes each receive buffer is mapped for. */
    public int rx_buffer_len;
    /** link_speed (Mb/s) and link_duplex while the carrier is on, 0 otherwise. */
    public int link_speed;
    public int link_duplex;
    /** txd_cmd: the command bits of a packet's last descriptor (EOP|IFCS|RS). */
    public int txd_cmd;
    /** restart_queue: times the transmit queue was woken after the ring had filled. */
    public long restart_queue;
    public long alloc_rx_buff_failed;
    /** discarding: inside a frame that spilled over several buffers, which is dropped whole. */
    public boolean discarding;
    /** What the current NAPI round cleaned (reset by the interrupt, for interrupt moderation in Linux). */
    public long total_tx_bytes;
    public long total_tx_packets;
    public long total_rx_bytes;
    public long total_rx_packets;
    public long hw_csum_err;
    public long hw_csum_good;
    public final E1000HwStats stats = new E1000HwStats();

    E1000Adapter(E1000Hw hw, String pci_name, int irq) {
        this.hw = hw;
        this.pci_name = pci_name;
        this.irq = irq;
    }

    public boolean test_bit(int nr) {
        return (flags & 1L << nr) != 0;
    }

    public void set_bit(int nr) {
        flags |= 1L << nr;
    }

    public void clear_bit(int nr) {
        flags &= ~(1L << nr);
    }

    public boolean test_and_set_bit(int nr) {
        boolean was = test_bit(nr);
        set_bit(nr);
        return was;
    }

    @Override
    public String toString() {
        return "e1000_adapter " + pci_name + (netdev == null ? "" : " " + netdev.name);
    }
}
