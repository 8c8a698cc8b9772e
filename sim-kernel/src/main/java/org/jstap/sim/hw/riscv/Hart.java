package org.jstap.sim.hw.riscv;

import java.util.function.LongSupplier;
import org.jstap.sim.hw.Mmu;
import org.jstap.sim.hw.Ram;

/**
 * An RV64GC hart in user mode: it runs instructions from {@link #pc} on the registers it is given
 * until something needs the kernel, and says why with a RISC-V exception cause (scause) and
 * {@link #stval}: an ecall, a page fault on a load, store or fetch, an illegal instruction, a
 * breakpoint, a misaligned atomic, or, as an interrupt, the end of the time it was given (the next
 * timer or device event is due). The kernel's trap entry saves what it needs from the hart and
 * calls {@link #run} again to return to user mode.
 *
 * <p>Every access goes through the Sv39 tables rooted at the frame {@code run} is given, cached in a
 * {@link Tlb} the kernel flushes when it changes mappings. Instructions come from
 * {@link DecodedPages}, so each is decoded once per frame; the interpreter is one switch over the
 * decoded operation, allocating nothing. Ordinary loads and stores may be misaligned (they are
 * done as the kernel's misaligned-access handler would); LR/SC and AMOs must be aligned. One
 * instruction retires per cycle at 1 GHz: {@link #NS_PER_INSN}.
 *
 * <pre>{@code
 * hart.pc = regs.epc;
 * int cause = hart.run(regs.x, fregs, mm.pgd, budget);
 * regs.epc = hart.pc;        // the ecall or faulting instruction, or where it stopped
 * charge(hart.retired * Hart.NS_PER_INSN);
 * }</pre>
 */
public final class Hart {
    /** Virtual time per instruction: a 1 GHz in-order core retiring one instruction a cycle. */
    public static final long NS_PER_INSN = 1;
    /** The time CSR counts at 10 MHz, the timebase of QEMU's virt board. */
    public static final long TIMEBASE_NS = 100;

    /** scause values: exceptions, and the one interrupt the hart reports. */
    public static final int CAUSE_ILLEGAL_INSTRUCTION = 2;
    public static final int CAUSE_BREAKPOINT = 3;
    public static final int CAUSE_LOAD_MISALIGNED = 4;
    public static final int CAUSE_STORE_MISALIGNED = 6;
    public static final int CAUSE_USER_ECALL = 8;
    public static final int CAUSE_FETCH_PAGE_FAULT = 12;
    public static final int CAUSE_LOAD_PAGE_FAULT = 13;
    public static final int CAUSE_STORE_PAGE_FAULT = 15;
    /** The supervisor timer interrupt (interrupt bit set): the run's time is used up. */
    public static final int CAUSE_TIMER_INTERRUPT = Integer.MIN_VALUE | 5;

    private static final Mmu.Access[] ACCESS = {Mmu.Access.LOAD, Mmu.Access.STORE, Mmu.Access.FETCH};

    private final int id;
    private final Ram ram;
    private final Mmu mmu;
    private final DecodedPages decoded;
    private final LongSupplier clock;
    private final Tlb tlb = new Tlb();
    private final Fpu fpu = new Fpu();
    private final Csrs csrs = new Csrs(this, fpu);

    /** The root table of the address space the TLB holds (satp's PPN). */
    private long satp = -1;
    /** The LR reservation: a physical address, or -1. Every trap clears it. */
    private long reservation = -1;
    /** A value read by {@link #load}. */
    private long loaded;

    /** The next instruction; after a trap, the instruction that trapped. */
    public long pc;
    /** The faulting address of a page fault or misaligned access. */
    public long stval;
    /** Instructions retired by the last {@link #run}. */
    public long retired;
    /** Instructions retired since power-on (instret). */
    public long instret;

    public Hart(int id, Ram ram, Mmu mmu, DecodedPages decoded, LongSupplier clock) {
        this.id = id;
        this.ram = ram;
        this.mmu = mmu;
        this.decoded = decoded;
        this.clock = clock;
    }

    public int id() {
        return id;
    }

    public Fpu fpu() {
        return fpu;
    }

    /** sfence.vma for one page, as the kernel issues it after changing the page's entry. */
    public void sfence_vma(long va) {
        tlb.flush_page(va);
    }

    /** sfence.vma for everything. */
    public void sfence_vma_all() {
        tlb.flush_all();
    }

    /** The time CSR, {@code inflight} instructions into a run whose start the clock still shows. */
    long mtime(long inflight) {
        return (clock.getAsLong() + inflight * NS_PER_INSN) / TIMEBASE_NS;
    }

