package org.jstap.sim.kernel.printk;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.Wait;
import org.jstap.sim.kernel.sched.WaitQueueHead;

/**
 * kernel/printk/printk.c's do_syslog: syslog(2), the kernel log as dmesg and klogd read it,
 * each record as {@code <level>[seconds.micros] text}. READ waits for records not yet read;
 * READ_ALL and READ_CLEAR copy the newest that fit the buffer; CLEAR forgets what was logged so
 * far for READ_ALL.
 */
@LinuxFile("kernel/printk/printk.c")
public final class Syslog {
    public static final int SYSLOG_ACTION_CLOSE = 0;
    public static final int SYSLOG_ACTION_OPEN = 1;
    public static final int SYSLOG_ACTION_READ = 2;
    public static final int SYSLOG_ACTION_READ_ALL = 3;
    public static final int SYSLOG_ACTION_READ_CLEAR = 4;
    public static final int SYSLOG_ACTION_CLEAR = 5;
    public static final int SYSLOG_ACTION_CONSOLE_OFF = 6;
    public static final int SYSLOG_ACTION_CONSOLE_ON = 7;
    public static final int SYSLOG_ACTION_CONSOLE_LEVEL = 8;
    public static final int SYSLOG_ACTION_SIZE_UNREAD = 9;
    public static final int SYSLOG_ACTION_SIZE_BUFFER = 10;
    /** log_buf_len: 1 << CONFIG_LOG_BUF_SHIFT (17). */
    public static final int LOG_BUF_LEN = 1 << 17;

    private final Kernel kernel;
    private final WaitQueueHead log_wait = new WaitQueueHead();
    /** syslog_seq and clear_seq: the first record READ and READ_ALL will return. */
    private int syslogSeq;
    private int clearSeq;
    private int savedConsoleLevel = -1;

    public Syslog(Kernel kernel) {
        this.kernel = kernel;
        kernel.printk().set_klogd(() -> kernel.waitq().wake_up(log_wait));
    }

    private static byte[] record_print_text(Printk.Record r) {
        return ("<" + r.level() + ">" + r.format() + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The newest records from {@code from} on that fit in {@code len} bytes, as text. */
    private byte[] text_from(int from, int len) {
        List<Printk.Record> log = kernel.printk().records();
        int start = log.size();
        int size = 0;
        while (start > from) {
            int n = record_print_text(log.get(start - 1)).length;
            if (size + n > len) {
                break;
            }
            size += n;
            start--;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(size);
        for (int i = start; i < log.size(); i++) {
            out.writeBytes(record_print_text(log.get(i)));
        }
        return out.toByteArray();
    }

    private long copy_out(long buf, byte[] text) {
        return kernel.uaccess().copy_to_user(buf, text, 0, text.length) != 0 ? -Errno.EFAULT : text.length;
    }

    /** syslog(2). */
    public long __do_sys_syslog(int type, long buf, int len) {
        var cred = kernel.sched().current().cred;
        boolean reading = type == SYSLOG_ACTION_READ_ALL || type == SYSLOG_ACTION_SIZE_BUFFER;
        // dmesg_restrict is 0: anyone may read the whole buffer; the rest needs CAP_SYSLOG
        if (!reading && cred.euid() != 0) {
            return -Errno.EPERM;
        }
        switch (type) {
            case SYSLOG_ACTION_CLOSE, SYSLOG_ACTION_OPEN -> {
                return 0;
            }
            case SYSLOG_ACTION_READ -> {
                if (len < 0) {
                    return -Errno.EINVAL;
                }
                if (len == 0) {
                    return 0;
                }
                int r = kernel.waitq().wait_event_interruptible(log_wait,
                        () -> kernel.printk().records().size() > syslogSeq);
                if (r != 0) {
                    return -Wait.ERESTARTSYS;
                }
                List<Printk.Record> log = kernel.printk().records();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                while (syslogSeq < log.size()) {
                    byte[] t = record_print_text(log.get(syslogSeq));
                    if (out.size() + t.length > len) {
                        break;
                    }
                    out.writeBytes(t);
                    syslogSeq++;
                }
                return copy_out(buf, out.toByteArray());
            }
            case SYSLOG_ACTION_READ_ALL, SYSLOG_ACTION_READ_CLEAR -> {
                if (len < 0) {
                    return -Errno.EINVAL;
                }
                if (len == 0) {
                    return 0;
                }
                long r = copy_out(buf, text_from(clearSeq, len));
                if (type == SYSLOG_ACTION_READ_CLEAR && r >= 0) {
                    clearSeq = kernel.printk().records().size();
                }
                return r;
            }
            case SYSLOG_ACTION_CLEAR -> {
                clearSeq = kernel.printk().records().size();
                return 0;
            }
            case SYSLOG_ACTION_CONSOLE_OFF -> {
                if (savedConsoleLevel < 0) {
                    savedConsoleLevel = kernel.printk().console_loglevel();
                }
                kernel.printk().set_console_loglevel(1);
                return 0;
            }
            case SYSLOG_ACTION_CONSOLE_ON -> {
                if (savedConsoleLevel >= 0) {
                    kernel.printk().set_console_loglevel(savedConsoleLevel);
                    savedConsoleLevel = -1;
                }
                return 0;
            }
            case SYSLOG_ACTION_CONSOLE_LEVEL -> {
                if (len < 1 || len > 8) {
                    return -Errno.EINVAL;
                }
                kernel.printk().set_console_loglevel(Math.max(len, 1));
                savedConsoleLevel = -1;
                return 0;
            }
            case SYSLOG_ACTION_SIZE_UNREAD -> {
                List<Printk.Record> log = kernel.printk().records();
                long n = 0;
                for (int i = syslogSeq; i < log.size(); i++) {
                    n += record_print_text(log.get(i)).length;
                }
                return n;
            }
            case SYSLOG_ACTION_SIZE_BUFFER -> {
                return LOG_BUF_LEN;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }
}
