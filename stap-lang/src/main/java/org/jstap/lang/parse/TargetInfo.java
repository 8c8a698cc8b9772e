package org.jstap.lang.parse;

import java.util.List;
import java.util.Map;

/**
 * What the preprocessor's conditions ask about the machine and the session:
 * {@code %( kernel_v >= "5.0" %? ... %)}, {@code arch}, {@code CONFIG_*}, {@code guru_mode}, {@code $1}.
 *
 * @param kernelRelease {@code uname -r}, e.g. {@code 6.1.0-jstap}; kernel_v is its part before the first '-'
 * @param arch          stap's architecture name ({@code riscv} for the simulated RV64 machine)
 * @param config        the kernel's .config entries, e.g. {@code CONFIG_SMP -> y}
 * @param guruMode      {@code -g} given
 * @param args          script arguments after the script ({@code $1}, {@code @1} ...)
 */
public record TargetInfo(String kernelRelease, String arch, Map<String, String> config, boolean guruMode,
                         List<String> args) {

    /** The SystemTap language version jstap implements, for {@code systemtap_v}. */
    public static final String SYSTEMTAP_VERSION = "5.0";

    public String kernelVersion() {
        int dash = kernelRelease.indexOf('-');
        return dash < 0 ? kernelRelease : kernelRelease.substring(0, dash);
    }

    public TargetInfo withArgs(List<String> newArgs) {
        return new TargetInfo(kernelRelease, arch, config, guruMode, List.copyOf(newArgs));
    }

    public TargetInfo withGuruMode(boolean guru) {
        return new TargetInfo(kernelRelease, arch, config, guru, args);
    }
}
