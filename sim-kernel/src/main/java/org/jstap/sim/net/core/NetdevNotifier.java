package org.jstap.sim.net.core;

/**
 * A notifier_block on the netdevice chain ({@code register_netdevice_notifier}): protocols
 * learn of devices coming, going up and down, changing MTU or address. The IPv4 layer is the
 * first user (inetdev_event gives lo 127.0.0.1 at NETDEV_UP; fib_netdev_event fixes routes).
 *
 * <pre>{@code
 * kernel.net().dev().register_netdevice_notifier((event, dev) -> {
 *     if (event == NETDEV_UP) ...;
 *     return NOTIFY_DONE;
 * });
 * }</pre>
 */
@FunctionalInterface
public interface NetdevNotifier {
    /** enum netdev_cmd (include/linux/netdevice.h). */
    int NETDEV_UP = 1;
    int NETDEV_DOWN = 2;
    int NETDEV_REBOOT = 3;
    int NETDEV_CHANGE = 4;
    int NETDEV_REGISTER = 5;
    int NETDEV_UNREGISTER = 6;
    int NETDEV_CHANGEMTU = 7;
    int NETDEV_CHANGEADDR = 8;
    int NETDEV_PRE_CHANGEADDR = 9;
    int NETDEV_GOING_DOWN = 10;
    int NETDEV_CHANGENAME = 11;
    int NETDEV_PRE_UP = 14;

    /** include/linux/notifier.h. */
    int NOTIFY_DONE = 0x0000;
    int NOTIFY_OK = 0x0001;
    int NOTIFY_STOP_MASK = 0x8000;
    int NOTIFY_BAD = NOTIFY_STOP_MASK | 0x0002;
    int NOTIFY_STOP = NOTIFY_OK | NOTIFY_STOP_MASK;

    /** notifier_call: NOTIFY_DONE/OK, or a value with NOTIFY_STOP_MASK that stops the chain (notifier_from_errno). */
    int notifier_call(int event, NetDevice dev);

    /** notifier_from_errno: a vote against the event, carrying {@code err}. */
    static int notifier_from_errno(int err) {
        return err != 0 ? NOTIFY_STOP_MASK | (NOTIFY_OK - err) : NOTIFY_OK;
    }

    /** notifier_to_errno: the errno a chain's result carries, or 0. */
    static int notifier_to_errno(int ret) {
        ret &= ~NOTIFY_STOP_MASK;
        return ret > NOTIFY_OK ? NOTIFY_OK - ret : 0;
    }
}
