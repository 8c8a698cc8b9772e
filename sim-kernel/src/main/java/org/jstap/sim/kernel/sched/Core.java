package org.jstap.sim.kernel.sched;

import java.util.Comparator;
import java.util.TreeSet;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.time.Hrtimer;

/**
 * kernel/sched/core.c with a CFS-like fair class: per-CPU runqueues ordered by virtual runtime,
 * {@code schedule()}, wake-ups, the tick's preemption check, and sleeping with an hrtimer.
 *
 * <p>Tasks run as coroutines: the machine loop ({@link #run_one}) hands a CPU to the task picked
 * by the scheduler until the task sleeps, yields, uses up its budget (the next hardware event or
 * its slice) at a preemption point ({@link #charge}), or exits. All CPUs share the machine's one
 * virtual clock and take turns.
 */
@LinuxFile("kernel/sched/core.c")
public final class Core {
    /** sysctl_sched_base_slice: how long a task runs before the tick may preempt it. */
    static final long SLICE_NS = 3_000_000;
    /** sysctl_sched_latency / 2: how far behind the queue a task that slept may be placed (GENTLE_FAIR_SLEEPERS). */
    static final long SLEEPER_CREDIT_NS = 3_000_000;
    /** sysctl_sched_wakeup_granularity: how much less virtual runtime a waking task needs to preempt. */
    static final long WAKEUP_GRAN_NS = 1_000_000;

    private static final Comparator<TaskStruct> BY_VRUNTIME = Comparator.<TaskStruct>comparingLong(t -> t.vruntime)
            .thenComparingInt(t -> t.pid);

    /** struct rq: one per CPU. Guarded by holding the machine's baton. */
    private static final class Rq {
        final TreeSet<TaskStruct> queue = new TreeSet<>(BY_VRUNTIME);
        TaskStruct curr;
        /** The idle task (swapper/N) a CPU runs when nothing else can. */
        TaskStruct idle;
        /** The task that last left the CPU without a successor yet (slept or exited), for sched_switch. */
        TaskStruct left;
        boolean needResched;
        long nrSwitches;
        long minVruntime;
    }

    private final Kernel kernel;
    private final Rq[] rqs;
    /** Every task that has a host thread, until it ends: what power-off must stop. */
    private final java.util.Set<TaskStruct> withThreads = new java.util.LinkedHashSet<>();
    private int lastCpu = -1;
    /** CPUs brought up (maxcpus= may leave the others offline): 0 .. nrOnline-1. */
    private int nrOnline;
    /** The task holding the baton, or null while the machine loop runs. */
    private TaskStruct running;
    /** When the running task must give the CPU back. */
    private long budgetEndNs;

    public Core(Kernel kernel, int cpus) {
        this.kernel = kernel;
        this.rqs = new Rq[cpus];
        this.nrOnline = cpus;
        for (int i = 0; i < cpus; i++) {
            rqs[i] = new Rq();
            rqs[i].idle = new TaskStruct(0, 0, "swapper/" + i, null, i);
            rqs[i].idle.flags = TaskStruct.PF_KTHREAD | TaskStruct.PF_IDLE;
        }
    }

    // ---------------------------------------------------------------- creating and waking

    /** The idle task of a CPU (swapper/N, pid 0). */
    public TaskStruct idle_task(int cpu) {
        return rqs[cpu].idle;
    }

    /**
     * sched_fork: a new task starts on the CPU with the fewest tasks (lowest number on a tie), with
     * the virtual runtime of that queue, and will run {@code body} on its own coroutine.
     */
    public void sched_fork(TaskStruct p, Runnable body) {
        int best = 0;
        for (int c = 1; c < nrOnline; c++) {
            if (nr_running(c) < nr_running(best)) {
                best = c;
            }
        }
        p.cpu = best;
        p.vruntime = rqs[best].minVruntime;
        p.state = TaskStruct.State.INTERRUPTIBLE;
        p.coroutine = new Coroutine(p.comm + "/" + p.pid, () -> {
            kernel.bind_current_thread();
            body.run();
        });
        withThreads.add(p);
    }

    /** kthread_bind: a task not yet started will run on {@code cpu} (an offline CPU's work goes to CPU 0). */
    public void kthread_bind(TaskStruct p, int cpu) {
        p.cpu = cpu_online(cpu) ? cpu : 0;
        p.vruntime = rqs[p.cpu].minVruntime;
    }

