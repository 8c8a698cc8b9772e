package org.jstap.sim.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jstap.sim.Kernel;
import org.jstap.sim.arch.riscv.Page;
import org.jstap.sim.arch.riscv.SyscallTable;
import org.jstap.sim.kernel.Errno;
import org.jstap.sim.kernel.LinuxFile;
import org.jstap.sim.kernel.sched.TaskStruct;
import org.jstap.sim.mm.MmStruct;
import org.jstap.sim.mm.Mmap;
import org.jstap.sim.mm.VmAreaStruct;

/**
 * fs/binfmt_elf.c for statically linked RISC-V executables (ET_EXEC, EM_RISCV, ELFCLASS64): each
 * PT_LOAD is mapped from the file, private, from its page-rounded address (the file's bytes
 * around the segment in its first and last pages come along, as with Linux's elf_map), the part
 * of the last file page past p_filesz is zeroed (padzero) and the rest of p_memsz is anonymous
 * memory; the heap starts at the page after the highest segment end; PT_GNU_STACK decides whether
 * the stack is executable. The stack gets argc, argv, envp and the auxiliary vector in Linux's
 * order, and the task starts at e_entry on the hart with every other register zero. PT_TLS needs
 * nothing from the kernel (the C library finds it through AT_PHDR). Programs with an interpreter
 * (PT_INTERP) and position-independent ones (ET_DYN) are not loaded: ENOEXEC.
 *
 * <pre>{@code
 * kernel.exec().register_binfmt(new BinfmtElf(kernel));     // fs initcall init_elf_binfmt
 * // then execve("/bin/hello", ...) of a riscv64 static binary runs it on the hart
 * }</pre>
 */
@LinuxFile("fs/binfmt_elf.c")
public final class BinfmtElf implements LinuxBinfmt {
    /** The first four bytes of every ELF file. */
    public static final String ELFMAG = "\177ELF";
    static final int ELFCLASS64 = 2;
    static final int ELFDATA2LSB = 1;
    static final int ET_EXEC = 2;
    static final int EM_RISCV = 243;
    static final int PT_LOAD = 1;
    static final int PT_INTERP = 3;
    static final int PT_GNU_STACK = 0x6474_e551;
    static final int PF_X = 1;
    static final int PF_W = 2;
    static final int PF_R = 4;
    /** sizeof(struct elf64_phdr). */
    static final int PHENT = 56;
    /** ELF_HWCAP: the single-letter extensions the harts have, bit (letter - 'a'): rv64imafdc. */
    static final long ELF_HWCAP = bits("imafdc");
    /** The vDSO's rt_sigreturn: li a7, __NR_rt_sigreturn; ecall. */
    private static final int[] SIGRETURN_TRAMPOLINE = {SyscallTable.__NR_rt_sigreturn << 20 | 17 << 7 | 0x13, 0x73};

    private final Kernel kernel;

    public BinfmtElf(Kernel kernel) {
        this.kernel = kernel;
    }

    private static long bits(String letters) {
        long v = 0;
        for (char c : letters.toCharArray()) {
            v |= 1L << (c - 'a');
        }
        return v;
    }

    @Override
    public String name() {
        return "elf";
    }

    /** One program header. */
    private record Phdr(int type, int flags, long offset, long vaddr, long filesz, long memsz) {}

