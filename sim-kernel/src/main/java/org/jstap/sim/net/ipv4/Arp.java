package org.jstap.sim.net.ipv4;

import static org.jstap.sim.net.core.Neighbour.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.lib.Byteorder;
import org.jstap.sim.mm.Gfp;
import org.jstap.sim.net.SocketDefs;
import org.jstap.sim.net.core.NeighTable;
import org.jstap.sim.net.core.Neighbour;
import org.jstap.sim.net.core.Net;
import org.jstap.sim.net.core.NetDevice;
import org.jstap.sim.net.core.PacketType;
import org.jstap.sim.net.core.SkBuff;
import org.jstap.sim.net.ethernet.IfEther;

/**
 * net/ipv4/arp.c: IPv4 over Ethernet's address resolution, on the neighbour machine of
 * net/core/neighbour.c. {@link #arp_tbl}'s constructor makes lo's, broadcast and NOARP entries
 * need no resolving; others start INCOMPLETE on first use and {@link #arp_solicit} broadcasts a
 * request (then unicasts once the entry has an address to confirm). {@link #arp_rcv} /
 * {@link #arp_process} answer requests for our addresses (learning the asker as STALE), and a
 * reply to us makes the entry REACHABLE, which sends the packets that waited. Unsolicited replies
 * are ignored (arp_accept = 0), as are gratuitous ARPs for unknown hosts. /proc/net/arp and the
 * SIOC[SGD]ARP ioctls (arp(8)) show and change the table.
 *
 * <pre>{@code
 * ping 10.0.0.2  -> ip_finish_output2 -> neigh_resolve_output -> __neigh_event_send (INCOMPLETE)
 *                -> neigh_probe -> arp_solicit -> arp_send_dst -> dev_queue_xmit
 * reply          -> arp_rcv -> arp_process -> neigh_update (REACHABLE) -> neigh_resolve_output -> dev_queue_xmit
 * }</pre>
 */
@LinuxFile("net/ipv4/arp.c")
public final class Arp {
    /** ARP opcodes. */
    public static final int ARPOP_REQUEST = 1;
    public static final int ARPOP_REPLY = 2;
    /** ATF_* flags of struct arpreq and /proc/net/arp. */
    public static final int ATF_COM = 0x02;
    public static final int ATF_PERM = 0x04;
    public static final int ATF_PUBL = 0x08;
    public static final int ATF_NETMASK = 0x20;
    public static final int ATF_DONTPUB = 0x40;
    /** sizeof(struct arpreq). */
    static final int ARPREQ_SIZE = 68;

    private final Kernel kernel;
    private final Net net;
    private final NetnsIpv4 ipv4;
    /** arp_tbl. */
    public final NeighTable arp_tbl;
    private final PacketType arp_packet_type;

    Arp(Kernel kernel, Net net, NetnsIpv4 ipv4) {
        this.kernel = kernel;
        this.net = net;
        this.ipv4 = ipv4;
        this.arp_tbl = new NeighTable("arp_cache", 4, this::arp_constructor, this::arp_solicit, this::arp_error_report);
        this.arp_packet_type = new PacketType(Byteorder.htons(IfEther.ETH_P_ARP), null, "arp_rcv", this::arp_rcv);
    }

    /** arp_init: the ETH_P_ARP handler and /proc/net/arp. */
    void arp_init() {
        net.rx().dev_add_pack(arp_packet_type);
        kernel.proc().proc_net().proc_create_net_single("arp", 0444, i -> arp_seq_show());
    }

    /** arp_hdr_len: the ARP header with two hardware and two IPv4 addresses. */
    static int arp_hdr_len(NetDevice dev) {
        return 8 + 2 * (dev.addr_len + 4);
    }