    /**
     * Runs user code from {@link #pc} with integer registers {@code x} and f registers {@code f}
     * in the address space rooted at frame {@code root}, for at most {@code budget} instructions.
     * Returns the scause of what stopped it.
     */
    public int run(long[] x, long[] f, long root, long budget) {
        if (root != satp) {
            tlb.flush_all();
            satp = root;
        }
        reservation = -1;
        long pc = this.pc;
        long n = 0;
        int cause = CAUSE_TIMER_INTERRUPT;
        long pageVpn = -1;
        long pagePa = 0;
        long[] page = null;
        loop:
        while (n < budget) {
            if (pc >>> 12 != pageVpn) {
                long pa = translate(Tlb.FETCH, pc);
                if (pa < 0) {
                    cause = CAUSE_FETCH_PAGE_FAULT;
                    stval = pc;
                    break;
                }
                pagePa = pa & ~0xfffL;
                page = decoded.page(pa >>> 12);
                pageVpn = pc >>> 12;
            }
            int slot = (int) (pc >>> 1) & (DecodedPages.SLOTS - 1);
            long d = page[slot];
            if (d == 0) {
                d = decode(page, slot, pagePa, pc);
                if (d == 0) {
                    cause = CAUSE_FETCH_PAGE_FAULT;
                    stval = pc + 2;
                    break;
                }
            }
            int rd = (int) (d >>> 8) & 31;
            int rs1 = (int) (d >>> 13) & 31;
            int rs2 = (int) (d >>> 18) & 31;
            int imm = (int) (d >>> 32);
            long next = pc + 2 + ((int) (d >>> 30) & 2);
            switch ((int) d & 0xff) {
                case Insn.LUI -> x[rd] = imm;
                case Insn.AUIPC -> x[rd] = pc + imm;
                case Insn.JAL -> {
                    x[rd] = next;
                    next = pc + imm;
                }
                case Insn.JALR -> {
                    long target = (x[rs1] + imm) & ~1L;
                    x[rd] = next;
                    next = target;
                }
                case Insn.J -> next = pc + imm;
                case Insn.JR -> next = (x[rs1] + imm) & ~1L;
                case Insn.NOP -> {
                    // a hint, or an ALU result written to x0
                }
                case Insn.LOAD_X0 -> {
                    if (!load(x[rs1] + imm, Insn.rs3(d))) {
                        cause = CAUSE_LOAD_PAGE_FAULT;
                        break loop;
                    }
                }
                case Insn.BEQ -> next = x[rs1] == x[rs2] ? pc + imm : next;
                case Insn.BNE -> next = x[rs1] != x[rs2] ? pc + imm : next;
                case Insn.BLT -> next = x[rs1] < x[rs2] ? pc + imm : next;
                case Insn.BGE -> next = x[rs1] >= x[rs2] ? pc + imm : next;
                case Insn.BLTU -> next = Long.compareUnsigned(x[rs1], x[rs2]) < 0 ? pc + imm : next;
                case Insn.BGEU -> next = Long.compareUnsigned(x[rs1], x[rs2]) >= 0 ? pc + imm : next;
                // loads and stores: a TLB hit inside one page is done here, anything else by load()/store()
                case Insn.LD -> {
                    long va = x[rs1] + imm;
                    long pa = tlb.load(va);
                    if (pa >= 0 && (va & 0xfff) <= 0xff8) {
                        x[rd] = ram.read64(pa);
                    } else if (load(va, Insn.LD)) {
                        x[rd] = loaded;
                    } else {
                        cause = CAUSE_LOAD_PAGE_FAULT;
                        break loop;
                    }
                }
                case Insn.LW -> {
                    long va = x[rs1] + imm;
                    long pa = tlb.load(va);
                    if (pa >= 0 && (va & 0xfff) <= 0xffc) {
                        x[rd] = ram.read32(pa);
                    } else if (load(va, Insn.LW)) {
                        x[rd] = loaded;
                    } else {
                        cause = CAUSE_LOAD_PAGE_FAULT;
                        break loop;
                    }
                }
                case Insn.LBU -> {
                    long va = x[rs1] + imm;
                    long pa = tlb.load(va);
                    if (pa >= 0) {
                        x[rd] = ram.read8(pa);
                    } else if (load(va, Insn.LBU)) {
                        x[rd] = loaded;
                    } else {
                        cause = CAUSE_LOAD_PAGE_FAULT;
                        break loop;
                    }
                }
                case Insn.LB, Insn.LH, Insn.LHU, Insn.LWU, Insn.FLW, Insn.FLD -> {
                    int op = (int) d & 0xff;
                    if (!load(x[rs1] + imm, op)) {
                        cause = CAUSE_LOAD_PAGE_FAULT;
                        break loop;
                    }
                    if (op == Insn.FLW) {
                        f[rd] = Fpu.box(loaded);
                    } else if (op == Insn.FLD) {
                        f[rd] = loaded;
                    } else {
                        x[rd] = loaded;
                    }
                }
                case Insn.SD -> {
                    long va = x[rs1] + imm;
                    long pa = tlb.store(va);
                    if (pa >= 0 && (va & 0xfff) <= 0xff8) {
                        ram.write64(pa, x[rs2]);
                    } else if (!store(va, 8, x[rs2])) {
                        cause = CAUSE_STORE_PAGE_FAULT;
                        break loop;
                    }
                }
                case Insn.SW -> {
                    long va = x[rs1] + imm;
                    long pa = tlb.store(va);
                    if (pa >= 0 && (va & 0xfff) <= 0xffc) {
                        ram.write32(pa, (int) x[rs2]);
                    } else if (!store(va, 4, x[rs2])) {
                        cause = CAUSE_STORE_PAGE_FAULT;
                        break loop;
                    }
                }
                case Insn.SB -> {
                    long va = x[rs1] + imm;
                    long pa = tlb.store(va);
                    if (pa >= 0) {
                        ram.write8(pa, (int) x[rs2]);
                    } else if (!store(va, 1, x[rs2])) {
                        cause = CAUSE_STORE_PAGE_FAULT;
                        break loop;
                    }
                }
                case Insn.SH, Insn.FSW, Insn.FSD -> {
                    int op = (int) d & 0xff;
                    long value = op == Insn.SH ? x[rs2] : f[rs2];
                    if (!store(x[rs1] + imm, op == Insn.FSD ? 8 : op == Insn.FSW ? 4 : 2, value)) {
                        cause = CAUSE_STORE_PAGE_FAULT;
                        break loop;
                    }
                }
                case Insn.ADDI -> x[rd] = x[rs1] + imm;
                case Insn.SLTI -> x[rd] = x[rs1] < imm ? 1 : 0;
                case Insn.SLTIU -> x[rd] = Long.compareUnsigned(x[rs1], imm) < 0 ? 1 : 0;
                case Insn.XORI -> x[rd] = x[rs1] ^ imm;
                case Insn.ORI -> x[rd] = x[rs1] | imm;
                case Insn.ANDI -> x[rd] = x[rs1] & imm;
                case Insn.SLLI -> x[rd] = x[rs1] << imm;
                case Insn.SRLI -> x[rd] = x[rs1] >>> imm;
                case Insn.SRAI -> x[rd] = x[rs1] >> imm;
                case Insn.ADD -> x[rd] = x[rs1] + x[rs2];
                case Insn.SUB -> x[rd] = x[rs1] - x[rs2];
                case Insn.SLL -> x[rd] = x[rs1] << x[rs2];
                case Insn.SLT -> x[rd] = x[rs1] < x[rs2] ? 1 : 0;
                case Insn.SLTU -> x[rd] = Long.compareUnsigned(x[rs1], x[rs2]) < 0 ? 1 : 0;
                case Insn.XOR -> x[rd] = x[rs1] ^ x[rs2];
                case Insn.SRL -> x[rd] = x[rs1] >>> x[rs2];
                case Insn.SRA -> x[rd] = x[rs1] >> x[rs2];
                case Insn.OR -> x[rd] = x[rs1] | x[rs2];
                case Insn.AND -> x[rd] = x[rs1] & x[rs2];
                case Insn.ADDIW -> x[rd] = (int) x[rs1] + imm;
                case Insn.SLLIW -> x[rd] = (int) x[rs1] << imm;
                case Insn.SRLIW -> x[rd] = (int) x[rs1] >>> imm;
                case Insn.SRAIW -> x[rd] = (int) x[rs1] >> imm;
                case Insn.ADDW -> x[rd] = (int) x[rs1] + (int) x[rs2];
                case Insn.SUBW -> x[rd] = (int) x[rs1] - (int) x[rs2];
                case Insn.SLLW -> x[rd] = (int) x[rs1] << (int) x[rs2];
                case Insn.SRLW -> x[rd] = (int) x[rs1] >>> (int) x[rs2];
                case Insn.SRAW -> x[rd] = (int) x[rs1] >> (int) x[rs2];
                case Insn.MUL -> x[rd] = x[rs1] * x[rs2];
                case Insn.MULW -> x[rd] = (int) x[rs1] * (int) x[rs2];
                case Insn.DIVU -> x[rd] = x[rs2] == 0 ? -1 : Long.divideUnsigned(x[rs1], x[rs2]);
                case Insn.REMU -> x[rd] = x[rs2] == 0 ? x[rs1] : Long.remainderUnsigned(x[rs1], x[rs2]);
                case Insn.FENCE -> {
                    // one hart at a time: memory is already ordered
                }
                case Insn.FENCE_I -> pageVpn = -1;
                case Insn.ECALL -> {
                    cause = CAUSE_USER_ECALL;
                    break loop;
                }
                case Insn.EBREAK -> {
                    cause = CAUSE_BREAKPOINT;
                    stval = pc;
                    break loop;
                }
                case Insn.ILLEGAL -> {
                    cause = CAUSE_ILLEGAL_INSTRUCTION;
                    stval = 0;
                    break loop;
                }
                default -> {
                    int c = execute(d, x, f, n);
                    x[0] = 0;
                    if (c != 0) {
                        cause = c;
                        break loop;
                    }
                }
            }
            pc = next;
            n++;
        }
        x[0] = 0;
        this.pc = pc;
        retired = n;
        instret += n;
        return cause;
    }

