package org.jstap.sim.drivers.tty;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jstap.sim.Kernel;
import org.jstap.sim.fs.File;
import org.jstap.sim.fs.FileOperations;
import org.jstap.sim.fs.Inode;
import org.jstap.sim.fs.Ioctl;
import org.jstap.sim.fs.PollTable;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * drivers/tty/tty_io.c for one serial terminal, ttyS{port}. Port 0 is the console: the character
 * devices /dev/ttyS0 (4,64), /dev/tty (5,0: the caller's controlling terminal) and /dev/console
 * (5,1) all reach it; port 1 is /dev/ttyS1 (4,65). Reads go through the n_tty line discipline,
 * writes out of the UART; the ioctls are the termios, window-size and process-group ones.
 */
@LinuxFile("drivers/tty/tty_io.c")
public final class Console {
    public static final int TTY_MAJOR = 4;
    public static final int TTYAUX_MAJOR = 5;
    /** struct termios as TCGETS copies it (the kernel's, 36 bytes). */
    static final int TERMIOS_SIZE = 36;

    private final Kernel kernel;
    private final org.jstap.sim.drivers.tty.serial.Serial8250 serial;
    private final int port;
    private final TtyStruct tty;
    private final NTty ldisc;

    public Console(Kernel kernel, org.jstap.sim.drivers.tty.serial.Serial8250 serial, int port) {
        this.kernel = kernel;
        this.serial = serial;
        this.port = port;
        this.tty = new TtyStruct("ttyS" + port);
        this.ldisc = new NTty(kernel);
    }

    /** console_init: the tty's input is what its serial port receives. */
    public void console_init() {
        serial.set_receiver(data -> ldisc.n_tty_receive_buf(tty, data, this::tty_write_raw));
    }

    /** tty_init (a device initcall here, after the UART): the three character devices and their nodes. */
    public int tty_init() {
        var cd = kernel.vfs().chrdev();
        int r = cd.register_chrdev(TTY_MAJOR, 64 + port, 1, "ttyS", fops);
        if (port != 0) {
            return r == 0 ? kernel.devtmpfs().devtmpfs_create_node(tty.name, 0660, TTY_MAJOR, 64 + port) : r;
        }
        if (r == 0) {
            r = cd.register_chrdev(TTYAUX_MAJOR, 0, 1, "/dev/tty", fops);
        }
        if (r == 0) {
            r = cd.register_chrdev(TTYAUX_MAJOR, 1, 1, "/dev/console", fops);
        }
        if (r != 0) {
            return r;
        }
        kernel.devtmpfs().devtmpfs_create_node("ttyS0", 0660, TTY_MAJOR, 64);
        kernel.devtmpfs().devtmpfs_create_node("tty", 0666, TTYAUX_MAJOR, 0);
        kernel.devtmpfs().devtmpfs_create_node("console", 0600, TTYAUX_MAJOR, 1);
        return 0;
    }

    public TtyStruct tty() {
        return tty;
    }

    /**
     * The line's far end has closed (the launcher's stdin ended): what was sent stays readable,
     * then every read returns 0, as after a hangup, instead of waiting for input that cannot come.
     */
    public void tty_input_closed() {
        tty.hupped = true;
        kernel.waitq().wake_up(tty.read_wait);
    }

    /** Bytes received and not yet read. */
    public int input_available() {
        return tty.readBuf.size();
    }

    /** Everything the console's serial line carried since power-on (kernel messages too, with console=ttyS0). */
    public byte[] output() {
        return kernel.hardware().uart(port).transmitted();
    }

    /** What a program's write puts on the line (after output processing). */
    void tty_write_raw(byte[] data) {
        serial.uart_write(data);
    }

    /** tty_open: a session leader opening its first terminal gets it as controlling tty (unless O_NOCTTY). */
    int tty_open(Inode inode, File file) {
        TaskStruct t = kernel.sched().current();
        if (t != null && t.signal != null && (file.f_flags & org.jstap.sim.fs.Fcntl.O_NOCTTY) == 0
                && t.signal.session == t.tgid && tty.session == 0) {
            tty.session = t.signal.session;
            tty.pgrp = t.signal.pgrp;
        }
        return 0;
    }

    private long tty_ioctl(File file, int cmd, long arg) {
        var ua = kernel.uaccess();
        TaskStruct t = kernel.sched().current();
        switch (cmd) {
            case Ioctl.TCGETS -> {
                ByteBuffer b = ByteBuffer.allocate(TERMIOS_SIZE).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(tty.c_iflag).putInt(tty.c_oflag).putInt(tty.c_cflag).putInt(tty.c_lflag).put((byte) 0)
                        .put(tty.c_cc);
                return ua.copy_to_user(arg, b.array(), 0, TERMIOS_SIZE) != 0 ? -Errno.EFAULT : 0;
            }
            case Ioctl.TCSETS, Ioctl.TCSETSW, Ioctl.TCSETSF -> {
                byte[] raw = new byte[TERMIOS_SIZE];
                if (ua.copy_from_user(raw, 0, arg, TERMIOS_SIZE) != 0) {
                    return -Errno.EFAULT;
                }
                ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                tty.c_iflag = b.getInt(0);
                tty.c_oflag = b.getInt(4);
                tty.c_cflag = b.getInt(8);
                tty.c_lflag = b.getInt(12);
                System.arraycopy(raw, 17, tty.c_cc, 0, TtyStruct.NCCS);
                if (cmd == Ioctl.TCSETSF) {
                    tty.readBuf.reset();
                    tty.canon_head = 0;
                }
                if (!tty.icanon()) {
                    tty.canon_head = tty.readBuf.size();
                }
                return 0;
            }
            case Ioctl.TIOCGWINSZ -> {
                ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                b.putShort((short) tty.ws_row).putShort((short) tty.ws_col).putShort((short) 0).putShort((short) 0);
                return ua.copy_to_user(arg, b.array(), 0, 8) != 0 ? -Errno.EFAULT : 0;
            }
            case Ioctl.TIOCSWINSZ -> {
                byte[] raw = new byte[8];
                if (ua.copy_from_user(raw, 0, arg, 8) != 0) {
                    return -Errno.EFAULT;
                }
                ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                tty.ws_row = Short.toUnsignedInt(b.getShort(0));
                tty.ws_col = Short.toUnsignedInt(b.getShort(2));
                return 0;
            }
            case Ioctl.TIOCGPGRP, Ioctl.TIOCGSID -> {
                int v = cmd == Ioctl.TIOCGPGRP ? tty.pgrp : tty.session;
                if (cmd == Ioctl.TIOCGSID && v == 0) {
                    return -Errno.ENOTTY;
                }
                byte[] b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
                return ua.copy_to_user(arg, b, 0, 4) != 0 ? -Errno.EFAULT : 0;
            }
            case Ioctl.TIOCSPGRP -> {
                byte[] raw = new byte[4];
                if (ua.copy_from_user(raw, 0, arg, 4) != 0) {
                    return -Errno.EFAULT;
                }
                int pgrp = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (pgrp < 0) {
                    return -Errno.EINVAL;
                }
                if (t.signal.session != tty.session && tty.session != 0) {
                    return -Errno.ENOTTY;
                }
                tty.pgrp = pgrp;
                return 0;
            }
            case Ioctl.TIOCSCTTY -> {
                if (t.signal.session != t.tgid) {
                    return -Errno.EPERM;
                }
                tty.session = t.signal.session;
                tty.pgrp = t.signal.pgrp;
                return 0;
            }
            case Ioctl.TIOCNOTTY -> {
                return 0;
            }
            case Ioctl.FIONREAD -> {
                byte[] b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(ldisc.available(tty)).array();
                return ua.copy_to_user(arg, b, 0, 4) != 0 ? -Errno.EFAULT : 0;
            }
            default -> {
                return -Errno.ENOIOCTLCMD;
            }
        }
    }

    /** tty_fops. */
    private final FileOperations fops = new FileOperations() {
        @Override
        public int open(Inode inode, File file) {
            return tty_open(inode, file);
        }

        @Override
        public long read(File file, byte[] buf, int off, int len, long[] ppos) {
            return ldisc.n_tty_read(tty, buf, off, len, file.nonblock());
        }

        @Override
        public long write(File file, byte[] buf, int off, int len, long[] ppos) {
            tty_write_raw(ldisc.process_output(tty, buf, off, len));
            return len;
        }

        @Override
        public long unlocked_ioctl(File file, int cmd, long arg) {
            return tty_ioctl(file, cmd, arg);
        }

        @Override
        public int poll(File file, PollTable pt) {
            PollTable.poll_wait(pt, tty.read_wait);
            int mask = PollTable.POLLOUT | PollTable.POLLWRNORM;
            if (ldisc.available(tty) > 0 || tty.eofPending > 0) {
                mask |= PollTable.POLLIN | PollTable.POLLRDNORM;
            }
            return mask;
        }

        @Override
        public long llseek(File file, long offset, int whence) {
            return -Errno.ESPIPE;
        }

        @Override
        public boolean stream() {
            return true;
        }
    };
}
