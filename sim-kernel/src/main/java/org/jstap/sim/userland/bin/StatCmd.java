package org.jstap.sim.userland.bin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jstap.sim.userland.Getopt;
import org.jstap.sim.userland.Libc;
import org.jstap.sim.userland.Passwd;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;
import org.jstap.sim.userland.Stat;

/**
 * /bin/stat FILE...: newfstatat without following the last link ({@code -L} follows), printed in
 * coreutils' layout (times in UTC, the machine's only zone).
 */
public final class StatCmd extends Program {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Override
    protected int main(Proc p) {
        Getopt g = new Getopt(p, "L");
        boolean follow = false;
        for (int c; (c = g.next()) != -1;) {
            if (c == 'L') {
                follow = true;
            } else {
                p.tryHelp();
                return 1;
            }
        }
        if (g.operands().isEmpty()) {
            p.error("missing operand");
            p.tryHelp();
            return 1;
        }
        Passwd pw = new Passwd(p.libc);
        int status = 0;
        for (String f : g.operands()) {
            Stat st = new Stat();
            long r = p.libc.newfstatat(Libc.AT_FDCWD, f, st, follow ? 0 : Libc.AT_SYMLINK_NOFOLLOW);
            if (r < 0) {
                p.error("cannot stat " + Proc.quote(f), r);
                status = 1;
                continue;
            }
            p.out().print(format(p, pw, f, st));
        }
        return status;
    }

    static String format(Proc p, Passwd pw, String name, Stat st) {
        StringBuilder s = new StringBuilder();
        String file = name;
        if (st.isLnk()) {
            String target = p.libc.readlinkat(Libc.AT_FDCWD, name);
            file = Proc.quote(name) + " -> " + Proc.quote(target == null ? "" : target);
        }
        s.append("  File: ").append(file).append('\n');
        s.append(String.format("  Size: %-10d\tBlocks: %-10d IO Block: %-6d %s\n", st.st_size, st.st_blocks,
                st.st_blksize, Stat.typeName(st.st_mode, st.st_size)));
        String dev = Stat.major(st.st_dev) + "," + Stat.minor(st.st_dev);
        int t = st.type();
        if (t == Stat.S_IFCHR || t == Stat.S_IFBLK) {
            s.append(String.format("Device: %s\tInode: %-11d Links: %-5d Device type: %d,%d\n", dev, st.st_ino,
                    st.st_nlink, Stat.major(st.st_rdev), Stat.minor(st.st_rdev)));
        } else {
            s.append(String.format("Device: %s\tInode: %-11d Links: %d\n", dev, st.st_ino, st.st_nlink));
        }
        s.append(String.format("Access: (%04o/%s)  Uid: (%5d/%8s)   Gid: (%5d/%8s)\n", st.st_mode & 07777,
                Stat.modeString(st.st_mode), st.st_uid, pw.userOrId(st.st_uid), st.st_gid, pw.groupOrId(st.st_gid)));
        s.append("Access: ").append(time(st.st_atime, st.st_atime_nsec)).append('\n');
        s.append("Modify: ").append(time(st.st_mtime, st.st_mtime_nsec)).append('\n');
        s.append("Change: ").append(time(st.st_ctime, st.st_ctime_nsec)).append('\n');
        s.append(" Birth: -\n");
        return s.toString();
    }

    private static String time(long sec, long nsec) {
        return TIME.format(Instant.ofEpochSecond(sec).atOffset(ZoneOffset.UTC)) + String.format(".%09d +0000", nsec);
    }
}
