package org.jstap.sim.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.Page;
import org.jstap.sim.arch.riscv.PtRegs;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.kernel.signal.SigAction;
import org.jstap.sim.kernel.signal.Signals;
import org.jstap.sim.mm.MmStruct;
import org.jstap.sim.mm.Mmap;
import org.jstap.sim.mm.VmAreaStruct;

/**
 * fs/exec.c: running a new program. {@code do_execveat_common} reads the file, builds a new
 * address space with the arguments on its stack, and asks each registered format
 * ({@code search_binary_handler}) to load it. Past {@code begin_new_exec} there is no way back:
 * the old address space is gone, handled signals are reset, the task takes the program's name.
 */
@LinuxFile("fs/exec.c")
public final class Exec {
    /** PATH_MAX and MAX_ARG_STRLEN. */
    public static final int PATH_MAX = 4096;
    static final int MAX_ARG_STRLEN = 32 * Page.PAGE_SIZE;
    /** ARG_MAX: a quarter of the 8 MiB stack limit for arguments and environment together. */
    static final long ARG_MAX = 2L << 20;
    /** auxv keys. */
    static final long AT_NULL = 0;
    static final long AT_PHDR = 3;
    static final long AT_PHENT = 4;
    static final long AT_PHNUM = 5;
    static final long AT_PAGESZ = 6;
    static final long AT_BASE = 7;
    static final long AT_FLAGS = 8;
    static final long AT_ENTRY = 9;
    static final long AT_UID = 11;
    static final long AT_EUID = 12;
    static final long AT_GID = 13;
    static final long AT_EGID = 14;
    static final long AT_HWCAP = 16;
    static final long AT_CLKTCK = 17;
    static final long AT_SECURE = 23;
    static final long AT_RANDOM = 25;
    static final long AT_EXECFN = 31;

    /** How much of a program exec reads into memory. */
    static final int MAX_EXEC_FILE = 64 << 20;
    /** How many interpreters (#! scripts running scripts) one exec may go through. */
    static final int BINPRM_MAX_RECURSION = 4;

    private final Kernel kernel;
    private final List<LinuxBinfmt> formats = new ArrayList<>();

    public Exec(Kernel kernel) {
        this.kernel = kernel;
    }

    /** register_binfmt. */
    public void register_binfmt(LinuxBinfmt fmt) {
        formats.add(fmt);
    }

    /** kernel_execve: exec from kernel code (init's first program). 0 or -errno. */
    public int kernel_execve(String filename, List<String> argv, List<String> envp) {
        return do_execveat_common(filename, argv, envp);
    }

    /** do_execve for execve(2): the name and string arrays are read from user memory. */
    public long do_execve(long filenameAddr, long argvAddr, long envpAddr) {
        String filename = strndup_user(filenameAddr, PATH_MAX);
        if (filename == null) {
            return lastError;
        }
        List<String> argv = copy_strings(argvAddr);
        if (argv == null) {
            return lastError;
        }
        List<String> envp = copy_strings(envpAddr);
        if (envp == null) {
            return lastError;
        }
        return do_execveat_common(filename, argv, envp);
    }

    private long lastError;

    private String strndup_user(long addr, int max) {
        byte[] buf = new byte[max];
        long n = kernel.uaccess().strncpy_from_user(buf, addr, max);
        if (n < 0) {
            lastError = n;
            return null;
        }
        if (n == max) {
            lastError = -Errno.ENAMETOOLONG;
            return null;
        }
        return new String(buf, 0, (int) n, StandardCharsets.ISO_8859_1);
    }

