package org.jstap.sim.drivers.tty;

import java.io.ByteArrayOutputStream;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.Wait;
import org.jstap.sim.kernel.signal.Siginfo;
import org.jstap.sim.kernel.signal.Signals;

/**
 * drivers/tty/n_tty.c: the default line discipline. Received bytes are edited in canonical mode
 * (erase, kill, lines ended by newline or EOF) and echoed; with ISIG the interrupt, quit and
 * suspend characters become signals to the foreground process group. Output gets OPOST/ONLCR's
 * newline translation.
 */
@LinuxFile("drivers/tty/n_tty.c")
public final class NTty {
    private final Kernel kernel;

    NTty(Kernel kernel) {
        this.kernel = kernel;
    }

    /** n_tty_receive_buf: the driver hands over what arrived on the line. */
    void n_tty_receive_buf(TtyStruct tty, byte[] data, java.util.function.Consumer<byte[]> echo) {
        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        for (byte b : data) {
            int c = b & 0xff;
            if ((tty.c_iflag & TtyStruct.ICRNL) != 0 && c == '\r') {
                c = '\n';
            }
            if ((tty.c_lflag & TtyStruct.ISIG) != 0) {
                int sig = c == tty.c_cc[TtyStruct.VINTR] ? Signals.SIGINT
                        : c == tty.c_cc[TtyStruct.VQUIT] ? Signals.SIGQUIT
                        : c == tty.c_cc[TtyStruct.VSUSP] ? Signals.SIGTSTP : 0;
                if (sig != 0) {
                    isig(tty, sig);
                    if ((tty.c_lflag & TtyStruct.ECHO) != 0) {
                        echoed.write('^');
                        echoed.write(c + 0x40);
                        echoed.write('\n');
                    }
                    continue;
                }
            }
            if (tty.icanon()) {
                if (c == (tty.c_cc[TtyStruct.VERASE] & 0xff) || c == 8) {
                    byte[] all = tty.readBuf.toByteArray();
                    if (all.length > tty.canon_head) {
                        tty.readBuf.reset();
                        tty.readBuf.write(all, 0, all.length - 1);
                        if ((tty.c_lflag & TtyStruct.ECHO) != 0) {
                            echoed.writeBytes(new byte[] {8, ' ', 8});
                        }
                    }
                    continue;
                }
                if (c == tty.c_cc[TtyStruct.VKILL]) {
                    byte[] all = tty.readBuf.toByteArray();
                    tty.readBuf.reset();
                    tty.readBuf.write(all, 0, tty.canon_head);
                    continue;
                }
                if (c == tty.c_cc[TtyStruct.VEOF]) {
                    if (tty.readBuf.size() == tty.canon_head) {
                        tty.eofPending++;
                    }
                    tty.canon_head = tty.readBuf.size();
                    continue;
                }
            }
            tty.readBuf.write(c);
            if ((tty.c_lflag & TtyStruct.ECHO) != 0) {
                echoed.write(c);
            }
            if (!tty.icanon() || c == '\n') {
                tty.canon_head = tty.readBuf.size();
            }
        }
        if (echoed.size() > 0) {
            echo.accept(echoed.toByteArray());
        }
        kernel.waitq().wake_up(tty.read_wait);
    }

    /** isig: the signal goes to the foreground process group; pending input is flushed. */
    private void isig(TtyStruct tty, int sig) {
        tty.readBuf.reset();
        tty.canon_head = 0;
        if (tty.pgrp > 0) {
            kernel.signal().kill_pgrp(tty.pgrp, sig, Siginfo.kernel(sig));
        }
    }

    /** Bytes a read could take now. */
    int available(TtyStruct tty) {
        return tty.icanon() ? tty.canon_head : tty.readBuf.size();
    }

    /** n_tty_read: a line (canonical) or what has arrived; sleeps while there is nothing. */
    long n_tty_read(TtyStruct tty, byte[] buf, int off, int len, boolean nonblock) {
        while (available(tty) == 0 && tty.eofPending == 0) {
            if (tty.hupped) {
                return 0;
            }
            if (nonblock) {
                return -Errno.EAGAIN;
            }
            int r = kernel.waitq().wait_event_interruptible(tty.read_wait,
                    () -> available(tty) > 0 || tty.eofPending > 0 || tty.hupped);
            if (r != 0) {
                return -Wait.ERESTARTSYS;
            }
        }
        if (available(tty) == 0) {
            tty.eofPending--;
            return 0;
        }
        byte[] all = tty.readBuf.toByteArray();
        int n = Math.min(len, available(tty));
        if (tty.icanon()) {
            // one line at most
            for (int i = 0; i < n; i++) {
                if (all[i] == '\n') {
                    n = i + 1;
                    break;
                }
            }
        }
        System.arraycopy(all, 0, buf, off, n);
        tty.readBuf.reset();
        tty.readBuf.write(all, n, all.length - n);
        tty.canon_head -= Math.min(n, tty.canon_head);
        return n;
    }

    /** n_tty_write's output processing: "\n" becomes "\r\n" under OPOST|ONLCR. */
    byte[] process_output(TtyStruct tty, byte[] data, int off, int len) {
        if ((tty.c_oflag & (TtyStruct.OPOST | TtyStruct.ONLCR)) != (TtyStruct.OPOST | TtyStruct.ONLCR)) {
            return java.util.Arrays.copyOfRange(data, off, off + len);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 16);
        for (int i = off; i < off + len; i++) {
            if (data[i] == '\n') {
                out.write('\r');
            }
            out.write(data[i]);
        }
        return out.toByteArray();
    }
}
