package org.jstap.sim.drivers.net.e1000;

import static org.jstap.sim.drivers.net.e1000.E1000Adapter.__E1000_DOWN;
import static org.jstap.sim.drivers.net.e1000.E1000Adapter.__E1000_TESTING;
import static org.jstap.sim.drivers.net.e1000.E1000RxRing.RXD_BUFFER_ADDR;
import static org.jstap.sim.drivers.net.e1000.E1000RxRing.RXD_CSUM;
import static org.jstap.sim.drivers.net.e1000.E1000RxRing.RXD_ERRORS;
import static org.jstap.sim.drivers.net.e1000.E1000RxRing.RXD_LENGTH;
import static org.jstap.sim.drivers.net.e1000.E1000RxRing.RXD_STATUS;
import static org.jstap.sim.drivers.net.e1000.E1000TxRing.TXD_BUFFER_ADDR;
import static org.jstap.sim.drivers.net.e1000.E1000TxRing.TXD_LOWER;
import static org.jstap.sim.drivers.net.e1000.E1000TxRing.TXD_UPPER;
import static org.jstap.sim.net.core.NetDevice.NETDEV_TX_BUSY;
import static org.jstap.sim.net.core.NetDevice.NETDEV_TX_OK;
import static org.jstap.sim.net.core.NetDevice.netdev_priv;
import static org.jstap.sim.net.core.NetDevice.netif_carrier_ok;
import static org.jstap.sim.net.core.NetDevice.netif_queue_stopped;
import static org.jstap.sim.net.core.NetDevice.netif_start_queue;
import static org.jstap.sim.net.core.NetDevice.netif_stop_queue;

import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.Io;
import org.jstap.sim.arch.riscv.Page;
import org.jstap.sim.hw.E1000;
import org.jstap.sim.hw.Mmio;
import org.jstap.sim.hw.Ram;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.irq.Irq;
import org.jstap.sim.kernel.printk.Printk;
import org.jstap.sim.kernel.workqueue.DelayedWork;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.mm.PageAlloc;
import org.jstap.sim.net.core.NapiStruct;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.NetDeviceOps;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.ethernet.Eth;
import org.jstap.sim.net.ethernet.IfEther;

/**
 * drivers/net/ethernet/intel/e1000/e1000_main.c: the driver of the board's 82540EM, {@code eth0}.
 *
 * <ul>
 *   <li>Probe (device initcall {@link #e1000_init_module}, when the board has the NIC): reset,
 *       EEPROM checksum and MAC address, {@code alloc_etherdev}, NAPI, register_netdev, carrier
 *       off until the link is seen.
 *   <li>Up ({@code dev_open -> }{@link #e1000_open}): rings in coherent pages, TX and RX set up,
 *       the interrupt taken, and an LSC cause fired so the watchdog looks at the link: it puts
 *       the carrier on ("NIC Link is Up"), turns the transmitter on and runs every 2 s after
 *       (link, statistics). Down ({@link #e1000_close}) undoes it all.
 *   <li>Transmit: {@code dev_queue_xmit -> ... -> dev_hard_start_xmit -> xmit_one ->
 *       netdev_start_xmit -> }{@link #e1000_xmit_frame}: the skb's data is mapped into
 *       descriptors at next_to_use, the last gets EOP|IFCS|RS, TDT is written; the queue is
 *       stopped while fewer descriptors are free than the largest packet could need.
 *   <li>Interrupt ({@link #e1000_intr}, line {@code Mmio.E1000_IRQ}): ICR read (0: not ours),
 *       all causes masked, NAPI scheduled. NET_RX polls {@link #e1000_clean}: completed transmits
 *       freed by DD (waking the queue), received frames handed up by {@code netif_receive_skb}
 *       with buffers refilled, and, under budget, {@code napi_complete_done} and the causes
 *       unmasked.
 * </ul>
 *
 * <p>Receive buffers are sk_buffs allocated per descriptor and copied out below copybreak, as
 * the driver did before it moved to page fragments and build_skb. Not here: jumbo frames (the
 * MTU stays at most 1500), TSO and checksum offload (the board computes no checksums), VLANs,
 * interrupt moderation (the board has none), BQL, the reset task and transmit-hang detection,
 * ethtool.
 */
@LinuxFile("drivers/net/ethernet/intel/e1000/e1000_main.c")
public final class E1000Main {
    static final String e1000_driver_name = "e1000";
    static final String e1000_driver_string = "Intel(R) PRO/1000 Network Driver";
    static final String e1000_copyright = "Copyright (c) 1999-2006 Intel Corporation.";
    /** Where QEMU's riscv virt machine puts the first PCI device. */
    static final String PCI_NAME = "0000:00:01.0";

    /** e1000_param.c: TxDescriptors and RxDescriptors default to 256, in multiples of 8 (128 bytes). */
    static final int E1000_DEFAULT_TXD = 256;
    static final int E1000_DEFAULT_RXD = 256;
    /** copybreak (module parameter): frames up to this long are copied into a fresh skb. */
    static final int COPYBREAK_DEFAULT = 256;
    /** MAXIMUM_ETHERNET_VLAN_SIZE: the longest frame without LPE; what each receive buffer maps. */
    static final int MAXIMUM_ETHERNET_VLAN_SIZE = 1522;
    static final int ENET_HEADER_SIZE = 14;
    static final int ETHERNET_FCS_SIZE = 4;
    /** E1000_MAX_TXD_PWR / E1000_MAX_DATA_PER_TXD: one descriptor carries at most 4 KiB. */
    static final int E1000_MAX_TXD_PWR = 12;
    static final int E1000_MAX_DATA_PER_TXD = 1 << E1000_MAX_TXD_PWR;
    /** MAX_SKB_FRAGS: what the largest packet could need descriptors for. */
    static final int MAX_SKB_FRAGS = 17;
    /** TX_WAKE_THRESHOLD: free descriptors before a stopped queue is woken. */
    static final int TX_WAKE_THRESHOLD = 32;
    /** E1000_RX_BUFFER_WRITE: buffers cleaned before they are handed back early, in one RDT write. */
    static final int E1000_RX_BUFFER_WRITE = 16;
    /** IMS_ENABLE_MASK: the causes the driver takes. */
    static final int IMS_ENABLE_MASK = E1000.ICR_RXT0 | E1000.ICR_TXDW | E1000.ICR_RXDMT0 | E1000Hw.E1000_ICR_RXSEQ
            | E1000.ICR_LSC;
    /** E1000_RXD_ERR_FRAME_ERR_MASK: CE, SE, SEQ, CXE, RXE. */
    static final int E1000_RXD_ERR_FRAME_ERR_MASK = 0x97;
    static final int E1000_RXD_STAT_TCPCS = 0x20;
    static final int E1000_RXD_ERR_TCPE = 0x20;
    /** Virtual costs: one packet's descriptors and doorbell, an interrupt's register reads, one descriptor cleaned. */
    static final long XMIT_FRAME_NS = 250;
    static final long INTR_NS = 400;
    static final long CLEAN_TX_DESC_NS = 40;
    static final long CLEAN_RX_DESC_NS = 120;

