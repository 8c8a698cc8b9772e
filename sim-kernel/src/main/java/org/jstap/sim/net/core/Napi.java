package org.jstap.sim.net.core;

import static org.jstap.sim.net.core.NapiStruct.NAPI_STATE_DISABLE;
import static org.jstap.sim.net.core.NapiStruct.NAPI_STATE_LISTED;
import static org.jstap.sim.net.core.NapiStruct.NAPI_STATE_MISSED;
import static org.jstap.sim.net.core.NapiStruct.NAPI_STATE_NPSVC;
import static org.jstap.sim.net.core.NapiStruct.NAPI_STATE_SCHED;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.Softirq;

/**
 * net/core/dev.c, NAPI: receive by polling. {@code napi_schedule} (from a driver's interrupt,
 * or the backlog's first packet) puts a napi_struct on this CPU's poll list and raises NET_RX;
 * {@link #net_rx_action} polls each with its weight while the round's budget (netdev_budget,
 * 300) and time (netdev_budget_usecs, 2 jiffies) last. A poll that used its whole weight stays scheduled and goes to
 * the end of the list; one that did less completes ({@code napi_complete_done}) and its driver
 * re-enables the interrupt. A schedule that arrives while polling sets MISSED, and completion
 * then polls once more rather than lose it.
 */
@LinuxFile("net/core/dev.c")
public final class Napi {
    /** netdev_budget: packets one net_rx_action may process over all its polls. */
    static final int NETDEV_BUDGET = 300;
    /** Virtual cost of one net_rx_action round (the polls charge their own work). */
    static final long NET_RX_ACTION_NS = 100;

    private final Kernel kernel;
    private final Net net;
    private boolean warnedWeight;
    private boolean warnedBudget;

    Napi(Kernel kernel, Net net) {
        this.kernel = kernel;
        this.net = net;
    }

    // ---------------------------------------------------------------- setup

    /** netif_napi_add: {@code napi} polls for {@code dev} with {@code poll} (named {@code name}), weight 64; disabled until napi_enable. */
    public void netif_napi_add(NetDevice dev, NapiStruct napi, String name, NapiStruct.Poll poll) {
        netif_napi_add_weight(dev, napi, name, poll, NapiStruct.NAPI_POLL_WEIGHT);
    }

    /** netif_napi_add_weight: with a weight of the driver's choosing (more than 64 is complained about). */
    public void netif_napi_add_weight(NetDevice dev, NapiStruct napi, String name, NapiStruct.Poll poll, int weight) {
        if (napi.test_bit(NAPI_STATE_LISTED)) {
            kernel.printk().pr_warn("WARNING: netif_napi_add of " + napi + " twice");
            return;
        }
        napi.state |= 1L << NAPI_STATE_LISTED;
        napi.poll = poll;
        napi.poll_name = name;
        if (weight > NapiStruct.NAPI_POLL_WEIGHT && !warnedWeight) {
            warnedWeight = true;
            kernel.printk().pr_err(dev.name + ": netif_napi_add_weight() called with weight " + weight);
        }
        napi.weight = weight;
        napi.dev = dev;
        // scheduled and not pollable: napi_enable clears both
        napi.state |= 1L << NAPI_STATE_SCHED | 1L << NAPI_STATE_NPSVC;
        dev.napi_list.addFirst(napi);
    }

    /** __netif_napi_del: the napi is no longer the device's (it must be disabled). */
    public void __netif_napi_del(NapiStruct napi) {
        if (!napi.test_bit(NAPI_STATE_LISTED)) {
            return;
        }
        napi.state &= ~(1L << NAPI_STATE_LISTED);
        napi.dev.napi_list.remove(napi);
    }

    /** netif_napi_del. */
    public void netif_napi_del(NapiStruct napi) {
        __netif_napi_del(napi);
    }

    /** napi_enable: the driver's poll may be scheduled from now on (ndo_open). */
    public void napi_enable(NapiStruct n) {
        if (!n.test_bit(NAPI_STATE_SCHED)) {
            throw new IllegalStateException("kernel BUG at net/core/dev.c: napi_enable of an enabled " + n);
        }
        n.state &= ~(1L << NAPI_STATE_SCHED | 1L << NAPI_STATE_NPSVC);
    }

