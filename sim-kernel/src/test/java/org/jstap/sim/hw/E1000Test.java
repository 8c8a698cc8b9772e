package org.jstap.sim.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.jstap.sim.KernelConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The e1000 on a bare board, driven as a driver would: registers through the address map,
 * descriptors and buffers in RAM. Its far end is a test station on the same wire and event queue.
 */
class E1000Test {
    private static final long MAC0 = 0x5254_0012_3456L;
    private static final long PEER = 0x0200_0000_0001L;
    private static final long RING = Ram.BASE + 0x40_0000;

    private Hardware hw;
    private NicHarness nic;
    private Wire wire;
    private Peer peer;
    /** When the controller heard of an e1000 interrupt. */
    private final List<Long> irqs = new ArrayList<>();

    /** The other end of the cable: records what arrives, sends what the test asks. */
    private final class Peer implements Wire.Station {
        Wire.Port port;
        final List<Long> times = new ArrayList<>();
        final List<byte[]> frames = new ArrayList<>();

        @Override
        public EventQueue events() {
            return hw.events();
        }

        @Override
        public void connect(Wire.Port p) {
            port = p;
        }

        @Override
        public void frame_arrived(byte[] frame) {
            times.add(hw.now());
            frames.add(frame);
        }

        @Override
        public void carrier(boolean up, long bitsPerSecond) {
        }

        /** Sends a frame that starts now; returns when its last bit leaves. */
        long send(byte[] frame, long startNs) {
            long done = startNs + Wire.frame_time_ns(frame.length, wire.config().linkBitsPerSecond());
            port.transmit(frame, done);
            return done;
        }
    }

    @BeforeEach
    void board() {
        hw = new Hardware(new KernelConfig(1, 16, 0, "").withNic(0));
        hw.interruptController().install((irq, cpu) -> {
            assertEquals(Mmio.E1000_IRQ, irq);
            irqs.add(hw.now());
        });
        nic = new NicHarness(hw, RING, 8);
        wire = new Wire(Wire.Config.defaults());
        wire.attach(hw.nic());
        peer = new Peer();
        wire.attach(peer);
        nic.readl(E1000.ICR);
    }

    /** Lets the board's events run up to {@code deadline}. */
    private void runTo(long deadline) {
        while (hw.step(deadline)) {
            // events until the deadline
        }
    }

    // ---------------------------------------------------------------- EEPROM and reset

    /** e1000_read_eeprom on a Microwire part: acquire, READ opcode and address bit by bit, 16 data bits, release. */
    private int microwireRead(int address) {
        int eecd = nic.readl(E1000.EECD) | E1000Eeprom.EECD_REQ;
        nic.writel(E1000.EECD, eecd);
        assertTrue((nic.readl(E1000.EECD) & E1000Eeprom.EECD_GNT) != 0, "grant");
        eecd &= ~(E1000Eeprom.EECD_DI | E1000Eeprom.EECD_SK);
        nic.writel(E1000.EECD, eecd);
        eecd |= E1000Eeprom.EECD_CS;
        nic.writel(E1000.EECD, eecd);
        eecd = shiftOut(eecd, E1000Eeprom.EEPROM_READ_OPCODE_MICROWIRE, 3);
        eecd = shiftOut(eecd, address, 6);
        int data = 0;
        eecd &= ~(E1000Eeprom.EECD_DO | E1000Eeprom.EECD_DI);
        for (int i = 0; i < 16; i++) {
            data <<= 1;
            nic.writel(E1000.EECD, eecd | E1000Eeprom.EECD_SK);
            eecd = nic.readl(E1000.EECD) & ~E1000Eeprom.EECD_DI;
            if ((eecd & E1000Eeprom.EECD_DO) != 0) {
                data |= 1;
            }
            eecd &= ~E1000Eeprom.EECD_SK;
            nic.writel(E1000.EECD, eecd);
        }
        eecd &= ~(E1000Eeprom.EECD_CS | E1000Eeprom.EECD_DI | E1000Eeprom.EECD_REQ);
        nic.writel(E1000.EECD, eecd);
        return data;
    }

    private int shiftOut(int eecd, int data, int count) {
        for (int mask = 1 << (count - 1); mask != 0; mask >>= 1) {
            eecd &= ~E1000Eeprom.EECD_DI;
            if ((data & mask) != 0) {
                eecd |= E1000Eeprom.EECD_DI;
            }
            nic.writel(E1000.EECD, eecd);
            nic.writel(E1000.EECD, eecd | E1000Eeprom.EECD_SK);
            nic.writel(E1000.EECD, eecd);
        }
        eecd &= ~E1000Eeprom.EECD_DI;
        nic.writel(E1000.EECD, eecd);
        return eecd;
    }

