package org.jstap.sim.kernel;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jstap.sim.init.Main;
import org.jstap.sim.kernel.irq.Irq;
import org.jstap.sim.kernel.module.ModuleLoader;
import org.jstap.sim.kernel.printk.Printk;
import org.jstap.sim.kernel.relay.Relay;
import org.jstap.sim.kernel.relay.RelayChannel;
import org.jstap.sim.kernel.time.Hrtimers;
import org.jstap.sim.kernel.time.Tick;
import org.jstap.sim.kernel.time.Timekeeping;
import org.jstap.sim.kernel.time.Timers;

/**
 * kernel/kallsyms.c: the kernel's symbol table. Every method of a kernel class whose name is a
 * Linux function name (lower case, with an underscore, as {@code do_timer}) is a symbol, with the
 * source file its class stands for. Addresses are assigned in symbol order from the kernel's base.
 */
@LinuxFile("kernel/kallsyms.c")
public final class Kallsyms {
    /** Where kernel text starts, as on a 64-bit RISC-V Linux. */
    public static final long KERNEL_BASE = 0xffffffff80000000L;

    /** The space each symbol takes: the size {@code %pS} prints after the offset. */
    public static final long SYMBOL_SIZE = 0x100;

    /** The classes that make up the kernel image, in link order. */
    static final List<Class<?>> IMAGE = List.of(Main.class, Timekeeping.class, Hrtimers.class, Tick.class, Timers.class,
            Softirq.class, Irq.class, Printk.class, Relay.class, RelayChannel.class, ModuleLoader.class,
            Kallsyms.class, Params.class, org.jstap.sim.kernel.time.Clocksource.class,
            org.jstap.sim.kernel.kprobes.Kprobes.class, org.jstap.sim.kernel.sched.Core.class, Profile.class,
            // the VFS and the file systems, devices and programs' way in
            org.jstap.sim.fs.ReadWrite.class, org.jstap.sim.fs.Open.class, org.jstap.sim.fs.Namei.class,
            org.jstap.sim.fs.Files.class, org.jstap.sim.fs.FileTable.class, org.jstap.sim.fs.Stat.class,
            org.jstap.sim.fs.Readdir.class, org.jstap.sim.fs.Pipe.class, org.jstap.sim.fs.Select.class,
            org.jstap.sim.fs.Dcache.class, org.jstap.sim.fs.Inodes.class, org.jstap.sim.fs.Namespace.class,
            org.jstap.sim.fs.Sync.class, org.jstap.sim.fs.FcntlSys.class, org.jstap.sim.fs.Ioctl.class,
            org.jstap.sim.fs.DPath.class, org.jstap.sim.fs.Utimes.class, org.jstap.sim.fs.Exec.class, org.jstap.sim.fs.BinfmtScript.class,
            org.jstap.sim.fs.BinfmtJava.class, org.jstap.sim.fs.CharDev.class, org.jstap.sim.fs.Super.class,
            org.jstap.sim.fs.Filesystems.class, org.jstap.sim.fs.Libfs.class, org.jstap.sim.fs.ramfs.Ramfs.class,
            org.jstap.sim.mm.Filemap.class, org.jstap.sim.drivers.tty.NTty.class,
            org.jstap.sim.drivers.tty.Console.class, org.jstap.sim.drivers.char_.Mem.class,
            org.jstap.sim.drivers.base.Devtmpfs.class, org.jstap.sim.kernel.Umh.class,
            org.jstap.sim.init.InitramfsUnpack.class, org.jstap.sim.kernel.printk.Syslog.class,
            Sys.class, org.jstap.sim.kernel.sched.Cputime.class, org.jstap.sim.kernel.sched.Loadavg.class,
            org.jstap.sim.kernel.time.Time.class, org.jstap.sim.kernel.time.PosixTimers.class,
            org.jstap.sim.kernel.time.PosixCpuTimers.class, org.jstap.sim.drivers.char_.Random.class,
            org.jstap.sim.lib.crypto.Chacha.class, org.jstap.sim.mm.Madvise.class, org.jstap.sim.mm.ShowMem.class,
            org.jstap.sim.kernel.futex.FutexSyscalls.class, org.jstap.sim.arch.riscv.SignalFrames.class,
            org.jstap.sim.fs.proc.Root.class, org.jstap.sim.fs.proc.Generic.class, org.jstap.sim.fs.proc.Base.class,
            org.jstap.sim.fs.proc.Array.class, org.jstap.sim.fs.proc.TaskMmu.class, org.jstap.sim.fs.proc.Fd.class,
            org.jstap.sim.fs.proc.Self.class, org.jstap.sim.fs.proc.Uptime.class, org.jstap.sim.fs.proc.Loadavg.class,
            org.jstap.sim.fs.proc.Stat.class, org.jstap.sim.fs.proc.Version.class,
            org.jstap.sim.fs.proc.ProcSysctl.class, org.jstap.sim.fs.proc.Meminfo.class,
            org.jstap.sim.fs.ext2.Super.class, org.jstap.sim.fs.ext2.Inode.class, org.jstap.sim.fs.ext2.Dir.class,
            org.jstap.sim.fs.ext2.Namei.class, org.jstap.sim.fs.ext2.Balloc.class, org.jstap.sim.fs.ext2.Ialloc.class,
            org.jstap.sim.fs.ext2.File.class, org.jstap.sim.fs.Bdev.class, org.jstap.sim.fs.hostfs.Hostfs.class,
            org.jstap.sim.fs.BlockFops.class, org.jstap.sim.lib.IovIter.class,
            // the network stack
            org.jstap.sim.net.Sockets.class, org.jstap.sim.net.core.SockCore.class, org.jstap.sim.net.core.Scm.class,
            org.jstap.sim.net.unix.AfUnix.class,
            // IPv4: af_inet.c, the IP layer, routing, ARP and the neighbour machine, ICMP, UDP, ping
            org.jstap.sim.net.ipv4.AfInet.class, org.jstap.sim.net.ipv4.Devinet.class,
            org.jstap.sim.net.ipv4.FibFrontend.class, org.jstap.sim.net.ipv4.FibTable.class,
            org.jstap.sim.net.ipv4.Route.class, org.jstap.sim.net.ipv4.IpOutput.class,
            org.jstap.sim.net.ipv4.IpInput.class, org.jstap.sim.net.ipv4.IpFragment.class,
            org.jstap.sim.net.ipv4.IpSockglue.class, org.jstap.sim.net.ipv4.Arp.class,
            org.jstap.sim.net.ipv4.Icmp.class, org.jstap.sim.net.ipv4.Udp.class, org.jstap.sim.net.ipv4.Ping.class,
            org.jstap.sim.net.ipv4.Datagram.class, org.jstap.sim.net.ipv4.Protocol.class,
            // TCP: tcp.c, tcp_ipv4.c, tcp_input.c, tcp_output.c, tcp_timer.c, tcp_cong.c, tcp_minisocks.c,
            // inet_connection_sock.c, inet_hashtables.c, inet_timewait_sock.c
            org.jstap.sim.net.ipv4.Tcp.class, org.jstap.sim.net.ipv4.TcpIpv4.class,
            org.jstap.sim.net.ipv4.TcpInput.class, org.jstap.sim.net.ipv4.TcpOutput.class,
            org.jstap.sim.net.ipv4.TcpTimer.class, org.jstap.sim.net.ipv4.TcpCong.class,
            org.jstap.sim.net.ipv4.TcpMinisocks.class, org.jstap.sim.net.ipv4.InetConnectionSock.class,
            org.jstap.sim.net.ipv4.InetHashtables.class, org.jstap.sim.net.ipv4.InetTimewaitSock.class,
            org.jstap.sim.net.core.Neigh.class, org.jstap.sim.net.core.Dst.class,
            org.jstap.sim.net.core.SkbDatagram.class,
            // the rest of the syscalls the syscall tapset probes
            Fork.class, Exit.class, org.jstap.sim.kernel.signal.Signal.class,
            org.jstap.sim.kernel.time.HrtimerNanosleep.class, org.jstap.sim.mm.Mmap.class,
            // what the non-syscall tapsets probe: page faults and signal delivery
            org.jstap.sim.mm.Memory.class, org.jstap.sim.arch.riscv.SignalFrames.class,
            // the network stack: net/core, the qdiscs, Ethernet, lo, /proc/net
            org.jstap.sim.net.core.SkBuffs.class, org.jstap.sim.net.core.Dev.class,
            org.jstap.sim.net.core.DevIoctl.class,
            org.jstap.sim.net.core.Transmit.class, org.jstap.sim.net.core.Receive.class,
            org.jstap.sim.net.core.Napi.class, org.jstap.sim.net.core.Linkwatch.class,
            org.jstap.sim.net.core.NetProcfs.class, org.jstap.sim.net.sched.SchGeneric.class,
            org.jstap.sim.net.sched.PfifoFast.class, org.jstap.sim.net.ethernet.Eth.class,
            org.jstap.sim.drivers.net.Loopback.class, org.jstap.sim.fs.proc.ProcNet.class,
            // the e1000 driver
            org.jstap.sim.drivers.net.e1000.E1000Main.class, org.jstap.sim.drivers.net.e1000.E1000Hw.class,
            // programs as machine code: the ELF loader and the hart's trap entry
            org.jstap.sim.fs.BinfmtElf.class, org.jstap.sim.arch.riscv.Entry.class,
            org.jstap.sim.arch.riscv.Tlbflush.class);