    @Override
    public int load_binary(LinuxBinprm bprm) {
        byte[] f = bprm.file;
        if (f.length < 64 || !new String(f, 0, 4, StandardCharsets.ISO_8859_1).equals(ELFMAG)) {
            return -Errno.ENOEXEC;
        }
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        if (f[4] != ELFCLASS64 || f[5] != ELFDATA2LSB || b.getShort(16) != ET_EXEC || b.getShort(18) != EM_RISCV) {
            return -Errno.ENOEXEC;
        }
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        if (phentsize != PHENT || phnum < 1 || phnum > 65536 / PHENT || phoff < 0 || phoff + (long) phnum * PHENT > f.length) {
            return -Errno.ENOEXEC;
        }
        Phdr[] phdrs = new Phdr[phnum];
        boolean execStack = false;
        for (int i = 0; i < phnum; i++) {
            int at = (int) phoff + i * PHENT;
            Phdr p = new Phdr(b.getInt(at), b.getInt(at + 4), b.getLong(at + 8), b.getLong(at + 16), b.getLong(at + 32),
                    b.getLong(at + 40));
            phdrs[i] = p;
            if (p.type() == PT_INTERP) {
                return -Errno.ENOEXEC;
            }
            if (p.type() == PT_GNU_STACK) {
                execStack = (p.flags() & PF_X) != 0;
            }
            if (p.type() == PT_LOAD && !valid(p, f.length)) {
                return -Errno.EINVAL;
            }
        }
        int[] err = new int[1];
        File file = kernel.vfs().open().vfs_open(bprm.file_path, Fcntl.O_RDONLY, err);
        if (file == null) {
            return err[0];
        }
        long[] layout;
        try {
            layout = elf_map_segments(bprm.mm, file, phdrs, phoff);
        } finally {
            kernel.vfs().file_table().fput(file);
        }
        if (layout[0] < 0) {
            return (int) layout[0];
        }
        MmStruct mm = bprm.mm;
        if (execStack) {
            VmAreaStruct stack = mm.vma_lookup(Mmap.STACK_TOP - 1);
            if (stack != null) {
                stack.vm_flags |= VmAreaStruct.VM_EXEC;
            }
        }
        TaskStruct current = kernel.sched().current();
        long[][] auxv = {{Exec.AT_HWCAP, ELF_HWCAP}, {Exec.AT_PAGESZ, Page.PAGE_SIZE}, {Exec.AT_CLKTCK, 100},
            {Exec.AT_PHDR, layout[1]}, {Exec.AT_PHENT, PHENT}, {Exec.AT_PHNUM, phnum}, {Exec.AT_BASE, 0},
            {Exec.AT_FLAGS, 0}, {Exec.AT_ENTRY, entry}, {Exec.AT_UID, Exec.cred(current, 0)},
            {Exec.AT_EUID, Exec.cred(current, 1)}, {Exec.AT_GID, Exec.cred(current, 2)},
            {Exec.AT_EGID, Exec.cred(current, 3)}, {Exec.AT_SECURE, 0}, {Exec.AT_RANDOM, 0}, {Exec.AT_EXECFN, 0},
            {Exec.AT_NULL, 0}};
        long sp = kernel.exec().create_elf_tables(bprm, auxv);
        if (sp < 0) {
            return (int) sp;
        }
        mm.exe_file = new ElfImage(bprm.file_path, entry, f);
        int oldPid = current.pid;
        kernel.exec().begin_new_exec(bprm);
        map_vdso(kernel.sched().current().mm);
        kernel.exec().start_thread(entry, sp);
        kernel.exec().finalize_exec(bprm, oldPid);
        return 0;
    }

    /** A loadable segment the kernel can map: in the file, p_filesz <= p_memsz, congruent offsets, below TASK_SIZE. */
    private static boolean valid(Phdr p, long fileSize) {
        return p.offset() >= 0 && p.filesz() >= 0 && p.filesz() <= p.memsz() && p.offset() + p.filesz() <= fileSize
                && ((p.vaddr() - p.offset()) & ~Page.PAGE_MASK) == 0 && p.vaddr() >= Mmap.MMAP_MIN_ADDR
                && p.vaddr() + p.memsz() <= Mmap.TASK_SIZE && p.vaddr() + p.memsz() >= p.vaddr();
    }

    private static int elf_prot(int flags) {
        return ((flags & PF_R) != 0 ? Mmap.PROT_READ : 0) | ((flags & PF_W) != 0 ? Mmap.PROT_WRITE : 0)
                | ((flags & PF_X) != 0 ? Mmap.PROT_EXEC : 0);
    }

