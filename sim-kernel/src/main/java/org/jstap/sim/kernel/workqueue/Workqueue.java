package org.jstap.sim.kernel.workqueue;

import java.util.ArrayDeque;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.sched.WaitQueueHead;
import org.jstap.sim.kernel.time.TimerList;

/**
 * kernel/workqueue.c: work deferred to process context. Each CPU has a worker pool with a
 * {@code kworker/N:0} thread that runs the pool's work items one after another; a work item
 * queued while pending is not queued twice, and may be queued again once it has started.
 * (Linux adds workers when one sleeps; here a pool has one, so a sleeping work item delays the
 * ones behind it.)
 */
@LinuxFile("kernel/workqueue.c")
public final class Workqueue {
    /** Virtual cost of starting one work item. */
    private static final long WORK_NS = 500;

    /** struct worker_pool: the per-CPU list and its worker. */
    private static final class WorkerPool {
        final int cpu;
        final ArrayDeque<WorkStruct> worklist = new ArrayDeque<>();
        final WaitQueueHead done = new WaitQueueHead();
        TaskStruct worker;

        WorkerPool(int cpu) {
            this.cpu = cpu;
        }
    }

    private final Kernel kernel;
    private final WorkerPool[] pools;
    private WorkqueueStruct systemWq;

    public Workqueue(Kernel kernel, int cpus) {
        this.kernel = kernel;
        this.pools = new WorkerPool[cpus];
        for (int cpu = 0; cpu < cpus; cpu++) {
            pools[cpu] = new WorkerPool(cpu);
        }
    }

    /** workqueue_init_early: the system workqueues exist before there are workers to run them. */
    public void workqueue_init_early() {
        systemWq = alloc_workqueue("events");
    }

    /** workqueue_init: each pool gets its kworker, which runs whatever was queued during boot. */
    public void workqueue_init() {
        for (WorkerPool pool : pools) {
            if (kernel.sched().cpu_online(pool.cpu)) {
                create_worker(pool);
            }
        }
    }

    private void create_worker(WorkerPool pool) {
        pool.worker = kernel.kthread().kthread_create_on_cpu(() -> worker_thread(pool), pool.cpu,
                "kworker/" + pool.cpu + ":0");
        kernel.sched().wake_up_process(pool.worker);
    }

    /** alloc_workqueue: a named queue whose work runs in the shared per-CPU pools. */
    public WorkqueueStruct alloc_workqueue(String name) {
        return new WorkqueueStruct(name);
    }

    /** system_wq ("events"): what schedule_work uses. */
    public WorkqueueStruct system_wq() {
        return systemWq;
    }

    // ---------------------------------------------------------------- queueing

    /** queue_work_on: false if {@code work} was already pending. */
    public boolean queue_work_on(int cpu, WorkqueueStruct wq, WorkStruct work) {
        if (work.pending) {
            return false;
        }
        work.pending = true;
        __queue_work(cpu, wq, work);
        return true;
    }

    /** queue_work: on the current CPU. */
    public boolean queue_work(WorkqueueStruct wq, WorkStruct work) {
        return queue_work_on(kernel.smp_processor_id(), wq, work);
    }

    /** schedule_work: on the system workqueue. */
    public boolean schedule_work(WorkStruct work) {
        return queue_work(systemWq, work);
    }

    private void __queue_work(int cpu, WorkqueueStruct wq, WorkStruct work) {
        // work for an offline CPU runs on the boot CPU
        WorkerPool pool = pools[kernel.sched().cpu_online(cpu) ? cpu : 0];
        kernel.trace().workqueue_queue_work(wq.name, work.name, pool.cpu);
        pool.worklist.addLast(work);
        if (pool.worker != null) {
            kernel.sched().wake_up_process(pool.worker);
        }
    }

