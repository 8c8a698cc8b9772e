package org.jstap.sim.hw;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;

/**
 * An Intel 82540EM gigabit Ethernet controller (e1000) as QEMU presents it, on the board's
 * address map instead of PCI. The driver reaches it through the registers of the 8254x manual
 * (offsets below), the EEPROM behind EECD/EERD (where the MAC address is), and two rings of
 * legacy descriptors in RAM that the device reads and writes by DMA:
 *
 * <ul>
 *   <li>Transmit: descriptors TDH..TDT-1 of the ring at TDBAL/TDBAH (TDLEN bytes). Writing TDT
 *       starts the transmitter, which gathers buffers up to one with EOP, puts the frame on the
 *       line (it takes its serialization time at the link speed), then writes DD into the status
 *       of each of its descriptors that asked for it (RS) and raises ICR.TXDW (and TXQE once the
 *       ring is empty). One frame is on the line at a time, so a driver that outruns the link
 *       sees its ring fill up.
 *   <li>Receive: a frame that passes the address filter (RAL/RAH, MTA, RCTL.UPE/MPE/BAM) is
 *       written into the buffers of descriptors RDH..RDT-1 with its FCS unless RCTL.SECRC,
 *       each written back with length and DD (EOP on the last), and ICR.RXT0 is raised (RXDMT0
 *       when the free descriptors fall to RCTL.RDMTS's threshold). With no room the frame is
 *       missed: MPC and RNBC count it and ICR.RXO is raised.
 * </ul>
 *
 * <p>ICR is read-to-clear; the line is up while ICR & IMS is non-zero and the controller is told
 * when it rises, by an event, so the interrupt arrives between task slices. A change of carrier
 * (the cable of a {@link Wire} port) sets ICR.LSC. Statistics registers clear when read (a
 * 64-bit pair when its high half is read). Not modelled: the PHY behind MDIC, interrupt
 * throttling (ITR, RDTR/RADV, TIDV/TADV), VLANs, and offloads: context descriptors are
 * accepted and skipped, extended data descriptors carry their data without checksum insertion
 * or segmentation.
 *
 * <p>All state is touched only by the thread running the machine loop: register accesses from
 * kernel code, and events, including the arrivals another machine of a {@code Cluster} schedules.
 */
public final class E1000 implements MmioDevice, Wire.Station {
    /** Register offsets (8254x manual, table 13-2). */
    public static final int CTRL = 0x00000;
    public static final int STATUS = 0x00008;
    public static final int EECD = 0x00010;
    public static final int EERD = 0x00014;
    public static final int ICR = 0x000C0;
    public static final int ICS = 0x000C8;
    public static final int IMS = 0x000D0;
    public static final int IMC = 0x000D8;
    public static final int RCTL = 0x00100;
    public static final int TCTL = 0x00400;
    public static final int RDBAL = 0x02800;
    public static final int RDBAH = 0x02804;
    public static final int RDLEN = 0x02808;
    public static final int RDH = 0x02810;
    public static final int RDT = 0x02818;
    public static final int TDBAL = 0x03800;
    public static final int TDBAH = 0x03804;
    public static final int TDLEN = 0x03808;
    public static final int TDH = 0x03810;
    public static final int TDT = 0x03818;
    public static final int MPC = 0x04010;
    public static final int GPRC = 0x04074;
    public static final int BPRC = 0x04078;
    public static final int MPRC = 0x0407C;
    public static final int GPTC = 0x04080;
    public static final int GORCL = 0x04088;
    public static final int GORCH = 0x0408C;
    public static final int GOTCL = 0x04090;
    public static final int GOTCH = 0x04094;
    public static final int RNBC = 0x040A0;
    public static final int ROC = 0x040AC;
    public static final int TORL = 0x040C0;
    public static final int TORH = 0x040C4;
    public static final int TOTL = 0x040C8;
    public static final int TOTH = 0x040CC;
    public static final int TPR = 0x040D0;
    public static final int TPT = 0x040D4;
    /** Multicast table array: 128 words of hash bits. */
    public static final int MTA = 0x05200;
    /** Receive addresses: 16 pairs of RAL (low 32 bits) and RAH (high 16 bits and AV). */
    public static final int RA = 0x05400;
    /** The register window's size (BAR0 of the PCI device). */
    public static final int MMIO_SIZE = 0x20000;