    /**
     * elf_map and elf_load for every PT_LOAD, and the mm's layout. Returns {0 or -errno, the
     * address of the program headers in memory}.
     */
    private long[] elf_map_segments(MmStruct mm, File file, Phdr[] phdrs, long phoff) {
        long startCode = -1;
        long endCode = 0;
        long startData = 0;
        long endData = 0;
        long elfBrk = 0;
        long phdrAddr = 0;
        for (Phdr p : phdrs) {
            if (p.type() != PT_LOAD) {
                continue;
            }
            long r = elf_load(mm, file, p);
            if (r < 0) {
                return new long[] {r, 0};
            }
            if (phoff >= p.offset() && phoff + (long) PHENT * phdrs.length <= p.offset() + p.filesz()) {
                phdrAddr = p.vaddr() + (phoff - p.offset());
            }
            boolean exec = (p.flags() & PF_X) != 0;
            if (exec && Long.compareUnsigned(p.vaddr(), startCode) < 0) {
                startCode = p.vaddr();
            }
            startData = Math.max(startData, p.vaddr());
            long fileEnd = p.vaddr() + p.filesz();
            if (exec) {
                endCode = Math.max(endCode, fileEnd);
            }
            endData = Math.max(endData, fileEnd);
            elfBrk = Math.max(elfBrk, p.vaddr() + p.memsz());
        }
        mm.start_code = startCode == -1 ? 0 : startCode;
        mm.end_code = endCode;
        mm.start_data = startData;
        mm.end_data = endData;
        mm.start_brk = mm.brk = Page.PAGE_ALIGN(elfBrk);
        return new long[] {0, phdrAddr};
    }

    /** elf_load: one segment: the file part, the zeroed tail of its last page, the anonymous rest. */
    private long elf_load(MmStruct mm, File file, Phdr p) {
        long start = p.vaddr() & Page.PAGE_MASK;
        long fileEnd = p.vaddr() + p.filesz();
        long memEnd = p.vaddr() + p.memsz();
        int prot = elf_prot(p.flags());
        int fixed = Mmap.MAP_PRIVATE | Mmap.MAP_FIXED;
        if (p.filesz() > 0) {
            long r = kernel.mmap().vm_mmap(mm, file, start, Page.PAGE_ALIGN(fileEnd) - start, prot, fixed,
                    p.offset() - (p.vaddr() - start));
            if (r < 0) {
                return r;
            }
        }
        if (p.memsz() > p.filesz()) {
            int tail = (int) (Page.PAGE_ALIGN(fileEnd) - fileEnd);
            if (p.filesz() > 0 && tail > 0 && (prot & Mmap.PROT_WRITE) != 0
                    && kernel.uaccess().copy_to_mm(mm, fileEnd, new byte[tail], 0, tail) != 0) {
                // padzero
                return -Errno.EFAULT;
            }
            long bss = p.filesz() > 0 ? Page.PAGE_ALIGN(fileEnd) : start;
            if (Page.PAGE_ALIGN(memEnd) > bss) {
                long r = kernel.mmap().vm_mmap(mm, null, bss, Page.PAGE_ALIGN(memEnd) - bss, prot,
                        fixed | Mmap.MAP_ANONYMOUS, 0);
                if (r < 0) {
                    return r;
                }
            }
        }
        return 0;
    }

    /**
     * The vDSO page, whose rt_sigreturn trampoline is where a signal handler returns to. No
     * AT_SYSINFO_EHDR points at it: it has no ELF image for the C library to look functions up in.
     */
    private void map_vdso(MmStruct mm) {
        long vdso = kernel.mmap().do_mmap(mm, 0, 2L * Page.PAGE_SIZE, Mmap.PROT_READ | Mmap.PROT_WRITE,
                Mmap.MAP_PRIVATE | Mmap.MAP_ANONYMOUS, 0);
        if (vdso < 0) {
            return;
        }
        ByteBuffer code = ByteBuffer.allocate(4 * SIGRETURN_TRAMPOLINE.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int insn : SIGRETURN_TRAMPOLINE) {
            code.putInt(insn);
        }
        kernel.uaccess().copy_to_mm(mm, vdso + org.jstap.sim.arch.riscv.SignalFrames.VDSO_SIGRETURN, code.array(), 0,
                code.capacity());
        kernel.mmap().mprotect(mm, vdso, 2L * Page.PAGE_SIZE, Mmap.PROT_READ | Mmap.PROT_EXEC);
        VmAreaStruct vma = mm.vma_lookup(vdso);
        if (vma != null) {
            vma.name = "[vdso]";
        }
        mm.vdso = vdso;
    }
}
