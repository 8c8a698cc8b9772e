package org.jstap.sim.kernel.trace;

import org.jstap.sim.kernel.sched.TaskStruct;

/**
 * The trace events of the kernel (include/trace/events/*.h): one method per event, named as in
 * Linux, whose parameters are the event's arguments. Kernel code calls these; scripts attach
 * with {@code kernel.trace("NAME")} and read the arguments as {@code $name}.
 */
public final class TraceEvents {
    private final Tracepoints tracepoints;
    private final int schedSwitch = Tracepoints.id("sched_switch");
    private final int schedWakeup = Tracepoints.id("sched_wakeup");
    private final int irqHandlerEntry = Tracepoints.id("irq_handler_entry");
    private final int irqHandlerExit = Tracepoints.id("irq_handler_exit");
    private final int softirqEntry = Tracepoints.id("softirq_entry");
    private final int softirqExit = Tracepoints.id("softirq_exit");
    private final int hrtimerExpireEntry = Tracepoints.id("hrtimer_expire_entry");
    private final int initcallLevel = Tracepoints.id("initcall_level");
    private final int initcallStart = Tracepoints.id("initcall_start");
    private final int initcallFinish = Tracepoints.id("initcall_finish");
    private final int schedProcessFork = Tracepoints.id("sched_process_fork");
    private final int schedProcessExec = Tracepoints.id("sched_process_exec");
    private final int schedProcessExit = Tracepoints.id("sched_process_exit");
    private final int sysEnter = Tracepoints.id("sys_enter");
    private final int sysExit = Tracepoints.id("sys_exit");
    private final int mmPageAlloc = Tracepoints.id("mm_page_alloc");
    private final int mmPageFree = Tracepoints.id("mm_page_free");
    private final int kmalloc = Tracepoints.id("kmalloc");
    private final int kfree = Tracepoints.id("kfree");
    private final int kmemCacheAlloc = Tracepoints.id("kmem_cache_alloc");
    private final int kmemCacheFree = Tracepoints.id("kmem_cache_free");
    private final int schedMigrateTask = Tracepoints.id("sched_migrate_task");
    private final int blockRqIssue = Tracepoints.id("block_rq_issue");
    private final int blockRqComplete = Tracepoints.id("block_rq_complete");
    private final int taskletEntry = Tracepoints.id("tasklet_entry");
    private final int taskletExit = Tracepoints.id("tasklet_exit");
    private final int workqueueQueueWork = Tracepoints.id("workqueue_queue_work");
    private final int workqueueExecuteStart = Tracepoints.id("workqueue_execute_start");
    private final int workqueueExecuteEnd = Tracepoints.id("workqueue_execute_end");
    private final int signalGenerate = Tracepoints.id("signal_generate");
    private final int signalDeliver = Tracepoints.id("signal_deliver");
    private final int schedProcessFree = Tracepoints.id("sched_process_free");
    private final int schedProcessWait = Tracepoints.id("sched_process_wait");
    private final int mmFilemapAddToPageCache = Tracepoints.id("mm_filemap_add_to_page_cache");
    private final int netDevQueue = Tracepoints.id("net_dev_queue");
    private final int netDevStartXmit = Tracepoints.id("net_dev_start_xmit");
    private final int netDevXmit = Tracepoints.id("net_dev_xmit");
    private final int netifRx = Tracepoints.id("netif_rx");
    private final int netifReceiveSkb = Tracepoints.id("netif_receive_skb");
    private final int napiPoll = Tracepoints.id("napi_poll");
    private final int inetSockSetState = Tracepoints.id("inet_sock_set_state");
    private final int tcpRetransmitSkb = Tracepoints.id("tcp_retransmit_skb");

    /** signal_generate's result: TRACE_SIGNAL_DELIVERED, IGNORED, ALREADY_PENDING (include/trace/events/signal.h). */
    public static final int TRACE_SIGNAL_DELIVERED = 0;
    public static final int TRACE_SIGNAL_IGNORED = 1;
    public static final int TRACE_SIGNAL_ALREADY_PENDING = 2;

    public TraceEvents(Tracepoints tracepoints) {
        this.tracepoints = tracepoints;
    }

    /** sched/sched_switch: {@code prev} leaves the CPU for {@code next}. */
    public void sched_switch(boolean preempt, TaskStruct prev, TaskStruct next) {
        if (tracepoints.enabled(schedSwitch)) {
            tracepoints.fire(schedSwitch, preempt, prev, next);
        }
    }