    /**
     * arp_constructor: lo and point-to-point devices share one entry (key 0); entries on
     * devices without ARP, for broadcasts, or on lo are NOARP with the address known; others
     * resolve. Output is neigh_resolve_output (Linux's arp_hh_ops send through it too).
     */
    int arp_constructor(Neighbour neigh) {
        NetDevice dev = neigh.dev;
        InDevice in_dev = InDevice.__in_dev_get_rtnl(dev);
        if (in_dev == null) {
            return -Errno.EINVAL;
        }
        int type = ipv4.fib().inet_dev_addr_type(dev, neigh.primary_key);
        neigh.parms = in_dev.arp_parms;
        if (dev.header_ops == null) {
            neigh.nud_state = NUD_NOARP;
            neigh.output = net.neigh()::neigh_connected_output;
            return 0;
        }
        if ((dev.flags & (NetDevice.IFF_NOARP | NetDevice.IFF_LOOPBACK)) != 0) {
            neigh.nud_state = NUD_NOARP;
            System.arraycopy(dev.dev_addr, 0, neigh.ha, 0, dev.addr_len);
        } else if (type == Fib.RTN_BROADCAST || (dev.flags & NetDevice.IFF_POINTOPOINT) != 0) {
            neigh.nud_state = NUD_NOARP;
            System.arraycopy(dev.broadcast, 0, neigh.ha, 0, dev.addr_len);
        }
        neigh.output = net.neigh()::neigh_resolve_output;
        return 0;
    }

    /**
     * arp_solicit: a request for the entry's address, from the address the waiting packet came
     * from if it is ours on this device (else the device's best one); broadcast while the probes
     * are the multicast ones, unicast to the known address when re-confirming (PROBE).
     */
    void arp_solicit(Neighbour neigh, SkBuff skb) {
        NetDevice dev = neigh.dev;
        int target = neigh.primary_key;
        int saddr = 0;
        if (skb != null) {
            int src = IpHdr.ip_hdr(skb).saddr();
            if (ipv4.fib().inet_dev_addr_type(dev, src) == Fib.RTN_LOCAL) {
                saddr = src;
            }
        }
        if (saddr == 0) {
            saddr = ipv4.devinet().inet_select_addr(dev, target, Fib.RT_SCOPE_LINK);
        }
        int probes = neigh.probes - neigh.parms.ucast_probes;
        byte[] dst_hw = null;
        if (probes < 0) {
            dst_hw = neigh.address();
        } else if (probes - neigh.parms.app_probes < 0) {
            return;
        }
        arp_send_dst(ARPOP_REQUEST, IfEther.ETH_P_ARP, target, dev, saddr, dst_hw, dev.address(), null);
    }

    /** arp_error_report: a packet that waited in vain: ipv4_link_failure sends its sender ICMP host unreachable. */
    void arp_error_report(Neighbour neigh, SkBuff skb) {
        ipv4.icmp().icmp_send(skb, IcmpHdr.ICMP_DEST_UNREACH, IcmpHdr.ICMP_HOST_UNREACH, 0);
        net.skb().kfree_skb(skb);
    }