    /** One kernel function: its address, name, Linux source file and the Java method it is. */
    public record Symbol(long address, String name, String file, Method method) {
        /** 'T' for global functions (public methods), 't' for file-local ones, as nm prints them. */
        public char type() {
            return Modifier.isPublic(method.getModifiers()) ? 'T' : 't';
        }
    }

    private static final List<Symbol> SYMBOLS = load();

    /** Symbols by "class.method", for turning a Java frame into the kernel function it is. */
    private static final java.util.Map<String, Symbol> BY_FRAME = byFrame();

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private Kallsyms() {}

    private static java.util.Map<String, Symbol> byFrame() {
        java.util.Map<String, Symbol> map = new java.util.HashMap<>();
        for (Symbol s : SYMBOLS) {
            map.putIfAbsent(s.method().getDeclaringClass().getName() + "." + s.name(), s);
        }
        return map;
    }

    /** The kernel function a Java frame of {@code className.methodName} is, or null. */
    public static Symbol lookup_frame(String className, String methodName) {
        return BY_FRAME.get(className + "." + methodName);
    }

    /**
     * {@code _RET_IP_} of an allocator: the address of the innermost kernel function on the
     * stack that is not in {@code allocator}'s class, or 0. Linux's kmalloc and kfree
     * tracepoints carry it as call_site, which is what makes "who allocates" answerable; it walks
     * the stack, so callers take it only while the tracepoint is enabled.
     */
    public static long ret_ip(Class<?> allocator) {
        String skip = allocator.getName();
        return WALKER.walk(frames -> frames
                .filter(f -> !f.getClassName().equals(skip) && f.getDeclaringClass() != Kallsyms.class)
                .map(f -> BY_FRAME.get(f.getClassName() + "." + f.getMethodName()))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .map(Symbol::address)
                .orElse(0L));
    }

