package org.jstap.sim.ltp;

import static org.jstap.sim.arch.riscv.SyscallTable.*;
import static org.jstap.sim.fs.PollTable.*;
import static org.jstap.sim.kernel.Errno.*;

import org.junit.jupiter.api.Test;

/** ppoll and pselect6 (LTP poll01-02, ppoll01, pselect01-03, select01-04). */
class SelectPollTest {
    static long pollfds(Ltp t, int[] fds, int events) {
        long a = t.buf(8 * fds.length);
        for (int i = 0; i < fds.length; i++) {
            t.sw(a + 8L * i, fds[i]);
            t.sw(a + 8L * i + 4, events);
        }
        return a;
    }

    static int revents(Ltp t, long a, int i) {
        return (t.u32(a + 8L * i + 4) >>> 16) & 0xffff;
    }

    static long zero(Ltp t) {
        return t.buf(16);
    }

    @Test
    void ppoll_pipe() {
        Ltp.run(t -> {
            int[] p = t.pipe(0);
            long a = pollfds(t, new int[] {p[0], p[1], -1, 999}, POLLIN | POLLOUT);
            t.TST_EXP_VAL(t.sys(__NR_ppoll, a, 4, zero(t), 0, 8), 2, "write end and the bad fd are ready");
            t.TST_EXP_VAL(revents(t, a, 0), 0, "empty read end");
            t.TST_EXP_VAL(revents(t, a, 1) & POLLOUT, POLLOUT, "write end POLLOUT");
            t.TST_EXP_VAL(revents(t, a, 2), 0, "fd -1 is ignored");
            t.TST_EXP_VAL(revents(t, a, 3), POLLNVAL, "a closed fd is POLLNVAL");
            t.write(p[1], "x");
            long b = pollfds(t, new int[] {p[0]}, POLLIN);
            t.TST_EXP_VAL(t.sys(__NR_ppoll, b, 1, zero(t), 0, 8), 1, "data makes the read end ready");
            t.TST_EXP_VAL(revents(t, b, 0) & POLLIN, POLLIN, "POLLIN");
            t.close(p[1]);
            t.read(p[0], 10);
            long c = pollfds(t, new int[] {p[0]}, POLLIN);
            t.TST_EXP_VAL(t.sys(__NR_ppoll, c, 1, zero(t), 0, 8), 1, "a closed writer");
            t.TST_EXP_VAL(revents(t, c, 0) & POLLHUP, POLLHUP, "POLLHUP");
            t.TST_EXP_VAL(t.sys(__NR_ppoll, 0, 0, zero(t), 0, 8), 0, "no fds, zero timeout");
            t.TST_EXP_FAIL(t.sys(__NR_ppoll, Ltp.UNMAPPED, 1, zero(t), 0, 8), EFAULT, "fds unmapped");
            t.TST_EXP_FAIL(t.sys(__NR_ppoll, a, 1 << 20, zero(t), 0, 8), EINVAL, "nfds over RLIMIT_NOFILE");
            long bad = t.buf(16);
            t.cpu.sd(bad + 8, -1);
            t.TST_EXP_FAIL(t.sys(__NR_ppoll, a, 1, bad, 0, 8), EINVAL, "negative tv_nsec");
            t.TST_EXP_FAIL(t.sys(__NR_ppoll, a, 1, Ltp.UNMAPPED, 0, 8), EFAULT, "timeout unmapped");
        });
    }

    /** A struct timespec of {@code ns}. */
    static long timespec(Ltp t, long ns) {
        long a = t.buf(16);
        t.cpu.sd(a, ns / 1_000_000_000L);
        t.cpu.sd(a + 8, ns % 1_000_000_000L);
        return a;
    }

    static long ns(Ltp t, long ts) {
        return t.cpu.ld(ts) * 1_000_000_000L + t.cpu.ld(ts + 8);
    }

    @Test
    void timeout_leftIsWrittenBack() {
        Ltp.run(t -> {
            int[] p = t.pipe(0);
            // ready at once: the timeout less the call's own cost is left
            long a = pollfds(t, new int[] {p[1]}, POLLOUT);
            long ts = timespec(t, 2_000_000_000L);
            t.TST_EXP_VAL(t.sys(__NR_ppoll, a, 1, ts, 0, 8), 1, "write end ready");
            long left = ns(t, ts);
            t.TST_EXP_VAL(left > 1_999_000_000L && left < 2_000_000_000L ? 1 : 0, 1, "ppoll leaves nearly all the timeout");
            // nothing ready: the wait runs out and nothing is left
            long b = pollfds(t, new int[] {p[0]}, POLLIN);
            long ts2 = timespec(t, 10_000_000L);
            t.TST_EXP_VAL(t.sys(__NR_ppoll, b, 1, ts2, 0, 8), 0, "timed out");
            t.TST_EXP_VAL(ns(t, ts2), 0, "ppoll's time left after a timeout");
            long r = t.buf(128);
            t.cpu.sd(r, 1L << p[0]);
            long ts3 = timespec(t, 10_000_000L);
            t.TST_EXP_VAL(t.sys(__NR_pselect6, p[0] + 1, r, 0, 0, ts3, 0), 0, "pselect6 timed out");
            t.TST_EXP_VAL(ns(t, ts3), 0, "pselect6's time left after a timeout");
            long ts4 = timespec(t, 0);
            t.TST_EXP_VAL(t.sys(__NR_ppoll, b, 1, ts4, 0, 8), 0, "zero timeout");
            t.TST_EXP_VAL(ns(t, ts4), 0, "a zero timeout stays zero");
        });
    }

    @Test
    void pselect6_pipe() {
        Ltp.run(t -> {
            int[] p = t.pipe(0);
            long r = t.buf(128);
            long w = t.buf(128);
            t.cpu.sd(r, 1L << p[0]);
            t.cpu.sd(w, 1L << p[1]);
            t.TST_EXP_VAL(t.sys(__NR_pselect6, p[1] + 1, r, w, 0, zero(t), 0), 1, "only the write end is ready");
            t.TST_EXP_VAL(t.cpu.ld(r), 0, "read set cleared");
            t.TST_EXP_VAL(t.cpu.ld(w), 1L << p[1], "write set kept");
            t.write(p[1], "x");
            t.cpu.sd(r, 1L << p[0]);
            t.TST_EXP_VAL(t.sys(__NR_pselect6, p[1] + 1, r, 0, 0, zero(t), 0), 1, "the read end is ready");
            t.TST_EXP_VAL(t.cpu.ld(r), 1L << p[0], "read set kept");
            t.TST_EXP_VAL(t.sys(__NR_pselect6, 0, 0, 0, 0, zero(t), 0), 0, "nothing, zero timeout");
            t.TST_EXP_FAIL(t.sys(__NR_pselect6, -1, r, 0, 0, zero(t), 0), EINVAL, "n = -1");
            t.cpu.sd(r, 1L << 40);
            t.TST_EXP_FAIL(t.sys(__NR_pselect6, 41, r, 0, 0, zero(t), 0), EBADF, "a closed fd in the set");
            t.TST_EXP_FAIL(t.sys(__NR_pselect6, 8, Ltp.UNMAPPED, 0, 0, zero(t), 0), EFAULT, "set unmapped");
            long bad = t.buf(16);
            t.cpu.sd(bad, -1);
            t.TST_EXP_FAIL(t.sys(__NR_pselect6, 0, 0, 0, 0, bad, 0), EINVAL, "negative tv_sec");
        });
    }
}