    private int eerdRead(int address) {
        nic.writel(E1000.EERD, address << E1000Eeprom.EERD_ADDR_SHIFT | E1000Eeprom.EERD_START);
        int v = nic.readl(E1000.EERD);
        assertTrue((v & E1000Eeprom.EERD_DONE) != 0, "done");
        return v >>> E1000Eeprom.EERD_DATA_SHIFT;
    }

    @Test
    void eeprom_holdsTheMac_readBitByBitOrThroughEerd_andSumsToBaba() {
        int sum = 0;
        for (int w = 0; w < 64; w++) {
            int word = microwireRead(w);
            assertEquals(eerdRead(w), word, "word " + w);
            sum += word;
        }
        assertEquals(0xBABA, sum & 0xffff, "e1000_validate_eeprom_checksum");
        assertEquals(0x5452, microwireRead(0));
        assertEquals(0x1200, microwireRead(1));
        assertEquals(0x5634, microwireRead(2));
        assertEquals(0x100E, eerdRead(0x0d), "device ID: 82540EM");
        assertEquals(0x8086, eerdRead(0x0e), "vendor: Intel");
    }

    @Test
    void macOfHost_isQemusFirstAddressPlusTheIndex() {
        Hardware h3 = new Hardware(new KernelConfig(1, 16, 0, "").withNic(3));
        assertEquals("52:54:00:12:34:59", E1000.format_mac(h3.nic().mac()));
        NicHarness n3 = new NicHarness(h3, RING, 8);
        n3.writel(E1000.EERD, 2 << 8 | 1);
        assertEquals(0x5934, n3.readl(E1000.EERD) >>> 16);
        assertNull(new Hardware(new KernelConfig(1, 16, 0, "")).nic(), "no NIC unless configured");
        assertTrue(h3.mmio().iomem().contains("40000000-4001ffff : e1000\n"), h3.mmio().iomem());
    }

    @Test
    void reset_putsTheMacInRa0_withAddressValid() {
        nic.writel(E1000.RCTL, E1000.RCTL_EN);
        nic.writel(E1000.RA, 0);
        nic.writel(E1000.CTRL, nic.readl(E1000.CTRL) | E1000.CTRL_RST);
        assertEquals(0, nic.readl(E1000.CTRL) & E1000.CTRL_RST, "RST clears itself");
        assertEquals(0, nic.readl(E1000.RCTL));
        assertEquals(0x1200_5452, nic.readl(E1000.RA));
        assertEquals(0x8000_5634, nic.readl(E1000.RA + 4));
    }

    // ---------------------------------------------------------------- link

    @Test
    void status_showsLinkUpAtGigabit_andACableChangeSetsLsc() {
        int status = nic.readl(E1000.STATUS);
        assertEquals(E1000.STATUS_LU | E1000.STATUS_FD | E1000.STATUS_SPEED_1000,
                status & (E1000.STATUS_LU | E1000.STATUS_FD | 0xc0));
        nic.writel(E1000.IMS, E1000.ICR_LSC);
        wire.ports().get(0).set_plugged(false);
        assertEquals(0, nic.readl(E1000.STATUS) & E1000.STATUS_LU);
        runTo(1000);
        assertEquals(1, irqs.size());
        assertEquals(E1000.ICR_LSC, nic.readl(E1000.ICR));
        wire.ports().get(0).set_plugged(true);
        assertTrue((nic.readl(E1000.STATUS) & E1000.STATUS_LU) != 0);
        assertEquals(E1000.ICR_LSC, nic.readl(E1000.ICR));
    }

    // ---------------------------------------------------------------- interrupts

