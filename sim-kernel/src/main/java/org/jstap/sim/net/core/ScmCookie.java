package org.jstap.sim.net.core;

import org.jstap.sim.fs.File;

/**
 * struct scm_cookie (include/net/scm.h): the control data of one send or receive: the
 * credentials (SCM_CREDENTIALS; pid 0 and uid/gid -1 when none are attached) and the files
 * passed with SCM_RIGHTS, each holding a reference until installed or dropped.
 */
public final class ScmCookie {
    public int pid;
    public int uid = -1;
    public int gid = -1;
    /** scm_fp_list: the passed files, or null. */
    public File[] fp;

    /** scm_set_cred. */
    public void scm_set_cred(int pid, int uid, int gid) {
        this.pid = pid;
        this.uid = uid;
        this.gid = gid;
    }
}