    /**
     * napi_disable: no more polls (ndo_stop): waits, sleeping, for a scheduled poll to run and
     * complete, then holds the napi scheduled so nobody can schedule it.
     */
    public void napi_disable(NapiStruct n) {
        n.state |= 1L << NAPI_STATE_DISABLE;
        while ((n.state & (1L << NAPI_STATE_SCHED | 1L << NAPI_STATE_NPSVC)) != 0) {
            if (kernel.sched().current() == null) {
                throw new IllegalStateException("BUG: sleeping function called from invalid context: napi_disable");
            }
            // usleep_range(20, 200)
            kernel.sched().schedule_timeout_uninterruptible(20_000);
        }
        n.state |= 1L << NAPI_STATE_SCHED | 1L << NAPI_STATE_NPSVC;
        n.state &= ~(1L << NAPI_STATE_DISABLE);
    }

    // ---------------------------------------------------------------- scheduling

    /**
     * napi_schedule_prep: claims the right to schedule {@code n}: false if it is being disabled or
     * is already scheduled (then MISSED is set, so the running poll goes round once more).
     */
    public boolean napi_schedule_prep(NapiStruct n) {
        long val = n.state;
        if ((val & 1L << NAPI_STATE_DISABLE) != 0) {
            return false;
        }
        long nw = val | 1L << NAPI_STATE_SCHED;
        if ((val & 1L << NAPI_STATE_SCHED) != 0) {
            nw |= 1L << NAPI_STATE_MISSED;
        }
        n.state = nw;
        return (val & 1L << NAPI_STATE_SCHED) == 0;
    }

    /** napi_schedule: from a driver's interrupt: poll {@code n} on NET_RX (if not already scheduled); whether this call did. */
    public boolean napi_schedule(NapiStruct n) {
        if (napi_schedule_prep(n)) {
            __napi_schedule(n);
            return true;
        }
        return false;
    }

    /** __napi_schedule: after napi_schedule_prep: onto this CPU's poll list. */
    public void __napi_schedule(NapiStruct n) {
        ____napi_schedule(net.softnet_data[kernel.smp_processor_id()], n);
    }

    /** __napi_schedule_irqoff: the same, from code that already has interrupts off. */
    public void __napi_schedule_irqoff(NapiStruct n) {
        __napi_schedule(n);
    }

    /** ____napi_schedule: {@code napi} at the tail of {@code sd}'s poll list; NET_RX pending (it runs at irq_exit or local_bh_enable). */
    void ____napi_schedule(SoftnetData sd, NapiStruct napi) {
        listAddTail(napi, sd.poll_list);
        kernel.softirq().__raise_softirq_irqoff(Softirq.NET_RX_SOFTIRQ, sd.cpu);
    }

    private static void listAddTail(NapiStruct n, List<NapiStruct> list) {
        if (n.poll_list != null) {
            throw new IllegalStateException("kernel BUG: list_add corruption: " + n + " is on a poll list");
        }
        list.add(n);
        n.poll_list = list;
    }

    private static void listDelInit(NapiStruct n) {
        if (n.poll_list != null) {
            n.poll_list.remove(n);
            n.poll_list = null;
        }
    }

    /**
     * napi_complete_done: the driver's poll did {@code work_done} (less than its budget) and
     * is done: the napi may be scheduled again. True: the driver should re-enable its
     * interrupt. False: it is being polled again (a schedule was missed meanwhile) or is not the
     * driver's to complete.
     */
    public boolean napi_complete_done(NapiStruct n, int work_done) {
        if ((n.state & 1L << NAPI_STATE_NPSVC) != 0) {
            return false;
        }
        listDelInit(n);
        long val = n.state;
        if ((val & 1L << NAPI_STATE_SCHED) == 0) {
            kernel.printk().pr_warn("WARNING: napi_complete_done of " + n + ", which is not scheduled");
        }
        long nw = val & ~(1L << NAPI_STATE_MISSED | 1L << NAPI_STATE_SCHED);
        // a missed schedule keeps SCHED: poll() runs once more
        if ((val & 1L << NAPI_STATE_MISSED) != 0) {
            nw |= 1L << NAPI_STATE_SCHED;
        }
        n.state = nw;
        if ((val & 1L << NAPI_STATE_MISSED) != 0) {
            __napi_schedule(n);
            return false;
        }
        return true;
    }