    @Test
    void icr_isReadToClear_imsMasks_andTheLineRisesAsAnEvent() {
        nic.writel(E1000.ICS, E1000.ICR_TXDW);
        runTo(100);
        assertEquals(List.of(), irqs, "masked: IMS is 0");
        nic.writel(E1000.IMS, E1000.ICR_TXDW | E1000.ICR_RXT0);
        assertEquals(E1000.ICR_TXDW | E1000.ICR_RXT0, nic.readl(E1000.IMS));
        assertEquals(List.of(), irqs, "not inside the register write");
        runTo(200);
        assertEquals(List.of(100L), irqs, "at the next instant between slices");
        assertEquals(E1000.ICR_TXDW, nic.readl(E1000.ICS), "ICS reads as ICR, without clearing");
        assertEquals(E1000.ICR_TXDW, nic.readl(E1000.ICR));
        assertEquals(0, nic.readl(E1000.ICR), "read cleared it");

        nic.writel(E1000.IMC, E1000.ICR_RXT0);
        assertEquals(E1000.ICR_TXDW, nic.readl(E1000.IMS));
        nic.writel(E1000.ICS, E1000.ICR_RXT0);
        runTo(300);
        assertEquals(1, irqs.size(), "RXT0 masked by IMC");
        nic.writel(E1000.ICR, E1000.ICR_RXT0);
        assertEquals(0, nic.readl(E1000.ICR), "writing 1s clears those causes");

        nic.writel(E1000.ICS, E1000.ICR_TXDW);
        nic.writel(E1000.ICS, E1000.ICR_TXDW | E1000.ICR_TXQE);
        runTo(400);
        assertEquals(List.of(100L, 300L), irqs, "one rise, one interrupt");
        nic.readl(E1000.ICR);
        nic.writel(E1000.ICS, E1000.ICR_TXDW);
        runTo(500);
        assertEquals(List.of(100L, 300L, 400L), irqs, "after the read the next cause raises it again");
    }

    // ---------------------------------------------------------------- transmit

    @Test
    void transmit_gathersDescriptorsToEop_putsTheFrameOnTheLine_andWritesDdWhenItHasLeft() {
        nic.configure_tx();
        nic.writel(E1000.IMS, E1000.ICR_TXDW);
        byte[] frame = NicHarness.frame(PEER, MAC0, NicHarness.payload(86, 1));
        byte[] header = Arrays.copyOfRange(frame, 0, 14);
        byte[] body = Arrays.copyOfRange(frame, 14, frame.length);
        runTo(1000);
        int last = nic.xmit(header, body);
        assertEquals(1, last);
        assertEquals(0, nic.readl(E1000.TDH), "the transmitter starts after the write, not in it");
        long ft = Wire.frame_time_ns(100, 1_000_000_000L);
        assertEquals((100 + 24) * 8, ft, "gigabit: 1 ns a bit, with FCS, preamble and gap");

        runTo(1000 + ft - 1);
        assertEquals(2, nic.readl(E1000.TDH), "both descriptors fetched");
        assertEquals(0, nic.txStatus(1), "not done while the frame is on the line");
        assertEquals(List.of(), irqs);
        assertEquals(List.of(), peer.times);

        runTo(1000 + ft);
        assertEquals(0, nic.txStatus(0), "no RS, no write-back");
        assertEquals(E1000.TXD_STAT_DD, nic.txStatus(1));
        assertEquals(List.of(1000 + ft), irqs);
        assertEquals(E1000.ICR_TXDW | E1000.ICR_TXQE, nic.readl(E1000.ICR));
        assertEquals(List.of(1000 + ft), peer.times);
        assertArrayEquals(frame, peer.frames.get(0));

        assertEquals(1, nic.readl(E1000.GPTC));
        assertEquals(0, nic.readl(E1000.GPTC), "statistics clear when read");
        assertEquals(104, nic.readl(E1000.GOTCL), "octets with the FCS");
        assertEquals(0, nic.readl(E1000.GOTCH));
        assertEquals(0, nic.readl(E1000.GOTCL), "reading the high half cleared the pair");
        assertEquals(1, nic.readl(E1000.TPT));
    }

    @Test
    void transmit_sendsBackToBackAtLinkSpeed_andPadsShortFrames() {
        nic.configure_tx();
        byte[] shortFrame = NicHarness.frame(PEER, MAC0, NicHarness.payload(10, 2));
        nic.xmit(shortFrame);
        nic.xmit(NicHarness.frame(PEER, MAC0, NicHarness.payload(1000, 3)));
        nic.xmit(NicHarness.frame(PEER, MAC0, NicHarness.payload(10, 4)));
        runTo(1_000_000);
        long t1 = Wire.frame_time_ns(60, 1_000_000_000L);
        long t2 = t1 + Wire.frame_time_ns(1014, 1_000_000_000L);
        long t3 = t2 + t1;
        assertEquals(List.of(t1, t2, t3), peer.times);
        assertEquals(60, peer.frames.get(0).length, "TCTL.PSP pads to 60 bytes");
        assertArrayEquals(shortFrame, Arrays.copyOf(peer.frames.get(0), shortFrame.length));
        for (int i = 0; i < 3; i++) {
            assertEquals(E1000.TXD_STAT_DD, nic.txStatus(i));
        }
        assertEquals(3, nic.readl(E1000.TDH));
    }

