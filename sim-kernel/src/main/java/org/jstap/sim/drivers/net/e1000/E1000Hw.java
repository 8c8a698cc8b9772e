package org.jstap.sim.drivers.net.e1000;

import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.Io;
import org.jstap.sim.hw.E1000;
import org.jstap.sim.kernel.LinuxFile;

/**
 * drivers/net/ethernet/intel/e1000/e1000_hw.c (and the parts of e1000_hw.h it needs): struct
 * e1000_hw, the MAC as the shared code sees it, and the functions that work it through its
 * registers: the global reset ({@link #e1000_reset_hw}), the setup that follows
 * ({@link #e1000_init_hw}: receive addresses, multicast table, link and flow control, counters),
 * the serial EEPROM read bit by bit over EECD as on every 8254x before the 82541
 * ({@link #e1000_read_eeprom}), its checksum and the MAC address in it, and the link state.
 *
 * <p>Register offsets and the bits the emulated device shares with the driver are
 * {@link org.jstap.sim.hw.E1000}'s; the bits below are the ones only the driver names. What the
 * board does not have is left out rather than pretended: there is no PHY behind MDIC, so the
 * link comes from STATUS.LU and flow control is forced on the MAC as the EEPROM asks
 * ({@link #e1000_force_mac_fc}) instead of being negotiated; the Microwire clock delays
 * (udelay(50) per edge, a quarter of a second per boot) are not charged, since the emulated
 * EEPROM settles at once.
 *
 * <pre>{@code
 * E1000Hw hw = new E1000Hw(kernel, io, Mmio.E1000_BASE);
 * hw.e1000_set_mac_type();
 * hw.e1000_init_eeprom_params();
 * hw.e1000_reset_hw();
 * if (hw.e1000_validate_eeprom_checksum() == 0) hw.e1000_read_mac_addr();
 * }</pre>
 */
@LinuxFile("drivers/net/ethernet/intel/e1000/e1000_hw.c")
public final class E1000Hw {
    /** Error codes of the shared code (returned negated). */
    public static final int E1000_SUCCESS = 0;
    public static final int E1000_ERR_EEPROM = 1;
    public static final int E1000_ERR_CONFIG = 3;
    public static final int E1000_ERR_MAC_TYPE = 5;

    /** PCI identity of the board's controller (QEMU's {@code -device e1000}). */
    public static final int PCI_VENDOR_ID_INTEL = 0x8086;
    public static final int E1000_DEV_ID_82540EM = 0x100E;

    /** enum e1000_mac_type, the members this driver tells apart. */
    public static final int e1000_undefined = 0;
    public static final int e1000_82540 = 6;

    /** enum e1000_fc_type: flow control wanted (hw->fc). */
    public static final int E1000_FC_NONE = 0;
    public static final int E1000_FC_RX_PAUSE = 1;
    public static final int E1000_FC_TX_PAUSE = 2;
    public static final int E1000_FC_FULL = 3;
    public static final int E1000_FC_DEFAULT = 0xFF;

    /** enum e1000_bus_type/speed/width, as e1000_get_bus_info finds them in STATUS. */
    public static final int e1000_bus_type_pci = 1;
    public static final int e1000_bus_type_pcix = 2;

    /** Link speed and duplex (SPEED_*, FULL_DUPLEX) as ethtool reports them. */
    public static final int SPEED_10 = 10;
    public static final int SPEED_100 = 100;
    public static final int SPEED_1000 = 1000;
    public static final int HALF_DUPLEX = 1;
    public static final int FULL_DUPLEX = 2;