    /** arp_create: an ARP packet in its Ethernet frame (to the broadcast address unless {@code dest_hw}). */
    SkBuff arp_create(int type, int ptype, int dest_ip, NetDevice dev, int src_ip, byte[] dest_hw, byte[] src_hw,
            byte[] target_hw) {
        int hlen = NetDevice.LL_RESERVED_SPACE(dev);
        SkBuff skb = net.skb().alloc_skb(arp_hdr_len(dev) + hlen, Gfp.GFP_ATOMIC);
        if (skb == null) {
            return null;
        }
        SkBuff.skb_reserve(skb, hlen);
        SkBuff.skb_reset_network_header(skb);
        long arp = net.skb().skb_put(skb, arp_hdr_len(dev));
        skb.dev = dev;
        skb.protocol = Byteorder.htons(IfEther.ETH_P_ARP);
        if (src_hw == null) {
            src_hw = dev.address();
        }
        if (dest_hw == null) {
            dest_hw = java.util.Arrays.copyOf(dev.broadcast, dev.addr_len);
        }
        if (NetDevice.dev_hard_header(skb, dev, ptype, dest_hw, src_hw, skb.len) < 0) {
            net.skb().kfree_skb(skb);
            return null;
        }
        skb.set_be16(arp, NetDevice.ARPHRD_ETHER);
        skb.set_be16(arp + 2, IfEther.ETH_P_IP);
        skb.set_u8(arp + 4, dev.addr_len);
        skb.set_u8(arp + 5, 4);
        skb.set_be16(arp + 6, type);
        long p = arp + 8;
        skb.store(p, src_hw, 0, dev.addr_len);
        p += dev.addr_len;
        skb.set_be32(p, src_ip);
        p += 4;
        skb.store(p, target_hw != null ? target_hw : new byte[dev.addr_len], 0, dev.addr_len);
        p += dev.addr_len;
        skb.set_be32(p, dest_ip);
        return skb;
    }

    /** arp_xmit: the frame goes out (arp_xmit_finish: dev_queue_xmit). */
    void arp_xmit(SkBuff skb) {
        net.xmit().dev_queue_xmit(skb);
    }

    /** arp_send_dst: create and send, unless the device does no ARP. */
    void arp_send_dst(int type, int ptype, int dest_ip, NetDevice dev, int src_ip, byte[] dest_hw, byte[] src_hw,
            byte[] target_hw) {
        if ((dev.flags & NetDevice.IFF_NOARP) != 0) {
            return;
        }
        SkBuff skb = arp_create(type, ptype, dest_ip, dev, src_ip, dest_hw, src_hw, target_hw);
        if (skb != null) {
            arp_xmit(skb);
        }
    }

    /** arp_rcv: an ARP frame; dropped on NOARP devices, for other hosts, or malformed; else arp_process. */
    public int arp_rcv(SkBuff skb, NetDevice dev, PacketType pt, NetDevice orig_dev) {
        if ((dev.flags & NetDevice.IFF_NOARP) != 0 || skb.pkt_type == SkBuff.PACKET_OTHERHOST
                || skb.pkt_type == SkBuff.PACKET_LOOPBACK) {
            net.skb().consume_skb(skb);
            return NetDevice.NET_RX_SUCCESS;
        }
        skb = net.skb().skb_share_check(skb, Gfp.GFP_ATOMIC);
        if (skb == null) {
            return NetDevice.NET_RX_DROP;
        }
        if (!SkBuff.pskb_may_pull(skb, arp_hdr_len(dev)) || skb.u8(skb.data + 4) != dev.addr_len
                || skb.u8(skb.data + 5) != 4) {
            net.skb().kfree_skb(skb);
            return NetDevice.NET_RX_DROP;
        }
        return arp_process(net, null, skb);
    }

