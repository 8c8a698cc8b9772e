package org.jstap.lang.cli;

import org.jstap.lang.parse.TargetInfo;
import org.jstap.sim.Kernel;
import picocli.CommandLine;

/** {@code --version}: what this is and which SystemTap language level it implements. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {
            "jstap translator/driver (version " + (v == null ? "dev" : v) + ", SystemTap language "
                    + TargetInfo.SYSTEMTAP_VERSION + ")",
            "Simulated kernel " + Kernel.RELEASE + " " + Kernel.MACHINE,
        };
    }
}