    /** CTRL bits the device keeps but does not act on: flow control enables, forced speed/duplex. */
    static final int E1000_CTRL_FRCSPD = 0x0000_0800;
    static final int E1000_CTRL_FRCDPX = 0x0000_1000;
    static final int E1000_CTRL_RFCE = 0x0800_0000;
    static final int E1000_CTRL_TFCE = 0x1000_0000;
    /** STATUS: 66 MHz bus, 64-bit bus, PCI-X mode. */
    static final int E1000_STATUS_PCI66 = 0x0000_0800;
    static final int E1000_STATUS_BUS64 = 0x0000_1000;
    static final int E1000_STATUS_PCIX_MODE = 0x0000_2000;
    /** EECD: the EEPROM's pins, the software request and grant, and its size strap. */
    static final int E1000_EECD_SK = 0x01;
    static final int E1000_EECD_CS = 0x02;
    static final int E1000_EECD_DI = 0x04;
    static final int E1000_EECD_DO = 0x08;
    static final int E1000_EECD_REQ = 0x40;
    static final int E1000_EECD_GNT = 0x80;
    static final int E1000_EECD_SIZE = 0x200;
    /** How often e1000_acquire_eeprom looks for the grant. */
    static final int E1000_EEPROM_GRANT_ATTEMPTS = 1000;
    /** EEPROM words: the checksum word, the one with the pause bits, and the sum all must make. */
    static final int EEPROM_CHECKSUM_REG = 0x3F;
    static final int EEPROM_INIT_CONTROL2_REG = 0x0F;
    static final int EEPROM_SUM = 0xBABA;
    static final int EEPROM_WORD0F_PAUSE_MASK = 0x3000;
    static final int EEPROM_WORD0F_ASM_DIR = 0x2000;
    /** The Microwire READ opcode: start bit and 10. */
    static final int EEPROM_READ_OPCODE_MICROWIRE = 0x6;
    /** NODE_ADDRESS_SIZE: bytes of MAC address, 3 EEPROM words. */
    static final int NODE_ADDRESS_SIZE = 6;
    /** E1000_RAR_ENTRIES: receive address pairs (the 16th belongs to manageability); MTA words. */
    static final int E1000_RAR_ENTRIES = 15;
    static final int E1000_MC_TBL_SIZE = 128;
    /** ICR: receive sequence error (a link event on fibre, counted with LSC). */
    static final int E1000_ICR_RXSEQ = 0x08;
    /** TCTL: retransmit on late collision, collision threshold and distance. */
    static final int E1000_TCTL_CT = 0x0000_0ff0;
    static final int E1000_TCTL_COLD = 0x003f_f000;
    static final int E1000_TCTL_RTLC = 0x0100_0000;
    static final int E1000_CT_SHIFT = 4;
    static final int E1000_COLD_SHIFT = 12;
    static final int E1000_COLLISION_THRESHOLD = 15;
    static final int E1000_COLLISION_DISTANCE = 63;
    /** RCTL: store bad packets, VLAN filter, and the buffer size field's mask. */
    static final int E1000_RCTL_SBP = 0x0000_0004;
    static final int E1000_RCTL_VFE = 0x0004_0000;
    static final int E1000_RCTL_SZ_4096 = 0x0003_0000;

    /** struct e1000_eeprom_info: how to talk to the EEPROM. */
    public static final class EepromInfo {
        public boolean microwire;
        public int word_size;
        public int opcode_bits;
        public int address_bits;
        /** delay_usec: the clock's half period the part wants (not charged: see the class comment). */
        public int delay_usec;
    }

    private final Kernel kernel;
    private final Io io;
    /** hw_addr: where BAR0 is mapped. */
    public final long hw_addr;
    public int mac_type = e1000_undefined;
    public int device_id;
    public int vendor_id;
    public final EepromInfo eeprom = new EepromInfo();
    /** mac_addr: the address the receive filter uses; perm_mac_addr the EEPROM's. */
    public final byte[] mac_addr = new byte[NODE_ADDRESS_SIZE];
    public final byte[] perm_mac_addr = new byte[NODE_ADDRESS_SIZE];
    /** fc: flow control wanted now; original_fc what it was set to before a link changed it. */
    public int fc = E1000_FC_DEFAULT;
    public int original_fc = E1000_FC_DEFAULT;
    /** get_link_status: an LSC came and the link must be looked at again. */
    public boolean get_link_status;
    public boolean tbi_compatibility_on;
    public int bus_type;
    public int bus_speed;
    public int bus_width;
    /** max_frame_size: MTU plus Ethernet header and FCS. */
    public int max_frame_size;

    public E1000Hw(Kernel kernel, Io io, long hw_addr) {
        this.kernel = kernel;
        this.io = io;
        this.hw_addr = hw_addr;
    }

    // ---------------------------------------------------------------- e1000_osdep.h

    /** er32: readl of a register. */
    public int er32(int reg) {
        return io.readl(hw_addr + reg);
    }