    /** wake_up_new_task: the new task joins its CPU's queue. */
    public void wake_up_new_task(TaskStruct p) {
        // START_DEBIT: a new task starts a slice behind the queue, so forking cannot buy CPU time
        p.vruntime = Math.max(p.vruntime, rqs[p.cpu].minVruntime + SLEEPER_CREDIT_NS);
        wake_up_process(p);
    }

    /** maxcpus=: only the first {@code n} CPUs are brought up (at least the boot CPU). */
    public void set_nr_online(int n) {
        nrOnline = Math.max(1, Math.min(n, rqs.length));
    }

    /** cpu_online(cpu). */
    public boolean cpu_online(int cpu) {
        return cpu >= 0 && cpu < nrOnline;
    }

    /** num_online_cpus(). */
    public int num_online_cpus() {
        return nrOnline;
    }

    /** Tasks on a CPU's queue, the running one included (rq->nr_running). */
    public int nr_running(int cpu) {
        Rq rq = rqs[cpu];
        return rq.queue.size() + (rq.curr != null ? 1 : 0);
    }

    /** try_to_wake_up: make a sleeping task runnable on its CPU; false if it was not sleeping. */
    public boolean wake_up_process(TaskStruct p) {
        return wake_up_state(p, true);
    }

    /**
     * wake_up_state: wakes {@code p} if it sleeps (any sleep when {@code uninterruptibleToo}, else
     * only an interruptible one).
     */
    public boolean wake_up_state(TaskStruct p, boolean uninterruptibleToo) {
        boolean sleeping = p.state == TaskStruct.State.INTERRUPTIBLE
                || (uninterruptibleToo && p.state == TaskStruct.State.UNINTERRUPTIBLE);
        if (!sleeping) {
            return false;
        }
        p.state = TaskStruct.State.RUNNING;
        kernel.trace().sched_wakeup(p, p.cpu);
        Rq rq = rqs[p.cpu];
        // place_entity: a task that slept keeps a little credit, but no more, so it cannot
        // monopolise the CPU after a long sleep
        p.vruntime = Math.max(p.vruntime, rq.minVruntime - SLEEPER_CREDIT_NS);
        enqueue(rq, p);
        check_preempt_wakeup(rq, p);
        return true;
    }

    /** check_preempt_wakeup: a woken task far enough behind the running one takes the CPU at once. */
    private void check_preempt_wakeup(Rq rq, TaskStruct p) {
        TaskStruct curr = rq.curr;
        if (curr == null || curr == p) {
            return;
        }
        long currVruntime = curr.vruntime + (curr == running ? clock() - curr.execStart : 0);
        if (currVruntime - p.vruntime > WAKEUP_GRAN_NS) {
            rq.needResched = true;
        }
    }

    private void enqueue(Rq rq, TaskStruct p) {
        if (!p.onRq && rq.curr != p) {
            rq.queue.add(p);
            p.onRq = true;
        }
    }

    // ---------------------------------------------------------------- task context

    /** The task running now, or null in interrupt or boot context. */
    public TaskStruct current() {
        return running;
    }

    /**
     * {@code current} as code on {@code cpu} sees it: the running task, else the task the CPU was
     * running when interrupted, else its idle task (swapper/N).
     */
    public TaskStruct current_task(int cpu) {
        if (running != null && running.cpu == cpu) {
            return running;
        }
        Rq rq = rqs[cpu];
        return rq.curr != null ? rq.curr : rq.idle;
    }

    /**
     * The cost model: the running task did {@code ns} of work. This is a preemption point: past
     * its budget, or when the tick asked for it, the task gives the CPU back, unless it runs
     * softirqs or has them disabled (preempt_count is not zero: preemptible() is false).
     */
    public void charge(long ns) {
        kernel.timekeeping().advance(ns);
        TaskStruct p = running;
        if (p != null && (clock() >= budgetEndNs || rqs[p.cpu].needResched) && !kernel.softirq().in_softirq(p.cpu)) {
            p.nivcsw++;
            switchOut(p);
        }
    }

    /**
     * How much longer the running task may compute before {@link #charge} would take the CPU
     * away (the next hardware event or the end of its slice); at least 1 ns. A hart in user mode
     * runs this long between looks at the kernel.
     */
    public long budget_left_ns() {
        return Math.max(1, budgetEndNs - clock());
    }

