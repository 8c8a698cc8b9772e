package org.jstap.sim.hw;

/**
 * The 82540EM's serial EEPROM, a 93C46 of 64 16-bit words, with the contents QEMU's e1000 puts
 * there (the 8254x manual's tables 5-2 and 5-3): the MAC address in words 0-2, the PCI device and
 * vendor IDs, and a checksum word that makes all 64 add up to {@link #EEPROM_SUM}. A driver reads
 * it in one of two ways, as the e1000 exposes both: bit by bit with the Microwire protocol on the
 * EECD register's pins (what Linux's e1000_read_eeprom does on this chip), or a word at a time
 * through EERD.
 */
final class E1000Eeprom {
    /** EECD bits: clock, chip select, data in and out, request and grant, present. */
    static final int EECD_SK = 0x01;
    static final int EECD_CS = 0x02;
    static final int EECD_DI = 0x04;
    static final int EECD_DO = 0x08;
    static final int EECD_FWE_MASK = 0x30;
    static final int EECD_REQ = 0x40;
    static final int EECD_GNT = 0x80;
    static final int EECD_PRES = 0x100;
    /** EERD: start a read, read done, where the word address and the data sit. */
    static final int EERD_START = 0x1;
    static final int EERD_DONE = 0x10;
    static final int EERD_ADDR_SHIFT = 8;
    static final int EERD_DATA_SHIFT = 16;
    /** The Microwire READ opcode (110b: start bit and 10). */
    static final int EEPROM_READ_OPCODE_MICROWIRE = 0x6;
    static final int WORDS = 64;
    /** The last word, which makes the sum of all come to EEPROM_SUM. */
    static final int EEPROM_CHECKSUM_REG = 0x3f;
    static final int EEPROM_SUM = 0xBABA;
    /** PCI IDs of the 82540EM, the model QEMU's e1000 presents. */
    static final int E1000_DEV_ID_82540EM = 0x100E;
    static final int PCI_VENDOR_ID_INTEL = 0x8086;

    private static final int[] TEMPLATE = {
        0x0000, 0x0000, 0x0000, 0x0000, 0xffff, 0x0000, 0x0000, 0x0000,
        0x3000, 0x1000, 0x6403, E1000_DEV_ID_82540EM, 0x8086, E1000_DEV_ID_82540EM, 0x8086, 0x3040,
        0x0008, 0x2000, 0x7e14, 0x0048, 0x1000, 0x00d8, 0x0000, 0x2700,
        0x6cc9, 0x3150, 0x0722, 0x040b, 0x0984, 0x0000, 0xc000, 0x0706,
        0x1008, 0x0000, 0x0f04, 0x7fff, 0x4d01, 0xffff, 0xffff, 0xffff,
        0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff,
        0x0100, 0x4000, 0x121c, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff,
        0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0x0000,
    };

    private final int[] data = TEMPLATE.clone();
    /** The Microwire state: bits clocked in, the output bit position, whether a READ is running. */
    private int oldEecd;
    private int valIn;
    private int bitnumIn;
    private int bitnumOut;
    private boolean reading;
    private int eerd;

    /** @param mac the six address bytes in wire order, in the low 48 bits (first byte highest) */
    E1000Eeprom(long mac) {
        for (int i = 0; i < 3; i++) {
            int lo = (int) (mac >>> (40 - 16 * i)) & 0xff;
            int hi = (int) (mac >>> (32 - 16 * i)) & 0xff;
            data[i] = lo | hi << 8;
        }
        int sum = 0;
        for (int i = 0; i < EEPROM_CHECKSUM_REG; i++) {
            sum += data[i];
        }
        data[EEPROM_CHECKSUM_REG] = (EEPROM_SUM - sum) & 0xffff;
    }

    int word(int index) {
        return data[index];
    }

    /** EECD as read: present, access granted, the pins as last written, and DO from the shift register. */
    int read_eecd() {
        int ret = EECD_PRES | EECD_GNT | oldEecd;
        if (!reading || ((data[(bitnumOut >> 4) & 0x3f] >> ((bitnumOut & 0xf) ^ 0xf)) & 1) != 0) {
            ret |= EECD_DO;
        }
        return ret;
    }

    /**
     * A write to EECD moves the pins: chip select rising starts a command, each rising clock edge
     * shifts DI in (start bit, opcode, 6 address bits), each falling edge moves the output to the
     * next data bit, most significant first.
     */
    void write_eecd(int val) {
        int oldval = oldEecd;
        oldEecd = val & (EECD_SK | EECD_CS | EECD_DI | EECD_FWE_MASK | EECD_REQ);
        if ((val & EECD_CS) == 0) {
            return;
        }
        if (((val ^ oldval) & EECD_CS) != 0) {
            valIn = 0;
            bitnumIn = 0;
            bitnumOut = 0;
            reading = false;
        }
        if (((val ^ oldval) & EECD_SK) == 0) {
            return;
        }
        if ((val & EECD_SK) == 0) {
            bitnumOut++;
            return;
        }
        valIn = valIn << 1 | ((val & EECD_DI) != 0 ? 1 : 0);
        if (++bitnumIn == 9 && !reading) {
            bitnumOut = ((valIn & 0x3f) << 4) - 1;
            reading = ((valIn >> 6) & 7) == EEPROM_READ_OPCODE_MICROWIRE;
        }
    }

    /** EERD as read: once started, the word at the address with DONE set (DONE alone past the end). */
    int read_eerd() {
        if ((eerd & EERD_START) == 0) {
            return eerd;
        }
        int r = eerd & ~EERD_START;
        int index = r >>> EERD_ADDR_SHIFT;
        if (index > EEPROM_CHECKSUM_REG) {
            return EERD_DONE | r;
        }
        return data[index] << EERD_DATA_SHIFT | EERD_DONE | r;
    }

    void write_eerd(int val) {
        eerd = val;
    }
}
