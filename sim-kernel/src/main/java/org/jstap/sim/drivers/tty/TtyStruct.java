package org.jstap.sim.drivers.tty;

import org.jstap.sim.kernel.sched.WaitQueueHead;

/**
 * struct tty_struct: one terminal: its termios settings, window size, the foreground process
 * group and session, and the line discipline's read buffer with the queue readers wait on.
 */
public final class TtyStruct {
    /** c_iflag bits. */
    public static final int ICRNL = 0000400;
    public static final int IXON = 0002000;
    /** c_oflag bits. */
    public static final int OPOST = 0000001;
    public static final int ONLCR = 0000004;
    /** c_lflag bits. */
    public static final int ISIG = 0000001;
    public static final int ICANON = 0000002;
    public static final int ECHO = 0000010;
    public static final int ECHOE = 0000020;
    public static final int ECHOK = 0000040;
    public static final int ECHOCTL = 0001000;
    public static final int ECHOKE = 0004000;
    public static final int IEXTEN = 0100000;
    /** c_cc indices. */
    public static final int VINTR = 0;
    public static final int VQUIT = 1;
    public static final int VERASE = 2;
    public static final int VKILL = 3;
    public static final int VEOF = 4;
    public static final int VSUSP = 10;
    public static final int NCCS = 19;

    public final String name;
    public int c_iflag = ICRNL | IXON;
    /** OPOST without ONLCR: the console's far end is a host pipe, not a terminal (as after stty -onlcr). */
    public int c_oflag = OPOST;
    /** B38400 | CS8 | CREAD | HUPCL. */
    public int c_cflag = 0000017 | 0000060 | 0000200 | 0002000;
    public int c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
    public final byte[] c_cc = new byte[NCCS];
    public int ws_row = 24;
    public int ws_col = 80;
    /** Foreground process group and session (0: none yet). */
    public int pgrp;
    public int session;
    /** The line discipline's buffer: bytes received; in canonical mode only complete lines are readable. */
    final java.io.ByteArrayOutputStream readBuf = new java.io.ByteArrayOutputStream();
    /** Bytes of readBuf that form complete lines (or were ended by EOF), ready for readers. */
    int canon_head;
    /** The line's far end is gone (tty_hangup's TTY_HUPPED for reads): once empty, reads return 0. */
    public boolean hupped;
    /** An EOF (^D) at the start of a line: the next read returns 0. */
    int eofPending;
    public final WaitQueueHead read_wait = new WaitQueueHead();
    public final WaitQueueHead write_wait = new WaitQueueHead();

    public TtyStruct(String name) {
        this.name = name;
        c_cc[VINTR] = 3;
        c_cc[VQUIT] = 034;
        c_cc[VERASE] = 0177;
        c_cc[VKILL] = 025;
        c_cc[VEOF] = 4;
        c_cc[VSUSP] = 032;
    }

    public boolean icanon() {
        return (c_lflag & ICANON) != 0;
    }
}