    private final Kernel kernel;
    private final Io io;
    /** The adapter of the board's NIC, once probed. */
    private E1000Adapter adapter;
    int copybreak = COPYBREAK_DEFAULT;

    /** e1000_netdev_ops. */
    private final NetDeviceOps e1000_netdev_ops = new NetDeviceOps() {
        @Override
        public int ndo_open(NetDevice dev) {
            return e1000_open(dev);
        }

        @Override
        public int ndo_stop(NetDevice dev) {
            return e1000_close(dev);
        }

        @Override
        public int ndo_start_xmit(SkBuff skb, NetDevice dev) {
            return e1000_xmit_frame(skb, dev);
        }

        @Override
        public void ndo_set_rx_mode(NetDevice dev) {
            e1000_set_rx_mode(dev);
        }

        @Override
        public int ndo_set_mac_address(NetDevice dev, byte[] sa_data) {
            return e1000_set_mac(dev, sa_data);
        }

        @Override
        public int ndo_validate_addr(NetDevice dev) {
            return kernel.net().eth().eth_validate_addr(dev);
        }
    };

    public E1000Main(Kernel kernel, Io io) {
        this.kernel = kernel;
        this.io = io;
    }

    /** The adapter of the board's NIC, or null if there is none (or its probe failed). */
    public E1000Adapter adapter() {
        return adapter;
    }

    // ---------------------------------------------------------------- messages

    private void prInfo(String msg) {
        kernel.printk().pr_info(e1000_driver_name + ": " + msg);
    }

    /** netdev_printk's prefix: driver, device, and the interface's name once it has one. */
    private void netdevPrintk(int level, E1000Adapter adapter, String msg) {
        NetDevice dev = adapter.netdev;
        String name = dev.name.isEmpty() || dev.name.indexOf('%') >= 0 ? "(unnamed net_device)" : dev.name;
        String state = dev.reg_state == NetDevice.NETREG_UNINITIALIZED ? " (uninitialized)" : "";
        kernel.printk().printk(level, e1000_driver_name + " " + adapter.pci_name + " " + name + state + ": " + msg);
    }

    private void eInfo(E1000Adapter adapter, String msg) {
        netdevPrintk(Printk.KERN_INFO, adapter, msg);
    }

    private void eErr(E1000Adapter adapter, String msg) {
        netdevPrintk(Printk.KERN_ERR, adapter, msg);
    }

    // ---------------------------------------------------------------- probe

    /**
     * e1000_init_module (module_init, a device initcall when built in): the banner and the PCI
     * driver; the board has no PCI bus to enumerate, so the probe runs for its one NIC if it has
     * one (a machine without shows nothing, as if the module had not been autoloaded).
     */
    public int e1000_init_module() {
        if (kernel.hardware().nic() == null) {
            return 0;
        }
        prInfo(e1000_driver_string);
        prInfo(e1000_copyright);
        int ret = e1000_probe();
        if (ret != 0) {
            // really_probe: the driver stays registered, the device unbound
            kernel.printk().pr_warn(e1000_driver_name + " " + PCI_NAME + ": probe with driver " + e1000_driver_name
                    + " failed with error " + ret);
        }
        return 0;
    }

    /**
     * e1000_probe: the net_device with the adapter as its private part, its ops and NAPI; the
     * MAC reset and its EEPROM checked (a bad checksum leaves an all-zero address the user must
     * replace), the MAC address from it, the rings' sizes, another reset with the settings, then
     * {@code register_netdev} (eth0) and the carrier off until the watchdog sees the link.
     * 0 or -errno.
     */
    int e1000_probe() {
        E1000Hw hw = new E1000Hw(kernel, io, Mmio.E1000_BASE);
        // what the PCI core found in the device's config space
        hw.vendor_id = E1000Hw.PCI_VENDOR_ID_INTEL;
        hw.device_id = E1000Hw.E1000_DEV_ID_82540EM;
        E1000Adapter a = new E1000Adapter(hw, PCI_NAME, Mmio.E1000_IRQ);
        NetDevice netdev = kernel.net().eth().alloc_etherdev(a);
        if (netdev == null) {
            return -Errno.ENOMEM;
        }
        a.netdev = netdev;
        netdev.netdev_ops = e1000_netdev_ops;
        kernel.net().napi().netif_napi_add(netdev, a.napi, "e1000_clean", this::e1000_clean);
        int err = e1000_sw_init(a);
        if (err != 0) {
            kernel.net().dev().free_netdev(netdev);
            return err;
        }
        if (hw.e1000_init_eeprom_params() != 0) {
            eErr(a, "EEPROM initialization failed");
            kernel.net().dev().free_netdev(netdev);
            return -Errno.EIO;
        }
        // before reading the EEPROM, reset the controller to put the device in a known good starting state
        hw.e1000_reset_hw();
        if (hw.e1000_validate_eeprom_checksum() < 0) {
            eErr(a, "The EEPROM Checksum Is Not Valid");
            // an all-zero address disables the device until the user sets one with ip link set address
            java.util.Arrays.fill(hw.mac_addr, (byte) 0);
        } else if (hw.e1000_read_mac_addr() != 0) {
            eErr(a, "EEPROM Read Error");
        }
        // don't block initialization here due to bad MAC address
        Eth.eth_hw_addr_set(netdev, hw.mac_addr);
        if (!Eth.is_valid_ether_addr(netdev.address())) {
            eErr(a, "Invalid MAC Address");
        }
        a.watchdog_task = new DelayedWork("e1000_watchdog", () -> e1000_watchdog(a));
        e1000_check_options(a);
        // reset the hardware with the new settings
        e1000_reset(a);
        netdev.name = "eth%d";
        err = kernel.net().dev().register_netdev(netdev);
        if (err != 0) {
            kernel.net().dev().free_netdev(netdev);
            return err;
        }
        eInfo(a, String.format("(PCI%s:%dMHz:%d-bit) %s", hw.bus_type == E1000Hw.e1000_bus_type_pcix ? "-X" : "",
                hw.bus_speed, hw.bus_width, Eth.formatMac(netdev.dev_addr, IfEther.ETH_ALEN)));
        // carrier off reporting is important to ethtool even BEFORE open
        kernel.net().sched().netif_carrier_off(netdev);
        eInfo(a, "Intel(R) PRO/1000 Network Connection");
        adapter = a;
        return 0;
    }

    /** e1000_sw_init: buffer length and frame size for the MTU, the MAC type, the bus; the adapter starts down. */
    int e1000_sw_init(E1000Adapter a) {
        E1000Hw hw = a.hw;
        a.rx_buffer_len = MAXIMUM_ETHERNET_VLAN_SIZE;
        hw.max_frame_size = a.netdev.mtu + ENET_HEADER_SIZE + ETHERNET_FCS_SIZE;
        if (hw.e1000_set_mac_type() != 0) {
            kernel.printk().pr_err(e1000_driver_name + " " + a.pci_name + ": Unknown MAC Type");
            return -Errno.EIO;
        }
        hw.e1000_get_bus_info();
        // explicitly disable IRQ since the NIC can be in any state
        e1000_irq_disable(a);
        a.set_bit(__E1000_DOWN);
        return 0;
    }

