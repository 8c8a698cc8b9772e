package org.jstap.sim.net.core;

import static org.jstap.sim.net.core.NetDevice.IFF_ALLMULTI;
import static org.jstap.sim.net.core.NetDevice.IFF_PROMISC;
import static org.jstap.sim.net.core.NetDevice.IFF_UP;
import static org.jstap.sim.net.core.NetDevice.IFNAMSIZ;
import static org.jstap.sim.net.core.NetdevNotifier.NETDEV_CHANGE;
import static org.jstap.sim.net.core.NetdevNotifier.NETDEV_CHANGEADDR;
import static org.jstap.sim.net.core.NetdevNotifier.NETDEV_CHANGEMTU;
import static org.jstap.sim.net.core.NetdevNotifier.NETDEV_DOWN;
import static org.jstap.sim.net.core.NetdevNotifier.NETDEV_GOING_DOWN;
import static org.jstap.sim.net.core.NetdevNotifier.NETDEV_PRE_CHANGEADDR;
import static org.jstap.sim.net.core.NetdevNotifier.NETDEV_PRE_UP;
import static org.jstap.sim.net.core.NetdevNotifier.NETDEV_REGISTER;
import static org.jstap.sim.net.core.NetdevNotifier.NETDEV_UNREGISTER;
import static org.jstap.sim.net.core.NetdevNotifier.NETDEV_UP;
import static org.jstap.sim.net.core.NetdevNotifier.NOTIFY_STOP_MASK;
import static org.jstap.sim.net.core.NetdevNotifier.notifier_to_errno;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.Softirq;
import org.jstap.sim.mm.Gfp;

/**
 * net/core/dev.c, the devices: making and registering them ({@code alloc_netdev},
 * {@code register_netdevice}), finding them by name and index, bringing them up and down
 * ({@code dev_open}/{@code dev_close}, {@code dev_change_flags}), their MTU and address, their
 * counters ({@code dev_get_stats}), and the netdevice notifier chain that tells protocols of all
 * this. {@link #net_dev_init} is the subsys initcall that starts the stack.
 *
 * <pre>{@code
 * NetDevice dev = dev().alloc_etherdev(adapter);        // via Eth: "eth%d", ether_setup
 * dev.netdev_ops = ops;
 * int err = dev().register_netdev(dev);                 // eth0, ifindex 2
 * dev().dev_open(dev);                                  // ndo_open, IFF_UP, NETDEV_UP
 * }</pre>
 */
@LinuxFile("net/core/dev.c")
public final class Dev {
    /** What alloc_netdev takes from kmalloc for struct net_device (a 6.1 one is about 2.5 KiB). */
    static final int NET_DEVICE_ALLOC_SIZE = 2560;
    /** How long unregister waits between checks of a device's references, and between its complaints. */
    private static final long REFS_POLL_MS = 250;
    private static final long REFS_WARN_MS = 10_000;

    private final Kernel kernel;
    private final Net net;
    /** dev_base_head: the registered devices, in registration order (for_each_netdev). */
    private final List<NetDevice> dev_base_head = new ArrayList<>();
    /** net->ifindex: the last index given. */
    private int ifindex;
    /** netdev_chain. */
    private final List<NetdevNotifier> netdev_chain = new ArrayList<>();

    Dev(Kernel kernel, Net net) {
        this.kernel = kernel;
        this.net = net;
    }

    // ---------------------------------------------------------------- boot

    /**
     * net_dev_init (subsys_initcall): /proc/net/dev and friends, each CPU's backlog NAPI, then lo
     * (loopback_net_init, first of all devices, so it is ifindex 1), then the two softirqs.
     */
    public int net_dev_init() {
        net.procfs().dev_proc_net_init();
        for (SoftnetData sd : net.softnet_data) {
            net.rx().initBacklog(sd);
        }
        int rc = net.loopback().loopback_net_init();
        if (rc != 0) {
            return rc;
        }
        kernel.softirq().open_softirq(Softirq.NET_TX_SOFTIRQ, net.xmit()::net_tx_action);
        kernel.softirq().open_softirq(Softirq.NET_RX_SOFTIRQ, net.napi()::net_rx_action);
        return 0;
    }

