package org.jstap.sim.arch.riscv;

/**
 * Code that runs in user mode: a program written in Java, a function of one (a forked child's
 * continuation, a signal handler). It sees only what a RISC-V program sees: its registers, its
 * memory through the MMU, and {@code ecall} ({@link UserMode}). The value it returns is what the
 * crt passes to exit_group.
 */
@FunctionalInterface
public interface UserCode {
    long run(UserMode cpu);
}