    /** e1000_check_options (e1000_param.c): the ring sizes and flow control, at their defaults. */
    void e1000_check_options(E1000Adapter a) {
        a.tx_ring.count = E1000_DEFAULT_TXD;
        a.rx_ring.count = E1000_DEFAULT_RXD;
        a.hw.fc = a.hw.original_fc = E1000Hw.E1000_FC_DEFAULT;
    }

    /**
     * e1000_reset: flow control back to what it was configured as, the MAC reset and set up
     * again (receive addresses, multicast table, link, counters).
     */
    void e1000_reset(E1000Adapter a) {
        E1000Hw hw = a.hw;
        hw.fc = hw.original_fc;
        hw.e1000_reset_hw();
        if (hw.e1000_init_hw() != 0) {
            kernel.printk().pr_err(e1000_driver_name + " " + a.pci_name + ": Hardware Error");
        }
    }

    // ---------------------------------------------------------------- up and down

    /**
     * e1000_open (ndo_open): carrier off, the rings' memory, the hardware configured and its
     * receive ring filled, the interrupt taken, NAPI and the causes enabled, the queue started,
     * and a link status change fired to start the watchdog. 0 or -errno (the adapter left reset).
     */
    public int e1000_open(NetDevice netdev) {
        E1000Adapter a = netdev_priv(netdev);
        // disallow open during test
        if (a.test_bit(__E1000_TESTING)) {
            return -Errno.EBUSY;
        }
        kernel.net().sched().netif_carrier_off(netdev);
        int err = e1000_setup_all_tx_resources(a);
        if (err != 0) {
            e1000_reset(a);
            return err;
        }
        err = e1000_setup_all_rx_resources(a);
        if (err != 0) {
            e1000_free_all_tx_resources(a);
            e1000_reset(a);
            return err;
        }
        // before we allocate an interrupt, we must be ready to handle it
        e1000_configure(a);
        err = e1000_request_irq(a);
        if (err != 0) {
            e1000_free_all_rx_resources(a);
            e1000_free_all_tx_resources(a);
            e1000_reset(a);
            return err;
        }
        // from here on the code is the same as e1000_up()
        a.clear_bit(__E1000_DOWN);
        kernel.net().napi().napi_enable(a.napi);
        e1000_irq_enable(a);
        netif_start_queue(netdev);
        // fire a link status change interrupt to start the watchdog
        a.hw.ew32(E1000.ICS, E1000.ICR_LSC);
        return 0;
    }

    /**
     * e1000_close (ndo_stop): the adapter down (e1000_down, which sleeps: process context), the
     * interrupt and the rings' memory given back. 0.
     */
    public int e1000_close(NetDevice netdev) {
        E1000Adapter a = netdev_priv(netdev);
        // signal that we're down so that the reset task will no longer run
        a.set_bit(__E1000_DOWN);
        e1000_down(a);
        e1000_free_irq(a);
        e1000_free_all_tx_resources(a);
        e1000_free_all_rx_resources(a);
        return 0;
    }

    /**
     * e1000_down: receiver and transmitter off, the queue stopped, carrier off, NAPI disabled
     * (after its poll finishes), causes masked, the watchdog cancelled, the MAC reset, and what
     * the rings held freed.
     */
    void e1000_down(E1000Adapter a) {
        E1000Hw hw = a.hw;
        NetDevice netdev = a.netdev;
        int rctl = hw.er32(E1000.RCTL);
        hw.ew32(E1000.RCTL, rctl & ~E1000.RCTL_EN);
        // netif_tx_disable: the one queue stopped
        netif_stop_queue(netdev);
        int tctl = hw.er32(E1000.TCTL);
        hw.ew32(E1000.TCTL, tctl & ~E1000.TCTL_EN);
        // flush both disables and wait for them to finish
        hw.E1000_WRITE_FLUSH();
        kernel.sched().msleep(10);
        // carrier off after transmits are disabled, so the watchdog cannot race it back on
        kernel.net().sched().netif_carrier_off(netdev);
        kernel.net().napi().napi_disable(a.napi);
        e1000_irq_disable(a);
        // setting DOWN must be after irq_disable to prevent a screaming interrupt
        e1000_down_and_stop(a);
        a.link_speed = 0;
        a.link_duplex = 0;
        e1000_reset(a);
        e1000_clean_tx_ring(a, a.tx_ring);
        e1000_clean_rx_ring(a, a.rx_ring);
    }

    /** e1000_down_and_stop: DOWN set, so nothing reschedules the watchdog, which is cancelled (waiting for a running one). */
    void e1000_down_and_stop(E1000Adapter a) {
        a.set_bit(__E1000_DOWN);
        // cancel_delayed_work_sync
        kernel.workqueue().cancel_work_sync(a.watchdog_task);
    }

    /** e1000_configure: receive filters, transmit unit, receive control and unit, then every free receive descriptor filled. */
    void e1000_configure(E1000Adapter a) {
        e1000_set_rx_mode(a.netdev);
        e1000_configure_tx(a);
        e1000_setup_rctl(a);
        e1000_configure_rx(a);
        e1000_alloc_rx_buffers(a, a.rx_ring, E1000RxRing.E1000_DESC_UNUSED(a.rx_ring));
    }

    /** e1000_irq_enable: the causes the driver takes unmasked (IMS). */
    void e1000_irq_enable(E1000Adapter a) {
        a.hw.ew32(E1000.IMS, IMS_ENABLE_MASK);
        a.hw.E1000_WRITE_FLUSH();
    }

    /** e1000_irq_disable: every cause masked (IMC). */
    void e1000_irq_disable(E1000Adapter a) {
        a.hw.ew32(E1000.IMC, ~0);
        a.hw.E1000_WRITE_FLUSH();
    }

    /** e1000_request_irq: the line, named after the interface, with the net_device as dev_id. */
    int e1000_request_irq(E1000Adapter a) {
        NetDevice netdev = a.netdev;
        int err = kernel.irq().request_irq(a.irq, this::e1000_intr, 0, netdev.name, netdev);
        if (err != 0) {
            eErr(a, "Unable to allocate interrupt Error: " + err);
        }
        return err;
    }

    void e1000_free_irq(E1000Adapter a) {
        kernel.irq().free_irq(a.irq, a.netdev);
    }

    // ---------------------------------------------------------------- ring memory

    /** dma_alloc_coherent: zeroed pages for {@code size} bytes; their pfn, or NO_PAGE. */
    private long dmaAllocCoherent(int order) {
        return kernel.page_alloc().alloc_pages(Gfp.GFP_KERNEL | Gfp.__GFP_ZERO, order);
    }

    private static int getOrder(int size) {
        int order = 0;
        while ((long) Ram.PAGE_SIZE << order < size) {
            order++;
        }
        return order;
    }

    /** e1000_setup_all_tx_resources: the one transmit ring; 0 or -ENOMEM. */
    int e1000_setup_all_tx_resources(E1000Adapter a) {
        int err = e1000_setup_tx_resources(a, a.tx_ring);
        if (err != 0) {
            eErr(a, "Allocation for Tx Queue 0 failed");
        }
        return err;
    }