    /** napi_complete: napi_complete_done with no work counted. */
    public boolean napi_complete(NapiStruct n) {
        return napi_complete_done(n, 0);
    }

    // ---------------------------------------------------------------- NET_RX

    /**
     * __napi_poll: one call of the poll with the napi's weight (napi_poll tracepoint). Work
     * below the weight means the driver completed it; the whole weight means more is waiting and
     * it is to be polled again ({@code repoll[0]}), unless it is being disabled.
     */
    private int __napi_poll(NapiStruct n, boolean[] repoll) {
        int weight = n.weight;
        int work = 0;
        if (n.test_bit(NAPI_STATE_SCHED)) {
            work = n.poll.poll(n, weight);
            kernel.trace().napi_poll(n, work, weight);
        }
        if (work > weight && !warnedBudget) {
            warnedBudget = true;
            kernel.printk().pr_err((n.dev == null ? "backlog" : n.dev.name) + ": NAPI poll function " + n.poll_name
                    + " returned " + work + ", exceeding its budget of " + weight + ".");
        }
        if (work < weight) {
            return work;
        }
        if (n.test_bit(NAPI_STATE_DISABLE)) {
            napi_complete(n);
            return work;
        }
        if (n.poll_list != null) {
            // the driver scheduled it again before using up its budget: leave it where it is
            kernel.printk().pr_warn((n.dev == null ? "backlog" : n.dev.name)
                    + ": Budget exhausted after napi rescheduled");
            return work;
        }
        repoll[0] = true;
        return work;
    }

    /** napi_poll: takes {@code n} off the list being worked, polls it, and puts it on {@code repoll} if it wants more. */
    private int napi_poll(NapiStruct n, List<NapiStruct> repoll) {
        listDelInit(n);
        boolean[] again = {false};
        int work = __napi_poll(n, again);
        if (again[0]) {
            listAddTail(n, repoll);
        }
        return work;
    }

    /**
     * net_rx_action (NET_RX_SOFTIRQ): polls this CPU's scheduled NAPIs in turn while the budget
     * and time last. Whatever is left, newly scheduled, or wanting more is put back on the poll
     * list in that order, and NET_RX raised again for it.
     */
    void net_rx_action() {
        SoftnetData sd = net.softnet_data[kernel.smp_processor_id()];
        // netdev_budget_usecs: 2 jiffies' worth
        long timeLimit = kernel.timekeeping().jiffies() + usecsToJiffies(2 * 1_000_000 / kernel.params().hz());
        int budget = NETDEV_BUDGET;
        kernel.sched().charge(NET_RX_ACTION_NS);
        List<NapiStruct> list = new ArrayList<>();
        List<NapiStruct> repoll = new ArrayList<>();
        splice(sd.poll_list, list);
        while (!list.isEmpty()) {
            NapiStruct n = list.getFirst();
            budget -= napi_poll(n, repoll);
            if (budget <= 0 || kernel.timekeeping().jiffies() >= timeLimit) {
                sd.time_squeeze++;
                break;
            }
        }
        splice(sd.poll_list, list);
        splice(repoll, list);
        splice(list, sd.poll_list);
        if (!sd.poll_list.isEmpty()) {
            kernel.softirq().__raise_softirq_irqoff(Softirq.NET_RX_SOFTIRQ, sd.cpu);
        }
    }

    /** list_splice_tail_init: every napi of {@code from} to the end of {@code to}. */
    private static void splice(List<NapiStruct> from, List<NapiStruct> to) {
        for (NapiStruct n : from) {
            n.poll_list = to;
            to.add(n);
        }
        from.clear();
    }

    private long usecsToJiffies(long us) {
        long tickUs = 1_000_000 / kernel.params().hz();
        return (us + tickUs - 1) / tickUs;
    }
}