    /** CTRL: set link up, speed 1000, software pins, device reset (self-clearing). */
    public static final int CTRL_SLU = 0x40;
    public static final int CTRL_SPD_1000 = 0x200;
    public static final int CTRL_RST = 0x0400_0000;
    private static final int CTRL_INIT = 0x0010_0000 | 0x0004_0000 | CTRL_SPD_1000 | CTRL_SLU;
    /** STATUS: full duplex, link up, speed, and the bits QEMU always shows. */
    public static final int STATUS_FD = 0x1;
    public static final int STATUS_LU = 0x2;
    public static final int STATUS_SPEED_10 = 0x00;
    public static final int STATUS_SPEED_100 = 0x40;
    public static final int STATUS_SPEED_1000 = 0x80;
    private static final int STATUS_FIXED = 0x8000_0000 | 0x0008_0000 /* GIO master enable */
            | 0x300 /* ASDV */ | 0x400 /* MTXCKOK */ | STATUS_FD;
    /** Interrupt causes (ICR, ICS, IMS, IMC). */
    public static final int ICR_TXDW = 0x01;
    public static final int ICR_TXQE = 0x02;
    public static final int ICR_LSC = 0x04;
    public static final int ICR_RXDMT0 = 0x10;
    public static final int ICR_RXO = 0x40;
    public static final int ICR_RXT0 = 0x80;
    /** RCTL: enable, unicast/multicast promiscuous, long packets, free-descriptor threshold, broadcast, buffer size, strip CRC. */
    public static final int RCTL_EN = 0x2;
    public static final int RCTL_UPE = 0x8;
    public static final int RCTL_MPE = 0x10;
    public static final int RCTL_LPE = 0x20;
    public static final int RCTL_RDMTS_SHIFT = 8;
    public static final int RCTL_MO_SHIFT = 12;
    public static final int RCTL_BAM = 0x8000;
    public static final int RCTL_SZ_2048 = 0x0000_0000;
    public static final int RCTL_SZ_1024 = 0x0001_0000;
    public static final int RCTL_SZ_512 = 0x0002_0000;
    public static final int RCTL_SZ_256 = 0x0003_0000;
    public static final int RCTL_BSEX = 0x0200_0000;
    public static final int RCTL_SECRC = 0x0400_0000;
    /** TCTL: enable, pad short packets. */
    public static final int TCTL_EN = 0x2;
    public static final int TCTL_PSP = 0x8;
    /** RAH: address valid. */
    public static final int RAH_AV = 0x8000_0000;
    /** Descriptors are 16 bytes: TX buffer_addr, length, cso, cmd, status, css, special; RX buffer_addr, length, csum, status, errors, special. */
    public static final int DESC_SIZE = 16;
    public static final int TXD_CMD_EOP = 0x01;
    public static final int TXD_CMD_IFCS = 0x02;
    public static final int TXD_CMD_RS = 0x08;
    public static final int TXD_CMD_RPS = 0x10;
    public static final int TXD_CMD_DEXT = 0x20;
    public static final int TXD_STAT_DD = 0x01;
    public static final int RXD_STAT_DD = 0x01;
    public static final int RXD_STAT_EOP = 0x02;
    public static final int RXD_STAT_IXSM = 0x04;
    /** The longest frame (no FCS) accepted without RCTL.LPE, and with it. */
    static final int MAXIMUM_ETHERNET_VLAN_SIZE = 1522;
    static final int MAXIMUM_ETHERNET_LPE_SIZE = 16384;
    /** The transmit FIFO's capacity for one packet: longer ones are cut. */
    static final int TX_MAX = 0x10000;
    /** The first NIC's address, as QEMU gives it (52:54:00:12:34:56); host N's is N more. */
    public static final long MAC_BASE = 0x5254_0012_3456L;

    private final Ram ram;
    private final EventQueue events;
    private final LongSupplier now;
    private final InterruptController irqs;
    private final int irq;
    private final long mac;
    private final E1000Eeprom eeprom;
    private Wire.Port port;
    private boolean carrier;
    private long linkBitsPerSecond = 1000 * Wire.Config.MBPS;

