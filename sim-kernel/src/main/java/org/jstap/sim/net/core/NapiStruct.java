package org.jstap.sim.net.core;

/**
 * struct napi_struct: a device's receive poller. The interrupt handler masks its interrupt and
 * calls {@code napi_schedule}; NET_RX's {@code net_rx_action} then calls {@link #poll} with a
 * budget (the weight, 64) until it reports less work than that and completes with
 * {@code napi_complete_done}, when the driver unmasks the interrupt again. Each CPU's backlog
 * (where {@code netif_rx} queues) is one of these too.
 *
 * <pre>{@code
 * NapiStruct napi = new NapiStruct();
 * kernel.net().napi().netif_napi_add(dev, napi, "e1000_clean", (n, budget) -> {
 *     int work = clean_rx(budget);
 *     if (work < budget && kernel.net().napi().napi_complete_done(n, work)) irq_enable();
 *     return work;
 * });
 * }</pre>
 */
public final class NapiStruct {
    /** state bits (NAPI_STATE_*). */
    public static final int NAPI_STATE_SCHED = 0;
    public static final int NAPI_STATE_MISSED = 1;
    public static final int NAPI_STATE_DISABLE = 2;
    public static final int NAPI_STATE_NPSVC = 3;
    public static final int NAPI_STATE_LISTED = 4;
    /** NAPI_POLL_WEIGHT: the budget a driver's poll gets per call. */
    public static final int NAPI_POLL_WEIGHT = 64;

    /** The driver's poll function: handle up to {@code budget} packets; how many it handled. */
    @FunctionalInterface
    public interface Poll {
        int poll(NapiStruct napi, int budget);
    }

    /** state: NAPI_STATE_* bits. */
    public long state;
    public int weight;
    public Poll poll;
    /** The poll function's name, as %ps shows it. */
    public String poll_name;
    public NetDevice dev;
    /** poll_list: the list it is on now (a CPU's poll list or net_rx_action's), or null. */
    java.util.List<NapiStruct> poll_list;

    public NapiStruct() {}

    public boolean test_bit(int nr) {
        return (state & 1L << nr) != 0;
    }

    @Override
    public String toString() {
        return "napi " + poll_name + (dev == null ? "" : " on " + dev.name);
    }
}