    /** queue_delayed_work_on: queued after {@code delay} jiffies; false if already pending. */
    public boolean queue_delayed_work_on(int cpu, WorkqueueStruct wq, DelayedWork dwork, long delay) {
        if (dwork.pending) {
            return false;
        }
        dwork.pending = true;
        if (delay <= 0) {
            __queue_work(cpu, wq, dwork);
            return true;
        }
        dwork.wq = wq;
        dwork.cpu = cpu;
        dwork.timer = new TimerList(() -> __queue_work(dwork.cpu, dwork.wq, dwork));
        kernel.timers().mod_timer(dwork.timer, kernel.timekeeping().jiffies() + delay);
        return true;
    }

    /** schedule_delayed_work: on the system workqueue and the current CPU. */
    public boolean schedule_delayed_work(DelayedWork dwork, long delay) {
        return queue_delayed_work_on(kernel.smp_processor_id(), systemWq, dwork, delay);
    }

    /**
     * mod_delayed_work_on: {@code dwork} runs {@code delay} jiffies from now whether or not it
     * was pending (a pending timer or queued run is moved); true if it was pending.
     */
    public boolean mod_delayed_work_on(int cpu, WorkqueueStruct wq, DelayedWork dwork, long delay) {
        boolean wasPending = dwork.pending;
        if (dwork.timer != null) {
            kernel.timers().del_timer(dwork.timer);
        }
        for (WorkerPool pool : pools) {
            pool.worklist.remove(dwork);
        }
        dwork.pending = false;
        queue_delayed_work_on(cpu, wq, dwork, delay);
        return wasPending;
    }

    /** mod_delayed_work: on the current CPU. */
    public boolean mod_delayed_work(WorkqueueStruct wq, DelayedWork dwork, long delay) {
        return mod_delayed_work_on(kernel.smp_processor_id(), wq, dwork, delay);
    }

    // ---------------------------------------------------------------- waiting and cancelling

    /** flush_work: waits until {@code work} is neither pending nor running; true if it had to wait. */
    public boolean flush_work(WorkStruct work) {
        if (!work.pending && !work.running) {
            return false;
        }
        for (WorkerPool pool : pools) {
            kernel.waitq().wait_event(pool.done, () -> !pool.worklist.contains(work) && !work.running);
        }
        return true;
    }

    /** flush_delayed_work: a delayed work whose timer is pending is queued now, then flushed. */
    public boolean flush_delayed_work(DelayedWork dwork) {
        if (dwork.timer != null && kernel.timers().del_timer(dwork.timer)) {
            __queue_work(dwork.cpu, dwork.wq, dwork);
        }
        return flush_work(dwork);
    }

    /** cancel_work_sync: unqueues {@code work} and waits for a running instance; true if it was pending. */
    public boolean cancel_work_sync(WorkStruct work) {
        boolean wasPending = work.pending;
        if (work instanceof DelayedWork dwork && dwork.timer != null) {
            kernel.timers().del_timer(dwork.timer);
        }
        for (WorkerPool pool : pools) {
            pool.worklist.remove(work);
        }
        work.pending = false;
        if (work.running) {
            flush_work(work);
        }
        return wasPending;
    }

    // ---------------------------------------------------------------- the workers

    /** worker_thread: the kworker's loop. */
    private void worker_thread(WorkerPool pool) {
        TaskStruct self = kernel.sched().current();
        while (true) {
            self.set_current_state(TaskStruct.State.INTERRUPTIBLE);
            if (pool.worklist.isEmpty()) {
                kernel.sched().schedule();
                continue;
            }
            self.set_current_state(TaskStruct.State.RUNNING);
            process_one_work(pool, pool.worklist.pollFirst());
        }
    }

    /** process_one_work: one work item, with its trace events; then whoever flushes it may go on. */
    private void process_one_work(WorkerPool pool, WorkStruct work) {
        work.pending = false;
        work.running = true;
        kernel.sched().charge(WORK_NS);
        kernel.trace().workqueue_execute_start(work.name);
        try {
            work.runs++;
            work.func.run();
        } finally {
            work.running = false;
            kernel.trace().workqueue_execute_end(work.name);
            kernel.waitq().wake_up(pool.done);
        }
    }

    /** The worker thread of a CPU's pool, once started. */
    public TaskStruct worker(int cpu) {
        return pools[cpu].worker;
    }
}