    /**
     * arp_process: requests for a local address are answered (the asker becomes a STALE
     * neighbour); a reply, or a request, from a host we have an entry for updates it (REACHABLE
     * for a unicast reply, STALE otherwise; a second different reply within locktime loses).
     */
    int arp_process(Net n, org.jstap.sim.net.Sock sk, SkBuff skb) {
        NetDevice dev = skb.dev;
        InDevice in_dev = InDevice.__in_dev_get_rtnl(dev);
        long arp = skb.data;
        if (in_dev == null || skb.be16(arp + 2) != IfEther.ETH_P_IP
                || (skb.be16(arp) != NetDevice.ARPHRD_ETHER && skb.be16(arp) != 6)) {
            net.skb().kfree_skb(skb);
            return NetDevice.NET_RX_DROP;
        }
        int op = skb.be16(arp + 6);
        if (op != ARPOP_REPLY && op != ARPOP_REQUEST) {
            net.skb().kfree_skb(skb);
            return NetDevice.NET_RX_DROP;
        }
        int alen = dev.addr_len;
        byte[] sha = new byte[alen];
        skb.load(arp + 8, sha, 0, alen);
        int sip = skb.be32(arp + 8 + alen);
        int tip = skb.be32(arp + 8 + alen + 4 + alen);
        if (In.ipv4_is_multicast(tip) || In.ipv4_is_loopback(tip)) {
            net.skb().kfree_skb(skb);
            return NetDevice.NET_RX_DROP;
        }
        if (sip == 0) {
            // RFC 2131 duplicate address detection: answer if it is ours
            if (op == ARPOP_REQUEST && ipv4.fib().inet_dev_addr_type(dev, tip) == Fib.RTN_LOCAL) {
                arp_send_dst(ARPOP_REPLY, IfEther.ETH_P_ARP, sip, dev, tip, sha, dev.address(), sha);
            }
            net.skb().consume_skb(skb);
            return NetDevice.NET_RX_SUCCESS;
        }
        if (op == ARPOP_REQUEST && ipv4.route().ip_route_input_noref(skb, tip, sip, 0, dev) == 0) {
            Rtable rt = Rtable.skb_rtable(skb);
            if (rt.rt_type == Fib.RTN_LOCAL) {
                Neighbour nb = net.neigh().neigh_event_ns(arp_tbl, sha, sip, dev);
                if (nb != null) {
                    arp_send_dst(ARPOP_REPLY, IfEther.ETH_P_ARP, sip, dev, tip, sha, dev.address(), sha);
                    net.neigh().neigh_release(nb);
                }
                net.skb().consume_skb(skb);
                return NetDevice.NET_RX_SUCCESS;
            }
        }
        Neighbour nb = net.neigh().__neigh_lookup(arp_tbl, sip, dev, false);
        if (nb != null) {
            int state = NUD_REACHABLE;
            boolean override = kernel.timekeeping().jiffies() > nb.updated + nb.parms.locktime;
            if (op != ARPOP_REPLY || skb.pkt_type != SkBuff.PACKET_HOST) {
                state = NUD_STALE;
            }
            net.neigh().neigh_update(nb, sha, state, override ? org.jstap.sim.net.core.Neigh.NEIGH_UPDATE_F_OVERRIDE : 0);
            net.neigh().neigh_release(nb);
        }
        net.skb().consume_skb(skb);
        return NetDevice.NET_RX_SUCCESS;
    }

    /** arp_ifdown: the device's entries go (neigh_ifdown). */
    public void arp_ifdown(NetDevice dev) {
        net.neigh().neigh_ifdown(arp_tbl, dev);
    }

    /** arp_state_to_flags: ATF_PERM|ATF_COM for permanent entries, ATF_COM for valid ones. */
    static int arp_state_to_flags(Neighbour n) {
        if ((n.nud_state & NUD_PERMANENT) != 0) {
            return ATF_PERM | ATF_COM;
        }
        return (n.nud_state & NUD_VALID) != 0 ? ATF_COM : 0;
    }