    public static List<Symbol> symbols() {
        return SYMBOLS;
    }

    /** {@code /proc/kallsyms}: {@code ffffffff80000000 T start_kernel\t[init/main.c]}. */
    public static String proc_kallsyms() {
        StringBuilder out = new StringBuilder();
        for (Symbol s : SYMBOLS) {
            out.append(String.format("%016x %c %s\t[%s]%n", s.address(), s.type(), s.name(), s.file()));
        }
        return out.toString();
    }

    /**
     * Linux function names have an underscore and start in lower case ({@code do_timer},
     * {@code init_IRQ}), after any leading underscores ({@code __clocksource_register}).
     */
    static boolean isLinuxName(String name) {
        String base = name.replaceFirst("^_+", "");
        return !base.isEmpty() && base.indexOf('_') > 0 && Character.isLowerCase(base.charAt(0));
    }

    private static List<Symbol> load() {
        List<Method> methods = new ArrayList<>();
        for (Class<?> c : IMAGE) {
            for (Method m : c.getDeclaredMethods()) {
                if (!m.isSynthetic() && !Modifier.isAbstract(m.getModifiers()) && isLinuxName(m.getName())) {
                    methods.add(m);
                }
            }
        }
        methods.sort(Comparator.comparing((Method m) -> file(m)).thenComparing(Method::getName)
                .thenComparingInt(Method::getParameterCount));
        List<Symbol> symbols = new ArrayList<>();
        long address = KERNEL_BASE;
        for (Method m : methods) {
            symbols.add(new Symbol(address, m.getName(), file(m), m));
            address += SYMBOL_SIZE;
        }
        return List.copyOf(symbols);
    }

    private static String file(Method m) {
        LinuxFile f = m.getDeclaringClass().getAnnotation(LinuxFile.class);
        return f == null ? "?" : f.value();
    }
}