    /** The strings of a NULL-terminated user array of pointers (a NULL array is empty). */
    private List<String> copy_strings(long arrayAddr) {
        List<String> out = new ArrayList<>();
        if (arrayAddr == 0) {
            return out;
        }
        long total = 0;
        long[] ptr = new long[1];
        for (int i = 0;; i++) {
            if (kernel.uaccess().get_user(ptr, arrayAddr + 8L * i) != 0) {
                lastError = -Errno.EFAULT;
                return null;
            }
            if (ptr[0] == 0) {
                return out;
            }
            byte[] buf = new byte[MAX_ARG_STRLEN];
            long n = kernel.uaccess().strncpy_from_user(buf, ptr[0], MAX_ARG_STRLEN);
            if (n < 0 || n == MAX_ARG_STRLEN) {
                lastError = n < 0 ? n : -Errno.E2BIG;
                return null;
            }
            total += n + 1 + 8;
            if (total > ARG_MAX) {
                lastError = -Errno.E2BIG;
                return null;
            }
            out.add(new String(buf, 0, (int) n, StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * open_exec: the program file, read whole: a regular file the caller may execute, on a mount
     * that allows it (EACCES otherwise); null with the error in err[0]. {@code where[0]}, when
     * given, gets the file's place (what becomes mm->exe_file's path).
     */
    public byte[] open_exec(String filename, int[] err, Path[] where) {
        File f = kernel.vfs().namei().do_filp_open(Fcntl.AT_FDCWD, filename, Fcntl.O_RDONLY | Fcntl.O_LARGEFILE, 0, err);
        if (f == null) {
            return null;
        }
        try {
            if (!Mode.S_ISREG(f.f_inode.i_mode) || (f.f_path.mnt().mnt_flags & VfsMount.MNT_NOEXEC) != 0) {
                err[0] = -Errno.EACCES;
                return null;
            }
            int r = kernel.vfs().namei().inode_permission(f.f_path.mnt(), f.f_inode, Fcntl.MAY_EXEC);
            if (r != 0) {
                err[0] = r;
                return null;
            }
            if (where != null) {
                where[0] = f.f_path;
            }
            return kernel.vfs().rw().kernel_read(f, MAX_EXEC_FILE);
        } finally {
            kernel.vfs().file_table().fput(f);
        }
    }

    int do_execveat_common(String filename, List<String> argv, List<String> envp) {
        if (filename.isEmpty()) {
            return -Errno.ENOENT;
        }
        int[] err = new int[1];
        Path[] where = new Path[1];
        byte[] file = open_exec(filename, err, where);
        if (file == null) {
            return err[0];
        }
        LinuxBinprm bprm = new LinuxBinprm(filename, file, argv, envp);
        bprm.file_path = where[0];
        int r = bprm_mm_init(bprm);
        if (r == 0) {
            r = search_binary_handler(bprm);
        }
        if (r < 0 && bprm.mm != null) {
            kernel.mmap().mmput(bprm.mm);
        }
        return r;
    }

    /** bprm_mm_init: the new address space, with a one-page stack at the top to grow down from. */
    private int bprm_mm_init(LinuxBinprm bprm) {
        MmStruct mm = kernel.mmap().mm_alloc();
        if (mm == null) {
            return -Errno.ENOMEM;
        }
        bprm.mm = mm;
        long flags = VmAreaStruct.VM_READ | VmAreaStruct.VM_WRITE | VmAreaStruct.VM_MAYREAD | VmAreaStruct.VM_MAYWRITE
                | VmAreaStruct.VM_MAYEXEC | VmAreaStruct.VM_GROWSDOWN;
        long r = kernel.mmap().mmap_region(mm, Mmap.STACK_TOP - Page.PAGE_SIZE, Page.PAGE_SIZE, flags,
                0, "[stack]", false);
        return r < 0 ? (int) r : 0;
    }

    /** search_binary_handler: the first format that recognises the file loads it. */
    public int search_binary_handler(LinuxBinprm bprm) {
        if (bprm.depth > BINPRM_MAX_RECURSION) {
            return -Errno.ELOOP;
        }
        for (LinuxBinfmt fmt : formats) {
            int r = fmt.load_binary(bprm);
            if (r != -Errno.ENOEXEC) {
                return r;
            }
        }
        return -Errno.ENOEXEC;
    }

    /**
     * create_elf_tables and the strings above them: argc, argv, envp and auxv on the new stack, as
     * a RISC-V process finds them at its first instruction. Returns the stack pointer, or -EFAULT
     * / -E2BIG.
     */
    public long create_tables(LinuxBinprm bprm, long entry) {
        TaskStruct current = kernel.sched().current();
        return create_elf_tables(bprm, new long[][] {{AT_PAGESZ, Page.PAGE_SIZE}, {AT_CLKTCK, 100}, {AT_ENTRY, entry},
            {AT_UID, cred(current, 0)}, {AT_EUID, cred(current, 1)}, {AT_GID, cred(current, 2)},
            {AT_EGID, cred(current, 3)}, {AT_SECURE, 0}, {AT_RANDOM, 0}, {AT_EXECFN, 0}, {AT_NULL, 0}});
    }

    /**
     * create_elf_tables with the format's auxiliary vector, in its order: the values of AT_RANDOM
     * and AT_EXECFN are filled in with the addresses of the random bytes and the file name.
     */
    public long create_elf_tables(LinuxBinprm bprm, long[][] auxv) {
        MmStruct mm = bprm.mm;
        long p = Mmap.STACK_TOP;
        // strings, from the top: the file name, then the environment, then the arguments
        List<String> all = new ArrayList<>(bprm.argv);
        all.addAll(bprm.envp);
        long execfn = p - (bprm.filename.length() + 1);
        p = execfn;
        long[] addrs = new long[all.size()];
        for (int i = all.size() - 1; i >= 0; i--) {
            p -= all.get(i).length() + 1;
            addrs[i] = p;
        }
        long stringsStart = p;
        if (Mmap.STACK_TOP - stringsStart > ARG_MAX) {
            return -Errno.E2BIG;
        }
        // 16 random bytes for AT_RANDOM, fixed by the seed so runs repeat
        p = (p - 16) & ~15L;
        long random = p;
        int argc = bprm.argv.size();
        int envc = bprm.envp.size();
        for (long[] a : auxv) {
            if (a[0] == AT_RANDOM) {
                a[1] = random;
            } else if (a[0] == AT_EXECFN) {
                a[1] = execfn;
            }
        }
        long words = 1 + argc + 1 + envc + 1 + 2L * auxv.length;
        p = (p - 8 * words) & ~15L;
        long sp = p;
        ByteBuffer table = ByteBuffer.allocate((int) (8 * words)).order(ByteOrder.LITTLE_ENDIAN);
        table.putLong(argc);
        for (int i = 0; i < argc; i++) {
            table.putLong(addrs[i]);
        }
        table.putLong(0);
        for (int i = 0; i < envc; i++) {
            table.putLong(addrs[argc + i]);
        }
        table.putLong(0);
        for (long[] a : auxv) {
            table.putLong(a[0]).putLong(a[1]);
        }
        ByteBuffer str = ByteBuffer.allocate((int) (Mmap.STACK_TOP - stringsStart));
        for (String s : all) {
            str.put(s.getBytes(StandardCharsets.ISO_8859_1)).put((byte) 0);
        }
        str.put(bprm.filename.getBytes(StandardCharsets.ISO_8859_1)).put((byte) 0);
        byte[] rnd = new byte[16];
        new java.util.Random(kernel.config().seed() ^ kernel.fork().total_forks()).nextBytes(rnd);
        var ua = kernel.uaccess();
        if (ua.copy_to_mm(mm, stringsStart, str.array(), 0, str.position()) != 0
                || ua.copy_to_mm(mm, random, rnd, 0, 16) != 0
                || ua.copy_to_mm(mm, sp, table.array(), 0, table.capacity()) != 0) {
            return -Errno.EFAULT;
        }
        mm.start_stack = sp;
        mm.arg_start = stringsStart;
        mm.arg_end = argc == 0 ? stringsStart : addrs.length > argc ? addrs[argc] : execfn;
        mm.env_start = mm.arg_end;
        mm.env_end = execfn;
        return sp;
    }

    static long cred(TaskStruct t, int which) {
        if (t == null || t.cred == null) {
            return 0;
        }
        return switch (which) {
            case 0 -> t.cred.uid();
            case 1 -> t.cred.euid();
            case 2 -> t.cred.gid();
            default -> t.cred.egid();
        };
    }

    /**
     * begin_new_exec: the point of no return. Other threads die, the new address space replaces
     * the old, a vfork parent is released, handled signals go back to their defaults, and the task
     * is named after the file.
     */
    public void begin_new_exec(LinuxBinprm bprm) {
        TaskStruct me = kernel.sched().current();
        if (me.signal != null && me.signal.nr_threads > 1) {
            kernel.signal().zap_other_threads(me);
        }
        MmStruct old = me.mm;
        me.mm = bprm.mm;
        bprm.mm = null;
        kernel.fork().complete_vfork_done(me);
        if (old != null) {
            kernel.mmap().mmput(old);
        }
        if (me.files != null) {
            kernel.vfs().files().do_close_on_exec(me.files);
        }
        if (me.sighand != null) {
            for (int sig = 1; sig <= Signals.NSIG; sig++) {
                if (me.sighand.action[sig].handler() != Signals.SIG_IGN) {
                    me.sighand.action[sig] = SigAction.DEFAULT;
                }
            }
        }
        me.flags &= ~(TaskStruct.PF_FORKNOEXEC | TaskStruct.PF_KTHREAD);
        String base = bprm.filename.substring(bprm.filename.lastIndexOf('/') + 1);
        me.comm = base.length() > 15 ? base.substring(0, 15) : base;
        me.self_exec_id++;
    }

    /** start_thread: user mode will begin at {@code pc} with stack {@code sp}. */
    public void start_thread(long pc, long sp) {
        TaskStruct me = kernel.sched().current();
        if (me.regs == null) {
            me.regs = new PtRegs();
        }
        java.util.Arrays.fill(me.regs.x, 0);
        java.util.Arrays.fill(me.regs.f, 0);
        me.regs.fcsr = 0;
        me.regs.epc = pc;
        me.regs.x[PtRegs.SP] = sp;
    }

    /** finalize_exec and the exec tracepoint. */
    public void finalize_exec(LinuxBinprm bprm, int oldPid) {
        kernel.trace().sched_process_exec(kernel.sched().current(), oldPid, bprm.filename);
    }

    /** execve(2): returns only on failure. */
    public long __do_sys_execve(long filename, long argv, long envp) {
        return do_execve(filename, argv, envp);
    }
}
