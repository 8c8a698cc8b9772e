package org.jstap.sim.fs.proc;

import org.jstap.sim.Kernel;
import org.jstap.sim.fs.Dcache;
import org.jstap.sim.fs.Path;
import org.jstap.sim.fs.Super;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.mm.MmStruct;
import org.jstap.sim.mm.VmAreaStruct;

/**
 * fs/proc/task_mmu.c: an address space as /proc shows it: the Vm lines of status
 * ({@code task_mem}), statm's page counts and the maps file, one line per mapping.
 */
@LinuxFile("fs/proc/task_mmu.c")
public final class TaskMmu {
    private static final int PAGE_SHIFT = 12;

    private TaskMmu() {}

    /** Pages of mappings that are data (private, writable, not the stack): is_data_mapping. */
    static long data_vm(MmStruct mm) {
        long n = 0;
        for (VmAreaStruct v : mm.vmas()) {
            if ((v.vm_flags & (VmAreaStruct.VM_WRITE | VmAreaStruct.VM_SHARED | VmAreaStruct.VM_GROWSDOWN))
                    == VmAreaStruct.VM_WRITE) {
                n += v.pages();
            }
        }
        return n;
    }

    static long stack_vm(MmStruct mm) {
        long n = 0;
        for (VmAreaStruct v : mm.vmas()) {
            if ((v.vm_flags & VmAreaStruct.VM_GROWSDOWN) != 0) {
                n += v.pages();
            }
        }
        return n;
    }

    static long exec_vm(MmStruct mm) {
        long n = 0;
        for (VmAreaStruct v : mm.vmas()) {
            if ((v.vm_flags & (VmAreaStruct.VM_EXEC | VmAreaStruct.VM_WRITE | VmAreaStruct.VM_GROWSDOWN))
                    == VmAreaStruct.VM_EXEC) {
                n += v.pages();
            }
        }
        return n;
    }

    /** get_mm_rss: resident pages (all anonymous here). */
    static long get_mm_rss(MmStruct mm) {
        return mm.anon_rss;
    }

    /** task_mem: the Vm and Rss lines of /proc/PID/status, in kB, eight columns wide. */
    static void task_mem(StringBuilder m, MmStruct mm) {
        long text = ((mm.end_code + 0xfff & ~0xfffL) - (mm.start_code & ~0xfffL)) >> 10;
        long lib = Math.max(0, (exec_vm(mm) << (PAGE_SHIFT - 10)) - text);
        long rss = get_mm_rss(mm);
        kb(m, "VmPeak", mm.total_vm << 2);
        kb(m, "VmSize", mm.total_vm << 2);
        kb(m, "VmLck", 0);
        kb(m, "VmPin", 0);
        kb(m, "VmHWM", Math.max(mm.hiwater_rss, rss) << 2);
        kb(m, "VmRSS", rss << 2);
        kb(m, "RssAnon", mm.anon_rss << 2);
        kb(m, "RssFile", 0);
        kb(m, "RssShmem", 0);
        kb(m, "VmData", data_vm(mm) << 2);
        kb(m, "VmStk", stack_vm(mm) << 2);
        kb(m, "VmExe", text);
        kb(m, "VmLib", lib);
        kb(m, "VmPTE", 0);
        kb(m, "VmSwap", 0);
    }

    /** seq_put_decimal_ull_width(m, "Name:\t", kB, 8) and " kB\n". */
    static void kb(StringBuilder m, String name, long kb) {
        m.append(name).append(":\t").append(String.format("%8d", kb)).append(" kB\n");
    }

    /**
     * show_map: "start-end perms offset major:minor inode", padded to 73 columns before the name
     * when there is one ([heap], [stack], [vdso], or the program's path).
     */
    public static String show_maps(Kernel kernel, TaskStruct t) {
        MmStruct mm = t.mm;
        if (mm == null) {
            return "";
        }
        Path exe = Base.proc_exe_link(t);
        Path root = t.fs != null ? t.fs.root : kernel.vfs().current_fs().root;
        StringBuilder out = new StringBuilder();
        for (VmAreaStruct v : mm.vmas()) {
            long f = v.vm_flags;
            String name = v.name == null ? "" : v.name;
            int dev = 0;
            long ino = 0;
            // the program's own mappings (text and data) are its file
            if (exe != null && !name.isEmpty() && !name.startsWith("[") && v.vm_start >= mm.start_code
                    && v.vm_end <= mm.end_data) {
                name = Dcache.d_path(exe, root);
                dev = exe.dentry().d_sb.s_dev;
                ino = exe.inode().i_ino;
            }
            String line = String.format("%08x-%08x %c%c%c%c %08x %02x:%02x %d ", v.vm_start, v.vm_end,
                    (f & VmAreaStruct.VM_READ) != 0 ? 'r' : '-', (f & VmAreaStruct.VM_WRITE) != 0 ? 'w' : '-',
                    (f & VmAreaStruct.VM_EXEC) != 0 ? 'x' : '-', (f & VmAreaStruct.VM_MAYSHARE) != 0 ? 's' : 'p',
                    ino == 0 ? 0 : v.vm_pgoff << PAGE_SHIFT,
                    Super.MAJOR(dev), Super.MINOR(dev), ino);
            out.append(line);
            if (!name.isEmpty()) {
                // seq_pad: to the width set at the start of the line, then one blank
                out.append(" ".repeat(Math.max(0, 72 - line.length()))).append(' ').append(name);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