    /** e1000_setup_tx_resources: buffer_info for each descriptor and the ring, rounded up to 4 KiB, zeroed. */
    int e1000_setup_tx_resources(E1000Adapter a, E1000TxRing txdr) {
        txdr.buffer_info = new E1000TxRing.Buffer[txdr.count];
        for (int i = 0; i < txdr.count; i++) {
            txdr.buffer_info[i] = new E1000TxRing.Buffer();
        }
        if (!allocDescriptors(txdr)) {
            txdr.buffer_info = null;
            eErr(a, "Unable to allocate memory for the Tx descriptor ring");
            return -Errno.ENOMEM;
        }
        return 0;
    }

    /** The shared half of e1000_setup_{tx,rx}_resources: the zeroed descriptors, rounded up to 4 KiB, indexes at 0. */
    private boolean allocDescriptors(E1000Ring ring) {
        ring.size = (int) Page.PAGE_ALIGN((long) ring.count * E1000.DESC_SIZE);
        ring.order = getOrder(ring.size);
        ring.pfn = dmaAllocCoherent(ring.order);
        if (ring.pfn == PageAlloc.NO_PAGE) {
            return false;
        }
        ring.dma = PageAlloc.page_to_phys(ring.pfn);
        ring.next_to_use = 0;
        ring.next_to_clean = 0;
        return true;
    }

    int e1000_setup_all_rx_resources(E1000Adapter a) {
        int err = e1000_setup_rx_resources(a, a.rx_ring);
        if (err != 0) {
            eErr(a, "Allocation for Rx Queue 0 failed");
        }
        return err;
    }

    int e1000_setup_rx_resources(E1000Adapter a, E1000RxRing rxdr) {
        rxdr.buffer_info = new E1000RxRing.Buffer[rxdr.count];
        for (int i = 0; i < rxdr.count; i++) {
            rxdr.buffer_info[i] = new E1000RxRing.Buffer();
        }
        if (!allocDescriptors(rxdr)) {
            rxdr.buffer_info = null;
            eErr(a, "Unable to allocate memory for the Rx descriptor ring");
            return -Errno.ENOMEM;
        }
        return 0;
    }

    /** e1000_free_all_tx_resources / e1000_free_tx_resources: the ring emptied, then its memory freed. */
    void e1000_free_all_tx_resources(E1000Adapter a) {
        E1000TxRing tx_ring = a.tx_ring;
        e1000_clean_tx_ring(a, tx_ring);
        tx_ring.buffer_info = null;
        freeDescriptors(tx_ring);
    }

    /** dma_free_coherent of a ring's descriptors. */
    private void freeDescriptors(E1000Ring ring) {
        kernel.page_alloc().__free_pages(ring.pfn, ring.order);
        ring.pfn = PageAlloc.NO_PAGE;
        ring.dma = 0;
    }

    void e1000_free_all_rx_resources(E1000Adapter a) {
        E1000RxRing rx_ring = a.rx_ring;
        e1000_clean_rx_ring(a, rx_ring);
        rx_ring.buffer_info = null;
        freeDescriptors(rx_ring);
    }

    /** e1000_clean_tx_ring: every packet still on the ring freed, the descriptors zeroed, TDH = TDT = 0. */
    void e1000_clean_tx_ring(E1000Adapter a, E1000TxRing tx_ring) {
        if (tx_ring.buffer_info == null) {
            return;
        }
        for (E1000TxRing.Buffer buffer_info : tx_ring.buffer_info) {
            e1000_unmap_and_free_tx_resource(a, buffer_info, 0);
            buffer_info.next_to_watch = 0;
        }
        for (int i = 0; i < tx_ring.count; i++) {
            kernel.ram().write64(tx_ring.desc(i) + TXD_BUFFER_ADDR, 0);
            kernel.ram().write64(tx_ring.desc(i) + TXD_LOWER, 0);
        }
        tx_ring.next_to_use = 0;
        tx_ring.next_to_clean = 0;
        a.hw.ew32(tx_ring.tdh, 0);
        a.hw.ew32(tx_ring.tdt, 0);
    }

    /** e1000_clean_rx_ring: every receive skb freed, the descriptors zeroed, RDH = RDT = 0. */
    void e1000_clean_rx_ring(E1000Adapter a, E1000RxRing rx_ring) {
        if (rx_ring.buffer_info == null) {
            return;
        }
        for (E1000RxRing.Buffer buffer_info : rx_ring.buffer_info) {
            buffer_info.dma = 0;
            if (buffer_info.skb != null) {
                kernel.net().skb().kfree_skb(buffer_info.skb);
                buffer_info.skb = null;
            }
        }
        for (int i = 0; i < rx_ring.count; i++) {
            kernel.ram().write64(rx_ring.desc(i) + RXD_BUFFER_ADDR, 0);
            kernel.ram().write64(rx_ring.desc(i) + RXD_LENGTH, 0);
        }
        a.discarding = false;
        rx_ring.next_to_clean = 0;
        rx_ring.next_to_use = 0;
        a.hw.ew32(rx_ring.rdh, 0);
        a.hw.ew32(rx_ring.rdt, 0);
    }

    // ---------------------------------------------------------------- configuration

    /**
     * e1000_configure_tx: the ring's base and length, head and tail at 0, short packets padded,
     * collisions as the standard says, and the last-descriptor command (report status). The
     * transmitter itself is turned on by the watchdog when it sees the link.
     */
    void e1000_configure_tx(E1000Adapter a) {
        E1000Hw hw = a.hw;
        E1000TxRing ring = a.tx_ring;
        long tdba = ring.dma;
        int tdlen = ring.count * E1000.DESC_SIZE;
        hw.ew32(E1000.TDLEN, tdlen);
        hw.ew32(E1000.TDBAH, (int) (tdba >>> 32));
        hw.ew32(E1000.TDBAL, (int) tdba);
        hw.ew32(E1000.TDT, 0);
        hw.ew32(E1000.TDH, 0);
        ring.tdh = E1000.TDH;
        ring.tdt = E1000.TDT;
        int tctl = hw.er32(E1000.TCTL);
        tctl &= ~E1000Hw.E1000_TCTL_CT;
        tctl |= E1000.TCTL_PSP | E1000Hw.E1000_TCTL_RTLC | E1000Hw.E1000_COLLISION_THRESHOLD << E1000Hw.E1000_CT_SHIFT;
        // e1000_config_collision_dist
        tctl &= ~E1000Hw.E1000_TCTL_COLD;
        tctl |= E1000Hw.E1000_COLLISION_DISTANCE << E1000Hw.E1000_COLD_SHIFT;
        a.txd_cmd = E1000.TXD_CMD_EOP | E1000.TXD_CMD_IFCS | E1000.TXD_CMD_RS;
        hw.ew32(E1000.TCTL, tctl);
    }