    private int ctrl;
    private int icr;
    private int ims;
    private int rctl;
    private int tctl;
    private long tdba;
    private int tdlen;
    private int tdh;
    private int tdt;
    private long rdba;
    private int rdlen;
    private int rdh;
    private int rdt;
    private final int[] ra = new int[32];
    private final int[] mta = new int[128];
    /** Statistics since they were last read. */
    private int mpc;
    private int gprc;
    private int bprc;
    private int mprc;
    private int gptc;
    private int rnbc;
    private int roc;
    private int tpr;
    private int tpt;
    private long gorc;
    private long gotc;
    private long tor;
    private long tot;

    /** Whether the line is up (ICR & IMS), and the event that tells the controller it rose. */
    private boolean asserted;
    private EventQueue.Event raising;
    /** Bumped by a reset: events of the transmitter before it find themselves stale. */
    private int generation;
    /** The transmitter: busy while a frame is fetched or on the line; the packet being gathered. */
    private boolean txBusy;
    /**
     * The transmitter's own time: when its line is free. The CPU may run on past a doorbell before
     * the device's events are taken, so frames are timed from when their descriptors were handed
     * over (TDT written), kept here as (descriptors handed over so far, time) pairs, not from when
     * the machine gets round to the event.
     */
    private long txClock;
    private final java.util.ArrayDeque<long[]> tdtWrites = new java.util.ArrayDeque<>();
    private long txAvailable;
    private long txFetchedCount;
    private final byte[] txBuf = new byte[TX_MAX];
    private int txSize;
    /** Descriptors fetched for the packet on its way, to be written back when it has left. */
    private final List<Long> txFetched = new ArrayList<>();
    private long framesSent;
    private long framesReceived;

    public E1000(Ram ram, EventQueue events, LongSupplier now, InterruptController irqs, int irq, long mac) {
        this.ram = ram;
        this.events = events;
        this.now = now;
        this.irqs = irqs;
        this.irq = irq;
        this.mac = mac;
        this.eeprom = new E1000Eeprom(mac);
        reset();
    }

    /** The MAC address of host {@code host}'s NIC: QEMU's first address plus the host's index. */
    public static long mac_for_host(int host) {
        return MAC_BASE + host;
    }

    /** {@code 52:54:00:12:34:56}. */
    public static String format_mac(long mac) {
        StringBuilder s = new StringBuilder();
        for (int i = 5; i >= 0; i--) {
            s.append(String.format("%02x", (mac >>> (8 * i)) & 0xff)).append(i > 0 ? ":" : "");
        }
        return s.toString();
    }

    /** The address in the EEPROM (the NIC's permanent address). */
    public long mac() {
        return mac;
    }

