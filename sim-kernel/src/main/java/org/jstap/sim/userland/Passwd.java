package org.jstap.sim.userland;

import java.util.HashMap;
import java.util.Map;

/**
 * pwd.h and grp.h: user and group names from /etc/passwd and /etc/group (read once per
 * process), for ls -l, stat and id. A missing file or id gives the number, as ls prints it.
 */
public final class Passwd {
    private final Libc libc;
    private Map<Integer, String> users;
    private Map<Integer, String> groups;

    public Passwd(Libc libc) {
        this.libc = libc;
    }

    /** getpwuid(uid)->pw_name, or null. */
    public String user(int uid) {
        if (users == null) {
            users = read("/etc/passwd");
        }
        return users.get(uid);
    }

    /** getgrgid(gid)->gr_name, or null. */
    public String group(int gid) {
        if (groups == null) {
            groups = read("/etc/group");
        }
        return groups.get(gid);
    }

    public String userOrId(int uid) {
        String n = user(uid);
        return n == null ? Integer.toUnsignedString(uid) : n;
    }

    public String groupOrId(int gid) {
        String n = group(gid);
        return n == null ? Integer.toUnsignedString(gid) : n;
    }

    /** name:x:id:... lines: id to the first name that has it. */
    private Map<Integer, String> read(String path) {
        Map<Integer, String> out = new HashMap<>();
        long fd = libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (fd < 0) {
            return out;
        }
        Stdio.In in = new Stdio.In(libc, (int) fd);
        for (String line; (line = in.readLine()) != null;) {
            String[] f = line.strip().split(":", -1);
            if (f.length >= 3) {
                try {
                    out.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                } catch (NumberFormatException e) {
                    // a malformed line is skipped, as getpwent skips it
                }
            }
        }
        in.release();
        libc.close((int) fd);
        return out;
    }
}