    /** Decodes the instruction at {@code slot} of a page; 0 when its second half is on a page that faults. */
    private long decode(long[] page, int slot, long pagePa, long pc) {
        int lo = ram.read16(pagePa + ((long) slot << 1));
        if (!Decoder.is32(lo)) {
            return page[slot] = Decoder.decode16(lo);
        }
        if (slot != DecodedPages.SLOTS - 1) {
            return page[slot] = Decoder.decode32(lo | ram.read16(pagePa + ((long) slot << 1) + 2) << 16);
        }
        // straddles two pages: decoded each time, as the next page may be remapped
        long pa = translate(Tlb.FETCH, pc + 2);
        return pa < 0 ? 0 : Decoder.decode32(lo | ram.read16(pa) << 16);
    }

    /** The physical address of {@code va} for an access kind through the TLB, or -1 for a page fault. */
    private long translate(int kind, long va) {
        long pa = tlb.lookup(kind, va);
        if (pa >= 0) {
            return pa;
        }
        pa = mmu.translate(satp, va, ACCESS[kind]);
        if (pa != Mmu.FAULT) {
            tlb.fill(kind, va, pa);
        }
        return pa;
    }

    private static int size(int loadOp) {
        return switch (loadOp) {
            case Insn.LB, Insn.LBU -> 1;
            case Insn.LH, Insn.LHU -> 2;
            case Insn.LW, Insn.LWU, Insn.FLW -> 4;
            default -> 8;
        };
    }

