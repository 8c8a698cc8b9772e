package org.jstap.sim.kernel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jstap.sim.Kernel;

/**
 * kernel/utsname.c's uts_namespace, with init/version.c's init_uts_ns: the machine's names as
 * uname(2) reports them. Only the host and domain names change at run time (sethostname,
 * setdomainname, /proc/sys/kernel/hostname); the others are fixed when the kernel is built. Each
 * field is a NUL-padded array of 65 bytes, as in struct new_utsname.
 *
 * <pre>{@code
 * kernel.utsname().nodename();   // "jstap" until sethostname
 * }</pre>
 */
@LinuxFile("kernel/utsname.c")
public final class Utsname {
    /** __NEW_UTS_LEN: the longest name; each field has one more byte for the NUL. */
    public static final int __NEW_UTS_LEN = 64;
    /** sizeof(struct new_utsname): six fields. */
    public static final int SIZEOF = 6 * (__NEW_UTS_LEN + 1);
    /** UTS_SYSNAME. */
    public static final String SYSNAME = "Linux";
    /** UTS_VERSION (compile.h): the build number, configuration and build date. */
    public static final String VERSION = "#1 SMP PREEMPT_DYNAMIC Thu Jan  1 00:00:00 UTC 2026";
    /** The host name the machine boots with (CONFIG_DEFAULT_HOSTNAME). */
    public static final String DEFAULT_HOSTNAME = "jstap";
    /** UTS_DOMAINNAME: no NIS domain. */
    public static final String DEFAULT_DOMAINNAME = "(none)";

    private final byte[] sysname = field(SYSNAME);
    /** Guarded by uts_sem (here: the machine's single running thread), as the domain name. */
    private final byte[] nodename = field(DEFAULT_HOSTNAME);
    private final byte[] release = field(Kernel.RELEASE);
    private final byte[] version = field(VERSION);
    private final byte[] machine = field(Kernel.MACHINE);
    private final byte[] domainname = field(DEFAULT_DOMAINNAME);

    private static byte[] field(String value) {
        byte[] f = new byte[__NEW_UTS_LEN + 1];
        byte[] b = value.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(b, 0, f, 0, Math.min(b.length, __NEW_UTS_LEN));
        return f;
    }

    private static String text(byte[] f) {
        int n = 0;
        while (n < f.length && f[n] != 0) {
            n++;
        }
        return new String(f, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** {@code uname -n}, /proc/sys/kernel/hostname: up to the first NUL. */
    public String nodename() {
        return text(nodename);
    }

    /** {@code domainname}, /proc/sys/kernel/domainname. */
    public String domainname() {
        return text(domainname);
    }

    public String sysname() {
        return text(sysname);
    }

    public String release() {
        return text(release);
    }

    public String version() {
        return text(version);
    }

    public String machine() {
        return text(machine);
    }

    /** What sethostname stores: {@code len} bytes (at most 64, not checked here), the rest of the field zeroed. */
    public void setNodename(byte[] name, int len) {
        Arrays.fill(nodename, (byte) 0);
        System.arraycopy(name, 0, nodename, 0, len);
    }

    /** What setdomainname stores, likewise. */
    public void setDomainname(byte[] name, int len) {
        Arrays.fill(domainname, (byte) 0);
        System.arraycopy(name, 0, domainname, 0, len);
    }

    /** struct new_utsname as uname(2) copies it out: sysname, nodename, release, version, machine, domainname. */
    public byte[] newUtsname() {
        byte[] out = new byte[SIZEOF];
        byte[][] fields = {sysname, nodename, release, version, machine, domainname};
        for (int i = 0; i < fields.length; i++) {
            System.arraycopy(fields[i], 0, out, i * (__NEW_UTS_LEN + 1), __NEW_UTS_LEN + 1);
        }
        return out;
    }
}