    /** sched/sched_wakeup: {@code p} became runnable on {@code target_cpu}. */
    public void sched_wakeup(TaskStruct p, int target_cpu) {
        if (tracepoints.enabled(schedWakeup)) {
            tracepoints.fire(schedWakeup, p, target_cpu);
        }
    }

    /** irq/irq_handler_entry. */
    public void irq_handler_entry(int irq, String name) {
        if (tracepoints.enabled(irqHandlerEntry)) {
            tracepoints.fire(irqHandlerEntry, irq, name);
        }
    }

    /** irq/irq_handler_exit. */
    public void irq_handler_exit(int irq, int ret) {
        if (tracepoints.enabled(irqHandlerExit)) {
            tracepoints.fire(irqHandlerExit, irq, ret);
        }
    }

    /** irq/softirq_entry: {@code vec} is the softirq number. */
    public void softirq_entry(int vec) {
        if (tracepoints.enabled(softirqEntry)) {
            tracepoints.fire(softirqEntry, vec);
        }
    }

    /** irq/softirq_exit. */
    public void softirq_exit(int vec) {
        if (tracepoints.enabled(softirqExit)) {
            tracepoints.fire(softirqExit, vec);
        }
    }

    /** sched/sched_migrate_task: the load balancer moves {@code p} between CPUs. */
    public void sched_migrate_task(TaskStruct p, int orig_cpu, int dest_cpu) {
        if (tracepoints.enabled(schedMigrateTask)) {
            tracepoints.fire(schedMigrateTask, p, orig_cpu, dest_cpu);
        }
    }

    /** block/block_rq_issue: a request goes to the device ({@code dev} is MKDEV(major, minor)). */
    public void block_rq_issue(int dev, long sector, int nr_sector, String rwbs, String comm) {
        if (tracepoints.enabled(blockRqIssue)) {
            tracepoints.fire(blockRqIssue, dev, sector, nr_sector, rwbs, comm);
        }
    }

    /** block/block_rq_complete: the device finished it; {@code error} is 0 or a negative errno. */
    public void block_rq_complete(int dev, long sector, int nr_sector, String rwbs, int error) {
        if (tracepoints.enabled(blockRqComplete)) {
            tracepoints.fire(blockRqComplete, dev, sector, nr_sector, rwbs, error);
        }
    }

    /** irq/tasklet_entry: the tasklet named {@code func} is about to run. */
    public void tasklet_entry(String func) {
        if (tracepoints.enabled(taskletEntry)) {
            tracepoints.fire(taskletEntry, func);
        }
    }

    /** irq/tasklet_exit. */
    public void tasklet_exit(String func) {
        if (tracepoints.enabled(taskletExit)) {
            tracepoints.fire(taskletExit, func);
        }
    }

    /** workqueue/workqueue_queue_work: {@code function} queued on {@code workqueue} for {@code cpu}. */
    public void workqueue_queue_work(String workqueue, String function, int cpu) {
        if (tracepoints.enabled(workqueueQueueWork)) {
            tracepoints.fire(workqueueQueueWork, workqueue, function, cpu);
        }
    }

    /** workqueue/workqueue_execute_start: a kworker starts {@code function}. */
    public void workqueue_execute_start(String function) {
        if (tracepoints.enabled(workqueueExecuteStart)) {
            tracepoints.fire(workqueueExecuteStart, function);
        }
    }

    /** workqueue/workqueue_execute_end. */
    public void workqueue_execute_end(String function) {
        if (tracepoints.enabled(workqueueExecuteEnd)) {
            tracepoints.fire(workqueueExecuteEnd, function);
        }
    }

    /** timer/hrtimer_expire_entry: an hrtimer's function is about to run at {@code now}. */
    public void hrtimer_expire_entry(long now, long expires) {
        if (tracepoints.enabled(hrtimerExpireEntry)) {
            tracepoints.fire(hrtimerExpireEntry, now, expires);
        }
    }

    /** initcall/initcall_level: boot starts running the initcalls of {@code level}. */
    public void initcall_level(String level) {
        if (tracepoints.enabled(initcallLevel)) {
            tracepoints.fire(initcallLevel, level);
        }
    }

    /** initcall/initcall_start: the initcall {@code func} is called. */
    public void initcall_start(String func) {
        if (tracepoints.enabled(initcallStart)) {
            tracepoints.fire(initcallStart, func);
        }
    }

    /** initcall/initcall_finish: {@code func} returned {@code ret}. */
    public void initcall_finish(String func, int ret) {
        if (tracepoints.enabled(initcallFinish)) {
            tracepoints.fire(initcallFinish, func, ret);
        }
    }