    /** A load into {@link #loaded}, extended as {@code op} says; false (stval set) on a page fault. */
    private boolean load(long va, int op) {
        int size = size(op);
        long pa = translate(Tlb.LOAD, va);
        if (pa < 0) {
            stval = va;
            return false;
        }
        long v;
        if ((va & 0xfff) <= 4096 - size) {
            v = switch (size) {
                case 1 -> ram.read8(pa);
                case 2 -> ram.read16(pa);
                case 4 -> ram.read32(pa) & 0xffff_ffffL;
                default -> ram.read64(pa);
            };
        } else {
            v = 0;
            for (int i = 0; i < size; i++) {
                long b = translate(Tlb.LOAD, va + i);
                if (b < 0) {
                    stval = va + i;
                    return false;
                }
                v |= (long) ram.read8(b) << (8 * i);
            }
        }
        loaded = switch (op) {
            case Insn.LB -> (byte) v;
            case Insn.LH -> (short) v;
            case Insn.LW -> (int) v;
            default -> v;
        };
        return true;
    }

    /** A store of the low {@code size} bytes of {@code value}; false (stval set) on a page fault. */
    private boolean store(long va, int size, long value) {
        long pa = translate(Tlb.STORE, va);
        if (pa < 0) {
            stval = va;
            return false;
        }
        if ((va & 0xfff) <= 4096 - size) {
            switch (size) {
                case 1 -> ram.write8(pa, (int) value);
                case 2 -> ram.write16(pa, (int) value);
                case 4 -> ram.write32(pa, (int) value);
                default -> ram.write64(pa, value);
            }
            return true;
        }
        // across a page: both pages must be writable before any byte changes
        long second = translate(Tlb.STORE, (va | 0xfff) + 1);
        if (second < 0) {
            stval = (va | 0xfff) + 1;
            return false;
        }
        for (int i = 0; i < size; i++) {
            ram.write8(translate(Tlb.STORE, va + i), (int) (value >>> (8 * i)));
        }
        return true;
    }