    /** schedule(): give up the CPU; a task whose state is no longer RUNNING sleeps until woken. */
    public void schedule() {
        TaskStruct p = running;
        if (p == null) {
            throw new IllegalStateException("schedule() outside task context");
        }
        if (p.state == TaskStruct.State.INTERRUPTIBLE && kernel.signal().signal_pending(p)) {
            // signal_pending_state: a pending signal cancels an interruptible sleep
            p.state = TaskStruct.State.RUNNING;
        }
        p.nvcsw++;
        if (p.state == TaskStruct.State.RUNNING) {
            rqs[p.cpu].needResched = true;
        }
        switchOut(p);
    }

    /**
     * schedule_timeout (kernel/time/timer.c): sleep for {@code ns} of virtual time, woken by an
     * hrtimer on the task's CPU, or earlier by a signal or a wake-up; the timer is cancelled if
     * the sleep ends early.
     */
    public void schedule_timeout(long ns) {
        sleep_timeout(ns, TaskStruct.State.INTERRUPTIBLE);
    }

    /** schedule_timeout_uninterruptible: the same sleep, which only the timer or a wake-up ends. */
    public void schedule_timeout_uninterruptible(long ns) {
        sleep_timeout(ns, TaskStruct.State.UNINTERRUPTIBLE);
    }

    private void sleep_timeout(long ns, TaskStruct.State state) {
        TaskStruct p = running;
        p.state = state;
        Hrtimer wake = new Hrtimer(t -> {
            wake_up_process(p);
            return false;
        });
        kernel.hrtimers().hrtimer_start(wake, clock() + ns, p.cpu);
        schedule();
        kernel.hrtimers().hrtimer_cancel(wake);
    }

    /**
     * do_task_dead: the exiting task leaves the CPU for good; its host stack unwinds to the
     * coroutine, which ends.
     */
    public void do_task_dead() {
        running.state = TaskStruct.State.DEAD;
        throw new TaskExit();
    }

    /** msleep: sleep at least {@code ms} milliseconds. */
    public void msleep(long ms) {
        schedule_timeout(ms * 1_000_000);
    }

    private void switchOut(TaskStruct p) {
        running = null;
        p.coroutine.yieldToMachine();
        // resumed by run_one: running was set again there
    }

    // ---------------------------------------------------------------- the tick

    /** sched_init: the fair class's load balancer runs in the SCHED softirq (init_sched_fair_class). */
    public void sched_init() {
        kernel.softirq().open_softirq(org.jstap.sim.kernel.Softirq.SCHED_SOFTIRQ, this::run_rebalance_domains);
    }

    /** How often, in ticks, a CPU balances its load (a stand-in for the sched domains' intervals). */
    static final int BALANCE_INTERVAL_TICKS = 4;

    /**
     * run_rebalance_domains: this CPU pulls one waiting task from the busiest online CPU when that
     * one has at least two more tasks; the task keeps its lag relative to its new queue.
     */
    void run_rebalance_domains() {
        int cpu = kernel.smp_processor_id();
        Rq here = rqs[cpu];
        int busiest = -1;
        for (int c = 0; c < nrOnline; c++) {
            if (c != cpu && (busiest < 0 || nr_running(c) > nr_running(busiest))) {
                busiest = c;
            }
        }
        if (busiest < 0 || nr_running(busiest) - nr_running(cpu) < 2) {
            return;
        }
        Rq there = rqs[busiest];
        for (TaskStruct p : there.queue) {
            // only a task that may run anywhere and is not on its way in or out
            if ((p.flags & TaskStruct.PF_KTHREAD) == 0 && p.state == TaskStruct.State.RUNNING) {
                there.queue.remove(p);
                p.onRq = false;
                p.vruntime = p.vruntime - there.minVruntime + here.minVruntime;
                p.cpu = cpu;
                p.nrMigrations++;
                kernel.trace().sched_migrate_task(p, busiest, cpu);
                enqueue(here, p);
                return;
            }
        }
    }

    /** scheduler_tick: a task that has used its slice is asked to give way; now and then, balance. */
    public void scheduler_tick(int cpu) {
        if (kernel.timekeeping().jiffies() % BALANCE_INTERVAL_TICKS == 0) {
            kernel.softirq().raise_softirq(org.jstap.sim.kernel.Softirq.SCHED_SOFTIRQ, cpu);
        }
        Rq rq = rqs[cpu];
        TaskStruct curr = rq.curr;
        if (curr != null && !rq.queue.isEmpty()
                && clock() - curr.sliceStart >= SLICE_NS) {
            rq.needResched = true;
        }
    }

    // ---------------------------------------------------------------- the machine loop

