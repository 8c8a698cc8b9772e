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
 */
public record Options(SourceFile script, List<String> args, int lastPass, int verbose, List<Path> includes,
                      boolean guru, boolean keep, KernelConfig kernel, boolean dmesg, boolean noWarnings,
                      boolean unoptimized) {}
