package org.jstap.sim.net.unix;

import java.nio.charset.StandardCharsets;

/**
 * struct unix_address (include/net/af_unix.h): a bound name as getsockname returns it, a
 * struct sockaddr_un of {@code len} bytes. A path name's length counts its NUL (bind("/tmp/s")
 * gives 9); an abstract name starts with a NUL byte and is exactly the bytes bind was given.
 */
public final class UnixAddress {
    /** The sockaddr_un: sun_family (AF_UNIX, little-endian), then sun_path. */
    public final byte[] name;
    public final int len;

    UnixAddress(byte[] sunaddr, int len) {
        this.name = java.util.Arrays.copyOf(sunaddr, len);
        this.len = len;
    }

    public boolean is_abstract() {
        return len > 2 && name[2] == 0;
    }

    /** sun_path as text: the file name, or an abstract name with its leading NUL. */
    public String sun_path() {
        int end = len;
        if (!is_abstract()) {
            while (end > 2 && name[end - 1] == 0) {
                end--;
            }
        }
        return new String(name, 2, end - 2, StandardCharsets.ISO_8859_1);
    }
}
