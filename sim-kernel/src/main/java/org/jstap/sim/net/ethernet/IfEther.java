package org.jstap.sim.net.ethernet;

/**
 * include/uapi/linux/if_ether.h: Ethernet's sizes and the EtherTypes the stack knows. Types are
 * host-order numbers here; {@code skb->protocol} and {@code packet_type.type} hold them as
 * {@code htons(ETH_P_*)}.
 */
public final class IfEther {
    private IfEther() {}

    /** ETH_ALEN: bytes in an Ethernet address. */
    public static final int ETH_ALEN = 6;
    /** ETH_TLEN: bytes in the type field. */
    public static final int ETH_TLEN = 2;
    /** ETH_HLEN: bytes in the header (destination, source, type). */
    public static final int ETH_HLEN = 14;
    /** ETH_ZLEN: the shortest frame, without FCS (drivers pad to it). */
    public static final int ETH_ZLEN = 60;
    /** ETH_DATA_LEN: the largest payload (the default MTU). */
    public static final int ETH_DATA_LEN = 1500;
    /** ETH_FRAME_LEN: the largest frame, without FCS. */
    public static final int ETH_FRAME_LEN = 1514;
    /** ETH_FCS_LEN: the frame check sequence the hardware adds. */
    public static final int ETH_FCS_LEN = 4;
    /** ETH_MIN_MTU / ETH_MAX_MTU. */
    public static final int ETH_MIN_MTU = 68;
    public static final int ETH_MAX_MTU = 0xFFFF;

    public static final int ETH_P_LOOP = 0x0060;
    public static final int ETH_P_IP = 0x0800;
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_P_IPV6 = 0x86DD;
    /** ETH_P_802_3_MIN: type values below this are 802.3 lengths. */
    public static final int ETH_P_802_3_MIN = 0x0600;
    /** Pseudo types: a Novell 802.3 frame, every packet (taps), an 802.2 LLC frame. */
    public static final int ETH_P_802_3 = 0x0001;
    public static final int ETH_P_ALL = 0x0003;
    public static final int ETH_P_802_2 = 0x0004;
}