    /**
     * e1000_setup_rctl: broadcasts accepted, descriptor-minimum threshold at half the ring, the
     * multicast offset, no long packets at this MTU, 2 KiB buffers; receives stay off until
     * e1000_configure_rx.
     */
    void e1000_setup_rctl(E1000Adapter a) {
        E1000Hw hw = a.hw;
        int rctl = hw.er32(E1000.RCTL);
        rctl &= ~(3 << E1000.RCTL_MO_SHIFT);
        // RDMTS_HALF and LBM_NO are 0; mc_filter_type 0
        rctl |= E1000.RCTL_BAM;
        rctl &= ~E1000Hw.E1000_RCTL_SBP;
        if (a.netdev.mtu <= IfEther.ETH_DATA_LEN) {
            rctl &= ~E1000.RCTL_LPE;
        } else {
            rctl |= E1000.RCTL_LPE;
        }
        // setup buffer sizes: 2048 is the default
        rctl &= ~E1000Hw.E1000_RCTL_SZ_4096;
        rctl |= E1000.RCTL_SZ_2048;
        rctl &= ~E1000.RCTL_BSEX;
        hw.ew32(E1000.RCTL, rctl);
    }

    /** e1000_configure_rx: receives off while the ring's base and length, head and tail are set, then on. */
    void e1000_configure_rx(E1000Adapter a) {
        E1000Hw hw = a.hw;
        E1000RxRing ring = a.rx_ring;
        int rdlen = ring.count * E1000.DESC_SIZE;
        int rctl = hw.er32(E1000.RCTL);
        hw.ew32(E1000.RCTL, rctl & ~E1000.RCTL_EN);
        long rdba = ring.dma;
        hw.ew32(E1000.RDLEN, rdlen);
        hw.ew32(E1000.RDBAH, (int) (rdba >>> 32));
        hw.ew32(E1000.RDBAL, (int) rdba);
        hw.ew32(E1000.RDT, 0);
        hw.ew32(E1000.RDH, 0);
        ring.rdh = E1000.RDH;
        ring.rdt = E1000.RDT;
        hw.ew32(E1000.RCTL, rctl | E1000.RCTL_EN);
    }

    /**
     * e1000_set_rx_mode (ndo_set_rx_mode): promiscuous and all-multicast from the device's flags;
     * the exact filters past RAR[0] and the multicast hash are cleared, as the device keeps no
     * address lists of its own here.
     */
    public void e1000_set_rx_mode(NetDevice netdev) {
        E1000Adapter a = netdev_priv(netdev);
        E1000Hw hw = a.hw;
        int rctl = hw.er32(E1000.RCTL);
        if ((netdev.flags & NetDevice.IFF_PROMISC) != 0) {
            rctl |= E1000.RCTL_UPE | E1000.RCTL_MPE;
            rctl &= ~E1000Hw.E1000_RCTL_VFE;
        } else {
            if ((netdev.flags & NetDevice.IFF_ALLMULTI) != 0) {
                rctl |= E1000.RCTL_MPE;
            } else {
                rctl &= ~E1000.RCTL_MPE;
            }
            rctl &= ~E1000.RCTL_UPE;
        }
        hw.ew32(E1000.RCTL, rctl);
        for (int i = 1; i < E1000Hw.E1000_RAR_ENTRIES; i++) {
            hw.E1000_WRITE_REG_ARRAY(E1000.RA, i << 1, 0);
            hw.E1000_WRITE_FLUSH();
            hw.E1000_WRITE_REG_ARRAY(E1000.RA, (i << 1) + 1, 0);
            hw.E1000_WRITE_FLUSH();
        }
        // write the hash table completely, from the bottom
        for (int i = E1000Hw.E1000_MC_TBL_SIZE - 1; i >= 0; i--) {
            hw.E1000_WRITE_REG_ARRAY(E1000.MTA, i, 0);
        }
        hw.E1000_WRITE_FLUSH();
    }

    /** e1000_set_mac (ndo_set_mac_address): a valid unicast address into the device and RAR[0]; 0 or -EADDRNOTAVAIL. */
    public int e1000_set_mac(NetDevice netdev, byte[] addr) {
        E1000Adapter a = netdev_priv(netdev);
        if (!Eth.is_valid_ether_addr(java.util.Arrays.copyOf(addr, IfEther.ETH_ALEN))) {
            return -Errno.EADDRNOTAVAIL;
        }
        Eth.eth_hw_addr_set(netdev, addr);
        System.arraycopy(addr, 0, a.hw.mac_addr, 0, IfEther.ETH_ALEN);
        a.hw.e1000_rar_set(a.hw.mac_addr, 0);
        return 0;
    }

    // ---------------------------------------------------------------- transmit

    /** TXD_USE_COUNT: descriptors {@code s} bytes need at 2^x bytes each. */
    private static int TXD_USE_COUNT(int s, int x) {
        return (s >> x) + 1;
    }

    /**
     * e1000_xmit_frame (ndo_start_xmit): pads a short frame (the hardware could corrupt its own
     * padding), makes sure the packet fits with two descriptors to spare (else the queue is
     * stopped and NETDEV_TX_BUSY returned), maps it into descriptors, hands them over with a TDT
     * write, and stops the queue while a largest packet would no longer fit.
     */
    public int e1000_xmit_frame(SkBuff skb, NetDevice netdev) {
        E1000Adapter a = netdev_priv(netdev);
        E1000TxRing tx_ring = a.tx_ring;
        kernel.sched().charge(XMIT_FRAME_NS);
        int len = SkBuff.skb_headlen(skb);
        // on PCI/PCI-X HW, if packet size is less than ETH_ZLEN, packets may get corrupted during padding by HW
        if (kernel.net().eth().eth_skb_pad(skb) != 0) {
            return NETDEV_TX_OK;
        }
        // no TSO and no checksum offload: no context descriptor to reserve
        int count = 1;
        count += TXD_USE_COUNT(len, E1000_MAX_TXD_PWR);
        // need: count + 2 desc gap to keep tail from touching head, otherwise try next time
        if (e1000_maybe_stop_tx(netdev, tx_ring, count + 2) != 0) {
            return NETDEV_TX_BUSY;
        }
        int first = tx_ring.next_to_use;
        count = e1000_tx_map(a, tx_ring, skb, first, E1000_MAX_DATA_PER_TXD);
        if (count != 0) {
            // data descriptors MAX_SKB_FRAGS + 1, a context descriptor, 2 between head and tail, 3 for workarounds
            int desc_needed = MAX_SKB_FRAGS + 7;
            e1000_tx_queue(a, tx_ring, count);
            // make sure there is space in the ring for the next send
            e1000_maybe_stop_tx(netdev, tx_ring, desc_needed);
            // no xmit_more batching here: every packet rings the doorbell
            a.hw.ew32(tx_ring.tdt, tx_ring.next_to_use);
        } else {
            kernel.net().xmit().dev_kfree_skb_any(skb);
            tx_ring.buffer_info[first].time_stamp = 0;
            tx_ring.next_to_use = first;
        }
        return NETDEV_TX_OK;
    }

    /** e1000_maybe_stop_tx: 0 if {@code size} descriptors are free, else __e1000_maybe_stop_tx. */
    int e1000_maybe_stop_tx(NetDevice netdev, E1000TxRing tx_ring, int size) {
        if (E1000TxRing.E1000_DESC_UNUSED(tx_ring) >= size) {
            return 0;
        }
        return __e1000_maybe_stop_tx(netdev, size);
    }