    @Test
    void transmit_timesFramesFromTheDoorbell_whenTheCpuRunsOnPastIt() {
        Hardware board = new Hardware(new KernelConfig(1, 16, 0, "").withNic(0));
        NicHarness n = new NicHarness(board, RING, 8);
        Wire w = new Wire(Wire.Config.defaults().withDelay(10_000));
        w.attach(board.nic());
        List<Long> arrivals = new ArrayList<>();
        w.attach(new Wire.Station() {
            @Override
            public EventQueue events() {
                return board.events();
            }

            @Override
            public void connect(Wire.Port p) {
            }

            @Override
            public void frame_arrived(byte[] frame) {
                arrivals.add(board.now());
            }

            @Override
            public void carrier(boolean up, long bitsPerSecond) {
            }
        });
        n.configure_tx();
        // a task rings the doorbell at 1 us and 3 us and computes on to 5 us before the device's events run
        board.advance(1_000);
        n.xmit(NicHarness.frame(PEER, MAC0, NicHarness.payload(86, 1)));
        board.advance(2_000);
        n.xmit(NicHarness.frame(PEER, MAC0, NicHarness.payload(86, 2)));
        board.advance(2_000);
        while (board.step(100_000)) {
            // the device catches up
        }
        long ft = Wire.frame_time_ns(100, 1_000_000_000L);
        assertEquals(List.of(1_000 + ft + 10_000, 3_000 + ft + 10_000), arrivals,
                "each frame leaves when it was handed over, not when the CPU let the device's events run");
    }

    @Test
    void transmit_waitsForTctlEn_andForTheRestOfAPacket() {
        byte[] frame = NicHarness.frame(PEER, MAC0, NicHarness.payload(50, 5));
        nic.configure_tx();
        nic.writel(E1000.TCTL, 0);
        nic.xmit(frame);
        runTo(10_000);
        assertEquals(0, nic.readl(E1000.TDH), "transmitter off");
        nic.writel(E1000.TCTL, E1000.TCTL_EN);
        runTo(20_000);
        assertEquals(1, peer.frames.size(), "enabling it sends what is queued");
        assertEquals(1, nic.readl(E1000.TDH));
    }

    // ---------------------------------------------------------------- receive

    @Test
    void receive_writesFrameAndFcsIntoTheRing_andMissesWhenItIsFull() {
        nic.configure_rx(E1000.RCTL_EN | E1000.RCTL_BAM | E1000.RCTL_SZ_2048, 3);
        nic.writel(E1000.IMS, E1000.ICR_RXT0 | E1000.ICR_RXO);
        List<byte[]> sent = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 5; i++) {
            byte[] f = NicHarness.frame(MAC0, PEER, NicHarness.payload(86, 10 + i));
            sent.add(f);
            t = peer.send(f, t);
        }
        long ft = Wire.frame_time_ns(100, 1_000_000_000L);
        runTo(ft - 1);
        assertEquals(0, nic.rxStatus(0), "nothing before the last bit is in");
        runTo(ft);
        assertEquals(E1000.RXD_STAT_DD | E1000.RXD_STAT_EOP | E1000.RXD_STAT_IXSM, nic.rxStatus(0));
        assertEquals(List.of(ft), irqs);
        assertEquals(E1000.ICR_RXT0 | E1000.ICR_RXDMT0, nic.readl(E1000.ICR), "2 of 8 free: under RDMTS 1/2");
        runTo(t);
        for (int i = 0; i < 3; i++) {
            assertEquals(104, nic.rxLength(i), "frame and FCS");
            byte[] got = nic.rxData(i);
            assertArrayEquals(sent.get(i), Arrays.copyOf(got, 100));
            CRC32 crc = new CRC32();
            crc.update(got, 0, 100);
            long fcs = (got[100] & 0xff) | (got[101] & 0xff) << 8 | (got[102] & 0xff) << 16 | (long) (got[103] & 0xff) << 24;
            assertEquals(crc.getValue(), fcs, "FCS, least significant byte first");
        }
        assertEquals(0, nic.rxStatus(3), "RDT is 3: descriptors 3 on still belong to the driver");
        assertEquals(3, nic.readl(E1000.RDH));
        assertEquals(2, nic.readl(E1000.MPC), "two frames found the ring full");
        assertEquals(2, nic.readl(E1000.RNBC));
        assertTrue((nic.readl(E1000.ICR) & E1000.ICR_RXO) != 0);
        assertEquals(3, nic.readl(E1000.GPRC));
        assertEquals(3 * 104, nic.readl(E1000.GORCL));

