package org.jstap.lang.driver;

import java.nio.file.Path;
import java.util.List;
import org.jstap.lang.diag.SourceFile;
import org.jstap.sim.KernelConfig;

/**
 * One translation and run, as the command line describes it.
 *
 * @param script     the user's script
 * @param args       script arguments ($1, @1 ...)
 * @param lastPass   stop after this pass (1-5), as {@code -p}
 * @param verbose    {@code -v} count
 * @param includes   {@code -I} tapset directories
 * @param guru       {@code -g}
 * @param keep       {@code -k}: keep the build directory
 * @param kernel     the machine to boot for pass 5
 * @param dmesg      print the kernel log after the run
 * @param noWarnings {@code -w}: suppress warnings
 * @param unoptimized {@code -u}: no elision of unused code in pass 2
 * @param limits     MAXACTION and friends, after {@code -D}
 * @param cacheDir   where compiled modules are kept between runs; null for no cache
 * @param globalDisplay print globals written but never read at exit (off: {@code --no-global-var-display})
 * @param timeLimitNs {@code -T}: end the session after this much virtual time (0: no limit)
 * @param boot       {@code --boot}: attach before start_kernel, to trace the boot
 * @param command    {@code -c}: run this under sh -c on the machine; the session ends when it exits (null: none)
 */
public record Options(SourceFile script, List<String> args, int lastPass, int verbose, List<Path> includes,
                      boolean guru, boolean keep, KernelConfig kernel, boolean dmesg, boolean noWarnings,
                      boolean unoptimized, org.jstap.runtime.Limits limits, Path cacheDir, boolean globalDisplay,
                      long timeLimitNs, boolean boot, String command) {

    /** The options of a plain run: pass 5, no flags, default machine and limits. */
    public static Options of(SourceFile script, List<String> args) {
        return new Options(script, args, 5, 0, List.of(), false, false, KernelConfig.defaults(), false, false, false,
                org.jstap.runtime.Limits.DEFAULTS, null, true, 0, false, null);
    }

    /** The same with {@code -u}: nothing elided in pass 2. */
    public Options withUnoptimized() {
        return new Options(script, args, lastPass, verbose, includes, guru, keep, kernel, dmesg, noWarnings, true,
                limits, cacheDir, globalDisplay, timeLimitNs, boot, command);
    }

    public Options withTimeLimit(long ns) {
        return new Options(script, args, lastPass, verbose, includes, guru, keep, kernel, dmesg, noWarnings, unoptimized,
                limits, cacheDir, globalDisplay, ns, boot, command);
    }

    public Options withBoot() {
        return new Options(script, args, lastPass, verbose, includes, guru, keep, kernel, dmesg, noWarnings, unoptimized,
                limits, cacheDir, globalDisplay, timeLimitNs, true, command);
    }

    public Options withLastPass(int pass) {
        return new Options(script, args, pass, verbose, includes, guru, keep, kernel, dmesg, noWarnings, unoptimized,
                limits, cacheDir, globalDisplay, timeLimitNs, boot, command);
    }

    /** {@code -c CMD}: the command the session runs and ends with. */
    public Options withCommand(String cmd) {
        return new Options(script, args, lastPass, verbose, includes, guru, keep, kernel, dmesg, noWarnings, unoptimized,
                limits, cacheDir, globalDisplay, timeLimitNs, boot, cmd);
    }

    /** {@code -D NAME=VALUE} limits. */
    public Options withLimits(org.jstap.runtime.Limits newLimits) {
        return new Options(script, args, lastPass, verbose, includes, guru, keep, kernel, dmesg, noWarnings, unoptimized,
                newLimits, cacheDir, globalDisplay, timeLimitNs, boot, command);
    }

    /** The machine to boot ({@code --disk}, {@code --share}, the seed...). */
    public Options withKernel(KernelConfig newKernel) {
        return new Options(script, args, lastPass, verbose, includes, guru, keep, newKernel, dmesg, noWarnings,
                unoptimized, limits, cacheDir, globalDisplay, timeLimitNs, boot, command);
    }
}