    /** ew32: writel of a register. */
    public void ew32(int reg, int value) {
        io.writel(value, hw_addr + reg);
    }

    /** E1000_WRITE_REG_ARRAY: word {@code index} of a register array (RA, MTA). */
    void E1000_WRITE_REG_ARRAY(int reg, int index, int value) {
        ew32(reg + (index << 2), value);
    }

    /** E1000_WRITE_FLUSH: a read of STATUS, which makes posted writes reach the device first. */
    void E1000_WRITE_FLUSH() {
        er32(E1000.STATUS);
    }

    // ---------------------------------------------------------------- identity

    /** e1000_set_mac_type: the MAC family from the PCI device ID; 0, or -E1000_ERR_MAC_TYPE. */
    public int e1000_set_mac_type() {
        switch (device_id) {
            case E1000_DEV_ID_82540EM -> mac_type = e1000_82540;
            default -> {
                // should never have loaded on this device
                return -E1000_ERR_MAC_TYPE;
            }
        }
        return E1000_SUCCESS;
    }

    /**
     * e1000_get_bus_info: bus type, speed and width from STATUS (what the probe's
     * "(PCI:33MHz:32-bit)" line shows).
     */
    public void e1000_get_bus_info() {
        int status = er32(E1000.STATUS);
        bus_type = (status & E1000_STATUS_PCIX_MODE) != 0 ? e1000_bus_type_pcix : e1000_bus_type_pci;
        bus_speed = (status & E1000_STATUS_PCI66) != 0 ? 66 : 33;
        bus_width = (status & E1000_STATUS_BUS64) != 0 ? 64 : 32;
    }

    // ---------------------------------------------------------------- reset and setup

    /**
     * e1000_reset_hw: interrupts masked, receiver and transmitter stopped, then the global reset
     * (CTRL.RST, which the device clears itself) with the sleeps Linux takes around it (the
     * caller must be able to sleep), and the pending causes read away.
     */
    public int e1000_reset_hw() {
        // clear interrupt mask to stop board from generating interrupts
        ew32(E1000.IMC, 0xffff_ffff);
        // disable the transmit and receive units, then let pending transactions finish
        ew32(E1000.RCTL, 0);
        ew32(E1000.TCTL, E1000.TCTL_PSP);
        E1000_WRITE_FLUSH();
        tbi_compatibility_on = false;
        kernel.sched().msleep(10);
        int ctrl = er32(E1000.CTRL);
        // the 82540 cannot ack the 64-bit write of the reset: Linux issues it through I/O space
        ew32(E1000.CTRL, ctrl | E1000.CTRL_RST);
        // wait for the EEPROM reload that follows the reset
        kernel.sched().msleep(5);
        ew32(E1000.IMC, 0xffff_ffff);
        er32(E1000.ICR);
        return E1000_SUCCESS;
    }

    /**
     * e1000_init_hw: after a reset: RAR[0] gets mac_addr and the other receive addresses and the
     * multicast table are cleared, the link and flow control are set up, and the statistics
     * (clear-on-read) are read to zero.
     */
    public int e1000_init_hw() {
        e1000_init_rx_addrs();
        for (int i = 0; i < E1000_MC_TBL_SIZE; i++) {
            E1000_WRITE_REG_ARRAY(E1000.MTA, i, 0);
            E1000_WRITE_FLUSH();
        }
        int ret_val = e1000_setup_link();
        e1000_clear_hw_cntrs();
        return ret_val;
    }

    /** e1000_init_rx_addrs: the station address in RAR[0], RAR[1-14] cleared. */
    void e1000_init_rx_addrs() {
        e1000_rar_set(mac_addr, 0);
        for (int i = 1; i < E1000_RAR_ENTRIES; i++) {
            E1000_WRITE_REG_ARRAY(E1000.RA, i << 1, 0);
            E1000_WRITE_FLUSH();
            E1000_WRITE_REG_ARRAY(E1000.RA, (i << 1) + 1, 0);
            E1000_WRITE_FLUSH();
        }
    }