    // ---------------------------------------------------------------- making and freeing

    /**
     * alloc_netdev_mqs: a device named {@code name} ("eth%d" is numbered at registration) with
     * {@code priv} as its netdev_priv, set up by {@code setup}; null when memory is short.
     * Devices here have one transmit and one receive queue.
     */
    public NetDevice alloc_netdev_mqs(Object priv, String name, int name_assign_type, Consumer<NetDevice> setup,
            int txqs, int rxqs) {
        if (txqs < 1 || rxqs < 1) {
            kernel.printk().pr_err("alloc_netdev: Unable to allocate device with zero queues");
            return null;
        }
        long kaddr = kernel.slab().kzalloc(NET_DEVICE_ALLOC_SIZE, Gfp.GFP_KERNEL);
        if (kaddr == 0) {
            return null;
        }
        NetDevice dev = new NetDevice(kaddr, priv);
        dev.name = name;
        dev.name_assign_type = name_assign_type;
        dev.priv_flags = NetDevice.IFF_XMIT_DST_RELEASE | NetDevice.IFF_XMIT_DST_RELEASE_PERM;
        setup.accept(dev);
        if (dev.tx_queue_len == 0) {
            // a device that set no queue length gets noqueue, and the default length for show
            dev.priv_flags |= NetDevice.IFF_NO_QUEUE;
            dev.tx_queue_len = NetDevice.DEFAULT_TX_QUEUE_LEN;
        }
        return dev;
    }

    /** alloc_netdev: alloc_netdev_mqs with one queue each way. */
    public NetDevice alloc_netdev(Object priv, String name, int name_assign_type, Consumer<NetDevice> setup) {
        return alloc_netdev_mqs(priv, name, name_assign_type, setup, 1, 1);
    }

    /** free_netdev: after unregister (or a failed register): its NAPI instances go, then the memory. */
    public void free_netdev(NetDevice dev) {
        for (NapiStruct n : List.copyOf(dev.napi_list)) {
            net.napi().__netif_napi_del(n);
        }
        if (dev.reg_state == NetDevice.NETREG_RELEASED) {
            throw new IllegalStateException("kernel BUG: free_netdev of " + dev.name + " twice");
        }
        dev.reg_state = NetDevice.NETREG_RELEASED;
        kernel.slab().kfree(dev.kaddr());
    }

    // ---------------------------------------------------------------- names and indexes