    /** __e1000_maybe_stop_tx: stop the queue, then look again in case the cleaner made room meanwhile; -EBUSY or 0. */
    int __e1000_maybe_stop_tx(NetDevice netdev, int size) {
        E1000Adapter a = netdev_priv(netdev);
        netif_stop_queue(netdev);
        if (E1000TxRing.E1000_DESC_UNUSED(a.tx_ring) < size) {
            return -Errno.EBUSY;
        }
        // a reprieve
        netif_start_queue(netdev);
        a.restart_queue++;
        return 0;
    }

    /**
     * e1000_tx_map: the skb's linear data mapped in pieces of at most {@code max_per_txd} bytes
     * from next_to_use; the last descriptor's buffer_info holds the skb and the first's
     * next_to_watch points at it. The number of descriptors used.
     */
    int e1000_tx_map(E1000Adapter a, E1000TxRing tx_ring, SkBuff skb, int first, int max_per_txd) {
        int len = SkBuff.skb_headlen(skb);
        int offset = 0;
        int count = 0;
        int i = tx_ring.next_to_use;
        while (len > 0) {
            E1000TxRing.Buffer buffer_info = tx_ring.buffer_info[i];
            int size = Math.min(len, max_per_txd);
            buffer_info.length = size;
            buffer_info.time_stamp = kernel.timekeeping().jiffies();
            // dma_map_single: the linear map gives the bus address
            buffer_info.dma = Page.__pa(skb.data + offset);
            buffer_info.next_to_watch = i;
            len -= size;
            offset += size;
            count++;
            if (len > 0) {
                i++;
                if (i == tx_ring.count) {
                    i = 0;
                }
            }
        }
        if (count == 0) {
            return 0;
        }
        int segs = 1;
        // multiply data chunks by size of headers
        int bytecount = (segs - 1) * SkBuff.skb_headlen(skb) + skb.len;
        tx_ring.buffer_info[i].skb = skb;
        tx_ring.buffer_info[i].segs = segs;
        tx_ring.buffer_info[i].bytecount = bytecount;
        tx_ring.buffer_info[first].next_to_watch = i;
        return count;
    }

    /** e1000_tx_queue: {@code count} mapped descriptors written out (IFCS), the last with txd_cmd; next_to_use moves past them. */
    void e1000_tx_queue(E1000Adapter a, E1000TxRing tx_ring, int count) {
        Ram ram = kernel.ram();
        int txd_upper = 0;
        int txd_lower = E1000.TXD_CMD_IFCS << 24;
        int i = tx_ring.next_to_use;
        long tx_desc = 0;
        while (count-- > 0) {
            E1000TxRing.Buffer buffer_info = tx_ring.buffer_info[i];
            tx_desc = tx_ring.desc(i);
            ram.write64(tx_desc + TXD_BUFFER_ADDR, buffer_info.dma);
            ram.write32(tx_desc + TXD_LOWER, txd_lower | buffer_info.length);
            ram.write32(tx_desc + TXD_UPPER, txd_upper);
            if (++i == tx_ring.count) {
                i = 0;
            }
        }
        ram.write32(tx_desc + TXD_LOWER, ram.read32(tx_desc + TXD_LOWER) | a.txd_cmd << 24);
        tx_ring.next_to_use = i;
    }

    /**
     * e1000_unmap_and_free_tx_resource: the mapping and the skb of a finished descriptor go
     * (napi_consume_skb: from the poll, budget non-zero, it is consumed at once; otherwise as
     * dev_consume_skb_any).
     */
    void e1000_unmap_and_free_tx_resource(E1000Adapter a, E1000TxRing.Buffer buffer_info, int budget) {
        buffer_info.dma = 0;
        if (buffer_info.skb != null) {
            if (budget != 0) {
                kernel.net().skb().consume_skb(buffer_info.skb);
            } else {
                kernel.net().xmit().dev_consume_skb_any(buffer_info.skb);
            }
            buffer_info.skb = null;
        }
        buffer_info.time_stamp = 0;
    }

    // ---------------------------------------------------------------- interrupt and poll

    /**
     * e1000_intr: reads ICR (which clears it): nothing means another device's interrupt. A link
     * change has the watchdog look at the link in a jiffy. Then every cause is masked and the
     * NAPI poll scheduled, which unmasks them when it is done.
     */
    public int e1000_intr(int irq, Object data) {
        NetDevice netdev = (NetDevice) data;
        E1000Adapter a = netdev_priv(netdev);
        E1000Hw hw = a.hw;
        kernel.sched().charge(INTR_NS);
        int icr = hw.er32(E1000.ICR);
        if (icr == 0) {
            // not our interrupt
            return Irq.IRQ_NONE;
        }
        // the read cleared it; if the driver is down there is nothing to do
        if (a.test_bit(__E1000_DOWN)) {
            return Irq.IRQ_HANDLED;
        }
        if ((icr & (E1000Hw.E1000_ICR_RXSEQ | E1000.ICR_LSC)) != 0) {
            hw.get_link_status = true;
            // guard against interrupt when we're going down
            if (!a.test_bit(__E1000_DOWN)) {
                kernel.workqueue().schedule_delayed_work(a.watchdog_task, 1);
            }
        }
        // disable interrupts, without the synchronize_irq bit
        hw.ew32(E1000.IMC, ~0);
        hw.E1000_WRITE_FLUSH();
        if (kernel.net().napi().napi_schedule_prep(a.napi)) {
            a.total_tx_bytes = 0;
            a.total_tx_packets = 0;
            a.total_rx_bytes = 0;
            a.total_rx_packets = 0;
            kernel.net().napi().__napi_schedule(a.napi);
        } else if (!a.test_bit(__E1000_DOWN)) {
            // this really should not happen: enable interrupts and continue
            e1000_irq_enable(a);
        }
        return Irq.IRQ_HANDLED;
    }

    /**
     * e1000_clean (the NAPI poll): transmit completions, then up to {@code budget} received
     * frames. Work left on either side keeps the poll scheduled (the whole budget is reported);
     * otherwise it completes and the interrupt causes are unmasked.
     */
    public int e1000_clean(NapiStruct napi, int budget) {
        E1000Adapter a = netdev_priv(napi.dev);
        int[] work_done = {0};
        boolean tx_clean_complete = e1000_clean_tx_irq(a, a.tx_ring);
        e1000_clean_rx_irq(a, a.rx_ring, work_done, budget);
        if (!tx_clean_complete || work_done[0] == budget) {
            return budget;
        }
        // exit the polling mode; a missed schedule polls again rather than re-enable
        if (kernel.net().napi().napi_complete_done(napi, work_done[0])) {
            if (!a.test_bit(__E1000_DOWN)) {
                e1000_irq_enable(a);
            }
        }
        return work_done[0];
    }