    /** e1000_rar_set: receive address {@code index} becomes {@code addr}, marked valid. */
    public void e1000_rar_set(byte[] addr, int index) {
        int rar_low = (addr[0] & 0xff) | (addr[1] & 0xff) << 8 | (addr[2] & 0xff) << 16 | (addr[3] & 0xff) << 24;
        int rar_high = (addr[4] & 0xff) | (addr[5] & 0xff) << 8;
        rar_high |= E1000.RAH_AV;
        E1000_WRITE_REG_ARRAY(E1000.RA, index << 1, rar_low);
        E1000_WRITE_FLUSH();
        E1000_WRITE_REG_ARRAY(E1000.RA, (index << 1) + 1, rar_high);
        E1000_WRITE_FLUSH();
    }

    /**
     * e1000_setup_link: flow control as the EEPROM's word 0x0F asks when nobody chose (fc
     * default), remembered in original_fc; then the copper link: CTRL.SLU with speed and duplex
     * left to the PHY, and, with no PHY to negotiate pause frames with, the flow control forced
     * on the MAC.
     */
    int e1000_setup_link() {
        if (fc == E1000_FC_DEFAULT) {
            int[] eeprom_data = new int[1];
            if (e1000_read_eeprom(EEPROM_INIT_CONTROL2_REG, 1, eeprom_data) < 0) {
                return -E1000_ERR_EEPROM;
            }
            if ((eeprom_data[0] & EEPROM_WORD0F_PAUSE_MASK) == 0) {
                fc = E1000_FC_NONE;
            } else if ((eeprom_data[0] & EEPROM_WORD0F_PAUSE_MASK) == EEPROM_WORD0F_ASM_DIR) {
                fc = E1000_FC_TX_PAUSE;
            } else {
                fc = E1000_FC_FULL;
            }
        }
        original_fc = fc;
        // e1000_copper_link_preconfig: the MAC takes speed and duplex from the PHY
        int ctrl = er32(E1000.CTRL);
        ctrl |= E1000.CTRL_SLU;
        ctrl &= ~(E1000_CTRL_FRCSPD | E1000_CTRL_FRCDPX);
        ew32(E1000.CTRL, ctrl);
        return e1000_force_mac_fc();
    }

    /** e1000_force_mac_fc: CTRL's RFCE/TFCE as hw->fc says; 0, or -E1000_ERR_CONFIG for a bad setting. */
    public int e1000_force_mac_fc() {
        int ctrl = er32(E1000.CTRL);
        switch (fc) {
            case E1000_FC_NONE -> ctrl &= ~(E1000_CTRL_TFCE | E1000_CTRL_RFCE);
            case E1000_FC_RX_PAUSE -> {
                ctrl &= ~E1000_CTRL_TFCE;
                ctrl |= E1000_CTRL_RFCE;
            }
            case E1000_FC_TX_PAUSE -> {
                ctrl &= ~E1000_CTRL_RFCE;
                ctrl |= E1000_CTRL_TFCE;
            }
            case E1000_FC_FULL -> ctrl |= E1000_CTRL_TFCE | E1000_CTRL_RFCE;
            default -> {
                return -E1000_ERR_CONFIG;
            }
        }
        ew32(E1000.CTRL, ctrl);
        return E1000_SUCCESS;
    }

    /** e1000_clear_hw_cntrs: every statistics register read once, which zeroes it (low halves first). */
    void e1000_clear_hw_cntrs() {
        for (int reg : new int[] {E1000.MPC, E1000.GPRC, E1000.BPRC, E1000.MPRC, E1000.GPTC, E1000.GORCL,
            E1000.GORCH, E1000.GOTCL, E1000.GOTCH, E1000.RNBC, E1000.ROC, E1000.TORL, E1000.TORH, E1000.TOTL,
            E1000.TOTH, E1000.TPR, E1000.TPT}) {
            er32(reg);
        }
    }

    // ---------------------------------------------------------------- link

    /**
     * e1000_check_for_link: after an LSC, whether the link is up again; with no PHY to ask,
     * STATUS.LU says. get_link_status stays set while it is down.
     */
    public int e1000_check_for_link() {
        if ((er32(E1000.STATUS) & E1000.STATUS_LU) != 0) {
            get_link_status = false;
        }
        return E1000_SUCCESS;
    }