        // the driver gives the rest of the ring but descriptor 0: the next frame lands in 3
        nic.writel(E1000.RDT, 0);
        long t6 = peer.send(NicHarness.frame(MAC0, PEER, NicHarness.payload(86, 20)), t);
        runTo(t6);
        assertTrue((nic.rxStatus(3) & E1000.RXD_STAT_DD) != 0);
        assertEquals(4, nic.readl(E1000.RDH));
        assertEquals(0, nic.readl(E1000.MPC));
    }

    @Test
    void receive_spreadsALongFrameOverBuffers_andStripsTheCrcWithSecrc() {
        nic.configure_rx(E1000.RCTL_EN | E1000.RCTL_SZ_1024 | E1000.RCTL_SECRC, 3);
        byte[] f = NicHarness.frame(MAC0, PEER, NicHarness.payload(1486, 7));
        runTo(peer.send(f, 0));
        assertEquals(E1000.RXD_STAT_DD, nic.rxStatus(0));
        assertEquals(1024, nic.rxLength(0));
        assertEquals(E1000.RXD_STAT_DD | E1000.RXD_STAT_EOP | E1000.RXD_STAT_IXSM, nic.rxStatus(1));
        assertEquals(1500 - 1024, nic.rxLength(1));
        assertArrayEquals(f, NicHarness.concat(nic.rxData(0), nic.rxData(1)));
        byte[] big = NicHarness.frame(MAC0, PEER, NicHarness.payload(1600, 8));
        runTo(peer.send(big, hw.now()));
        assertEquals(1, nic.readl(E1000.ROC), "longer than 1522 without LPE");
        assertEquals(2, nic.readl(E1000.RDH));
    }

    @Test
    void receive_filtersByAddress_broadcastWithBam_multicastByMta_allWithUpe() {
        nic.configure_rx(E1000.RCTL_EN, 4);
        long bcast = 0xffff_ffff_ffffL;
        long mcast = 0x0100_5e00_0001L;
        long other = 0x0200_0000_0099L;
        long t = peer.send(NicHarness.frame(other, PEER, NicHarness.payload(50, 1)), 0);
        t = peer.send(NicHarness.frame(bcast, PEER, NicHarness.payload(50, 2)), t);
        t = peer.send(NicHarness.frame(mcast, PEER, NicHarness.payload(50, 3)), t);
        runTo(t);
        assertEquals(0, nic.readl(E1000.RDH), "none of them is for us");
        assertEquals(0, nic.readl(E1000.MPC), "filtered frames are not missed ones");

        nic.writel(E1000.RCTL, E1000.RCTL_EN | E1000.RCTL_BAM);
        // MO = 0: the hash is the top 12 bits of the last two bytes; 01:00:5e:00:00:01 gives 0x010
        int hash = ((0x01 << 8 | 0x00) >>> 4) & 0xfff;
        nic.writel(E1000.MTA + 4 * (hash >>> 5), 1 << (hash & 0x1f));
        t = peer.send(NicHarness.frame(bcast, PEER, NicHarness.payload(50, 4)), t);
        t = peer.send(NicHarness.frame(mcast, PEER, NicHarness.payload(50, 5)), t);
        t = peer.send(NicHarness.frame(other, PEER, NicHarness.payload(50, 6)), t);
        runTo(t);
        assertEquals(2, nic.readl(E1000.RDH));
        assertEquals(1, nic.readl(E1000.BPRC));
        assertEquals(1, nic.readl(E1000.MPRC));

        nic.writel(E1000.RCTL, E1000.RCTL_EN | E1000.RCTL_UPE);
        t = peer.send(NicHarness.frame(other, PEER, NicHarness.payload(50, 7)), t);
        runTo(t);
        assertEquals(3, nic.readl(E1000.RDH), "promiscuous");
    }

    @Test
    void receive_dropsWhileDisabledOrWithoutCarrier() {
        nic.configure_rx(0, 3);
        runTo(peer.send(NicHarness.frame(MAC0, PEER, NicHarness.payload(50, 1)), 0));
        assertEquals(0, nic.readl(E1000.RDH), "RCTL.EN clear");
        nic.writel(E1000.RCTL, E1000.RCTL_EN);
        wire.ports().get(0).set_plugged(false);
        peer.send(NicHarness.frame(MAC0, PEER, NicHarness.payload(50, 2)), hw.now());
        runTo(hw.now() + 10_000);
        assertEquals(0, nic.readl(E1000.RDH), "cable out");
        assertNotNull(hw.nic());
    }
}