    /** kmem/mm_page_alloc: a block of 2^order pages at {@code pfn} was allocated (-1: the allocation failed). */
    public void mm_page_alloc(long pfn, int order, int gfp_flags) {
        if (tracepoints.enabled(mmPageAlloc)) {
            tracepoints.fire(mmPageAlloc, pfn, order, gfp_flags);
        }
    }

    /** kmem/mm_page_free: the block at {@code pfn} went back to the buddy allocator. */
    public void mm_page_free(long pfn, int order) {
        if (tracepoints.enabled(mmPageFree)) {
            tracepoints.fire(mmPageFree, pfn, order);
        }
    }

    /**
     * kmem/kmalloc: {@code bytes_req} were asked for, {@code bytes_alloc} given at {@code ptr}
     * (0 when it failed); {@code call_site} is the allocating function's address (_RET_IP_).
     */
    public void kmalloc(long call_site, long ptr, long bytes_req, long bytes_alloc, int gfp_flags) {
        if (tracepoints.enabled(kmalloc)) {
            tracepoints.fire(kmalloc, call_site, ptr, bytes_req, bytes_alloc, gfp_flags);
        }
    }

    /** trace_kmalloc_enabled(): lets kmalloc skip finding its call site while nobody listens. */
    public boolean kmalloc_enabled() {
        return tracepoints.enabled(kmalloc);
    }

    /** kmem/kfree: {@code ptr} goes back; {@code call_site} is the freeing function's address. */
    public void kfree(long call_site, long ptr) {
        if (tracepoints.enabled(kfree)) {
            tracepoints.fire(kfree, call_site, ptr);
        }
    }

    /** trace_kfree_enabled(). */
    public boolean kfree_enabled() {
        return tracepoints.enabled(kfree);
    }

    /** kmem/kmem_cache_alloc: an object of cache {@code name} at {@code ptr}. */
    public void kmem_cache_alloc(long ptr, long bytes_req, long bytes_alloc, int gfp_flags, String name) {
        if (tracepoints.enabled(kmemCacheAlloc)) {
            tracepoints.fire(kmemCacheAlloc, ptr, bytes_req, bytes_alloc, gfp_flags, name);
        }
    }

    /** kmem/kmem_cache_free. */
    public void kmem_cache_free(long ptr, String name) {
        if (tracepoints.enabled(kmemCacheFree)) {
            tracepoints.fire(kmemCacheFree, ptr, name);
        }
    }

    /** sched/sched_process_fork: {@code parent} (null at boot) made {@code child}. */
    public void sched_process_fork(TaskStruct parent, TaskStruct child) {
        if (tracepoints.enabled(schedProcessFork)) {
            tracepoints.fire(schedProcessFork, parent, child);
        }
    }

    /** sched/sched_process_exec: {@code p} now runs {@code filename}; {@code old_pid} is its pid before. */
    public void sched_process_exec(TaskStruct p, int old_pid, String filename) {
        if (tracepoints.enabled(schedProcessExec)) {
            tracepoints.fire(schedProcessExec, p, old_pid, filename);
        }
    }

    /** sched/sched_process_exit: {@code p} is exiting. */
    public void sched_process_exit(TaskStruct p) {
        if (tracepoints.enabled(schedProcessExit)) {
            tracepoints.fire(schedProcessExit, p);
        }
    }

    /**
     * signal/signal_generate: {@code sig} was sent to {@code task} (to its whole process if
     * {@code group}); {@code result} says whether it was queued, ignored or already pending.
     */
    public void signal_generate(int sig, org.jstap.sim.kernel.signal.Siginfo info, TaskStruct task, int group,
            int result) {
        if (tracepoints.enabled(signalGenerate)) {
            tracepoints.fire(signalGenerate, sig, info, task, group, result);
        }
    }

    /** signal/signal_deliver: the current task acts on {@code sig} now, with the action {@code ka}. */
    public void signal_deliver(int sig, org.jstap.sim.kernel.signal.Siginfo info,
            org.jstap.sim.kernel.signal.SigAction ka) {
        if (tracepoints.enabled(signalDeliver)) {
            tracepoints.fire(signalDeliver, sig, info, ka);
        }
    }

    /** sched/sched_process_free: the last reference to the reaped task {@code p} goes. */
    public void sched_process_free(TaskStruct p) {
        if (tracepoints.enabled(schedProcessFree)) {
            tracepoints.fire(schedProcessFree, p);
        }
    }