    /** e1000_get_speed_and_duplex: {speed, duplex} from STATUS. */
    public int[] e1000_get_speed_and_duplex() {
        int status = er32(E1000.STATUS);
        int speed;
        if ((status & E1000.STATUS_SPEED_1000) != 0) {
            speed = SPEED_1000;
        } else if ((status & E1000.STATUS_SPEED_100) != 0) {
            speed = SPEED_100;
        } else {
            speed = SPEED_10;
        }
        int duplex = (status & E1000.STATUS_FD) != 0 ? FULL_DUPLEX : HALF_DUPLEX;
        return new int[] {speed, duplex};
    }

    // ---------------------------------------------------------------- the EEPROM

    /** e1000_init_eeprom_params: an 82540's EEPROM is a Microwire part of 64 words, or 256 if EECD says so. */
    public int e1000_init_eeprom_params() {
        int eecd = er32(E1000.EECD);
        switch (mac_type) {
            case e1000_82540 -> {
                eeprom.microwire = true;
                eeprom.opcode_bits = 3;
                eeprom.delay_usec = 50;
                if ((eecd & E1000_EECD_SIZE) != 0) {
                    eeprom.word_size = 256;
                    eeprom.address_bits = 8;
                } else {
                    eeprom.word_size = 64;
                    eeprom.address_bits = 6;
                }
            }
            default -> {
                return -E1000_ERR_EEPROM;
            }
        }
        return E1000_SUCCESS;
    }

    /** e1000_raise_ee_clk: SK high (the part samples DI, or shifts DO out). */
    private int e1000_raise_ee_clk(int eecd) {
        eecd |= E1000_EECD_SK;
        ew32(E1000.EECD, eecd);
        E1000_WRITE_FLUSH();
        return eecd;
    }

    /** e1000_lower_ee_clk: SK low. */
    private int e1000_lower_ee_clk(int eecd) {
        eecd &= ~E1000_EECD_SK;
        ew32(E1000.EECD, eecd);
        E1000_WRITE_FLUSH();
        return eecd;
    }

    /** e1000_shift_out_ee_bits: the low {@code count} bits of {@code data} to the part, most significant first, on DI. */
    void e1000_shift_out_ee_bits(int data, int count) {
        int mask = 1 << (count - 1);
        int eecd = er32(E1000.EECD);
        eecd &= ~E1000_EECD_DO;
        do {
            eecd &= ~E1000_EECD_DI;
            if ((data & mask) != 0) {
                eecd |= E1000_EECD_DI;
            }
            ew32(E1000.EECD, eecd);
            E1000_WRITE_FLUSH();
            eecd = e1000_raise_ee_clk(eecd);
            eecd = e1000_lower_ee_clk(eecd);
            mask >>>= 1;
        } while (mask != 0);
        // DI is left low
        eecd &= ~E1000_EECD_DI;
        ew32(E1000.EECD, eecd);
    }

    /** e1000_shift_in_ee_bits: {@code count} bits from the part's DO, one per rising clock. */
    int e1000_shift_in_ee_bits(int count) {
        int eecd = er32(E1000.EECD);
        eecd &= ~(E1000_EECD_DO | E1000_EECD_DI);
        int data = 0;
        for (int i = 0; i < count; i++) {
            data <<= 1;
            eecd = e1000_raise_ee_clk(eecd);
            eecd = er32(E1000.EECD);
            eecd &= ~E1000_EECD_DI;
            if ((eecd & E1000_EECD_DO) != 0) {
                data |= 1;
            }
            eecd = e1000_lower_ee_clk(eecd);
        }
        return data;
    }

    /** e1000_acquire_eeprom: request the pins from the hardware (REQ until GNT), then select the part; 0 or -E1000_ERR_EEPROM. */
    int e1000_acquire_eeprom() {
        int eecd = er32(E1000.EECD);
        eecd |= E1000_EECD_REQ;
        ew32(E1000.EECD, eecd);
        eecd = er32(E1000.EECD);
        for (int i = 0; (eecd & E1000_EECD_GNT) == 0 && i < E1000_EEPROM_GRANT_ATTEMPTS; i++) {
            eecd = er32(E1000.EECD);
        }
        if ((eecd & E1000_EECD_GNT) == 0) {
            eecd &= ~E1000_EECD_REQ;
            ew32(E1000.EECD, eecd);
            return -E1000_ERR_EEPROM;
        }
        // clear SK and DI, then set CS
        eecd &= ~(E1000_EECD_DI | E1000_EECD_SK);
        ew32(E1000.EECD, eecd);
        eecd |= E1000_EECD_CS;
        ew32(E1000.EECD, eecd);
        return E1000_SUCCESS;
    }

