package org.jstap.sim.init;

/**
 * include/linux/init.h: the order in which boot runs the initcalls subsystems register.
 * {@code EARLY} ones run first, from {@code do_pre_smp_initcalls}; the rest run level by level
 * from {@code do_initcalls}, named as {@code initcall_level_names} names them.
 */
public enum InitcallLevel {
    EARLY("early"),
    PURE("pure"),
    CORE("core"),
    POSTCORE("postcore"),
    ARCH("arch"),
    SUBSYS("subsys"),
    FS("fs"),
    DEVICE("device"),
    LATE("late");

    private final String linuxName;

    InitcallLevel(String linuxName) {
        this.linuxName = linuxName;
    }

    /** The level's name in Linux ({@code "core"}, {@code "late"}), as tracing and dmesg show it. */
    public String linuxName() {
        return linuxName;
    }
}