    /** M's division and high multiplies, A, Zicsr, F and D: 0, or the cause of a trap. */
    private int execute(long d, long[] x, long[] f, long inflight) {
        int op = (int) d & 0xff;
        int rd = (int) (d >>> 8) & 31;
        int rs1 = (int) (d >>> 13) & 31;
        int rs2 = (int) (d >>> 18) & 31;
        long a = x[rs1];
        long b = x[rs2];
        switch (op) {
            case Insn.MULH -> x[rd] = Math.multiplyHigh(a, b);
            case Insn.MULHU -> x[rd] = Math.unsignedMultiplyHigh(a, b);
            case Insn.MULHSU -> x[rd] = Math.multiplyHigh(a, b) + (b < 0 ? a : 0);
            case Insn.DIV -> x[rd] = b == 0 ? -1 : a / b;
            case Insn.REM -> x[rd] = b == 0 ? a : a % b;
            case Insn.DIVW -> x[rd] = (int) b == 0 ? -1 : (int) a / (int) b;
            case Insn.DIVUW -> x[rd] = (int) b == 0 ? -1 : Integer.divideUnsigned((int) a, (int) b);
            case Insn.REMW -> x[rd] = (int) b == 0 ? (int) a : (int) a % (int) b;
            case Insn.REMUW -> x[rd] = (int) b == 0 ? (int) a : Integer.remainderUnsigned((int) a, (int) b);
            case Insn.AMO_W, Insn.AMO_D -> {
                return amo(op == Insn.AMO_D, Insn.rs3(d), rd, a, b, x);
            }
            case Insn.CSRRW, Insn.CSRRS, Insn.CSRRC, Insn.CSRRWI, Insn.CSRRSI, Insn.CSRRCI -> {
                return csr(op, Insn.imm(d) & 0xfff, rd, rs1, x, inflight);
            }
            default -> {
                return FpExecute.execute(fpu, d, x, f);
            }
        }
        return 0;
    }

    private int amo(boolean wide, int f5, int rd, long addr, long src, long[] x) {
        int size = wide ? 8 : 4;
        if ((addr & (size - 1)) != 0) {
            stval = addr;
            return f5 == Amo.LR ? CAUSE_LOAD_MISALIGNED : CAUSE_STORE_MISALIGNED;
        }
        long pa = translate(f5 == Amo.LR ? Tlb.LOAD : Tlb.STORE, addr);
        if (pa < 0) {
            stval = addr;
            return f5 == Amo.LR ? CAUSE_LOAD_PAGE_FAULT : CAUSE_STORE_PAGE_FAULT;
        }
        long mem = wide ? ram.read64(pa) : ram.read32(pa);
        switch (f5) {
            case Amo.LR -> {
                reservation = pa;
                x[rd] = mem;
            }
            case Amo.SC -> {
                boolean ok = reservation == pa;
                reservation = -1;
                if (ok) {
                    write(pa, wide, src);
                }
                x[rd] = ok ? 0 : 1;
            }
            default -> {
                long value = wide ? Amo.apply_d(f5, mem, src) : Amo.apply_w(f5, (int) mem, (int) src);
                write(pa, wide, value);
                x[rd] = mem;
            }
        }
        return 0;
    }

    private void write(long pa, boolean wide, long value) {
        if (wide) {
            ram.write64(pa, value);
        } else {
            ram.write32(pa, (int) value);
        }
    }

    private int csr(int op, int csr, int rd, int rs1, long[] x, long inflight) {
        boolean immediate = op >= Insn.CSRRWI;
        long operand = immediate ? rs1 : x[rs1];
        int kind = immediate ? op - Insn.CSRRWI : op - Insn.CSRRW;
        // csrrs/csrrc with x0 (or uimm 0) only read
        boolean writes = kind == 0 || rs1 != 0;
        if (!csrs.accessible(csr, writes)) {
            stval = 0;
            return CAUSE_ILLEGAL_INSTRUCTION;
        }
        long old = kind == 0 && rd == 0 ? 0 : csrs.read(csr, inflight);
        if (writes) {
            csrs.write(csr, switch (kind) {
                case 0 -> operand;
                case 1 -> old | operand;
                default -> old & ~operand;
            });
        }
        x[rd] = old;
        return 0;
    }
}
