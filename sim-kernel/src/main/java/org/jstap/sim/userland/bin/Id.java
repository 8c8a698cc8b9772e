package org.jstap.sim.userland.bin;

import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.userland.Passwd;
import org.jstap.sim.userland.Proc;
import org.jstap.sim.userland.Program;

/**
 * /bin/id: "uid=0(root) gid=0(root) groups=0(root)" from getuid/getgid and getgroups (the gid
 * alone when the kernel has no supplementary groups); {@code -u -g -n} print one field.
 */
public final class Id extends Program {
    @Override
    protected int main(Proc p) {
        boolean u = p.args().contains("-u");
        boolean g = p.args().contains("-g");
        boolean n = p.args().contains("-n");
        int uid = (int) p.cpu.ecall(SyscallTable.__NR_getuid);
        int euid = (int) p.cpu.ecall(SyscallTable.__NR_geteuid);
        int gid = (int) p.cpu.ecall(SyscallTable.__NR_getgid);
        int egid = (int) p.cpu.ecall(SyscallTable.__NR_getegid);
        Passwd pw = new Passwd(p.libc);
        if (u || g) {
            int id = u ? euid : egid;
            p.out().print((n ? (u ? pw.userOrId(id) : pw.groupOrId(id)) : String.valueOf(id)) + "\n");
            return 0;
        }
        List<Integer> groups = new ArrayList<>();
        groups.add(egid);
        long buf = p.libc.push(4 * 64);
        long count = p.cpu.ecall(SyscallTable.__NR_getgroups, 64, buf);
        for (int i = 0; i < count; i++) {
            int v = (int) (p.cpu.ld(buf + 4L * i) & 0xffffffffL);
            if (!groups.contains(v)) {
                groups.add(v);
            }
        }
        p.libc.pop(buf, 4 * 64);
        StringBuilder s = new StringBuilder();
        s.append("uid=").append(uid).append(name(pw.user(uid)));
        s.append(" gid=").append(gid).append(name(pw.group(gid)));
        if (euid != uid) {
            s.append(" euid=").append(euid).append(name(pw.user(euid)));
        }
        if (egid != gid) {
            s.append(" egid=").append(egid).append(name(pw.group(egid)));
        }
        s.append(" groups=");
        for (int i = 0; i < groups.size(); i++) {
            s.append(i == 0 ? "" : ",").append(groups.get(i)).append(name(pw.group(groups.get(i))));
        }
        p.out().print(s + "\n");
        return 0;
    }

    private static String name(String n) {
        return n == null ? "" : "(" + n + ")";
    }
}
