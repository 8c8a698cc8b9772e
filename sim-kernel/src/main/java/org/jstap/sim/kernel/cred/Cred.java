package org.jstap.sim.kernel.cred;

import java.util.List;

/**
 * struct cred (include/linux/cred.h): who a task acts as, and its supplementary groups
 * ({@code group_info}). Immutable, as Linux treats a published cred: a change makes a new one
 * (prepare_creds, then commit_creds), and tasks share one until then.
 */
public record Cred(int uid, int gid, int suid, int sgid, int euid, int egid, int fsuid, int fsgid,
                   List<Integer> group_info) {
    /** NGROUPS_MAX. */
    public static final int NGROUPS_MAX = 65536;
    /** init_cred: root. */
    public static final Cred ROOT = new Cred(0, 0, 0, 0, 0, 0, 0, 0);

    public Cred {
        group_info = List.copyOf(group_info);
    }

    public Cred(int uid, int gid, int suid, int sgid, int euid, int egid, int fsuid, int fsgid) {
        this(uid, gid, suid, sgid, euid, egid, fsuid, fsgid, List.of());
    }

    public Cred withUid(int ruid, int eu, int su) {
        return new Cred(ruid, gid, su, sgid, eu, egid, eu, fsgid, group_info);
    }

    public Cred withGid(int rgid, int eg, int sg) {
        return new Cred(uid, rgid, suid, sg, euid, eg, fsuid, eg, group_info);
    }

    public Cred withGroups(List<Integer> groups) {
        return new Cred(uid, gid, suid, sgid, euid, egid, fsuid, fsgid, groups);
    }

    /** in_group_p: the fs gid or one of the supplementary groups. */
    public boolean in_group_p(int g) {
        return fsgid == g || group_info.contains(g);
    }
}
