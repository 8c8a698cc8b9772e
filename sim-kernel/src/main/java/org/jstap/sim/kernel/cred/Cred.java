package org.jstap.sim.kernel.cred;

/**
 * struct cred (include/linux/cred.h): who a task acts as. Immutable, as Linux treats a published
 * cred: a change makes a new one (prepare_creds, then commit_creds), and tasks share one until
 * then.
 */
public record Cred(int uid, int gid, int suid, int sgid, int euid, int egid, int fsuid, int fsgid) {
    /** init_cred: root. */
    public static final Cred ROOT = new Cred(0, 0, 0, 0, 0, 0, 0, 0);

    public Cred withUid(int ruid, int eu, int su) {
        return new Cred(ruid, gid, su, sgid, eu, egid, eu, fsgid);
    }

    public Cred withGid(int rgid, int eg, int sg) {
        return new Cred(uid, rgid, suid, sg, euid, eg, fsuid, eg);
    }
}
