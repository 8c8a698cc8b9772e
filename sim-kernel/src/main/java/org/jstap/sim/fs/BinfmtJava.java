package org.jstap.sim.fs;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.Page;
import org.jstap.sim.arch.riscv.UserCode;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.mm.Mmap;
import org.jstap.sim.mm.MmStruct;
import org.jstap.sim.mm.VmAreaStruct;

/**
 * The format of programs written in Java (our counterpart of fs/binfmt_elf.c): a file that starts
 * with {@link #MAGIC} and names a program this machine carries. Loading maps its text, data and
 * heap like a small static binary's (text at 0x10000), puts the arguments on the stack and starts
 * it at its crt entry.
 */
@LinuxFile("fs/binfmt_java.c")
public final class BinfmtJava implements LinuxBinfmt {
    /** The file's first bytes: "\177JXE " then the program's name and a newline. */
    public static final String MAGIC = "\177JXE ";

    private final Kernel kernel;
    private final Map<String, UserCode> programs = new HashMap<>();

    public BinfmtJava(Kernel kernel) {
        this.kernel = kernel;
    }

    /** The file content that runs {@code name}. */
    public static byte[] executable(String name) {
        return (MAGIC + name + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Makes {@code name} a program files may refer to. */
    public void register_program(String name, UserCode main) {
        programs.put(name, main);
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public int load_binary(LinuxBinprm bprm) {
        String head = new String(bprm.buf, StandardCharsets.ISO_8859_1);
        if (!head.startsWith(MAGIC)) {
            return -Errno.ENOEXEC;
        }
        int nl = head.indexOf('\n');
        String name = head.substring(MAGIC.length(), nl < 0 ? head.length() : nl).trim();
        UserCode main = programs.get(name);
        if (main == null) {
            return -Errno.ENOEXEC;
        }
        long sp = kernel.exec().create_tables(bprm, JavaImage.ENTRY);
        if (sp < 0) {
            return (int) sp;
        }
        int oldPid = kernel.sched().current().pid;
        MmStruct mm = bprm.mm;
        // the layout of a small static binary: text, data, then the heap
        long text = VmAreaStruct.VM_READ | VmAreaStruct.VM_EXEC | VmAreaStruct.VM_MAYREAD | VmAreaStruct.VM_MAYEXEC;
        long data = VmAreaStruct.VM_READ | VmAreaStruct.VM_WRITE | VmAreaStruct.VM_MAYREAD | VmAreaStruct.VM_MAYWRITE
                | VmAreaStruct.VM_MAYEXEC;
        long dataStart = JavaImage.TEXT_BASE + JavaImage.TEXT_SIZE;
        kernel.mmap().mmap_region(mm, JavaImage.TEXT_BASE, JavaImage.TEXT_SIZE, text, 0, bprm.filename, false);
        kernel.mmap().mmap_region(mm, dataStart, Page.PAGE_SIZE, data, JavaImage.TEXT_SIZE >>> Page.PAGE_SHIFT,
                bprm.filename, false);
        mm.start_code = JavaImage.TEXT_BASE;
        mm.end_code = dataStart;
        mm.start_data = dataStart;
        mm.end_data = dataStart + Page.PAGE_SIZE;
        mm.start_brk = mm.brk = mm.end_data;
        JavaImage image = new JavaImage(name, main);
        image.exe_path = bprm.file_path;
        mm.exe_file = image;
        kernel.exec().begin_new_exec(bprm);
        // the vDSO, where the signal return trampoline lives
        long vdso = kernel.mmap().do_mmap(kernel.sched().current().mm, 0, 2L * Page.PAGE_SIZE, Mmap.PROT_READ
                | Mmap.PROT_EXEC, Mmap.MAP_PRIVATE | Mmap.MAP_ANONYMOUS, 0);
        var vma = kernel.sched().current().mm.vma_lookup(vdso);
        if (vma != null) {
            vma.name = "[vdso]";
        }
        kernel.sched().current().mm.vdso = vdso;
        kernel.exec().start_thread(JavaImage.ENTRY, sp);
        kernel.exec().finalize_exec(bprm, oldPid);
        return 0;
    }
}