    // ---------------------------------------------------------------- registers

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        if (off >= MTA && off < MTA + 4 * mta.length) {
            return mta[(off - MTA) >> 2] & 0xffff_ffffL;
        }
        if (off >= RA && off < RA + 4 * ra.length) {
            return ra[(off - RA) >> 2] & 0xffff_ffffL;
        }
        return switch (off) {
            case CTRL -> ctrl & 0xffff_ffffL;
            case STATUS -> status() & 0xffff_ffffL;
            case EECD -> eeprom.read_eecd();
            case EERD -> eeprom.read_eerd() & 0xffff_ffffL;
            case ICR -> {
                int v = icr;
                set_interrupt_cause(0);
                yield v & 0xffff_ffffL;
            }
            case ICS -> icr & 0xffff_ffffL;
            case IMS -> ims & 0xffff_ffffL;
            case RCTL -> rctl & 0xffff_ffffL;
            case TCTL -> tctl & 0xffff_ffffL;
            case RDBAL -> rdba & 0xffff_ffffL;
            case RDBAH -> rdba >>> 32;
            case RDLEN -> rdlen;
            case RDH -> rdh;
            case RDT -> rdt;
            case TDBAL -> tdba & 0xffff_ffffL;
            case TDBAH -> tdba >>> 32;
            case TDLEN -> tdlen;
            case TDH -> tdh;
            case TDT -> tdt;
            default -> read_stat(off) & 0xffff_ffffL;
        };
    }

    /** The statistics registers clear when read; a 64-bit counter when its high half is read. */
    private int read_stat(int off) {
        int v;
        switch (off) {
            case MPC -> { v = mpc; mpc = 0; }
            case GPRC -> { v = gprc; gprc = 0; }
            case BPRC -> { v = bprc; bprc = 0; }
            case MPRC -> { v = mprc; mprc = 0; }
            case GPTC -> { v = gptc; gptc = 0; }
            case RNBC -> { v = rnbc; rnbc = 0; }
            case ROC -> { v = roc; roc = 0; }
            case TPR -> { v = tpr; tpr = 0; }
            case TPT -> { v = tpt; tpt = 0; }
            case GORCL -> v = (int) gorc;
            case GORCH -> { v = (int) (gorc >>> 32); gorc = 0; }
            case GOTCL -> v = (int) gotc;
            case GOTCH -> { v = (int) (gotc >>> 32); gotc = 0; }
            case TORL -> v = (int) tor;
            case TORH -> { v = (int) (tor >>> 32); tor = 0; }
            case TOTL -> v = (int) tot;
            case TOTH -> { v = (int) (tot >>> 32); tot = 0; }
            default -> v = 0;
        }
        return v;
    }

    @Override
    public void write(long offset, int size, long value) {
        int off = (int) offset;
        int v = (int) value;
        if (off >= MTA && off < MTA + 4 * mta.length) {
            mta[(off - MTA) >> 2] = v;
            return;
        }
        if (off >= RA && off < RA + 4 * ra.length) {
            ra[(off - RA) >> 2] = v;
            return;
        }
        switch (off) {
            case CTRL -> {
                if ((v & CTRL_RST) != 0) {
                    reset();
                } else {
                    ctrl = v;
                }
            }
            case EECD -> eeprom.write_eecd(v);
            case EERD -> eeprom.write_eerd(v);
            case ICR -> set_interrupt_cause(icr & ~v);
            case ICS -> set_interrupt_cause(icr | v);
            case IMS -> {
                ims |= v;
                update_irq();
            }
            case IMC -> {
                ims &= ~v;
                update_irq();
            }
            case RCTL -> rctl = v;
            case TCTL -> {
                tctl = v;
                start_xmit();
            }
            case RDBAL -> rdba = (rdba & ~0xffff_ffffL) | (value & 0xffff_fff0L);
            case RDBAH -> rdba = (rdba & 0xffff_ffffL) | (value << 32);
            case RDLEN -> rdlen = v & 0xfff80;
            case RDH -> rdh = v & 0xffff;
            case RDT -> rdt = v & 0xffff;
            case TDBAL -> tdba = (tdba & ~0xffff_ffffL) | (value & 0xffff_fff0L);
            case TDBAH -> tdba = (tdba & 0xffff_ffffL) | (value << 32);
            case TDLEN -> tdlen = v & 0xfff80;
            case TDH -> {
                tdh = v & 0xffff;
                tdtWrites.clear();
                txAvailable = txFetchedCount + tx_outstanding();
            }
            case TDT -> {
                tdt = v & 0xffff;
                long available = txFetchedCount + tx_outstanding();
                if (available > txAvailable) {
                    tdtWrites.addLast(new long[] {available, now.getAsLong()});
                }
                txAvailable = available;
                start_xmit();
            }
            default -> { }
        }
    }

    private int status() {
        int speed = linkBitsPerSecond >= 1000 * Wire.Config.MBPS ? STATUS_SPEED_1000
                : linkBitsPerSecond >= 100 * Wire.Config.MBPS ? STATUS_SPEED_100 : STATUS_SPEED_10;
        return STATUS_FIXED | speed | (carrier ? STATUS_LU : 0);
    }

    /** Power-on and CTRL.RST: registers to their defaults, RA[0] from the EEPROM, the rings forgotten. */
    private void reset() {
        generation++;
        ctrl = CTRL_INIT;
        ims = 0;
        rctl = 0;
        tctl = 0;
        tdba = rdba = 0;
        tdlen = tdh = tdt = rdlen = rdh = rdt = 0;
        java.util.Arrays.fill(ra, 0);
        java.util.Arrays.fill(mta, 0);
        ra[0] = (int) mac_le(mac);
        ra[1] = (int) (mac_le(mac) >>> 32) | RAH_AV;
        mpc = gprc = bprc = mprc = gptc = rnbc = roc = tpr = tpt = 0;
        gorc = gotc = tor = tot = 0;
        txBusy = false;
        txSize = 0;
        txFetched.clear();
        tdtWrites.clear();
        txAvailable = txFetchedCount = 0;
        set_interrupt_cause(0);
    }

    /** The address as the RA registers hold it: first byte lowest. */
    private static long mac_le(long mac) {
        long le = 0;
        for (int i = 0; i < 6; i++) {
            le |= ((mac >>> (40 - 8 * i)) & 0xff) << (8 * i);
        }
        return le;
    }

    // ---------------------------------------------------------------- interrupts

    private void set_interrupt_cause(int value) {
        icr = value;
        update_irq();
    }

    private void set_ics(int causes) {
        set_interrupt_cause(icr | causes);
    }

    /** The line follows ICR & IMS; when it rises, the controller hears of it at the next instant between slices. */
    private void update_irq() {
        boolean level = (icr & ims) != 0;
        if (level && !asserted && raising == null) {
            raising = events.schedule(now.getAsLong(), () -> {
                raising = null;
                if (asserted) {
                    irqs.raise(irq, 0);
                }
            });
        }
        asserted = level;
    }

    // ---------------------------------------------------------------- the cable

    @Override
    public EventQueue events() {
        return events;
    }

    @Override
    public void connect(Wire.Port wirePort) {
        this.port = wirePort;
    }

    @Override
    public void carrier(boolean up, long bitsPerSecond) {
        int before = status();
        carrier = up;
        linkBitsPerSecond = bitsPerSecond;
        if (status() != before) {
            set_ics(ICR_LSC);
        }
    }

    // ---------------------------------------------------------------- transmit

    private int tx_ring_size() {
        return tdlen / DESC_SIZE;
    }

    /** Descriptors handed over and not fetched yet: TDH up to TDT. */
    private int tx_outstanding() {
        int ring = tx_ring_size();
        return ring == 0 || tdh >= ring ? 0 : Math.floorMod(tdt - tdh, ring);
    }

    /** The transmitter wakes (TDT or TCTL written) if it is idle, enabled, and has descriptors. */
    private void start_xmit() {
        if (txBusy || (tctl & TCTL_EN) == 0 || tdh == tdt || tdh >= tx_ring_size()) {
            return;
        }
        txBusy = true;
        txClock = Math.max(txClock, now.getAsLong());
        int gen = generation;
        events.schedule(now.getAsLong(), () -> {
            if (gen == generation) {
                e1000_tx();
            }
        });
    }

    /** Fetches descriptors from TDH until a packet is complete and puts it on the line. */
    private void e1000_tx() {
        int ring = tx_ring_size();
        while ((tctl & TCTL_EN) != 0 && tdh != tdt && tdh < ring) {
            long desc = tdba + (long) DESC_SIZE * tdh;
            tdh = (tdh + 1) % ring;
            txFetched.add(desc);
            // the packet cannot start before its last descriptor was handed over
            txClock = Math.max(txClock, handed_over(txFetchedCount++));
            if (process_tx_desc(desc)) {
                transmit_frame();
                return;
            }
        }
        txBusy = false;
        if (txSize == 0 && !txFetched.isEmpty()) {
            // only descriptors without data (contexts): they are done at once
            set_ics(txdesc_writeback());
        }
    }

    /** When the descriptor fetched as number {@code n} since the ring was set up was handed to the device. */
    private long handed_over(long n) {
        while (!tdtWrites.isEmpty() && tdtWrites.peekFirst()[0] <= n) {
            tdtWrites.pollFirst();
        }
        return tdtWrites.isEmpty() ? txClock : tdtWrites.peekFirst()[1];
    }

    /** One descriptor: its buffer joins the packet; true when it ends the packet (EOP). */
    private boolean process_tx_desc(long desc) {
        if (!in_ram(desc, DESC_SIZE)) {
            return false;
        }
        int lower = ram.read32(desc + 8);
        int cmd = lower >>> 24;
        boolean dext = (cmd & TXD_CMD_DEXT) != 0;
        boolean dataDesc = !dext || ((lower >>> 20) & 0xf) == 1;
        if (!dataDesc) {
            return false;
        }
        int len = dext ? lower & 0xfffff : lower & 0xffff;
        len = Math.min(len, TX_MAX - txSize);
        long addr = ram.read64(desc);
        if (len > 0 && in_ram(addr, len)) {
            ram.dma_read(addr, txBuf, txSize, len);
            txSize += len;
        }
        return (cmd & TXD_CMD_EOP) != 0;
    }

    /**
     * The gathered packet goes on the line at the transmitter's time; its descriptors are written
     * back when its last bit is out (an event, taken once the machine is there).
     */
    private void transmit_frame() {
        int len = txSize;
        if ((tctl & TCTL_PSP) != 0 && len < Wire.ETH_ZLEN) {
            java.util.Arrays.fill(txBuf, len, Wire.ETH_ZLEN, (byte) 0);
            len = Wire.ETH_ZLEN;
        }
        byte[] frame = java.util.Arrays.copyOf(txBuf, len);
        txSize = 0;
        long done = txClock + Wire.frame_time_ns(len, linkBitsPerSecond);
        txClock = done;
        if (carrier && port != null) {
            port.transmit(frame, done);
        }
        framesSent++;
        tpt = inc(tpt);
        gptc = inc(gptc);
        tot += len + Wire.FCS_LEN;
        gotc += len + Wire.FCS_LEN;
        int gen = generation;
        events.schedule(done, () -> {
            if (gen == generation) {
                tx_done();
            }
        });
    }

    /** The frame has left: DD for its descriptors, TXDW (TXQE if the ring is empty), and the next packet. */
    private void tx_done() {
        int cause = txdesc_writeback();
        if (tdh == tdt) {
            cause |= ICR_TXQE;
        }
        set_ics(cause);
        e1000_tx();
    }

    /** DD into the status byte of each fetched descriptor with RS or RPS; TXDW if any. */
    private int txdesc_writeback() {
        int cause = 0;
        for (long desc : txFetched) {
            if (!in_ram(desc, DESC_SIZE)) {
                continue;
            }
            int cmd = ram.read8(desc + 11);
            if ((cmd & (TXD_CMD_RS | TXD_CMD_RPS)) != 0) {
                ram.write8(desc + 12, ram.read8(desc + 12) | TXD_STAT_DD);
                cause = ICR_TXDW;
            }
        }
        txFetched.clear();
        return cause;
    }

    // ---------------------------------------------------------------- receive

    private int rx_ring_size() {
        return rdlen / DESC_SIZE;
    }

    /** RCTL.BSIZE (with BSEX): the size of every receive buffer. */
    int rxbufsize() {
        int sz = rctl & (RCTL_BSEX | RCTL_SZ_256);
        return switch (sz) {
            case RCTL_BSEX | RCTL_SZ_1024 -> 16384;
            case RCTL_BSEX | RCTL_SZ_512 -> 8192;
            case RCTL_BSEX | RCTL_SZ_256 -> 4096;
            case RCTL_SZ_1024 -> 1024;
            case RCTL_SZ_512 -> 512;
            case RCTL_SZ_256 -> 256;
            default -> 2048;
        };
    }

    /** Descriptors the driver has given the device: RDH up to (not including) RDT. */
    private int rx_available() {
        int ring = rx_ring_size();
        if (ring == 0 || rdh >= ring) {
            return 0;
        }
        return rdt >= rdh ? rdt - rdh : ring - rdh + rdt;
    }

    @Override
    public void frame_arrived(byte[] frame) {
        e1000_receive(frame);
    }

    /** A frame from the wire: filtered, then into the ring (or missed), then RXT0. */
    void e1000_receive(byte[] frame) {
        if (!carrier || (rctl & RCTL_EN) == 0) {
            return;
        }
        int size = Math.max(frame.length, Wire.ETH_ZLEN);
        if (size > ((rctl & RCTL_LPE) != 0 ? MAXIMUM_ETHERNET_LPE_SIZE : MAXIMUM_ETHERNET_VLAN_SIZE)) {
            roc = inc(roc);
            return;
        }
        if (!receive_filter(frame)) {
            return;
        }
        int fcs = (rctl & RCTL_SECRC) != 0 ? 0 : Wire.FCS_LEN;
        int total = size + fcs;
        if (!e1000_has_rxbufs(total)) {
            e1000_receiver_overrun();
            return;
        }
        byte[] data = java.util.Arrays.copyOf(frame, total);
        if (fcs != 0) {
            CRC32 crc = new CRC32();
            crc.update(data, 0, size);
            long v = crc.getValue();
            for (int i = 0; i < 4; i++) {
                data[size + i] = (byte) (v >>> (8 * i));
            }
        }
        int ring = rx_ring_size();
        int rdhStart = rdh;
        int offset = 0;
        do {
            long desc = rdba + (long) DESC_SIZE * rdh;
            if (!in_ram(desc, DESC_SIZE)) {
                return;
            }
            long addr = ram.read64(desc);
            int status = RXD_STAT_DD;
            if (addr != 0) {
                int n = Math.min(total - offset, rxbufsize());
                if (in_ram(addr, n)) {
                    ram.dma_write(addr, data, offset, n);
                }
                offset += n;
                ram.write16(desc + 8, n);
                if (offset >= total) {
                    status |= RXD_STAT_EOP | RXD_STAT_IXSM;
                }
            }
            ram.write16(desc + 10, 0);
            ram.write8(desc + 12, status);
            ram.write8(desc + 13, 0);
            ram.write16(desc + 14, 0);
            rdh = (rdh + 1) % ring;
            if (rdh == rdhStart) {
                e1000_receiver_overrun();
                return;
            }
        } while (offset < total);
        framesReceived++;
        tpr = inc(tpr);
        gprc = inc(gprc);
        if ((frame[0] & 1) != 0) {
            if (Wire.mac_at(frame, 0) == 0xffff_ffff_ffffL) {
                bprc = inc(bprc);
            } else {
                mprc = inc(mprc);
            }
        }
        tor += size + Wire.FCS_LEN;
        gorc += size + Wire.FCS_LEN;
        int cause = ICR_RXT0;
        int shift = ((rctl >>> RCTL_RDMTS_SHIFT) & 3) + 1;
        if (rx_available() * DESC_SIZE <= rdlen >> shift) {
            cause |= ICR_RXDMT0;
        }
        set_ics(cause);
    }

    /** Whether the descriptors the driver gave hold {@code total} bytes. */
    private boolean e1000_has_rxbufs(int total) {
        return (long) rx_available() * rxbufsize() >= total;
    }

    /** No room for the frame: it is missed. */
    private void e1000_receiver_overrun() {
        rnbc = inc(rnbc);
        mpc = inc(mpc);
        set_ics(ICR_RXO);
    }

    /** Promiscuous modes, broadcast, the exact addresses (RA with AV), then the multicast hash (MTA). */
    private boolean receive_filter(byte[] frame) {
        if ((rctl & RCTL_UPE) != 0) {
            return true;
        }
        boolean multicast = (frame[0] & 1) != 0;
        if (multicast && (rctl & RCTL_MPE) != 0) {
            return true;
        }
        long dst = Wire.mac_at(frame, 0);
        if (dst == 0xffff_ffff_ffffL && (rctl & RCTL_BAM) != 0) {
            return true;
        }
        long le = mac_le(dst);
        for (int i = 0; i < ra.length; i += 2) {
            if ((ra[i + 1] & RAH_AV) != 0 && (ra[i] & 0xffff_ffffL) == (le & 0xffff_ffffL)
                    && (ra[i + 1] & 0xffff) == (int) (le >>> 32)) {
                return true;
            }
        }
        int[] mtaShift = {4, 3, 2, 0};
        int f = mtaShift[(rctl >>> RCTL_MO_SHIFT) & 3];
        f = ((((frame[5] & 0xff) << 8) | (frame[4] & 0xff)) >>> f) & 0xfff;
        return (mta[f >>> 5] & (1 << (f & 0x1f))) != 0;
    }

    // ---------------------------------------------------------------- helpers

    /** A 32-bit statistics counter stops at its maximum. */
    private static int inc(int counter) {
        return counter == -1 ? counter : counter + 1;
    }

    /** DMA only reaches RAM; a descriptor or buffer anywhere else is skipped. */
    private boolean in_ram(long pa, int len) {
        return ram.contains(pa) && ram.contains(pa + Math.max(len, 1) - 1);
    }

    /** Frames put on the line since power-on (not reset by reads, for the board's tests and reports). */
    public long frames_sent() {
        return framesSent;
    }

    /** Frames written into the receive ring since power-on. */
    public long frames_received() {
        return framesReceived;
    }
}