    /** sched/sched_process_wait: the current task waits for {@code pid} (0: any child). */
    public void sched_process_wait(int pid) {
        if (tracepoints.enabled(schedProcessWait)) {
            tracepoints.fire(schedProcessWait, pid);
        }
    }

    /** filemap/mm_filemap_add_to_page_cache: page {@code pfn} now caches page {@code index} of inode {@code i_ino} on {@code s_dev}. */
    public void mm_filemap_add_to_page_cache(long pfn, long i_ino, long index, int s_dev) {
        if (tracepoints.enabled(mmFilemapAddToPageCache)) {
            tracepoints.fire(mmFilemapAddToPageCache, pfn, i_ino, index, s_dev);
        }
    }

    /** net/net_dev_queue: {@code skb} enters dev_queue_xmit (its device is {@code skb->dev}). */
    public void net_dev_queue(org.jstap.sim.net.core.SkBuff skb) {
        if (tracepoints.enabled(netDevQueue)) {
            tracepoints.fire(netDevQueue, skb);
        }
    }

    /** net/net_dev_start_xmit: {@code skb} is handed to {@code dev}'s driver. */
    public void net_dev_start_xmit(org.jstap.sim.net.core.SkBuff skb, org.jstap.sim.net.core.NetDevice dev) {
        if (tracepoints.enabled(netDevStartXmit)) {
            tracepoints.fire(netDevStartXmit, skb, dev);
        }
    }

    /**
     * net/net_dev_xmit: the driver answered {@code rc} (NETDEV_TX_OK, NETDEV_TX_BUSY) for a packet
     * of {@code skb_len} bytes; the skb may already be freed.
     */
    public void net_dev_xmit(org.jstap.sim.net.core.SkBuff skb, int rc, org.jstap.sim.net.core.NetDevice dev,
            int skb_len) {
        if (tracepoints.enabled(netDevXmit)) {
            tracepoints.fire(netDevXmit, skb, rc, dev, skb_len);
        }
    }

    /** net/netif_rx: {@code skb} goes to this CPU's backlog. */
    public void netif_rx(org.jstap.sim.net.core.SkBuff skb) {
        if (tracepoints.enabled(netifRx)) {
            tracepoints.fire(netifRx, skb);
        }
    }

    /** net/netif_receive_skb: {@code skb} is given to the protocol handlers (__netif_receive_skb_core). */
    public void netif_receive_skb(org.jstap.sim.net.core.SkBuff skb) {
        if (tracepoints.enabled(netifReceiveSkb)) {
            tracepoints.fire(netifReceiveSkb, skb);
        }
    }

    /**
     * sock/inet_sock_set_state: {@code sk} goes from {@code oldstate} to {@code newstate} (TCP_*
     * values); the ports, family, protocol and addresses (host order) as the event records them.
     */
    public void inet_sock_set_state(org.jstap.sim.net.Sock sk, int oldstate, int newstate, int sport, int dport,
            int family, int protocol, int saddr, int daddr) {
        if (tracepoints.enabled(inetSockSetState)) {
            tracepoints.fire(inetSockSetState, sk, oldstate, newstate, sport, dport, family, protocol, saddr, daddr);
        }
    }

    /** tcp/tcp_retransmit_skb: {@code skb} of {@code sk} (in {@code state}) is sent again. */
    public void tcp_retransmit_skb(org.jstap.sim.net.Sock sk, org.jstap.sim.net.core.SkBuff skb, int state, int sport,
            int dport, int family, int saddr, int daddr) {
        if (tracepoints.enabled(tcpRetransmitSkb)) {
            tracepoints.fire(tcpRetransmitSkb, sk, skb, state, sport, dport, family, saddr, daddr);
        }
    }

    /** napi/napi_poll: {@code napi}'s poll did {@code work} packets of a {@code budget}. */
    public void napi_poll(org.jstap.sim.net.core.NapiStruct napi, int work, int budget) {
        if (tracepoints.enabled(napiPoll)) {
            tracepoints.fire(napiPoll, napi, work, budget);
        }
    }

    /** raw_syscalls/sys_enter: system call {@code id} entered with {@code regs}. */
    public void sys_enter(org.jstap.sim.arch.riscv.PtRegs regs, long id) {
        if (tracepoints.enabled(sysEnter)) {
            tracepoints.fire(sysEnter, regs, id);
        }
    }

    /** raw_syscalls/sys_exit: the system call in {@code regs} returns {@code ret}. */
    public void sys_exit(org.jstap.sim.arch.riscv.PtRegs regs, long ret) {
        if (tracepoints.enabled(sysExit)) {
            tracepoints.fire(sysExit, regs, ret);
        }
    }
}