    /** dev_valid_name: 1 to 15 bytes, not "." or "..", no '/', ':' or white space. */
    public static boolean dev_valid_name(String name) {
        if (name == null || name.isEmpty() || name.length() >= IFNAMSIZ || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || c == ' ' || (c >= '\t' && c <= '\r')) {
                return false;
            }
        }
        return true;
    }

    /**
     * __dev_alloc_name: the lowest number not used by a device named after the "%d" pattern;
     * -EINVAL for a bad pattern, -ENFILE when none is left.
     */
    private int __dev_alloc_name(String pattern) {
        int p = pattern.indexOf('%');
        if (p < 0 || p + 1 >= pattern.length() || pattern.charAt(p + 1) != 'd' || pattern.indexOf('%', p + 2) >= 0) {
            return -Errno.EINVAL;
        }
        String prefix = pattern.substring(0, p);
        String suffix = pattern.substring(p + 2);
        BitSet inuse = new BitSet();
        for (NetDevice d : dev_base_head) {
            String n = d.name;
            if (n.length() > prefix.length() + suffix.length() && n.startsWith(prefix) && n.endsWith(suffix)) {
                String digits = n.substring(prefix.length(), n.length() - suffix.length());
                // sscanf and snprintf must agree: "eth01" is not eth1
                if (digits.matches("0|[1-9][0-9]{0,8}")) {
                    inuse.set(Integer.parseInt(digits));
                }
            }
        }
        int i = inuse.nextClearBit(0);
        if (i >= 8 * org.jstap.sim.arch.riscv.Page.PAGE_SIZE || (prefix + i + suffix).length() >= IFNAMSIZ) {
            return -Errno.ENFILE;
        }
        return i;
    }

    /** dev_alloc_name: names {@code dev} after {@code pattern} ("eth%d") with the lowest free number; it, or -errno. */
    public int dev_alloc_name(NetDevice dev, String pattern) {
        int i = __dev_alloc_name(pattern);
        if (i >= 0) {
            dev.name = pattern.replace("%d", Integer.toString(i));
        }
        return i;
    }

    /** dev_get_valid_name: a valid, unused name for {@code dev} (numbering a pattern); 0 or -errno. */
    int dev_get_valid_name(NetDevice dev, String name) {
        if (!dev_valid_name(name)) {
            return -Errno.EINVAL;
        }
        if (name.indexOf('%') >= 0) {
            int r = dev_alloc_name(dev, name);
            return r < 0 ? r : 0;
        }
        if (__dev_get_by_name(name) != null) {
            return -Errno.EEXIST;
        }
        dev.name = name;
        return 0;
    }

    /** dev_new_index: the next free ifindex after the last one given. */
    private int dev_new_index() {
        int i = ifindex;
        while (true) {
            if (++i <= 0) {
                i = 1;
            }
            if (__dev_get_by_index(i) == null) {
                return ifindex = i;
            }
        }
    }

    /** __dev_get_by_name: the device named {@code name}, or null; no reference taken. */
    public NetDevice __dev_get_by_name(String name) {
        for (NetDevice d : dev_base_head) {
            if (d.name.equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** dev_get_by_name: the device with a reference the caller drops with dev_put; or null. */
    public NetDevice dev_get_by_name(String name) {
        NetDevice d = __dev_get_by_name(name);
        if (d != null) {
            dev_hold(d);
        }
        return d;
    }

    /** __dev_get_by_index: the device with index {@code ifindex}, or null; no reference taken. */
    public NetDevice __dev_get_by_index(int ifindex) {
        for (NetDevice d : dev_base_head) {
            if (d.ifindex == ifindex) {
                return d;
            }
        }
        return null;
    }

    /** dev_get_by_index: with a reference (dev_put). */
    public NetDevice dev_get_by_index(int ifindex) {
        NetDevice d = __dev_get_by_index(ifindex);
        if (d != null) {
            dev_hold(d);
        }
        return d;
    }

    public void dev_hold(NetDevice dev) {
        dev.dev_refcnt++;
    }

    public void dev_put(NetDevice dev) {
        if (--dev.dev_refcnt < 0) {
            throw new IllegalStateException("refcount_t: underflow; dev_put of " + dev.name);
        }
    }

    /** for_each_netdev: the registered devices, in registration order. */
    public List<NetDevice> devices() {
        return List.copyOf(dev_base_head);
    }

    // ---------------------------------------------------------------- registration

    /** register_netdev: register_netdevice under the RTNL (one thread runs at a time here). */
    public int register_netdev(NetDevice dev) {
        return register_netdevice(dev);
    }

    /**
     * register_netdevice: names and numbers the device, runs ndo_init, lists it (present, qdisc
     * noop), and tells the protocols (NETDEV_REGISTER); 0 or -errno (then it is not listed and
     * the caller frees it).
     */
    public int register_netdevice(NetDevice dev) {
        if (dev.reg_state != NetDevice.NETREG_UNINITIALIZED) {
            throw new IllegalStateException("kernel BUG: register_netdevice of " + dev.name + " in state "
                    + dev.reg_state);
        }
        int ret = dev_get_valid_name(dev, dev.name);
        if (ret < 0) {
            return ret;
        }
        ret = dev.netdev_ops.ndo_init(dev);
        if (ret != 0) {
            return ret > 0 ? -Errno.EIO : ret;
        }
        if (dev.ifindex == 0) {
            dev.ifindex = dev_new_index();
        } else if (__dev_get_by_index(dev.ifindex) != null) {
            dev.netdev_ops.ndo_uninit(dev);
            return -Errno.EBUSY;
        }
        if (dev.min_mtu > dev.max_mtu && dev.max_mtu > 0) {
            dev.netdev_ops.ndo_uninit(dev);
            return -Errno.EINVAL;
        }
        dev.reg_state = NetDevice.NETREG_REGISTERED;
        // the device is present from now on
        dev.set_bit(NetDevice.__LINK_STATE_PRESENT);
        net.linkwatch().linkwatch_init_dev(dev);
        net.sched().dev_init_scheduler(dev);
        dev_hold(dev);
        list_netdevice(dev);
        if (dev.addr_assign_type == NetDevice.NET_ADDR_PERM) {
            System.arraycopy(dev.dev_addr, 0, dev.perm_addr, 0, dev.addr_len);
        }
        ret = notifier_to_errno(call_netdevice_notifiers(NETDEV_REGISTER, dev));
        if (ret != 0) {
            // a protocol refused it: undo, and the caller frees it
            dev.needs_free_netdev = false;
            unregister_netdevice(dev);
            return ret;
        }
        return 0;
    }

    private void list_netdevice(NetDevice dev) {
        dev_base_head.add(dev);
    }

    private void unlist_netdevice(NetDevice dev) {
        dev_base_head.remove(dev);
    }

    /** unregister_netdev: unregister_netdevice under the RTNL. */
    public void unregister_netdev(NetDevice dev) {
        unregister_netdevice(dev);
    }

    /**
     * unregister_netdevice: closes the device, unlists it, drops its queued packets, tells the
     * protocols (NETDEV_UNREGISTER), waits for the last reference (netdev_run_todo), and frees it
     * if it asked to be (needs_free_netdev).
     */
    public void unregister_netdevice(NetDevice dev) {
        if (dev.reg_state != NetDevice.NETREG_REGISTERED) {
            throw new IllegalStateException("kernel BUG: unregister_netdevice of " + dev.name + " in state "
                    + dev.reg_state);
        }
        dev_close(dev);
        unlist_netdevice(dev);
        dev.reg_state = NetDevice.NETREG_UNREGISTERING;
        net.rx().flush_backlog(dev);
        net.sched().dev_shutdown(dev);
        call_netdevice_notifiers(NETDEV_UNREGISTER, dev);
        dev.netdev_ops.ndo_uninit(dev);
        dev.clear_bit(NetDevice.__LINK_STATE_PRESENT);
        net.linkwatch().linkwatch_forget_dev(dev);
        dev_put(dev);
        netdev_run_todo(dev);
    }

    /** netdev_run_todo: the device is unregistered once nobody holds it; then it may be freed. */
    private void netdev_run_todo(NetDevice dev) {
        netdev_wait_allrefs(dev);
        dev.reg_state = NetDevice.NETREG_UNREGISTERED;
        if (dev.needs_free_netdev) {
            free_netdev(dev);
        }
    }

    /**
     * netdev_wait_allrefs: sleeps until the references are gone, complaining every 10 s as Linux
     * does. Outside a task (boot, tests) there is nobody to wait: it complains once and goes on.
     */
    private void netdev_wait_allrefs(NetDevice dev) {
        long waited = 0;
        while (dev.dev_refcnt > 0) {
            if (waited % REFS_WARN_MS == 0 && waited > 0 || kernel.sched().current() == null) {
                kernel.printk().printk(org.jstap.sim.kernel.printk.Printk.KERN_EMERG, "unregister_netdevice: waiting for "
                        + dev.name + " to become free. Usage count = " + dev.dev_refcnt);
            }
            if (kernel.sched().current() == null) {
                return;
            }
            kernel.sched().msleep(REFS_POLL_MS);
            waited += REFS_POLL_MS;
        }
    }

    // ---------------------------------------------------------------- notifiers

    /**
     * register_netdevice_notifier: {@code nb} joins the chain and is told of every existing
     * device as if it had just appeared (NETDEV_REGISTER, and NETDEV_UP for those up); 0, or the
     * errno with which it refused one (then it is not registered).
     */
    public int register_netdevice_notifier(NetdevNotifier nb) {
        List<NetDevice> done = new ArrayList<>();
        for (NetDevice d : dev_base_head) {
            int err = notifier_to_errno(nb.notifier_call(NETDEV_REGISTER, d));
            if (err != 0) {
                for (NetDevice r : done.reversed()) {
                    if ((r.flags & IFF_UP) != 0) {
                        nb.notifier_call(NETDEV_GOING_DOWN, r);
                        nb.notifier_call(NETDEV_DOWN, r);
                    }
                    nb.notifier_call(NETDEV_UNREGISTER, r);
                }
                return err;
            }
            if ((d.flags & IFF_UP) != 0) {
                nb.notifier_call(NETDEV_UP, d);
            }
            done.add(d);
        }
        netdev_chain.add(nb);
        return 0;
    }

    /** unregister_netdevice_notifier: as if every device went down and away, then off the chain. */
    public int unregister_netdevice_notifier(NetdevNotifier nb) {
        if (!netdev_chain.remove(nb)) {
            return -Errno.ENOENT;
        }
        for (NetDevice d : dev_base_head) {
            if ((d.flags & IFF_UP) != 0) {
                nb.notifier_call(NETDEV_GOING_DOWN, d);
                nb.notifier_call(NETDEV_DOWN, d);
            }
            nb.notifier_call(NETDEV_UNREGISTER, d);
        }
        return 0;
    }

    /** call_netdevice_notifiers: {@code event} for {@code dev} down the chain until one stops it; its result. */
    public int call_netdevice_notifiers(int event, NetDevice dev) {
        int ret = NetdevNotifier.NOTIFY_DONE;
        for (NetdevNotifier nb : List.copyOf(netdev_chain)) {
            ret = nb.notifier_call(event, dev);
            if ((ret & NOTIFY_STOP_MASK) != 0) {
                break;
            }
        }
        return ret;
    }

    /** netdev_state_change: a device that is up changed state (NETDEV_CHANGE). */
    public void netdev_state_change(NetDevice dev) {
        if ((dev.flags & IFF_UP) != 0) {
            call_netdevice_notifiers(NETDEV_CHANGE, dev);
        }
    }

    // ---------------------------------------------------------------- up and down

    /**
     * dev_open: brings the device up: NETDEV_PRE_UP, ndo_validate_addr, ndo_open, IFF_UP, its
     * qdisc activated, then NETDEV_UP. 0 (also if it was up), or -errno leaving it down.
     */
    public int dev_open(NetDevice dev) {
        if ((dev.flags & IFF_UP) != 0) {
            return 0;
        }
        int ret = __dev_open(dev);
        if (ret < 0) {
            return ret;
        }
        call_netdevice_notifiers(NETDEV_UP, dev);
        return ret;
    }

    private int __dev_open(NetDevice dev) {
        if (!NetDevice.netif_device_present(dev)) {
            return -Errno.ENODEV;
        }
        int ret = notifier_to_errno(call_netdevice_notifiers(NETDEV_PRE_UP, dev));
        if (ret != 0) {
            return ret;
        }
        dev.set_bit(NetDevice.__LINK_STATE_START);
        ret = dev.netdev_ops.ndo_validate_addr(dev);
        if (ret == 0) {
            ret = dev.netdev_ops.ndo_open(dev);
        }
        if (ret != 0) {
            dev.clear_bit(NetDevice.__LINK_STATE_START);
        } else {
            dev.flags |= IFF_UP;
            dev.netdev_ops.ndo_set_rx_mode(dev);
            net.sched().dev_activate(dev);
        }
        return ret;
    }

    /** dev_close: takes the device down: NETDEV_GOING_DOWN, qdisc deactivated, ndo_stop, then NETDEV_DOWN. */
    public void dev_close(NetDevice dev) {
        if ((dev.flags & IFF_UP) == 0) {
            return;
        }
        __dev_close(dev);
        call_netdevice_notifiers(NETDEV_DOWN, dev);
    }

    private void __dev_close(NetDevice dev) {
        call_netdevice_notifiers(NETDEV_GOING_DOWN, dev);
        dev.clear_bit(NetDevice.__LINK_STATE_START);
        net.sched().dev_deactivate(dev);
        dev.netdev_ops.ndo_stop(dev);
        dev.flags &= ~IFF_UP;
    }

    /**
     * dev_change_flags: what SIOCSIFFLAGS and {@code ip link set} do: the user-changeable flags
     * are set, IFF_UP opens or closes the device, IFF_PROMISC and IFF_ALLMULTI are counted
     * requests; the protocols hear NETDEV_UP/DOWN and NETDEV_CHANGE. 0 or -errno.
     */
    public int dev_change_flags(NetDevice dev, int flags) {
        int oldFlags = dev.flags;
        int oldGflags = dev.gflags;
        int ret = __dev_change_flags(dev, flags);
        if (ret < 0) {
            return ret;
        }
        int changes = (oldFlags ^ dev.flags) | (oldGflags ^ dev.gflags);
        __dev_notify_flags(dev, oldFlags, changes);
        return ret;
    }

    private int __dev_change_flags(NetDevice dev, int flags) {
        int oldFlags = dev.flags;
        dev.flags = (flags & (NetDevice.IFF_USER_CHANGEABLE & ~IFF_UP))
                | (dev.flags & (IFF_UP | NetDevice.IFF_VOLATILE | IFF_PROMISC | IFF_ALLMULTI));
        dev.netdev_ops.ndo_set_rx_mode(dev);
        int ret = 0;
        if (((oldFlags ^ flags) & IFF_UP) != 0) {
            if ((oldFlags & IFF_UP) != 0) {
                __dev_close(dev);
            } else {
                ret = __dev_open(dev);
            }
        }
        if (((flags ^ dev.gflags) & IFF_PROMISC) != 0) {
            dev.gflags ^= IFF_PROMISC;
            __dev_set_promiscuity(dev, (flags & IFF_PROMISC) != 0 ? 1 : -1);
        }
        if (((flags ^ dev.gflags) & IFF_ALLMULTI) != 0) {
            dev.gflags ^= IFF_ALLMULTI;
            __dev_set_allmulti(dev, (flags & IFF_ALLMULTI) != 0 ? 1 : -1);
        }
        return ret;
    }

    private void __dev_notify_flags(NetDevice dev, int oldFlags, int gchanges) {
        int changes = dev.flags ^ oldFlags;
        if ((changes & IFF_UP) != 0) {
            call_netdevice_notifiers((dev.flags & IFF_UP) != 0 ? NETDEV_UP : NETDEV_DOWN, dev);
        }
        if ((dev.flags & IFF_UP) != 0 && (changes & ~(IFF_UP | IFF_PROMISC | IFF_ALLMULTI | NetDevice.IFF_VOLATILE)) != 0) {
            call_netdevice_notifiers(NETDEV_CHANGE, dev);
        }
    }

    /** Promiscuity requests on the device (taps, packet sockets, SIOCSIFFLAGS). */
    private void __dev_set_promiscuity(NetDevice dev, int inc) {
        int old = dev.flags;
        dev.promiscuity += inc;
        if (dev.promiscuity < 0) {
            dev.promiscuity = 0;
        }
        dev.flags = dev.promiscuity > 0 ? dev.flags | IFF_PROMISC : dev.flags & ~IFF_PROMISC;
        if (dev.flags != old) {
            kernel.printk().pr_info("device " + dev.name + ((dev.flags & IFF_PROMISC) != 0 ? " entered" : " left")
                    + " promiscuous mode");
            dev.netdev_ops.ndo_set_rx_mode(dev);
        }
    }

    private void __dev_set_allmulti(NetDevice dev, int inc) {
        dev.allmulti = Math.max(0, dev.allmulti + inc);
        int old = dev.flags;
        dev.flags = dev.allmulti > 0 ? dev.flags | IFF_ALLMULTI : dev.flags & ~IFF_ALLMULTI;
        if (dev.flags != old) {
            dev.netdev_ops.ndo_set_rx_mode(dev);
        }
    }

    /** dev_set_promiscuity: a tap wants (inc 1) or no longer wants (-1) every frame the NIC sees. */
    public void dev_set_promiscuity(NetDevice dev, int inc) {
        int old = dev.flags;
        __dev_set_promiscuity(dev, inc);
        if (dev.flags != old) {
            __dev_notify_flags(dev, old, IFF_PROMISC);
        }
    }

    // ---------------------------------------------------------------- MTU and address

    /** dev_validate_mtu: at least min_mtu and at most max_mtu (when the device has one). */
    public static int dev_validate_mtu(NetDevice dev, int new_mtu) {
        if (new_mtu < 0 || new_mtu < dev.min_mtu) {
            return -Errno.EINVAL;
        }
        if (dev.max_mtu > 0 && new_mtu > dev.max_mtu) {
            return -Errno.EINVAL;
        }
        return 0;
    }

    /** dev_set_mtu: SIOCSIFMTU: in range, through ndo_change_mtu, then NETDEV_CHANGEMTU; 0 or -errno. */
    public int dev_set_mtu(NetDevice dev, int new_mtu) {
        if (new_mtu == dev.mtu) {
            return 0;
        }
        int err = dev_validate_mtu(dev, new_mtu);
        if (err != 0) {
            return err;
        }
        if (!NetDevice.netif_device_present(dev)) {
            return -Errno.ENODEV;
        }
        int orig = dev.mtu;
        err = dev.netdev_ops.ndo_change_mtu(dev, new_mtu);
        if (err == 0) {
            err = notifier_to_errno(call_netdevice_notifiers(NETDEV_CHANGEMTU, dev));
            if (err != 0) {
                // a protocol cannot live with it: put it back and tell everyone again
                dev.netdev_ops.ndo_change_mtu(dev, orig);
                call_netdevice_notifiers(NETDEV_CHANGEMTU, dev);
            }
        }
        return err;
    }

    /**
     * dev_set_mac_address: SIOCSIFHWADDR: an address of the device's type ({@code sa_family} is
     * ARPHRD_*), through ndo_set_mac_address, then NETDEV_CHANGEADDR; 0 or -errno.
     */
    public int dev_set_mac_address(NetDevice dev, int sa_family, byte[] sa_data) {
        if (sa_family != dev.type) {
            return -Errno.EINVAL;
        }
        if (!NetDevice.netif_device_present(dev)) {
            return -Errno.ENODEV;
        }
        int err = notifier_to_errno(call_netdevice_notifiers(NETDEV_PRE_CHANGEADDR, dev));
        if (err != 0) {
            return err;
        }
        err = dev.netdev_ops.ndo_set_mac_address(dev, sa_data);
        if (err != 0) {
            return err;
        }
        dev.addr_assign_type = NetDevice.NET_ADDR_SET;
        call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
        return 0;
    }

    /** dev_change_tx_queue_len: SIOCSIFTXQLEN; the qdisc's limit follows. 0 or -ERANGE. */
    public int dev_change_tx_queue_len(NetDevice dev, long new_len) {
        if (new_len != (int) new_len) {
            return -Errno.ERANGE;
        }
        if (new_len != dev.tx_queue_len) {
            dev.tx_queue_len = (int) new_len;
            net.sched().dev_qdisc_change_tx_queue_len(dev);
        }
        return 0;
    }

    /**
     * dev_change_name: SIOCSIFNAME: a down device takes a valid unused name ("%d" patterns
     * number it), and the protocols hear NETDEV_CHANGENAME. 0 or -EBUSY/-EINVAL/-EEXIST.
     */
    public int dev_change_name(NetDevice dev, String newname) {
        if ((dev.flags & IFF_UP) != 0) {
            return -Errno.EBUSY;
        }
        if (newname.equals(dev.name)) {
            return 0;
        }
        String oldname = dev.name;
        int err = dev_get_valid_name(dev, newname);
        if (err < 0) {
            return err;
        }
        kernel.printk().pr_info(dev.name + ": renamed from " + oldname);
        dev.name_assign_type = NetDevice.NET_NAME_RENAMED;
        call_netdevice_notifiers(NetdevNotifier.NETDEV_CHANGENAME, dev);
        return 0;
    }

    // ---------------------------------------------------------------- counters

    /** dev_get_stats: the driver's counters (ndo_get_stats64, or dev->stats) plus the core's drops. */
    public RtnlLinkStats64 dev_get_stats(NetDevice dev) {
        RtnlLinkStats64 storage = new RtnlLinkStats64();
        dev.netdev_ops.ndo_get_stats64(dev, storage);
        storage.rx_dropped += dev.core_stats.rx_dropped;
        storage.tx_dropped += dev.core_stats.tx_dropped;
        storage.rx_nohandler += dev.core_stats.rx_nohandler;
        return storage;
    }
}