    /** arp_seq_show: /proc/net/arp, NOARP entries left out, as Linux's NEIGH_SEQ_SKIP_NOARP does. */
    public String arp_seq_show() {
        StringBuilder out = new StringBuilder("IP address       HW type     Flags       HW address            Mask     Device\n");
        for (Neighbour n : arp_tbl.neighbours()) {
            if ((n.nud_state & NUD_NOARP) != 0) {
                continue;
            }
            StringBuilder hw = new StringBuilder();
            for (int j = 0; j < n.dev.addr_len; j++) {
                if (j > 0) {
                    hw.append(':');
                }
                hw.append(String.format("%02x", n.ha[j] & 0xff));
            }
            out.append(String.format("%-16s 0x%-10x0x%-10x%-17s     %-8s %s\n", In.pI4(n.primary_key), n.dev.type,
                    arp_state_to_flags(n), hw, "*", n.dev.name));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- arp(8)'s ioctls

    /**
     * arp_ioctl: SIOCGARP (ENXIO if there is no entry; ENODEV without a device), SIOCSARP
     * (STALE, or PERMANENT with ATF_PERM) and SIOCDARP (the entry fails and goes), on a struct
     * arpreq; setting and deleting need CAP_NET_ADMIN; EPFNOSUPPORT for a protocol address that
     * is not AF_INET.
     */
    public int arp_ioctl(int cmd, long arg) {
        if (cmd != AfInet.SIOCGARP) {
            var t = kernel.sched().current();
            if (t != null && t.cred != null && t.cred.euid() != 0) {
                return -Errno.EPERM;
            }
        }
        byte[] raw = new byte[ARPREQ_SIZE];
        if (kernel.uaccess().copy_from_user(raw, 0, arg, raw.length) != 0) {
            return -Errno.EFAULT;
        }
        ByteBuffer r = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if ((r.getShort(0) & 0xffff) != SocketDefs.AF_INET) {
            return -Errno.EPFNOSUPPORT;
        }
        int flags = r.getInt(32);
        if ((flags & ATF_PUBL) != 0) {
            return -Errno.EINVAL;
        }
        int ip = Integer.reverseBytes(r.getInt(4));
        int n = 0;
        while (n < 15 && raw[52 + n] != 0) {
            n++;
        }
        NetDevice dev = null;
        if (n > 0) {
            dev = net.dev().__dev_get_by_name(new String(raw, 52, n, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (dev == null) {
                return -Errno.ENODEV;
            }
        } else if (cmd == AfInet.SIOCGARP) {
            return -Errno.ENODEV;
        } else {
            Flowi4 fl4 = new Flowi4();
            fl4.daddr = ip;
            int[] err = new int[1];
            Rtable rt = ipv4.route().ip_route_output_key(fl4, err);
            if (rt == null) {
                return err[0];
            }
            dev = rt.dev;
        }
        byte[] ha = java.util.Arrays.copyOfRange(raw, 18, 18 + dev.addr_len);
        switch (cmd) {
            case AfInet.SIOCGARP -> {
                Neighbour nb = net.neigh().neigh_lookup(arp_tbl, ip, dev);
                if (nb == null || (nb.nud_state & NUD_NOARP) != 0) {
                    return -Errno.ENXIO;
                }
                r.putShort(16, (short) dev.type);
                System.arraycopy(nb.ha, 0, raw, 18, dev.addr_len);
                r.putInt(32, arp_state_to_flags(nb));
                byte[] name = dev.name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                java.util.Arrays.fill(raw, 52, 68, (byte) 0);
                System.arraycopy(name, 0, raw, 52, Math.min(15, name.length));
                net.neigh().neigh_release(nb);
                return kernel.uaccess().copy_to_user(arg, raw, 0, raw.length) != 0 ? -Errno.EFAULT : 0;
            }
            case AfInet.SIOCSARP -> {
                Neighbour nb = net.neigh().__neigh_lookup(arp_tbl, ip, dev, true);
                if (nb == null) {
                    return -Errno.ENOBUFS;
                }
                int state = (flags & ATF_PERM) != 0 ? NUD_PERMANENT : NUD_STALE;
                int err = net.neigh().neigh_update(nb, (flags & ATF_COM) != 0 ? ha : null, state,
                        org.jstap.sim.net.core.Neigh.NEIGH_UPDATE_F_OVERRIDE | org.jstap.sim.net.core.Neigh.NEIGH_UPDATE_F_ADMIN);
                net.neigh().neigh_release(nb);
                return err;
            }
            default -> {
                Neighbour nb = net.neigh().neigh_lookup(arp_tbl, ip, dev);
                if (nb == null) {
                    return -Errno.ENXIO;
                }
                net.neigh().neigh_release(nb);
                return net.neigh().neigh_delete(arp_tbl, nb);
            }
        }
    }
}
