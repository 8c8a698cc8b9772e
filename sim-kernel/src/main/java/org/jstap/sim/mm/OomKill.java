package org.jstap.sim.mm;

import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.printk.Printk;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.signal.Siginfo;
import org.jstap.sim.kernel.signal.Signals;

/**
 * mm/oom_kill.c: when an allocation that may sleep finds no free page, the process using the
 * most memory is killed with SIGKILL so that the rest of the system, and the kernel, go on. The
 * allocating task then waits for the victim to let go of its memory and tries again.
 */
@LinuxFile("mm/oom_kill.c")
public final class OomKill {
    /** OOM_SCORE_ADJ_MIN: a process with this adjustment is never chosen. */
    public static final int OOM_SCORE_ADJ_MIN = -1000;
    /** How long an allocation waits for a victim to exit before it looks again (one tick at HZ=250). */
    static final long RETRY_WAIT_NS = 4_000_000;

    private final Kernel kernel;
    /** The process chosen last, until its address space is gone. */
    private TaskStruct victim;
    private long kills;

    public OomKill(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * out_of_memory: chooses and kills a victim unless one is still on its way out, then lets the
     * allocating task wait a little. False when the allocation should fail instead: no task to
     * wait in, the allocating task is itself dying, or nothing can be killed.
     */
    public boolean out_of_memory(int gfp, int order) {
        TaskStruct current = kernel.sched().current();
        if (current == null || kernel.signal().fatal_signal_pending(current) || current.signal == null) {
            return false;
        }
        if (!victim_in_flight()) {
            TaskStruct chosen = select_bad_process();
            if (chosen == null) {
                dump_header(current, gfp, order);
                kernel.printk().printk(Printk.KERN_ERR, "Out of memory and no killable processes...");
                return false;
            }
            dump_header(current, gfp, order);
            oom_kill_process(chosen);
        }
        if (current.signal.oom_mm != null) {
            // the allocating task is the victim: fail, so that it reaches its SIGKILL
            return false;
        }
        kernel.sched().schedule_timeout_uninterruptible(RETRY_WAIT_NS);
        return true;
    }

    private boolean victim_in_flight() {
        if (victim != null && victim.mm == null) {
            victim.signal.oom_mm = null;
            victim = null;
        }
        return victim != null;
    }

    /**
     * select_bad_process: the user process with the highest {@link #oom_badness}; the first in pid
     * order wins a tie. Init and kernel threads are never chosen.
     */
    TaskStruct select_bad_process() {
        TaskStruct chosen = null;
        long chosenPoints = Long.MIN_VALUE;
        for (TaskStruct p : kernel.pid().processes()) {
            long points = oom_badness(p);
            if (points != Long.MIN_VALUE && points > chosenPoints) {
                chosen = p;
                chosenPoints = points;
            }
        }
        return chosen;
    }

    /**
     * oom_badness: resident pages plus page-table pages, shifted by oom_score_adj in thousandths of
     * RAM; {@code Long.MIN_VALUE} for a task that must not be chosen.
     */
    public long oom_badness(TaskStruct p) {
        if (p.pid == 1 || (p.flags & TaskStruct.PF_KTHREAD) != 0 || p.mm == null || p.exit_state != 0
                || p.signal.oom_score_adj == OOM_SCORE_ADJ_MIN) {
            return Long.MIN_VALUE;
        }
        long points = p.mm.anon_rss + kernel.pgtable().pgtables_pages(p.mm.pgd);
        long totalPages = kernel.ram().frames();
        return points + p.signal.oom_score_adj * totalPages / 1000;
    }

    /** dump_header: who asked, and for what. */
    private void dump_header(TaskStruct current, int gfp, int order) {
        kernel.printk().printk(Printk.KERN_WARNING, String.format(
                "%s invoked oom-killer: gfp_mask=%#x(%s), order=%d, oom_score_adj=%d", current.comm, gfp,
                Gfp.format(gfp), order, current.signal.oom_score_adj));
        kernel.printk().printk(Printk.KERN_INFO, String.format("Mem-Info: free:%d total:%d",
                kernel.page_alloc().nr_free_pages(), kernel.ram().frames()));
    }

    /** oom_kill_process: SIGKILL to the victim's whole process, and the report in dmesg. */
    void oom_kill_process(TaskStruct p) {
        MmStruct mm = p.mm;
        p.signal.oom_mm = mm;
        victim = p;
        kills++;
        kernel.signal().send_signal(Signals.SIGKILL, Siginfo.kernel(Signals.SIGKILL), p, true);
        kernel.printk().printk(Printk.KERN_ERR, String.format(
                "Out of memory: Killed process %d (%s) total-vm:%dkB, anon-rss:%dkB, file-rss:0kB, "
                        + "shmem-rss:0kB, UID:%d pgtables:%dkB oom_score_adj:%d",
                p.tgid, p.comm, mm.total_vm * 4, mm.anon_rss * 4, p.cred.uid(),
                kernel.pgtable().pgtables_pages(mm.pgd) * 4, p.signal.oom_score_adj));
    }

    /** oom_kill in /proc/vmstat: processes killed so far. */
    public long kills() {
        return kills;
    }
}
