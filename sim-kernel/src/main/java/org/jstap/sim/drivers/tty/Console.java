package org.jstap.sim.drivers.tty;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;

/**
 * The system console (drivers/tty/tty_io.c's /dev/console as init's descriptors 0, 1 and 2 see
 * it): what user programs write there goes out of the serial port, ttyS0. Until the VFS brings
 * file descriptors (issue 6), write(2) reaches it for those three numbers only.
 */
@LinuxFile("drivers/tty/tty_io.c")
public final class Console {
    /** MAX_RW_COUNT: one write moves at most this much. */
    static final long MAX_RW_COUNT = 0x7ffff000L;

    private final Kernel kernel;

    public Console(Kernel kernel) {
        this.kernel = kernel;
    }

    /** What came in on the line and no program has read yet (the tty's read buffer). */
    private final java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();

    /** console_init: /dev/console's input is what ttyS0 receives. */
    public void console_init() {
        kernel.serial().set_receiver(this::tty_receive);
    }

    /** receive_buf of the line discipline: received bytes wait in the read buffer. */
    void tty_receive(byte[] data) {
        input.write(data, 0, data.length);
    }

    /** Bytes received and not yet read, for the read side that the VFS will bring. */
    public int input_available() {
        return input.size();
    }

    /** Everything the console's serial line carried since power-on (kernel messages too, with console=ttyS0). */
    public byte[] output() {
        return kernel.hardware().uart().transmitted();
    }

    /** write(2) on the console descriptors. */
    public long __do_sys_write(int fd, long buf, long count) {
        if (fd < 0 || fd > 2) {
            return -Errno.EBADF;
        }
        if (count < 0) {
            return -Errno.EINVAL;
        }
        int n = (int) Math.min(count, Math.min(MAX_RW_COUNT, 1 << 20));
        byte[] data = new byte[n];
        if (kernel.uaccess().copy_from_user(data, 0, buf, n) != 0) {
            return -Errno.EFAULT;
        }
        tty_write(data);
        return n;
    }

    void tty_write(byte[] data) {
        kernel.serial().uart_write(data);
    }
}