    /**
     * e1000_clean_tx_irq: from next_to_clean, each packet whose last descriptor has DD is freed
     * with its descriptors; the counters get its bytes; a stopped queue is woken once
     * TX_WAKE_THRESHOLD descriptors are free. Whether it finished (did not clean a whole ring's worth).
     */
    boolean e1000_clean_tx_irq(E1000Adapter a, E1000TxRing tx_ring) {
        NetDevice netdev = a.netdev;
        Ram ram = kernel.ram();
        int count = 0;
        long total_tx_bytes = 0;
        long total_tx_packets = 0;
        int i = tx_ring.next_to_clean;
        int eop = tx_ring.buffer_info[i].next_to_watch;
        long eop_desc = tx_ring.desc(eop);
        while ((ram.read8(eop_desc + TXD_UPPER) & E1000.TXD_STAT_DD) != 0 && count < tx_ring.count) {
            boolean cleaned = false;
            for (; !cleaned; count++) {
                long tx_desc = tx_ring.desc(i);
                E1000TxRing.Buffer buffer_info = tx_ring.buffer_info[i];
                cleaned = i == eop;
                if (cleaned) {
                    total_tx_packets += buffer_info.segs;
                    total_tx_bytes += buffer_info.bytecount;
                }
                kernel.sched().charge(CLEAN_TX_DESC_NS);
                e1000_unmap_and_free_tx_resource(a, buffer_info, 64);
                ram.write32(tx_desc + TXD_UPPER, 0);
                if (++i == tx_ring.count) {
                    i = 0;
                }
            }
            eop = tx_ring.buffer_info[i].next_to_watch;
            eop_desc = tx_ring.desc(eop);
        }
        tx_ring.next_to_clean = i;
        if (count != 0 && netif_carrier_ok(netdev)
                && E1000TxRing.E1000_DESC_UNUSED(tx_ring) >= TX_WAKE_THRESHOLD) {
            if (netif_queue_stopped(netdev) && !a.test_bit(__E1000_DOWN)) {
                kernel.net().xmit().netif_wake_queue(netdev);
                a.restart_queue++;
            }
        }
        a.total_tx_bytes += total_tx_bytes;
        a.total_tx_packets += total_tx_packets;
        netdev.stats.tx_bytes += total_tx_bytes;
        netdev.stats.tx_packets += total_tx_packets;
        return count < tx_ring.count;
    }

    /**
     * e1000_clean_rx_irq: from next_to_clean, each descriptor with DD (up to {@code work_to_do}):
     * the FCS is cut off, a short frame is copied (copybreak) and its buffer reused, the skb goes
     * up through e1000_receive_skb; frames spread over several buffers or with errors are
     * dropped and their buffers reused. Buffers go back to the device 16 at a time and at the
     * end. Whether anything was cleaned.
     */
    boolean e1000_clean_rx_irq(E1000Adapter a, E1000RxRing rx_ring, int[] work_done, int work_to_do) {
        NetDevice netdev = a.netdev;
        Ram ram = kernel.ram();
        boolean cleaned = false;
        int cleaned_count = 0;
        long total_rx_bytes = 0;
        long total_rx_packets = 0;
        int i = rx_ring.next_to_clean;
        long rx_desc = rx_ring.desc(i);
        E1000RxRing.Buffer buffer_info = rx_ring.buffer_info[i];
        while ((ram.read8(rx_desc + RXD_STATUS) & E1000.RXD_STAT_DD) != 0) {
            if (work_done[0] >= work_to_do) {
                break;
            }
            work_done[0]++;
            kernel.sched().charge(CLEAN_RX_DESC_NS);
            int status = ram.read8(rx_desc + RXD_STATUS);
            SkBuff skb = buffer_info.skb;
            buffer_info.skb = null;
            if (++i == rx_ring.count) {
                i = 0;
            }
            long next_rxd = rx_ring.desc(i);
            E1000RxRing.Buffer next_buffer = rx_ring.buffer_info[i];
            cleaned = true;
            cleaned_count++;
            // dma_unmap_single
            buffer_info.dma = 0;
            int length = ram.read16(rx_desc + RXD_LENGTH);
            int errors = ram.read8(rx_desc + RXD_ERRORS);
            // !EOP means several descriptors hold one packet: it is tossed, up to and with the one that has EOP
            if ((status & E1000.RXD_STAT_EOP) == 0) {
                a.discarding = true;
            }
            if (a.discarding) {
                // all receives must fit into a single buffer: recycle
                buffer_info.skb = skb;
                if ((status & E1000.RXD_STAT_EOP) != 0) {
                    a.discarding = false;
                }
            } else if ((errors & E1000_RXD_ERR_FRAME_ERR_MASK) != 0) {
                buffer_info.skb = skb;
            } else {
                // don't count FCS
                total_rx_bytes += length - 4;
                total_rx_packets++;
                // adjust length to remove Ethernet CRC
                length -= 4;
                SkBuff copy = e1000_check_copybreak(netdev, buffer_info, length, skb);
                if (copy != null) {
                    skb = copy;
                } else {
                    kernel.net().skb().skb_put(skb, length);
                }
                e1000_rx_checksum(a, status | errors << 24, ram.read16(rx_desc + RXD_CSUM), skb);
                e1000_receive_skb(a, status, skb);
            }
            // next_desc:
            ram.write8(rx_desc + RXD_STATUS, 0);
            // return some buffers to hardware, one at a time is too slow
            if (cleaned_count >= E1000_RX_BUFFER_WRITE) {
                e1000_alloc_rx_buffers(a, rx_ring, cleaned_count);
                cleaned_count = 0;
            }
            rx_desc = next_rxd;
            buffer_info = next_buffer;
        }
        rx_ring.next_to_clean = i;
        cleaned_count = E1000RxRing.E1000_DESC_UNUSED(rx_ring);
        if (cleaned_count != 0) {
            e1000_alloc_rx_buffers(a, rx_ring, cleaned_count);
        }
        a.total_rx_packets += total_rx_packets;
        a.total_rx_bytes += total_rx_bytes;
        netdev.stats.rx_bytes += total_rx_bytes;
        netdev.stats.rx_packets += total_rx_packets;
        return cleaned;
    }

    /**
     * e1000_check_copybreak: a frame of at most copybreak bytes is copied into a new skb, and
     * the buffer's skb stays on the descriptor for the next frame; the copy, or null to pass the
     * buffer's skb up itself.
     */
    SkBuff e1000_check_copybreak(NetDevice netdev, E1000RxRing.Buffer buffer_info, int length, SkBuff skb) {
        if (length > copybreak) {
            return null;
        }
        SkBuff new_skb = kernel.net().skb().netdev_alloc_skb_ip_align(netdev, length);
        if (new_skb == null) {
            return null;
        }
        byte[] frame = new byte[length];
        skb.load(skb.data, frame, 0, length);
        kernel.net().skb().skb_put_data(new_skb, frame, 0, length);
        // save the skb in buffer_info as good
        buffer_info.skb = skb;
        return new_skb;
    }

