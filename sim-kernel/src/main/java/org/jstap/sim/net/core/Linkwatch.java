package org.jstap.sim.net.core;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.workqueue.DelayedWork;

/**
 * net/core/link_watch.c: what follows a carrier change, in process context. A driver's
 * {@code netif_carrier_on/off} (often from its interrupt) queues the device here; the
 * {@code linkwatch_event} work then sets its RFC 2863 operstate, activates or deactivates its
 * qdisc if it is up, and tells the protocols (NETDEV_CHANGE). Events are batched to one run a
 * second, except an urgent one: a device that is up and whose qdisc must come back.
 */
@LinuxFile("net/core/link_watch.c")
public final class Linkwatch {
    private final Kernel kernel;
    /** lweventlist: devices with a pending event, in order. */
    private final List<NetDevice> lweventlist = new ArrayList<>();
    /** linkwatch_nextevent: jiffies before which a non-urgent run waits. */
    private long linkwatch_nextevent;
    /** LW_URGENT: an urgent run is queued. */
    private boolean urgent;
    private final DelayedWork linkwatch_work = new DelayedWork("linkwatch_event", this::linkwatch_event);

    Linkwatch(Kernel kernel) {
        this.kernel = kernel;
    }

    /** default_operstate: from the carrier and the dormant and testing bits. */
    private static int default_operstate(NetDevice dev) {
        if (NetDevice.netif_testing(dev)) {
            return NetDevice.IF_OPER_TESTING;
        }
        if (!NetDevice.netif_carrier_ok(dev)) {
            return NetDevice.IF_OPER_DOWN;
        }
        if (NetDevice.netif_dormant(dev)) {
            return NetDevice.IF_OPER_DORMANT;
        }
        return NetDevice.IF_OPER_UP;
    }

    /** rfc2863_policy: operstate as the link mode allows. */
    private static void rfc2863_policy(NetDevice dev) {
        int operstate = default_operstate(dev);
        if (operstate == dev.operstate) {
            return;
        }
        if (operstate == NetDevice.IF_OPER_UP) {
            if (dev.link_mode == NetDevice.IF_LINK_MODE_TESTING) {
                operstate = NetDevice.IF_OPER_TESTING;
            } else if (dev.link_mode == NetDevice.IF_LINK_MODE_DORMANT) {
                operstate = NetDevice.IF_OPER_DORMANT;
            }
        }
        dev.operstate = operstate;
    }

    /** linkwatch_init_dev: at registration, a link already down (or dormant) shows in operstate. */
    void linkwatch_init_dev(NetDevice dev) {
        if (!NetDevice.netif_carrier_ok(dev) || NetDevice.netif_dormant(dev) || NetDevice.netif_testing(dev)) {
            rfc2863_policy(dev);
        }
    }

    /** linkwatch_urgent_event: the device is up, has carrier, and its qdisc is not the one it should have. */
    private static boolean linkwatch_urgent_event(NetDevice dev) {
        return NetDevice.netif_running(dev) && NetDevice.netif_carrier_ok(dev)
                && dev._tx.qdisc != dev._tx.qdisc_sleeping;
    }

    /** linkwatch_fire_event: {@code dev}'s link changed; the work will look at it. */
    public void linkwatch_fire_event(NetDevice dev) {
        boolean isUrgent = linkwatch_urgent_event(dev);
        if (!dev.test_and_set_bit(NetDevice.__LINK_STATE_LINKWATCH_PENDING)) {
            kernel.net().dev().dev_hold(dev);
            lweventlist.add(dev);
        } else if (!isUrgent) {
            return;
        }
        linkwatch_schedule_work(isUrgent);
    }

    private void linkwatch_schedule_work(boolean isUrgent) {
        long delay = linkwatch_nextevent - kernel.timekeeping().jiffies();
        if (urgent) {
            return;
        }
        if (isUrgent) {
            urgent = true;
            delay = 0;
        }
        // past the batching second (or wrapped): no wait
        if (delay > kernel.params().hz() || delay < 0) {
            delay = 0;
        }
        if (urgent) {
            kernel.workqueue().mod_delayed_work(kernel.workqueue().system_wq(), linkwatch_work, 0);
        } else {
            kernel.workqueue().queue_delayed_work_on(kernel.smp_processor_id(), kernel.workqueue().system_wq(),
                    linkwatch_work, delay);
        }
    }

    /** linkwatch_event: the work: runs the queue (only urgent events if it is early). */
    void linkwatch_event() {
        __linkwatch_run_queue(linkwatch_nextevent > kernel.timekeeping().jiffies());
    }

    private void __linkwatch_run_queue(boolean urgentOnly) {
        long jiffies = kernel.timekeeping().jiffies();
        if (!urgentOnly) {
            linkwatch_nextevent = jiffies + kernel.params().hz();
        } else if (linkwatch_nextevent > jiffies + kernel.params().hz()) {
            linkwatch_nextevent = jiffies;
        }
        urgent = false;
        List<NetDevice> wrk = new ArrayList<>(lweventlist);
        lweventlist.clear();
        for (NetDevice dev : wrk) {
            if (!NetDevice.netif_device_present(dev) || (urgentOnly && !linkwatch_urgent_event(dev))) {
                lweventlist.add(dev);
                continue;
            }
            linkwatch_do_dev(dev);
        }
        if (!lweventlist.isEmpty()) {
            linkwatch_schedule_work(false);
        }
    }

    /** linkwatch_do_dev: operstate, then the qdisc follows the carrier, and the protocols hear of it. */
    private void linkwatch_do_dev(NetDevice dev) {
        dev.clear_bit(NetDevice.__LINK_STATE_LINKWATCH_PENDING);
        rfc2863_policy(dev);
        if ((dev.flags & NetDevice.IFF_UP) != 0) {
            if (NetDevice.netif_carrier_ok(dev)) {
                kernel.net().sched().dev_activate(dev);
            } else {
                kernel.net().sched().dev_deactivate(dev);
            }
            kernel.net().dev().netdev_state_change(dev);
        }
        kernel.net().dev().dev_put(dev);
    }

    /** linkwatch_forget_dev: a device going away leaves the list (its event is handled now). */
    void linkwatch_forget_dev(NetDevice dev) {
        if (lweventlist.remove(dev)) {
            linkwatch_do_dev(dev);
        }
    }
}
