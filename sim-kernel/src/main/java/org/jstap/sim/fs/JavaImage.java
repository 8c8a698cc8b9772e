package org.jstap.sim.fs;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jstap.sim.arch.riscv.UserCode;

/**
 * A loaded Java program, what {@code mm->exe_file} holds for it: its code by text address. The
 * crt entry and the fixed trampolines sit at known addresses; functions the program hands to the
 * kernel (a child's continuation, a signal handler) are given addresses as they are first used,
 * as if they had been in the text all along. A forked child shares the image with its parent.
 */
public final class JavaImage {
    public static final long TEXT_BASE = 0x10000;
    /** How much text the image maps: room for 16k functions. */
    public static final long TEXT_SIZE = 0x10000;
    /** The one ecall instruction of the syscall stub; user mode resumes at ECALL_SITE + 4. */
    public static final long ECALL_SITE = TEXT_BASE + 0x40;
    /** Where a forked child resumes (ECALL_SITE + 4): a trampoline that calls the function in t0. */
    public static final long FORK_RETURN = ECALL_SITE + 4;
    /** Where user mode resumes after an interrupt or a fault taken outside a syscall. */
    public static final long USER_SITE = TEXT_BASE + 0x80;
    /** _start: the crt, which calls the program and passes its result to exit_group. */
    public static final long ENTRY = TEXT_BASE + 0x100;
    private static final long FIRST_FUNCTION = TEXT_BASE + 0x200;

    public final String name;
    public final UserCode main;
    /** The program file's place (/proc/PID/exe). */
    public Path exe_path;
    private final Map<Long, UserCode> text = new HashMap<>();
    private final Map<UserCode, Long> addresses = new IdentityHashMap<>();
    private long next = FIRST_FUNCTION;

    public JavaImage(String name, UserCode main) {
        this.name = name;
        this.main = main;
    }

    /** The address of {@code code} in the text, giving it one on first use. */
    public long text_address(UserCode code) {
        Long a = addresses.get(code);
        if (a != null) {
            return a;
        }
        if (next >= TEXT_BASE + TEXT_SIZE) {
            throw new IllegalStateException(name + ": text full");
        }
        long addr = next;
        next += 4;
        text.put(addr, code);
        addresses.put(code, addr);
        return addr;
    }

    /** The function at {@code addr}, or null. */
    public UserCode code_at(long addr) {
        return text.get(addr);
    }
}