    /**
     * e1000_rx_checksum: the hardware's verdict on the TCP/UDP checksum; with IXSM set (always on
     * the board, which checks none) it has none, and the stack checks it.
     */
    void e1000_rx_checksum(E1000Adapter a, int status_err, int csum, SkBuff skb) {
        int status = status_err & 0xff;
        int errors = status_err >>> 24;
        skb.ip_summed = SkBuff.CHECKSUM_NONE;
        // ignore checksum bit is set
        if ((status & E1000.RXD_STAT_IXSM) != 0) {
            return;
        }
        if ((errors & E1000_RXD_ERR_TCPE) != 0) {
            // let the stack verify checksum errors
            a.hw_csum_err++;
            return;
        }
        if ((status & E1000_RXD_STAT_TCPCS) != 0) {
            skb.ip_summed = SkBuff.CHECKSUM_UNNECESSARY;
        }
        a.hw_csum_good++;
    }

    /** e1000_receive_skb: the protocol from the Ethernet header, then up the stack (no GRO here: netif_receive_skb). */
    void e1000_receive_skb(E1000Adapter a, int status, SkBuff skb) {
        skb.protocol = kernel.net().eth().eth_type_trans(skb, a.netdev);
        kernel.net().rx().netif_receive_skb(skb);
    }

    /**
     * e1000_alloc_rx_buffers: from next_to_use, {@code cleaned_count} descriptors get a buffer
     * (the skb left on them, trimmed, or a new one of rx_buffer_len); RDT is moved to the last
     * one filled, so the device owns up to it but not it (Linux's way, one short of the ring).
     */
    void e1000_alloc_rx_buffers(E1000Adapter a, E1000RxRing rx_ring, int cleaned_count) {
        NetDevice netdev = a.netdev;
        int bufsz = a.rx_buffer_len;
        int i = rx_ring.next_to_use;
        E1000RxRing.Buffer buffer_info = rx_ring.buffer_info[i];
        while (cleaned_count-- > 0) {
            SkBuff skb = buffer_info.skb;
            if (skb != null) {
                kernel.net().skb().skb_trim(skb, 0);
            } else {
                skb = kernel.net().skb().netdev_alloc_skb_ip_align(netdev, bufsz);
                if (skb == null) {
                    // better luck next round
                    a.alloc_rx_buff_failed++;
                    break;
                }
                buffer_info.skb = skb;
                buffer_info.length = a.rx_buffer_len;
            }
            buffer_info.dma = Page.__pa(skb.data);
            kernel.ram().write64(rx_ring.desc(i) + RXD_BUFFER_ADDR, buffer_info.dma);
            if (++i == rx_ring.count) {
                i = 0;
            }
            buffer_info = rx_ring.buffer_info[i];
        }
        if (rx_ring.next_to_use != i) {
            rx_ring.next_to_use = i;
            if (i-- == 0) {
                i = rx_ring.count - 1;
            }
            a.hw.ew32(rx_ring.rdt, i);
        }
    }

    // ---------------------------------------------------------------- link and statistics

    /**
     * e1000_has_link: after a link interrupt (get_link_status), e1000_check_for_link decides;
     * otherwise the link is taken to be as it was.
     */
    boolean e1000_has_link(E1000Adapter a) {
        E1000Hw hw = a.hw;
        if (hw.get_link_status) {
            hw.e1000_check_for_link();
            return !hw.get_link_status;
        }
        return true;
    }

    /**
     * e1000_watchdog (the delayed work): the link: up puts the carrier on with Linux's "NIC Link
     * is Up" line and turns the transmitter on; down puts it off. Then the statistics, a
     * receive-descriptor interrupt so nothing is left on the ring, and the next run in 2 s.
     */
    void e1000_watchdog(E1000Adapter a) {
        E1000Hw hw = a.hw;
        NetDevice netdev = a.netdev;
        boolean link = e1000_has_link(a);
        if (!(netif_carrier_ok(netdev) && link)) {
            if (link) {
                int[] sd = hw.e1000_get_speed_and_duplex();
                a.link_speed = sd[0];
                a.link_duplex = sd[1];
                int ctrl = hw.er32(E1000.CTRL);
                boolean tfce = (ctrl & E1000Hw.E1000_CTRL_TFCE) != 0;
                boolean rfce = (ctrl & E1000Hw.E1000_CTRL_RFCE) != 0;
                prInfo(String.format("%s NIC Link is Up %d Mbps %s, Flow Control: %s", netdev.name, a.link_speed,
                        a.link_duplex == E1000Hw.FULL_DUPLEX ? "Full Duplex" : "Half Duplex",
                        tfce && rfce ? "RX/TX" : rfce ? "RX" : tfce ? "TX" : "None"));
                // enable transmits in the hardware
                int tctl = hw.er32(E1000.TCTL);
                tctl |= E1000.TCTL_EN;
                hw.ew32(E1000.TCTL, tctl);
                kernel.net().sched().netif_carrier_on(netdev);
            } else if (netif_carrier_ok(netdev)) {
                a.link_speed = 0;
                a.link_duplex = 0;
                prInfo(netdev.name + " NIC Link is Down");
                kernel.net().sched().netif_carrier_off(netdev);
            }
        }
        // link_up:
        e1000_update_stats(a);
        // cause software interrupt to ensure rx ring is cleaned
        hw.ew32(E1000.ICS, E1000.ICR_RXDMT0);
        // reschedule the task
        if (!a.test_bit(__E1000_DOWN)) {
            kernel.workqueue().schedule_delayed_work(a.watchdog_task, 2L * kernel.params().hz());
        }
    }

    /**
     * e1000_update_stats: the clear-on-read registers added into adapter->stats (low halves
     * before high), and the net_device counters the hardware knows better: multicast, receive
     * length errors (oversized frames) and missed packets. Not while the link is down.
     */
    public void e1000_update_stats(E1000Adapter a) {
        E1000Hw hw = a.hw;
        E1000HwStats s = a.stats;
        NetDevice netdev = a.netdev;
        // prevent stats update while adapter is being reset, or the link is down
        if (a.link_speed == 0) {
            return;
        }
        s.gprc += u32(hw.er32(E1000.GPRC));
        s.gorcl += u32(hw.er32(E1000.GORCL));
        s.gorch += u32(hw.er32(E1000.GORCH));
        s.bprc += u32(hw.er32(E1000.BPRC));
        s.mprc += u32(hw.er32(E1000.MPRC));
        s.roc += u32(hw.er32(E1000.ROC));
        s.mpc += u32(hw.er32(E1000.MPC));
        s.gptc += u32(hw.er32(E1000.GPTC));
        s.gotcl += u32(hw.er32(E1000.GOTCL));
        s.gotch += u32(hw.er32(E1000.GOTCH));
        s.rnbc += u32(hw.er32(E1000.RNBC));
        s.torl += u32(hw.er32(E1000.TORL));
        s.torh += u32(hw.er32(E1000.TORH));
        s.totl += u32(hw.er32(E1000.TOTL));
        s.toth += u32(hw.er32(E1000.TOTH));
        s.tpr += u32(hw.er32(E1000.TPR));
        s.tpt += u32(hw.er32(E1000.TPT));
        // fill out the OS statistics structure
        netdev.stats.multicast = s.mprc;
        // RLEC on some newer hardware can be incorrect: built from RUC and ROC
        netdev.stats.rx_errors = s.roc;
        netdev.stats.rx_length_errors = s.roc;
        netdev.stats.rx_missed_errors = s.mpc;
    }

    private static long u32(int v) {
        return v & 0xffff_ffffL;
    }
}