    /** rq_clock: the scheduler reads the hardware clock directly. */
    private long clock() {
        return kernel.hardware().now();
    }

    /** Whether any CPU has a task to run. */
    public boolean has_runnable() {
        for (Rq rq : rqs) {
            if (rq.curr != null || !rq.queue.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs one CPU with work (taking CPUs in turn) until its task sleeps, exits or reaches
     * {@code untilNs}. False if no CPU had work.
     */
    public boolean run_one(long untilNs) {
        int cpu = -1;
        for (int i = 1; i <= rqs.length; i++) {
            int c = (lastCpu + i) % rqs.length;
            if (rqs[c].curr != null || !rqs[c].queue.isEmpty()) {
                cpu = c;
                break;
            }
        }
        if (cpu < 0) {
            return false;
        }
        lastCpu = cpu;
        // the whole step runs on that CPU: __schedule's sched_switch and the task's slice alike,
        // so cpu() in a sched_switch probe names the CPU that switched
        int previousCpu = kernel.set_processor_id(cpu);
        try {
            return run_on(rqs[cpu], untilNs);
        } finally {
            kernel.set_processor_id(previousCpu);
        }
    }

    private boolean run_on(Rq rq, long untilNs) {
        if (rq.curr == null || rq.needResched) {
            pick_next_task(rq);
        }
        TaskStruct p = rq.curr;
        long now = clock();
        budgetEndNs = Math.min(untilNs, now + SLICE_NS);
        p.execStart = now;
        running = p;
        p.coroutine.resume();
        running = null;
        long ran = clock() - p.execStart;
        p.sumExecRuntime += ran;
        p.vruntime += ran;
        if (p.coroutine.finished()) {
            finish_task_switch_dead(rq, p);
        } else if (p.state != TaskStruct.State.RUNNING) {
            rq.curr = null;
        }
        if (rq.curr == null) {
            if (rq.queue.isEmpty()) {
                // nothing left: the CPU goes idle
                kernel.trace().sched_switch(false, p, rq.idle);
            } else {
                rq.left = p;
            }
        }
        return true;
    }

    /** pick_next_task_fair: the queued task with the least virtual runtime replaces the current one. */
    private void pick_next_task(Rq rq) {
        rq.needResched = false;
        TaskStruct prev = rq.curr;
        if (prev != null && prev.state == TaskStruct.State.RUNNING) {
            rq.curr = null;
            enqueue(rq, prev);
        }
        TaskStruct next = rq.queue.pollFirst();
        TaskStruct leaving = rq.left;
        rq.left = null;
        next.onRq = false;
        rq.curr = next;
        rq.minVruntime = Math.max(rq.minVruntime, next.vruntime);
        if (next != prev) {
            rq.nrSwitches++;
            next.sliceStart = clock();
            TaskStruct from = prev != null ? prev : leaving != null ? leaving : rq.idle;
            kernel.trace().sched_switch(prev != null && prev.state == TaskStruct.State.RUNNING, from, next);
        }
    }

    /** The task ran for the last time: its CPU forgets it and the running reference is dropped. */
    private void finish_task_switch_dead(Rq rq, TaskStruct p) {
        withThreads.remove(p);
        p.state = TaskStruct.State.DEAD;
        rq.curr = null;
        Throwable escaped = p.coroutine.failure();
        if (escaped != null) {
            // only a task without the oops path (a bare coroutine) gets here with an exception
            kernel.printk().pr_err("Oops: " + escaped + " in " + p.comm + "[" + p.pid + "]");
        }
        kernel.fork().put_task_struct(p);
    }

    /**
     * kernel_power_off's last step for the simulation: every task's host thread is stopped. The
     * machine must not run afterwards.
     */
    public void power_off() {
        for (TaskStruct p : java.util.List.copyOf(withThreads)) {
            running = p;
            try {
                p.coroutine.kill();
            } finally {
                running = null;
            }
            p.state = TaskStruct.State.DEAD;
        }
        withThreads.clear();
        for (Rq rq : rqs) {
            rq.queue.clear();
            rq.curr = null;
        }
    }

    /** Tasks that still have a host thread (for leak checks). */
    public int nr_threads() {
        return withThreads.size();
    }

    /** Context switches of a CPU (nr_switches). */
    public long nr_switches(int cpu) {
        return rqs[cpu].nrSwitches;
    }


    /** sched_yield(2): give the CPU to whoever is next in line. */
    public long __do_sys_sched_yield() {
        schedule();
        return 0;
    }
}
