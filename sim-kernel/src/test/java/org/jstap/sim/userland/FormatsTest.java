package org.jstap.sim.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of libc: printf conversions, mode strings, quoting, strerror, dirent decoding. */
class FormatsTest {
    private static String fmt(String spec, Object v) {
        int[] end = new int[1];
        CFormat.Spec s = CFormat.parse(spec, 1, end, new ArrayList<>());
        return v instanceof Double d ? CFormat.floating(s, d) : CFormat.integer(s, (Long) v);
    }

    @Test
    void printfConversions_matchGlibc() {
        assertEquals("00042", fmt("%05d", 42L));
        assertEquals("-42  ", fmt("%-5d", -42L));
        assertEquals("+7", fmt("%+d", 7L));
        assertEquals("ffffffffffffffff", fmt("%x", -1L));
        assertEquals("0X1F", fmt("%#X", 31L));
        assertEquals("017", fmt("%#o", 15L));
        assertEquals("  003", fmt("%5.3d", 3L));
        assertEquals("3.142", fmt("%.3f", Math.PI));
        assertEquals("1.000000e+10", fmt("%e", 1e10));
        assertEquals("0.0001", fmt("%g", 0.0001));
        assertEquals("1e-05", fmt("%g", 0.00001));
        assertEquals("123457", fmt("%g", 123456.7));
        assertEquals("1.23457e+06", fmt("%g", 1234567.0));
        assertEquals("100", fmt("%g", 100.0));
        assertEquals("6.4012e-05", CFormat.g(6.4012e-05, 6, false));
    }

    @Test
    void modeStrings_asLsPrintsThem() {
        assertEquals("drwxr-xr-x", Stat.modeString(Stat.S_IFDIR | 0755));
        assertEquals("-rw-r--r--", Stat.modeString(Stat.S_IFREG | 0644));
        assertEquals("lrwxrwxrwx", Stat.modeString(Stat.S_IFLNK | 0777));
        assertEquals("crw--w----", Stat.modeString(Stat.S_IFCHR | 0620));
        assertEquals("-rwsr-xr-x", Stat.modeString(Stat.S_IFREG | 04755));
        assertEquals("drwxrwxrwt", Stat.modeString(Stat.S_IFDIR | 01777));
        assertEquals("-rwSr--r--", Stat.modeString(Stat.S_IFREG | 04644));
        assertEquals("regular empty file", Stat.typeName(Stat.S_IFREG, 0));
    }

    @Test
    void deviceNumbers_splitAsGlibc() {
        long dev = (5L << 8) | 1;
        assertEquals(5, Stat.major(dev));
        assertEquals(1, Stat.minor(dev));
        long big = (259L << 8) | ((300L & ~0xffL) << 12) | (300 & 0xff);
        assertEquals(259, Stat.major(big));
        assertEquals(300, Stat.minor(big));
    }

    @Test
    void quoting_asCoreutilsInTheCLocale() {
        assertEquals("plain", Proc.quotef("plain"));
        assertEquals("'a b'", Proc.quotef("a b"));
        assertEquals("'x'", Proc.quote("x"));
        assertEquals("\"it's\"", Proc.quote("it's"));
        assertEquals("''", Proc.quotef(""));
    }

    @Test
    void strerror_hasGlibcsTexts() {
        assertEquals("No such file or directory", Libc.strerror(-2));
        assertEquals("Directory not empty", Libc.strerror(39));
        assertEquals("Inappropriate ioctl for device", Libc.strerror(25));
        assertEquals("Unknown error 999", Libc.strerror(999));
    }

    @Test
    void dirents_decodeFromTheirRecords() {
        byte[] raw = new byte[64];
        int off = 0;
        for (String name : new String[] {".", "file.txt"}) {
            int reclen = (19 + name.length() + 1 + 7) & ~7;
            raw[off] = 42;
            raw[off + 16] = (byte) reclen;
            raw[off + 18] = Dir.DT_REG;
            byte[] n = name.getBytes();
            System.arraycopy(n, 0, raw, off + 19, n.length);
            off += reclen;
        }
        List<Dir.Dirent> out = new ArrayList<>();
        Dir.decode(raw, off, out);
        assertEquals(List.of(new Dir.Dirent(42, 0, Dir.DT_REG, "."), new Dir.Dirent(42, 0, Dir.DT_REG, "file.txt")), out);
    }
}