    /** e1000_standby_eeprom: deselect and reselect the part between words (CS low, clock, CS high, clock low). */
    void e1000_standby_eeprom() {
        int eecd = er32(E1000.EECD);
        eecd &= ~(E1000_EECD_CS | E1000_EECD_SK);
        ew32(E1000.EECD, eecd);
        E1000_WRITE_FLUSH();
        eecd |= E1000_EECD_SK;
        ew32(E1000.EECD, eecd);
        E1000_WRITE_FLUSH();
        eecd |= E1000_EECD_CS;
        ew32(E1000.EECD, eecd);
        E1000_WRITE_FLUSH();
        eecd &= ~E1000_EECD_SK;
        ew32(E1000.EECD, eecd);
        E1000_WRITE_FLUSH();
    }

    /** e1000_release_eeprom: deselect with one more clock, and give the pins back (REQ low). */
    void e1000_release_eeprom() {
        int eecd = er32(E1000.EECD);
        eecd &= ~(E1000_EECD_CS | E1000_EECD_DI);
        ew32(E1000.EECD, eecd);
        eecd |= E1000_EECD_SK;
        ew32(E1000.EECD, eecd);
        E1000_WRITE_FLUSH();
        eecd &= ~E1000_EECD_SK;
        ew32(E1000.EECD, eecd);
        E1000_WRITE_FLUSH();
        eecd &= ~E1000_EECD_REQ;
        ew32(E1000.EECD, eecd);
    }

    /**
     * e1000_read_eeprom: {@code words} words from {@code offset} into {@code data}: for each, the
     * READ opcode and the address are clocked out and 16 bits in. 0, or -E1000_ERR_EEPROM for an
     * offset or count outside the part or when the grant does not come.
     */
    public int e1000_read_eeprom(int offset, int words, int[] data) {
        if (offset >= eeprom.word_size || words > eeprom.word_size - offset || words == 0) {
            return -E1000_ERR_EEPROM;
        }
        if (e1000_acquire_eeprom() != E1000_SUCCESS) {
            return -E1000_ERR_EEPROM;
        }
        for (int i = 0; i < words; i++) {
            e1000_shift_out_ee_bits(EEPROM_READ_OPCODE_MICROWIRE, eeprom.opcode_bits);
            e1000_shift_out_ee_bits(offset + i, eeprom.address_bits);
            data[i] = e1000_shift_in_ee_bits(16);
            e1000_standby_eeprom();
        }
        e1000_release_eeprom();
        return E1000_SUCCESS;
    }

    /** e1000_validate_eeprom_checksum: words 0 to 0x3F must add up to 0xBABA; 0 or -E1000_ERR_EEPROM. */
    public int e1000_validate_eeprom_checksum() {
        int checksum = 0;
        int[] eeprom_data = new int[1];
        for (int i = 0; i < EEPROM_CHECKSUM_REG + 1; i++) {
            if (e1000_read_eeprom(i, 1, eeprom_data) < 0) {
                return -E1000_ERR_EEPROM;
            }
            checksum += eeprom_data[0];
        }
        return (checksum & 0xffff) == EEPROM_SUM ? E1000_SUCCESS : -E1000_ERR_EEPROM;
    }

    /** e1000_read_mac_addr: perm_mac_addr from EEPROM words 0-2 (low byte first), and mac_addr the same. */
    public int e1000_read_mac_addr() {
        int[] eeprom_data = new int[1];
        for (int i = 0; i < NODE_ADDRESS_SIZE; i += 2) {
            if (e1000_read_eeprom(i >> 1, 1, eeprom_data) < 0) {
                return -E1000_ERR_EEPROM;
            }
            perm_mac_addr[i] = (byte) eeprom_data[0];
            perm_mac_addr[i + 1] = (byte) (eeprom_data[0] >>> 8);
        }
        System.arraycopy(perm_mac_addr, 0, mac_addr, 0, NODE_ADDRESS_SIZE);
        return E1000_SUCCESS;
    }
}
